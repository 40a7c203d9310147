package ui

import (
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"phoneaudit/lang"
	"phoneaudit/scoring"
)

// callKeyMap is every key of the call screen. syncKeys switches on only
// the ones of the current mode, which is what makes the screen modal: a
// disabled binding never matches, so in dialling `y` does nothing and in
// scoring `5` sets a value and is never an outcome; and help shows exactly
// the keys that work.
type callKeyMap struct {
	Dial     key.Binding // idle: space starts dialling (the timer runs)
	Answered key.Binding // dialling: space = 11
	Outcomes []outcomeKey
	outcomes key.Binding // "2-7" in the one-line help

	Up, Down           key.Binding
	move, answer       key.Binding // "↑/↓ 选择" and "y/p/n 是/部分/否" in the one-line help
	Scale              key.Binding // 0–9, up to the selected criterion's max
	Yes, Partly, No    key.Binding
	Seconds            key.Binding
	AnsweredBy         key.Binding
	Recording          key.Binding
	Notes              key.Binding
	Undo               key.Binding
	Abandon            key.Binding
	Submit             key.Binding
	Consensus, Accept  key.Binding // a lead, on a call that needs review
	Drop               key.Binding // a lead: a panel member's sheet never submitted
	TakeOver           key.Binding // my sheet open in another session: take it over (or back)
	Back               key.Binding // esc: back to the list
	Close              key.Binding // enter on a finished call
	Save, Next, Cancel key.Binding // in the small forms
	Confirm, Deny      key.Binding // in the questions
	CloseNotes         key.Binding // esc in the notes
}

// outcomeKey is one key of the outcome picker.
type outcomeKey struct {
	binding key.Binding
	outcome scoring.Outcome
}

func newCallKeyMap(l lang.Lang) callKeyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	k := callKeyMap{
		Dial:       b("space", tr(l, msgKeyDial), "space"),
		Answered:   b("space", outcomeWords(scoring.Connected, l), "space"),
		outcomes:   b("2-7", tr(l, msgKeyOtherOutcomes), "2", "3", "4", "5", "6", "7"),
		Up:         b("↑/k", tr(l, msgKeyUp), "up", "k"),
		move:       b("↑/↓", tr(l, msgKeyChoose), "up", "down"),
		answer:     b("y/n", tr(l, msgYes)+"/"+tr(l, msgNo), "y", "n"),
		Down:       b("↓/j", tr(l, msgKeyDown), "down", "j"),
		Scale:      b("0-9", tr(l, msgKeyScale), "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
		Yes:        b("y", tr(l, msgYes), "y"),
		Partly:     b("p", tr(l, msgPartly), "p"),
		No:         b("n", tr(l, msgNo), "n"),
		Seconds:    b("s", tr(l, msgKeySeconds), "s"),
		AnsweredBy: b("a", tr(l, msgKeyAnsweredBy), "a"),
		Recording:  b("r", tr(l, msgKeyRecording), "r"),
		Notes:      b("e", tr(l, msgKeyNotes), "e"),
		Undo:       b("u", tr(l, msgKeyUndo), "u"),
		Abandon:    b("x", tr(l, msgKeyAbandon), "x"),
		Submit:     b("ctrl+s", tr(l, msgKeySubmit), "ctrl+s"),
		Consensus:  b("C", tr(l, msgKeyConsensus), "C"),
		Accept:     b("K", tr(l, msgKeyAccept), "K"),
		Drop:       b("D", tr(l, msgKeyDropSheet), "D"),
		TakeOver:   b("T", tr(l, msgKeyTakeOver), "T"),
		Back:       b("esc", tr(l, msgKeyBack), "esc"),
		Close:      b("enter", tr(l, msgKeyBack), "enter"),
		Save:       b("enter", tr(l, msgKeySave), "enter"),
		Next:       b("tab", tr(l, msgKeyNextField), "tab"),
		Cancel:     b("esc", tr(l, msgKeyCancel), "esc"),
		Confirm:    b("y", tr(l, msgKeyConfirm), "y"),
		Deny:       b("n/esc", tr(l, msgKeyCancel), "n", "esc"),
		CloseNotes: b("esc", tr(l, msgKeyCloseNotes), "esc"),
	}
	for i, o := range []scoring.Outcome{scoring.ConnectedDept, scoring.WrongNumber, scoring.HungUp,
		scoring.NoAnswer, scoring.Busy, scoring.Invalid} {
		n := fmt.Sprint(i + 2)
		k.Outcomes = append(k.Outcomes, outcomeKey{b(n, outcomeWords(o, l), n), o})
	}
	return k
}

// outcomeWords is "无人接听(21)".
func outcomeWords(o scoring.Outcome, l lang.Lang) string {
	return fmt.Sprintf("%s(%d)", o.Label(l), int(o))
}

