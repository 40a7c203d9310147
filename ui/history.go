package ui

import (
	"context"
	"slices"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"phoneaudit/store"
)

// historyView is an office's history, opened from tab 2 or tab 4 (esc goes
// back): its rectification notices, with the lead's steps on them (R the
// office reported, V verified, X deadline extended), a sparkline of its
// totals, and its audits newest first in a viewport that reads the next
// page when pgdown reaches the end. The page that owns it hands it keys and
// messages; it asks for its reads and writes through out, as pages do.
type historyView struct {
	shared
	owner  tab // the page it belongs to: its messages carry it
	sess   session
	keys   historyKeyMap
	office officeRef

	entries []store.HistoryEntry
	trend   []store.TrendPoint
	notices []store.Notice
	events  map[int64][]store.NoticeEvent // each notice's life, by its id
	loaded  bool                          // the first page is in
	loading bool                          // a read is on its way
	more    bool                          // the last page was full: pgdown at the end reads the next
	err     string                        // the last read failed

	form   historyForm
	amend  amendForm
	inputs [inputCount]textinput.Model // the notice forms' fields (inResponse …)
	field  int

	picks   []store.Notice // the notices R, V or X choose among
	pickSel int
	pickFor historyForm  // the form the chosen notice opens
	target  store.Notice // the notice the open form acts on
	confirm bool         // the form is checked and shown: y saves, n/esc goes back to it
	busy    bool
	note    string
	isErr   bool

	vp            viewport.Model
	out           []op
	width, height int
}

// officeRef names the office a history shows.
type officeRef struct {
	id                     int64
	department, name, kind string // kind: the office's category
}

func (o officeRef) label() string { return o.department + " · " + o.name }

// historyForm is the input open over the history.
type historyForm int

const (
	hfNone   historyForm = iota
	hfPick               // which notice R, V or X acts on
	hfReport             // the office's response to its notice
	hfVerify             // who checked the rectification and how
	hfExtend             // a later deadline and why
	hfAmend              // an amendment of an audit
)

// historyPage is how many audited rounds one read brings.
var historyPage = 10 // a variable only so a test can make pages short

func newHistoryView(s shared, owner tab, sess session, o officeRef) historyView {
	l := s.lang
	h := historyView{shared: s, owner: owner, sess: sess, keys: newHistoryKeyMap(l), office: o, loading: true}
	h.inputs = newNoticeInputs(s)
	h.amend.inputs = [3]textinput.Model{
		newFormInput(s, tr(l, msgAmendTotalIs), 6),
		newFormInput(s, tr(l, msgAmendReasonsIs), 200),
		newFormInput(s, tr(l, msgAmendWhyIs), 200),
	}
	h.amend.inputs[amendTotal].Placeholder = tr(l, msgAmendNoTotal)
	h.vp = viewport.New()
	h.vp.KeyMap = viewport.KeyMap{}
	h.out = []op{historyRead(owner, o.id, 0)}
	h.syncKeys()
	return h
}

func (h historyView) typing() bool { return h.form != hfNone }

// historyMsg answers historyRead: a page of audits, and with the first
// page the notices and the trend.
type historyMsg struct {
	owner    tab
	officeID int64
	before   int
	entries  []store.HistoryEntry
	trend    []store.TrendPoint
	notices  []store.Notice
	events   map[int64][]store.NoticeEvent
	err      error
}

func historyRead(owner tab, officeID int64, before int) op {
	return pageRead(func(ctx context.Context, st *store.Store) tea.Msg {
		msg := historyMsg{owner: owner, officeID: officeID, before: before}
		msg.entries, msg.err = st.OfficeHistory(ctx, officeID, before, historyPage)
		if msg.err != nil || before != 0 {
			return msg
		}
		if msg.trend, msg.err = st.OfficeTrend(ctx, officeID, 24); msg.err != nil {
			return msg
		}
		if msg.notices, msg.err = st.Notices(ctx, store.NoticeFilter{OfficeID: officeID}); msg.err != nil {
			return msg
		}
		msg.events = map[int64][]store.NoticeEvent{}
		for _, n := range msg.notices {
			if msg.events[n.ID], msg.err = st.NoticeEvents(ctx, n.ID); msg.err != nil {
				return msg
			}
		}
		return msg
	})
}

// historyOpMsg answers a lead's step in an office's history: on a notice,
// or an amendment.
type historyOpMsg struct {
	owner    tab
	officeID int64
	done     msgID  // what went through, in words
	arg      string // what it went through on: the notice's number, the round
	err      error
}

