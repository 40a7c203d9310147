package ui

import (
	"context"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"phoneaudit/scoring"
	"phoneaudit/store"
)

// Moving a planned call (issue 4): in the detail of a round in planning or
// open, a lead picks a call not yet dialled with ↑/↓ and presses m; a small
// form takes the auditor (←/→ among the active auditors, or typed) and the
// slot in city time. The move goes through the queue of operations, and the
// plan is checked again right after it, so the lead sees at once whether the
// move unbalanced the auditors or broke another rule.

// slotLayout is how a slot is typed: "2026-12-03 09:40", city time.
const slotLayout = "2006-01-02 15:04"

// roundsMove is the call picked in the detail and the form that moves it.
type roundsMove struct {
	sel    int        // index into the movable calls
	call   store.Call // the call the form moves
	inputs [2]textinput.Model
	field  int // 0: the auditor, 1: the slot
}

// movedCall says what a move did, for the note.
type movedCall struct {
	office, auditor string
	slot            time.Time
}

func newRoundsMove(s shared) roundsMove {
	l := s.lang
	m := roundsMove{inputs: [2]textinput.Model{
		newFormInput(s, tr(l, msgMoveAuditorIs), 40),
		newFormInput(s, tr(l, msgMoveSlotIs), 16),
	}}
	m.inputs[1].Placeholder = "2026-12-03 09:40"
	return m
}

func (m roundsMove) blurred() roundsMove {
	for i := range m.inputs {
		m.inputs[i].Blur()
	}
	return m
}

// movable is the calls of the detail a lead may move: not yet dialled, in
// a round whose plan may still change.
func (p roundsPage) movable() []store.Call {
	r, ok := p.selected()
	d := p.detail
	if !ok || !p.sess.lead() || !p.hasDetail || d.round.ID != r.ID || d.mine || d.err != "" ||
		(r.Status != store.RoundPlanning && r.Status != store.RoundOpen) {
		return nil
	}
	var out []store.Call
	for _, c := range d.notMade {
		if c.Status == scoring.ToCall {
			out = append(out, c)
		}
	}
	return out
}

// cursorIndex is the index in the detail's notMade of the picked call, or
// -1 when the keys are not picking one.
func (p roundsPage) cursorIndex() int {
	calls := p.movable()
	if !p.inDetail || len(calls) == 0 {
		return -1
	}
	id := calls[min(p.move.sel, len(calls)-1)].ID
	return slices.IndexFunc(p.detail.notMade, func(c store.Call) bool { return c.ID == id })
}

// movesCursor says whether the key picks another call rather than scrolling.
func (p roundsPage) movesCursor(msg tea.KeyPressMsg) bool {
	k := p.keys
	return (k.PrevCall.Enabled() && key.Matches(msg, k.PrevCall)) || (k.NextCall.Enabled() && key.Matches(msg, k.NextCall))
}

func (p roundsPage) moveCursor(msg tea.KeyPressMsg) roundsPage {
	n := len(p.movable())
	if key.Matches(msg, p.keys.PrevCall) {
		p.move.sel--
	} else {
		p.move.sel++
	}
	p.move.sel = max(min(p.move.sel, n-1), 0)
	return p.laidOut(true).showCursor()
}

// showCursor scrolls the detail to the picked call, when one is.
func (p roundsPage) showCursor() roundsPage {
	_, line := p.detailLines(max(p.width, 1))
	p.detailView = showLine(p.detailView, line)
	return p
}

// showLine scrolls v just enough for line to be on screen.
func showLine(v viewport.Model, line int) viewport.Model {
	switch {
	case line < 0:
	case line < v.YOffset():
		v.SetYOffset(line)
	case line >= v.YOffset()+v.Height():
		v.SetYOffset(line - v.Height() + 1)
	}
	return v
}

// openMove opens the form on the picked call, filled with where it is now.
func (p roundsPage) openMove() (roundsPage, tea.Cmd) {
	calls := p.movable()
	if len(calls) == 0 {
		return p, nil
	}
	c := calls[min(p.move.sel, len(calls)-1)]
	p.form, p.formErr = rfMove, ""
	p.move.call, p.move.field = c, 0
	p.move.inputs[0].SetValue(c.Auditor)
	p.move.inputs[1].SetValue(c.Planned.In(orUTC(p.sess.loc)).Format(slotLayout))
	p.move = p.move.blurred()
	cmd := p.move.inputs[0].Focus()
	return p, cmd
}

