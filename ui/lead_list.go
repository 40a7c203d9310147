package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"phoneaudit/lang"
)

// leadList is the filtered, scrolled list of tabs 2 and 4: the rows' text
// to search, the rows that pass the filter, the selection and the first
// row on screen.
type leadList struct {
	hay       []string // per row, lower-cased
	left      []bool   // per row: left out by another choice (tab 4's category and department)
	shown     []int    // indexes of the rows that pass the filter
	sel, top  int      // index into shown; first row on screen
	filter    textinput.Model
	filtering bool
}

func newLeadList(s shared, placeholder string) leadList {
	f := newFilterInput(s)
	f.Placeholder = placeholder
	return leadList{filter: f}
}

// setRows gives the list new rows' text, and the rows left out whatever
// the filter (nil: none), and filters them again.
func (l leadList) setRows(hay []string, left []bool) leadList {
	l.hay, l.left = hay, left
	return l.apply()
}

// apply keeps the rows that have every word of the filter.
func (l leadList) apply() leadList {
	words := strings.Fields(strings.ToLower(l.filter.Value()))
	l.shown = l.shown[:0:0]
	for i, h := range l.hay {
		if (l.left == nil || !l.left[i]) && matchesAll(h, words) {
			l.shown = append(l.shown, i)
		}
	}
	return l
}

// selected is the index of the selected row, if any.
func (l leadList) selected() (int, bool) {
	if l.sel < 0 || l.sel >= len(l.shown) {
		return 0, false
	}
	return l.shown[l.sel], true
}

// clamp keeps the selection in the list and on screen in rows lines.
func (l leadList) clamp(rows int) leadList {
	rows = max(rows, 1)
	l.sel = max(min(l.sel, len(l.shown)-1), 0)
	if l.sel < l.top {
		l.top = l.sel
	}
	if l.sel >= l.top+rows {
		l.top = l.sel - rows + 1
	}
	l.top = max(min(l.top, len(l.shown)-rows), 0)
	return l
}

// move moves the selection for a key of k; ok says the key was one.
func (l leadList) move(msg tea.KeyPressMsg, k leadKeyMap, rows int) (leadList, bool) {
	sel, ok := moveSelection(msg, k.moveKeys, l.sel, len(l.shown), rows)
	if !ok {
		return l, false
	}
	l.sel = sel
	return l.clamp(rows), true
}

// mouse moves the selection with the wheel and selects a clicked row; above
// is the lines over the first row, Y counts from the top of the body.
func (l leadList) mouse(msg tea.MouseMsg, above, rows int) leadList {
	if l.filtering {
		return l
	}
	m := msg.Mouse()
	switch msg.(type) {
	case tea.MouseWheelMsg:
		switch m.Button {
		case tea.MouseWheelUp:
			l.sel--
		case tea.MouseWheelDown:
			l.sel++
		}
	case tea.MouseClickMsg:
		row := m.Y - above
		if m.Button != tea.MouseLeft || row < 0 || row >= rows || l.top+row >= len(l.shown) {
			return l
		}
		l.sel = l.top + row
	}
	return l.clamp(rows)
}

// filterKey types into the filter: enter keeps it, esc clears it.
func (l leadList) filterKey(msg tea.KeyPressMsg, k leadKeyMap) (leadList, tea.Cmd) {
	switch {
	case key.Matches(msg, k.ApplyFilter):
		l.filtering = false
		l.filter.Blur()
		return l, nil
	case key.Matches(msg, k.LeaveFilter):
		l.filtering = false
		l.filter.Blur()
		l.filter.Reset()
		return l.apply(), nil
	}
	var cmd tea.Cmd
	l.filter, cmd = l.filter.Update(msg)
	return l.apply(), cmd
}

// filterView is the filter at the right of the top line.
func (l leadList) filterView(s shared, room int) string {
	switch {
	case l.filtering:
		in := l.filter
		in.SetWidth(max(min(24, room), 4))
		return in.View()
	case l.filter.Value() != "":
		return s.styles.Placeholder.Render("/ " + l.filter.Value())
	}
	return ""
}

// leadKeyMap is the keys of tabs 2 and 4 outside the history.
type leadKeyMap struct {
	moveKeys
	Open                          key.Binding // enter: the office's history
	Filter, ClearFilter           key.Binding
	ApplyFilter, LeaveFilter      key.Binding
	PrevRound, NextRound          key.Binding // [ and ]
	Persons                       key.Binding // v, tab 2
	Category, Department, Ranking key.Binding // c, d, t: tab 4
}

func newLeadKeyMap(l lang.Lang) leadKeyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return leadKeyMap{
		moveKeys:    newMoveKeys(l),
		Open:        b("enter", tr(l, msgKeyHistory), "enter"),
		Filter:      b("/", tr(l, msgKeyFilter), "/"),
		ClearFilter: b("esc", tr(l, msgKeyClearFilter), "esc"),
		ApplyFilter: b("enter", tr(l, msgKeyApplyFilter), "enter"),
		LeaveFilter: b("esc", tr(l, msgKeyClearFilter), "esc"),
		PrevRound:   b("[", tr(l, msgKeyPrevRound), "["),
		NextRound:   b("]", tr(l, msgKeyNextRound), "]"),
		Persons:     b("v", tr(l, msgKeyPersons), "v"),
		Category:    b("c", tr(l, msgKeyCategory), "c"),
		Department:  b("d", tr(l, msgKeyDepartment), "d"),
		Ranking:     b("t", tr(l, msgKeyRanking), "t"),
	}
}

// listKeys switches on the list's keys for a list in state ready.
func (k *leadKeyMap) listKeys(l leadList, ready bool) {
	ready = ready && !l.filtering
	for _, b := range []*key.Binding{&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Home, &k.End} {
		b.SetEnabled(ready && len(l.shown) > 1)
	}
	_, ok := l.selected()
	k.Open.SetEnabled(ready && ok)
	k.Filter.SetEnabled(ready && len(l.hay) > 0)
	k.ClearFilter.SetEnabled(ready && l.filter.Value() != "")
	k.ApplyFilter.SetEnabled(l.filtering)
	k.LeaveFilter.SetEnabled(l.filtering)
}