func historyOp(owner tab, officeID int64, done msgID, arg string, do func(ctx context.Context, st *store.Store) error) op {
	return pageWrite(func(ctx context.Context, st *store.Store) (tea.Msg, error) {
		err := do(ctx, st)
		return historyOpMsg{owner: owner, officeID: officeID, done: done, arg: arg, err: err}, err
	})
}

func (h historyView) takeOps() (historyView, []op) {
	ws := h.out
	h.out = nil
	return h, ws
}

// update takes the history's own messages and keys; back says esc left it.
func (h historyView) update(msg tea.Msg) (hv historyView, cmd tea.Cmd, back bool) {
	switch msg := msg.(type) {
	case historyMsg:
		if msg.owner == h.owner && msg.officeID == h.office.id {
			h = h.loadedPage(msg)
		}
	case historyOpMsg:
		if msg.owner == h.owner && msg.officeID == h.office.id {
			h = h.opDone(msg)
		}
	case amendRubricMsg:
		if msg.owner == h.owner && msg.officeID == h.office.id {
			h = h.rubricRead(msg)
		}
	case amendRoundsMsg:
		if msg.owner == h.owner && msg.officeID == h.office.id {
			h = h.roundsRead(msg)
		}
	case amendPreviewMsg:
		if msg.owner == h.owner && msg.officeID == h.office.id {
			h = h.previewed(msg)
		}
	case tea.KeyPressMsg:
		h, cmd, back = h.handleKey(msg)
	case tea.MouseWheelMsg:
		h.vp, _ = h.vp.Update(msg)
	}
	h.syncKeys()
	return h, cmd, back
}

func (h historyView) loadedPage(msg historyMsg) historyView {
	h.loading = false
	if msg.err != nil {
		h.err = errText(h.lang, msg.err)
		return h.laidOut()
	}
	h.err = ""
	if msg.before == 0 {
		h.entries, h.trend, h.notices, h.events, h.loaded = nil, msg.trend, msg.notices, msg.events, true
	}
	h.entries = append(h.entries, msg.entries...)
	h.more = len(roundsOf(msg.entries)) >= historyPage
	return h.laidOut()
}

// roundsOf is the distinct rounds of entries: a page holds historyPage rounds.
func roundsOf(es []store.HistoryEntry) []int {
	var out []int
	for _, e := range es {
		if !slices.Contains(out, e.RoundNumber) {
			out = append(out, e.RoundNumber)
		}
	}
	return out
}

func (h historyView) opDone(msg historyOpMsg) historyView {
	h.busy = false
	if msg.err != nil {
		// A form stays open with the error, so the lead can correct it.
		return h.withFormErr(tr(h.lang, msgActionFailed, opErrText(h.lang, msg.err)))
	}
	h = h.closeForm()
	h.note, h.isErr = tr(h.lang, msg.done, msg.arg), false
	h.loading = true
	h.out = append(slices.Clip(h.out), historyRead(h.owner, h.office.id, 0))
	return h
}

func (h historyView) withFormErr(text string) historyView {
	h.note, h.isErr = text, true
	return h
}

func (h historyView) handleKey(msg tea.KeyPressMsg) (historyView, tea.Cmd, bool) {
	if h.form == hfAmend {
		h, cmd := h.amendKey(msg)
		return h, cmd, false
	}
	if h.form != hfNone {
		h, cmd := h.formKey(msg)
		return h, cmd, false
	}
	k := h.keys
	h.note, h.isErr = "", false
	switch {
	case key.Matches(msg, k.Back):
		return h, nil, true
	case key.Matches(msg, k.Report):
		return h.startStep(hfReport, store.NoticeIssued)
	case key.Matches(msg, k.Verify):
		return h.startStep(hfVerify, store.NoticeReported)
	case key.Matches(msg, k.Extend):
		return h.startStep(hfExtend, store.NoticeIssued)
	case key.Matches(msg, k.Amend):
		return h.openAmend()
	case key.Matches(msg, k.PageDown):
		if h.vp.AtBottom() && h.more && !h.loading {
			h.loading = true
			h.out = append(slices.Clip(h.out), historyRead(h.owner, h.office.id, h.entries[len(h.entries)-1].RoundNumber))
		}
		h.vp.PageDown()
	default:
		h.vp = scrollView(msg, k.moveKeys, h.vp)
	}
	return h, nil, false
}

func (h historyView) closeForm() historyView {
	h.form, h.confirm, h.picks = hfNone, false, nil
	for i := range h.inputs {
		h.inputs[i].Blur()
	}
	for i := range h.amend.inputs {
		h.amend.inputs[i].Blur()
	}
	return h
}
