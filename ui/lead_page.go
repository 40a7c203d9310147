package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// leadPage is what tabs 2 and 4 share: a lead's list of offices, read when
// the tab is on screen and filtered with /, and the history of the office
// opened from it, which takes the keys and the mouse while it is open.
type leadPage struct {
	shared
	tab     tab // which tab it is: its history's messages carry it
	above   int // the lines over the list's first row
	keys    leadKeyMap
	sess    session
	state   listState
	err     string
	active  bool // the tab is on screen
	stale   bool // what is shown may be out of date: read it when shown
	loading bool
	list    leadList

	hist      historyView
	inHistory bool

	out           []op
	width, height int
}

func newLeadPage(s shared, t tab, above int, withStore bool, placeholder msgID) leadPage {
	p := leadPage{shared: s, tab: t, above: above, keys: newLeadKeyMap(s.lang), stale: true,
		list: newLeadList(s, tr(s.lang, placeholder))}
	if withStore {
		p.state = listWaiting
	}
	return p
}

func (p leadPage) listRows() int { return max(p.height-p.above, 1) }

func (p leadPage) typing() bool {
	return p.list.filtering || (p.inHistory && p.hist.typing())
}

// drain hands over the reads and writes the page and its history asked for.
func (p leadPage) drain() (leadPage, []op) {
	ws := p.out
	p.out = nil
	if p.inHistory {
		var hw []op
		p.hist, hw = p.hist.takeOps()
		ws = append(ws, hw...)
	}
	return p, ws
}

func (p leadPage) sized(width, height int) leadPage {
	p.width, p.height = width, height
	p.hist = p.hist.resized(width, height)
	p.list = p.list.clamp(p.listRows())
	return p
}

// ready says the list is on screen for a lead: no history over it.
func (p leadPage) ready() bool { return p.state == listReady && p.sess.lead() && !p.inHistory }

// route takes the messages both tabs treat alike; handled says it took msg.
// The list takes the mouse only when listShown (tab 4's ranking hides it).
func (p leadPage) route(msg tea.Msg, listShown bool) (leadPage, bool) {
	switch msg := msg.(type) {
	case sessionReadyMsg:
		p.sess = msg.sess
	case tabShownMsg:
		p.active = msg.tab == p.tab
	case historyMsg, historyOpMsg, amendRubricMsg, amendRoundsMsg, amendPreviewMsg:
		if p.inHistory {
			p.hist, _, _ = p.hist.update(msg)
		}
	case tea.MouseWheelMsg, tea.MouseClickMsg:
		switch {
		case p.inHistory:
			p.hist, _, _ = p.hist.update(msg)
		case listShown && p.ready():
			p.list = p.list.mouse(msg.(tea.MouseMsg), p.above, p.listRows())
		}
	default:
		return p, false
	}
	return p, true
}

// routeKey takes the keys of the history while it is open, and of the
// filter; handled says it took msg.
func (p leadPage) routeKey(msg tea.KeyPressMsg) (leadPage, tea.Cmd, bool) {
	k := p.keys
	var cmd tea.Cmd
	switch {
	case p.inHistory:
		var back bool
		p.hist, cmd, back = p.hist.update(msg)
		p.inHistory = !back
	case p.list.filtering:
		p.list, cmd = p.list.filterKey(msg, k)
		p.list = p.list.clamp(p.listRows())
	case key.Matches(msg, k.Filter):
		p.list.filtering = true
		cmd = p.list.filter.Focus()
	case key.Matches(msg, k.ClearFilter):
		p.list.filter.Reset()
		p.list = p.list.apply().clamp(p.listRows())
	default:
		return p, nil, false
	}
	return p, cmd, true
}

// openHistory opens the history of an office over the list.
func (p leadPage) openHistory(o officeRef) leadPage {
	p.hist = newHistoryView(p.shared, p.tab, p.sess, o).resized(p.width, p.height)
	p.inHistory = true
	return p
}
