package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"phoneaudit/store"
)

// roundsPage is tab 3 (轮次): every round with its status and progress, and
// the selected round's detail: progress by auditor, the calls still to make,
// those waiting for a retry and from when, the plan's checks and the round's
// rubric. A lead creates, plans, opens, closes and re-opens rounds here. An
// auditor only looks, and sees the rounds' counts and their own calls but
// never another auditor's: the plan stays secret.
//
// The page never holds the store: it asks the root for its reads and writes
// (takeOps), which go through the queue of operations, and learns the answers
// from the messages the root hands every page.
type roundsPage struct {
	shared
	keys    roundsKeyMap
	state   listState
	err     string
	sess    session
	active  bool // tab 3 is on screen
	stale   bool // the data may have changed since the list was read
	loading bool // the list is on its way

	rounds    []store.Round
	pending   map[int64]bool // published rounds with a correction to publish
	hay       []string       // what the filter searches, per round, lower-cased
	shown     []int          // indexes into rounds that pass the filter
	sel, top  int            // index into shown; first row on screen
	selectID  int64          // select this round once the list is read again
	filter    textinput.Model
	filtering bool

	inDetail      bool // the keys scroll the detail, not the list
	detail        roundDetail
	hasDetail     bool
	detailPending bool // a detail read is on its way
	detailAgain   bool // … and another is wanted when it answers
	detailView    viewport.Model

	form       roundsForm
	inputs     [3]textinput.Model // the new round's name, first and last day
	field      int
	reason     textinput.Model
	formErr    string
	seed       int64
	unfinished []store.CallRef // asked about before a close
	closeReady bool            // … and read
	busy       bool            // an operation is on its way
	note       string          // what the last operation did, or why it could not
	noteErr    bool
	report     []string // the checks of a plan just made (or a call just moved), shown in its detail
	reportFor  int64

	move roundsMove // the call picked in the detail to move, and the move's form

	out           []op
	width, height int
}

// roundsForm is the form or question open over the detail.
type roundsForm int

const (
	rfNone   roundsForm = iota
	rfNew               // name and dates of a new round
	rfPlan              // plan with this seed? y/n
	rfOpen              // open the round? y/n
	rfReason            // why re-open a closed round
	rfClose             // these calls become not audited: close? y/n
	rfMove              // another auditor or slot for a call not yet dialled
)

func newRoundsPage(s shared, withStore bool) roundsPage {
	l := s.lang
	p := roundsPage{shared: s, keys: newRoundsKeyMap(l), filter: newFilterInput(s), stale: true}
	p.filter.Placeholder = tr(l, msgRoundFilterPlaceholder)
	p.inputs = [3]textinput.Model{
		newFormInput(s, tr(l, msgRoundNameIs), 40),
		newFormInput(s, tr(l, msgRoundFromIs), 12),
		newFormInput(s, tr(l, msgRoundToIs), 12),
	}
	p.inputs[0].Placeholder = tr(l, msgRoundNameExample)
	p.inputs[1].Placeholder = tr(l, msgDateOptional)
	p.inputs[2].Placeholder = tr(l, msgDateOptional)
	p.reason = newFormInput(s, tr(l, msgReasonIs), 200)
	p.reason.Placeholder = tr(l, msgReasonExample)
	p.move = newRoundsMove(s)
	p.detailView = viewport.New()
	p.detailView.KeyMap = viewport.KeyMap{} // the page's own keys scroll it
	if withStore {
		p.state = listWaiting
	}
	p.syncKeys()
	return p
}

// typing says whether the page has the keyboard: the filter, a form or a
// question takes every key, so q or 3 typed into a name neither quits nor
// switches tab.
func (p roundsPage) typing() bool { return p.filtering || p.form != rfNone }

func (p roundsPage) takeOps() (page, []op) {
	ws := p.out
	p.out = nil
	return p, ws
}

func (p roundsPage) resized(width, height int) page {
	p.width, p.height = width, height
	return p.laidOut(true)
}

func (p roundsPage) Update(msg tea.Msg) (page, tea.Cmd) {
	p, cmd := p.update(msg)
	p.syncKeys()
	return p, cmd
}

func (p roundsPage) update(msg tea.Msg) (roundsPage, tea.Cmd) {
	switch msg := msg.(type) {
	case sessionReadyMsg:
		return p.sessionReady(msg.sess), nil
	case tabShownMsg:
		return p.tabShown(msg.tab), nil
	case dataChangedMsg:
		p.stale = true
		return p.loadIfShown(), nil
	case roundsLoadedMsg:
		return p.loaded(msg), nil
	case roundDetailMsg:
		return p.detailLoaded(msg), nil
	case unfinishedMsg:
		return p.unfinishedLoaded(msg), nil
	case roundOpMsg:
		return p.opDone(msg), nil
	case tea.KeyPressMsg:
		return p.handleKey(msg)
	case tea.MouseMsg:
		return p.mouse(msg), nil
	}
	return p, nil
}

