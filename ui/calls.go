package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/table"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"phoneaudit/lang"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// callsPage is tab 1 (测评): the open round's calls assigned to me (a lead
// sees all), a filter, and enter to open one.
//
// The page keeps the selection and the scroll position itself and hands the
// bubbles table only the rows on screen, so a mouse click maps to a row
// without reaching into the table's private scrolling.
type callsPage struct {
	shared
	keys      callsKeyMap
	table     table.Model
	filter    textinput.Model
	filtering bool // the filter has the keyboard

	state listState
	sess  session
	err   string

	calls []store.Call
	live  map[int64]store.LiveCall  // other auditors' running calls I may join as a panel member
	stale map[int64]store.StaleCall // a lead's: running calls gone stale (calls_stale.go)

	staleKeys staleKeys
	auditors  []string     // a lead's: who a stale call may be handed on to
	joinAsk   *openCallMsg // the join question on screen
	handOn    *handOnForm  // the hand-on form on screen
	note      string       // what the last hand-on did
	noteErr   bool
	out       []op     // operations asked for, until the root takes them
	hay       []string // what the filter searches, per call, lower-cased
	shown     []int    // indexes into calls that pass the filter
	sel       int      // index into shown
	top       int      // first row of shown on screen

	width, height int
}

// The page's own lines above the table: the count and filter line.
const callsTop = 1

// headLines is the page's lines above the table: the count line and the hand-on form.
func (p callsPage) headLines() int {
	if p.handOn == nil {
		return callsTop
	}
	return callsTop + len(p.formLines(max(p.width, 1)))
}

type callsKeyMap struct {
	moveKeys
	Open, Filter, ClearFilter key.Binding
	Join                      key.Binding // J: score another's running call as a panel member
	ApplyFilter, LeaveFilter  key.Binding // while typing in the filter
}

func newCallsKeyMap(l lang.Lang) callsKeyMap {
	return callsKeyMap{
		moveKeys:    newMoveKeys(l),
		Open:        key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", tr(l, msgKeyOpenCall))),
		Join:        key.NewBinding(key.WithKeys("J"), key.WithHelp("J", tr(l, msgKeyJoin))),
		Filter:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", tr(l, msgKeyFilter))),
		ClearFilter: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", tr(l, msgKeyClearFilter))),
		ApplyFilter: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", tr(l, msgKeyApplyFilter))),
		LeaveFilter: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", tr(l, msgKeyClearFilter))),
	}
}

func newCallsPage(s shared, withStore bool) callsPage {
	p := callsPage{shared: s, keys: newCallsKeyMap(s.lang), staleKeys: newStaleKeys(s.lang), filter: newFilterInput(s)}
	// WithStyles before WithHeight: the height is counted after the header,
	// whose height comes from the styles.
	p.table = table.New(table.WithWidth(80), table.WithStyles(s.styles.Table), table.WithHeight(10), table.WithFocused(true))
	if withStore {
		p.state = listWaiting
	}
	p.syncKeys()
	return p
}

// callsLoadedMsg answers callsRead.
type callsLoadedMsg struct {
	calls    []store.Call
	live     []store.LiveCall
	stale    []store.StaleCall // a lead's
	auditors []string          // a lead's
	err      error
	after    int64 // select the next unfinished call after this one (0: keep the selection)
}

// openCallMsg is a call to open on the call screen.
type openCallMsg struct {
	call       store.Call
	pos, total int  // "第 37/100 个"
	panel      bool // I score it as a panel member: it is another auditor's call
}

// withSession shows the round of the session: its calls are on their way.
func (p callsPage) withSession(s session) callsPage {
	p.sess = s
	p.state = listWaiting
	if !s.hasRound {
		p.state = listNoRound
	}
	p.syncKeys()
	return p
}

func (p callsPage) failed(err error) callsPage {
	p.state, p.err = listFailed, errText(p.lang, err)
	p.syncKeys()
	return p
}

// typing says whether the filter, the join question or the hand-on form
// has the keyboard: the shell's keys then type instead of acting.
func (p callsPage) typing() bool { return p.filtering || p.joinAsk != nil || p.handOn != nil }

func (p callsPage) takeOps() (page, []op) {
	out := p.out
	p.out = nil
	return p, out
}

func (p callsPage) Update(msg tea.Msg) (page, tea.Cmd) {
	switch msg := msg.(type) {
	case callsLoadedMsg:
		return p.loaded(msg), nil
	case handedOnMsg:
		return p, nil // the reply of the operation told the page
	case tea.KeyPressMsg:
		return p.handleKey(msg)
	case tea.MouseMsg:
		return p.mouse(msg), nil
	}
	return p, nil
}