// moveFormKey: ←/→ choose the auditor, tab goes to the slot, enter moves.
func (p roundsPage) moveFormKey(msg tea.KeyPressMsg) (roundsPage, tea.Cmd) {
	k := p.keys
	switch {
	case key.Matches(msg, k.Cancel):
		return p.closeForm(), nil
	case key.Matches(msg, k.Save):
		return p.saveMove(), nil
	case key.Matches(msg, k.NextField):
		p.move.inputs[p.move.field].Blur()
		p.move.field = 1 - p.move.field
		cmd := p.move.inputs[p.move.field].Focus()
		return p, cmd
	case p.move.field == 0 && key.Matches(msg, k.Cycle):
		p.move.inputs[0].SetValue(p.cycleAuditor(msg.String() == "left"))
		p.move.inputs[0].CursorEnd()
		return p, nil
	}
	var cmd tea.Cmd
	p.move.inputs[p.move.field], cmd = p.move.inputs[p.move.field].Update(msg)
	return p, cmd
}

// cycleAuditor is the auditor after (or before) the one in the form.
func (p roundsPage) cycleAuditor(back bool) string {
	return cycleName(p.detail.auditors, p.move.inputs[0].Value(), back)
}

// saveMove checks the form and sends the move; a mistake keeps the form
// open and says what to change.
func (p roundsPage) saveMove() roundsPage {
	l, c := p.lang, p.move.call
	name := strings.TrimSpace(p.move.inputs[0].Value())
	if !slices.Contains(p.detail.auditors, name) {
		p.formErr = tr(l, msgMoveNoAuditor, name)
		return p
	}
	text := strings.TrimSpace(p.move.inputs[1].Value())
	slot, err := time.ParseInLocation(slotLayout, text, orUTC(p.sess.loc))
	if err != nil {
		p.formErr = tr(l, msgMoveBadSlot, text)
		return p
	}
	if name == c.Auditor && slot.Equal(c.Planned) {
		p.formErr = tr(l, msgMoveNothing)
		return p
	}
	if name == c.Auditor {
		name = "" // the store leaves the auditor as it is
	}
	if slot.Equal(c.Planned) {
		slot = time.Time{}
	}
	r, _ := p.selected()
	p.busy, p.formErr = true, tr(l, msgWorking)
	p.out = append(slices.Clip(p.out), moveWrite(r, c, name, slot))
	return p
}

// moveWrite moves the call and checks the round's plan again.
func moveWrite(r store.Round, c store.Call, auditor string, slot time.Time) op {
	return roundOp(false, func(ctx context.Context, st *store.Store) (roundOpMsg, error) {
		moved := movedCall{office: c.Department + " · " + c.Office, auditor: auditor, slot: slot}
		if moved.auditor == "" {
			moved.auditor = c.Auditor
		}
		if moved.slot.IsZero() {
			moved.slot = c.Planned
		}
		if err := st.MoveCall(ctx, c.ID, auditor, slot); err != nil {
			return roundOpMsg{round: r}, err
		}
		checks, err := st.CheckPlan(ctx, ref(r))
		return roundOpMsg{round: r, said: func(p roundsPage) roundsPage {
			p.note = tr(p.lang, msgCallMoved, moved.office, moved.auditor, formatSlot(moved.slot, p.sess.loc))
			p.report, p.reportFor = p.checkLines(checks), r.ID
			return p
		}}, err
	})
}

// auditorNames is the active auditors a call may move to, by name.
func auditorNames(ctx context.Context, st *store.Store) ([]string, error) {
	all, err := activeAuditors(ctx, st)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(all))
	for i, a := range all {
		names[i] = a.Name
	}
	return names, nil
}

// moveFormLines draws the move form: the call, its two fields, the keys.
func (p roundsPage) moveFormLines(width int) []string {
	l, st, c := p.lang, p.styles, p.move.call
	lines := wrapStyled(st.PanelTitle, tr(l, msgMoveTitle, c.Department+" · "+c.Office), width)
	lines = append(lines, cell(tr(l, msgMoveNow, c.Auditor, formatSlot(c.Planned, p.sess.loc)), width))
	for i := range p.move.inputs {
		in := p.move.inputs[i]
		in.SetWidth(max(min(24, width-lipgloss.Width(in.Prompt)-2), 4))
		lines = append(lines, in.View())
	}
	return append(lines, wrapStyled(st.Hint, tr(l, msgMoveHint), width)...)
}