// sessionReady: who I am decides what I may see, so the list is read only now.
func (p roundsPage) sessionReady(s session) roundsPage {
	p.sess = s
	if p.state == listNone {
		return p
	}
	return p.loadIfShown()
}

// tabShown reads the list when the tab comes on screen and something changed
// since it was last read; a hidden tab reads nothing.
func (p roundsPage) tabShown(t tab) roundsPage {
	p.active = t == tabRounds
	return p.loadIfShown()
}

func (p roundsPage) loadIfShown() roundsPage {
	if !p.active || !p.stale || p.loading || !p.sess.known || p.state == listNone {
		return p
	}
	p.stale, p.loading = false, true
	p.out = append(slices.Clip(p.out), roundsRead(p.sess.lead()))
	return p
}

func (p roundsPage) loaded(msg roundsLoadedMsg) roundsPage {
	p.loading = false
	if msg.err != nil {
		p.state, p.err = listFailed, errText(p.lang, msg.err)
		return p
	}
	keep := p.selectID
	if r, ok := p.selected(); ok && keep == 0 {
		keep = r.ID
	}
	first := p.state != listReady
	p.state, p.err, p.selectID = listReady, "", 0
	p.rounds, p.pending = msg.rounds, msg.pending
	p.hay = make([]string, len(p.rounds))
	for i, r := range p.rounds {
		p.hay[i] = strings.ToLower(strings.Join([]string{r.Name, p.roundStatus(r), r.From, r.To}, "\n"))
	}
	p = p.applyFilter()
	switch {
	case keep != 0:
		p = p.selectRound(keep)
	case first:
		p = p.selectDefault()
	}
	p = p.askDetail().laidOut(true)
	return p.loadIfShown() // changed again while it was read
}

// selectDefault selects the open round, else the latest one: what a lead
// or an auditor opens the tab for.
func (p roundsPage) selectDefault() roundsPage {
	p.sel = len(p.shown) - 1
	if i := slices.IndexFunc(p.shown, func(ri int) bool { return p.rounds[ri].Status == store.RoundOpen }); i >= 0 {
		p.sel = i // at most one round is open (the store's rounds_one_open)
	}
	return p
}

func (p roundsPage) selectRound(id int64) roundsPage {
	if i := slices.IndexFunc(p.shown, func(ri int) bool { return p.rounds[ri].ID == id }); i >= 0 {
		p.sel = i
	}
	return p
}

func (p roundsPage) selected() (store.Round, bool) {
	if p.sel < 0 || p.sel >= len(p.shown) {
		return store.Round{}, false
	}
	return p.rounds[p.shown[p.sel]], true
}

// openRound is the round that is open now, if any.
func (p roundsPage) openRound() (store.Round, bool) {
	for _, r := range p.rounds {
		if r.Status == store.RoundOpen {
			return r, true
		}
	}
	return store.Round{}, false
}

func (p roundsPage) handleKey(msg tea.KeyPressMsg) (roundsPage, tea.Cmd) {
	switch {
	case p.filtering:
		return p.filterKey(msg)
	case p.form != rfNone:
		return p.formKey(msg)
	}
	p.note, p.noteErr = "", false
	k := p.keys
	switch {
	case key.Matches(msg, k.New):
		return p.openNew()
	case key.Matches(msg, k.Plan):
		return p.askPlan(), nil
	case key.Matches(msg, k.Open):
		return p.askOpen(), nil
	case key.Matches(msg, k.Reopen):
		return p.openReason()
	case key.Matches(msg, k.Close):
		return p.askClose(), nil
	case key.Matches(msg, k.Move):
		return p.openMove()
	case p.inDetail && p.movesCursor(msg):
		return p.moveCursor(msg), nil
	case key.Matches(msg, k.Detail):
		p.inDetail = true
		return p.laidOut(true).showCursor(), nil // the call to move is marked only in the detail
	case key.Matches(msg, k.Back):
		p.inDetail = false
		return p.laidOut(true), nil
	case key.Matches(msg, k.Filter):
		p.filtering = true
		cmd := p.filter.Focus()
		return p, cmd
	case key.Matches(msg, k.ClearFilter):
		p.filter.Reset()
		return p.applyFilter().askDetail(), nil
	case p.inDetail:
		p.detailView = p.scrollDetail(msg)
		return p, nil
	}
	return p.moveSelection(msg), nil
}