// syncKeys switches on the keys of the current mode and form.
func (c *callScreen) syncKeys() {
	k := &c.keys
	mode, form := c.mode(), c.form
	free := form == formNone && !c.busy // no form or question open, nothing on its way
	scoring_ := free && mode == modeScoring
	cr, hasCrit := c.selected()

	k.Dial.SetEnabled(free && mode == modeIdle)
	k.Answered.SetEnabled(free && mode == modeDialling)
	k.outcomes.SetEnabled(free && mode == modeDialling)
	for i := range k.Outcomes {
		k.Outcomes[i].binding.SetEnabled(free && mode == modeDialling)
	}
	k.Up.SetEnabled(scoring_ && len(c.criteria()) > 1)
	k.Down.SetEnabled(scoring_ && len(c.criteria()) > 1)
	k.Scale.SetEnabled(scoring_ && hasCrit && cr.Kind == scoring.Scale)
	if hasCrit && cr.Kind == scoring.Scale {
		k.Scale.SetHelp(fmt.Sprintf("0-%d", cr.Max), tr(c.lang, msgKeyScale))
	}
	yn := hasCrit && (cr.Kind == scoring.YesNo || cr.Kind == scoring.YesPartlyNo)
	k.Yes.SetEnabled(scoring_ && yn)
	k.No.SetEnabled(scoring_ && yn)
	k.Partly.SetEnabled(scoring_ && hasCrit && cr.Kind == scoring.YesPartlyNo)
	k.move.SetEnabled(k.Up.Enabled())
	k.answer.SetEnabled(k.Yes.Enabled())
	if k.Partly.Enabled() {
		k.answer.SetHelp("y/p/n", tr(c.lang, msgYes)+"/"+tr(c.lang, msgPartly)+"/"+tr(c.lang, msgNo))
	} else {
		k.answer.SetHelp("y/n", tr(c.lang, msgYes)+"/"+tr(c.lang, msgNo))
	}
	// The call's own record is its caller's: a panel member and a consensus
	// set only criteria.
	own := c.caller() && c.review == reviewNone
	k.Seconds.SetEnabled(scoring_ && own && c.sess.rubric.SecondsKey() != "")
	k.AnsweredBy.SetEnabled(scoring_ && own)
	k.Recording.SetEnabled(scoring_ && own)
	k.Notes.SetEnabled(free && own && (mode == modeScoring || mode == modeIdle || mode == modeDialling))
	k.Undo.SetEnabled(free && c.review == reviewNone && (mode == modeScoring || mode == modeIdle) && len(c.undo) > 0)
	k.Abandon.SetEnabled(scoring_ && c.review == reviewNone)
	k.Submit.SetEnabled(scoring_)
	if c.review == reviewConsensus {
		k.Submit.SetHelp("ctrl+s", tr(c.lang, msgKeySaveConsensus))
	} else {
		k.Submit.SetHelp("ctrl+s", tr(c.lang, msgKeySubmit))
	}
	k.Consensus.SetEnabled(free && c.canReview())
	k.Accept.SetEnabled(free && c.canReview())
	_, droppable := c.dropCandidate()
	k.Drop.SetEnabled(free && droppable)
	k.Back.SetEnabled(free)
	if c.review == reviewConsensus {
		k.Back.SetHelp("esc", tr(c.lang, msgKeyDropConsensus))
	} else {
		k.Back.SetHelp("esc", tr(c.lang, msgKeyBack))
	}
	k.Close.SetEnabled(free && (mode == modeFinished || mode == modeReadOnly || mode == modeElsewhere))
	k.TakeOver.SetEnabled(free && mode == modeElsewhere)
	if c.lease.lost {
		k.TakeOver.SetHelp("T", tr(c.lang, msgKeyTakeBack))
	} else {
		k.TakeOver.SetHelp("T", tr(c.lang, msgKeyTakeOver))
	}

	k.Save.SetEnabled(form == formAnsweredBy || form == formRecording || form == formSeconds || form == formReview)
	k.Next.SetEnabled(form == formAnsweredBy)
	k.Cancel.SetEnabled(form == formAnsweredBy || form == formRecording || form == formSeconds || form == formSubmit || form == formReview)
	complete := form == formSubmit && len(c.missing()) == 0
	k.Confirm.SetEnabled(form == formAbandon || form == formTakeOver || complete)
	k.Deny.SetEnabled(form == formAbandon || form == formTakeOver || complete)
	if complete {
		k.Cancel.SetEnabled(false) // Deny says esc
	}
	k.CloseNotes.SetEnabled(form == formNotes)
}

// selected is the selected criterion.
func (c callScreen) selected() (scoring.Criterion, bool) {
	cs := c.criteria()
	if c.sel < 0 || c.sel >= len(cs) {
		return scoring.Criterion{}, false
	}
	return cs[c.sel], true
}

// callOut is what a key on the call screen asks of the root.
type callOut struct {
	writes    []op // the writes the keys made, in their order
	cmd       tea.Cmd
	event     callEvent
	notesTick int // start the notes debounce for this sequence number
}