func (p callsPage) loaded(msg callsLoadedMsg) callsPage {
	if msg.err != nil {
		return p.failed(msg.err)
	}
	var keep int64
	if c, ok := p.selected(); ok {
		keep = c.ID
	}
	p.state, p.err = listReady, ""
	p.calls, p.live = withLive(msg.calls, msg.live)
	p.stale, p.auditors = staleOf(msg.stale), msg.auditors
	p.hay = make([]string, len(p.calls))
	for i, c := range p.calls {
		p.hay[i] = p.searchText(c)
	}
	p = p.filtered()
	switch {
	case msg.after != 0:
		p = p.selectNextOpen(msg.after)
	case keep != 0:
		p = p.selectCall(keep)
	case len(p.shown) > 0: // first load: the first call still to make
		p.sel = len(p.shown) - 1
		p = p.selectNextOpen(p.calls[p.shown[p.sel]].ID)
	}
	return p.scrolled()
}

// searchText is what the filter finds a call by: its names, persona,
// question, status and auditor, in the screen's language.
func (p callsPage) searchText(c store.Call) string {
	l := p.lang
	return strings.ToLower(strings.Join([]string{
		c.Office, c.Department, c.Phone, c.Persona.Label(l), c.Question, c.Status.Label(l), c.Auditor,
	}, "\n"))
}

// applyFilter keeps the calls whose text has every word of the filter and
// shows them.
func (p callsPage) applyFilter() callsPage {
	return p.filtered().scrolled()
}

// filtered keeps the calls whose text has every word of the filter.
func (p callsPage) filtered() callsPage {
	words := strings.Fields(strings.ToLower(p.filter.Value()))
	p.shown = make([]int, 0, len(p.hay)) // never the old slice: copies of the model share it
	for i, h := range p.hay {
		ok := true
		for _, w := range words {
			ok = ok && strings.Contains(h, w)
		}
		if ok {
			p.shown = append(p.shown, i)
		}
	}
	p.sel = min(p.sel, max(len(p.shown)-1, 0))
	p.syncKeys()
	return p
}

// selectCall selects the call with id, when it is shown.
func (p callsPage) selectCall(id int64) callsPage {
	for i, ci := range p.shown {
		if p.calls[ci].ID == id {
			p.sel = i
		}
	}
	return p
}

// selectNextOpen selects the first call after id (wrapping round) that is
// still to be made, so the auditor goes on with the next one after a submit.
func (p callsPage) selectNextOpen(id int64) callsPage {
	p = p.selectCall(id)
	for step := 1; step <= len(p.shown); step++ {
		i := (p.sel + step) % len(p.shown)
		if s := p.calls[p.shown[i]].Status; s == scoring.ToCall || s == scoring.InProgress {
			p.sel = i
			return p
		}
	}
	return p
}

func (p callsPage) selected() (store.Call, bool) {
	if p.sel < 0 || p.sel >= len(p.shown) {
		return store.Call{}, false
	}
	return p.calls[p.shown[p.sel]], true
}

func (p callsPage) handleKey(msg tea.KeyPressMsg) (callsPage, tea.Cmd) {
	if p.filtering {
		return p.filterKey(msg)
	}
	if p.joinAsk != nil || p.handOn != nil {
		p, cmd := p.staleKey(msg)
		return p.scrolled(), cmd // the form's lines may have changed
	}
	if open, ok := p.asksToJoin(msg); ok {
		p.joinAsk = &open
		p.syncKeys()
		return p, nil
	}
	k := p.keys
	if sel, ok := moveSelection(msg, k.moveKeys, p.sel, len(p.shown), p.rows()); ok {
		p.sel = sel
		return p.scrolled(), nil
	}
	switch {
	case key.Matches(msg, k.Filter):
		p.filtering = true
		p.table.Blur()
		p.syncKeys()
		return p, p.filter.Focus()
	case key.Matches(msg, k.ClearFilter):
		p.filter.Reset()
		return p.applyFilter(), nil
	case key.Matches(msg, p.staleKeys.HandOn):
		return p.openHandOn()
	}
	return p.scrolled(), nil
}

// filterKey types into the filter; enter keeps it, esc clears it.
func (p callsPage) filterKey(msg tea.KeyPressMsg) (callsPage, tea.Cmd) {
	switch {
	case key.Matches(msg, p.keys.ApplyFilter):
		return p.leaveFilter(), nil
	case key.Matches(msg, p.keys.LeaveFilter):
		p.filter.Reset()
		return p.leaveFilter().applyFilter(), nil
	}
	var cmd tea.Cmd
	p.filter, cmd = p.filter.Update(msg)
	return p.applyFilter(), cmd
}

func (p callsPage) leaveFilter() callsPage {
	p.filtering = false
	p.filter.Blur()
	p.table.Focus()
	p.syncKeys()
	return p
}

// opens says whether k opens the selected call, and which. The root opens
// it at once rather than through a message, so the keys typed right after
// enter reach the call screen, not the list.
func (p callsPage) opens(k tea.KeyPressMsg) (openCallMsg, bool) {
	c, ok := p.selected()
	if p.filtering || !ok || !(key.Matches(k, p.keys.Open) || key.Matches(k, p.keys.Join)) {
		return openCallMsg{}, false
	}
	if _, asks := p.asksToJoin(k); asks {
		return openCallMsg{}, false // the page asks first
	}
	_, live := p.live[c.ID]
	// An auditor opens another's call only to join it; a lead looks at it
	// with enter and joins it with J.
	panel := live && (key.Matches(k, p.keys.Join) || !p.sess.lead())
	pos, total := p.position(c)
	return openCallMsg{call: c, pos: pos, total: total, panel: panel}, true
}

// mouse moves the selection with the wheel and selects a clicked row. Y
// counts from the top of the body.
func (p callsPage) mouse(msg tea.MouseMsg) callsPage {
	if p.state != listReady || p.typing() {
		return p
	}
	m := msg.Mouse()
	switch msg.(type) {
	case tea.MouseWheelMsg:
		switch m.Button {
		case tea.MouseWheelUp:
			p.sel--
		case tea.MouseWheelDown:
			p.sel++
		}
	case tea.MouseClickMsg:
		row := m.Y - p.headLines() - 1 // the table's header line
		if m.Button == tea.MouseLeft && row >= 0 && p.top+row < len(p.shown) {
			p.sel = p.top + row
		}
	}
	return p.scrolled()
}

// setSize is the body's size, told by the root when the terminal or the
// help changes.
func (p callsPage) setSize(width, height int) callsPage {
	p.width, p.height = width, height
	return p.scrolled()
}

// rows is how many calls fit under the table's header.
func (p callsPage) rows() int { return max(p.height-p.headLines()-1, 1) }

// scrolled clamps the selection and scrolls just enough to show it, then
// gives the table the rows on screen.
func (p callsPage) scrolled() callsPage {
	p.sel = max(min(p.sel, len(p.shown)-1), 0)
	rows := p.rows()
	if p.sel < p.top {
		p.top = p.sel
	}
	if p.sel >= p.top+rows {
		p.top = p.sel - rows + 1
	}
	p.top = max(min(p.top, len(p.shown)-rows), 0)
	p.refreshTable()
	p.syncKeys() // J and H depend on the call selected
	return p
}

// syncKeys switches on the keys that work now, so help shows only those.
func (p *callsPage) syncKeys() {
	ready := p.state == listReady && !p.typing()
	for _, b := range []*key.Binding{&p.keys.Up, &p.keys.Down, &p.keys.PageUp, &p.keys.PageDown, &p.keys.Home, &p.keys.End} {
		b.SetEnabled(ready && len(p.shown) > 1)
	}
	p.keys.Open.SetEnabled(ready && len(p.shown) > 0)
	c, ok := p.selected()
	_, live := p.live[c.ID]
	p.keys.Join.SetEnabled(ready && ok && live)
	_, stale := p.stale[c.ID]
	p.staleKeys.HandOn.SetEnabled(ready && ok && stale && p.sess.lead())
	asking := p.joinAsk != nil || (p.handOn != nil && p.handOn.confirm)
	p.staleKeys.Confirm.SetEnabled(asking)
	p.staleKeys.Deny.SetEnabled(asking)
	form := p.handOn != nil && !p.handOn.confirm
	for _, b := range []*key.Binding{&p.staleKeys.Save, &p.staleKeys.Cancel, &p.staleKeys.NextField, &p.staleKeys.Cycle} {
		b.SetEnabled(form)
	}
	p.keys.Filter.SetEnabled(ready && len(p.calls) > 0)
	p.keys.ClearFilter.SetEnabled(ready && p.filter.Value() != "")
	p.keys.ApplyFilter.SetEnabled(p.filtering)
	p.keys.LeaveFilter.SetEnabled(p.filtering)
}

func (p callsPage) ShortHelp() []key.Binding {
	k := p.keys
	s := p.staleKeys
	return []key.Binding{s.Confirm, s.Deny, s.Save, s.Cancel, s.NextField, s.Cycle,
		k.ApplyFilter, k.LeaveFilter, k.Up, k.Down, k.Open, k.Join, s.HandOn, k.Filter, k.ClearFilter}
}

func (p callsPage) FullHelp() [][]key.Binding {
	k := p.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End},
		{k.Open, p.staleKeys.HandOn, k.Filter, k.ClearFilter, k.ApplyFilter, k.LeaveFilter},
	}
}