// callEvent tells the root the screen is done.
type callEvent struct {
	kind     eventKind
	result   scoring.Result
	accepted bool   // evReviewed: the aggregate was accepted (else a consensus)
	dropped  string // evReviewed: whose panel sheet was dropped (else a review)
}

type eventKind int

const (
	evNone      eventKind = iota
	evClose               // back to the list
	evSubmitted           // my sheet is in
	evAbandoned           // my draft is given up
	evReviewed            // a lead settled the call: a consensus or the aggregate accepted
)

// handleKey does what the key means in the current mode.
func (c callScreen) handleKey(msg tea.KeyPressMsg, now time.Time) (callScreen, callOut) {
	if c.form != formNone {
		c, out := c.formKey(msg)
		c.syncKeys()
		return c, out
	}
	c.note = ""
	c, out := c.modeKey(msg, now)
	c.syncKeys()
	return c, out
}

func (c callScreen) modeKey(msg tea.KeyPressMsg, now time.Time) (callScreen, callOut) {
	k := c.keys
	switch {
	case c.review == reviewConsensus && key.Matches(msg, k.Back):
		return c.leaveReview(), callOut{}
	case c.review == reviewConsensus && key.Matches(msg, k.Submit):
		return c.askReason(false)
	case key.Matches(msg, k.Consensus):
		return c.startConsensus(), callOut{}
	case key.Matches(msg, k.Accept):
		return c.askReason(true)
	case key.Matches(msg, k.Drop):
		return c.askDrop()
	case key.Matches(msg, k.TakeOver):
		return c.askTakeOver(), callOut{}
	case key.Matches(msg, k.Back), key.Matches(msg, k.Close):
		return c, c.leave()
	case key.Matches(msg, k.Dial):
		return c.startDial(now)
	case key.Matches(msg, k.Answered):
		return c.dialled(scoring.Connected, now)
	case key.Matches(msg, k.Up):
		c.sel = (c.sel - 1 + len(c.criteria())) % len(c.criteria())
	case key.Matches(msg, k.Down):
		c.sel = (c.sel + 1) % len(c.criteria())
	case key.Matches(msg, k.Scale, k.Yes, k.Partly, k.No):
		return c.answerKey(msg)
	case key.Matches(msg, k.Undo):
		return c.undoLast()
	case key.Matches(msg, k.Seconds):
		return c.openSeconds(), callOut{}
	case key.Matches(msg, k.AnsweredBy):
		return c.openAnsweredBy(), callOut{}
	case key.Matches(msg, k.Recording):
		return c.openRecording(), callOut{}
	case key.Matches(msg, k.Notes):
		return c.openNotes(), callOut{}
	case key.Matches(msg, k.Submit):
		return c.openSubmit()
	case key.Matches(msg, k.Abandon):
		c.form = formAbandon
	default:
		for _, o := range k.Outcomes {
			if key.Matches(msg, o.binding) {
				return c.dialled(o.outcome, now)
			}
		}
	}
	return c, callOut{}
}

// leave goes back to the list; the notes go with it, saved now.
func (c callScreen) leave() callOut {
	out := callOut{event: callEvent{kind: evClose}}
	if w, ok := c.flushNotes(); ok {
		out.writes = append(out.writes, w)
	}
	return out
}

// ShortHelp lists the keys of the mode that work now, the most used first.
func (c callScreen) ShortHelp() []key.Binding {
	k := c.keys
	return []key.Binding{
		k.Dial, k.Answered, k.outcomes,
		k.Save, k.Next, k.Cancel, k.Confirm, k.Deny, k.CloseNotes,
		k.move, k.Scale, k.answer, k.Undo, k.Submit,
		k.Consensus, k.Accept, k.Drop, k.TakeOver, k.Back, k.Close,
	}
}

// moreHelp is the keys used now and then; the one-line help puts them after
// ? and ctrl+r, which must not be cut off a narrow line.
func (c callScreen) moreHelp() []key.Binding {
	k := c.keys
	return []key.Binding{k.AnsweredBy, k.Recording, k.Notes, k.Seconds, k.Abandon}
}

func (c callScreen) FullHelp() [][]key.Binding {
	k := c.keys
	outs := []key.Binding{k.Dial, k.Answered}
	for _, o := range k.Outcomes {
		outs = append(outs, o.binding)
	}
	return [][]key.Binding{
		outs,
		{k.Up, k.Down, k.Scale, k.Yes, k.Partly, k.No, k.Seconds},
		{k.AnsweredBy, k.Recording, k.Notes, k.Undo, k.Abandon, k.Submit, k.Consensus, k.Accept, k.Drop, k.TakeOver},
		{k.Save, k.Next, k.Cancel, k.Confirm, k.Deny, k.CloseNotes, k.Back, k.Close},
	}
}
