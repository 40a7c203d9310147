package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
)

// The list of tab 3: filter, selection, mouse, and how the list and the
// detail share the body.

// applyFilter keeps the rounds whose text has every word of the filter.
func (p roundsPage) applyFilter() roundsPage {
	words := strings.Fields(strings.ToLower(p.filter.Value()))
	p.shown = make([]int, 0, len(p.hay))
	for i, h := range p.hay {
		if matchesAll(h, words) {
			p.shown = append(p.shown, i)
		}
	}
	return p.laidOut(false)
}

func matchesAll(hay string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}

// moveSelection moves in the list and asks for the detail of the round
// now selected.
func (p roundsPage) moveSelection(msg tea.KeyPressMsg) roundsPage {
	k := p.keys
	before := p.sel
	p.sel, _ = moveSelection(msg, k.moveKeys, p.sel, len(p.shown), p.listRows())
	p = p.laidOut(false)
	if p.sel != before {
		p = p.askDetail()
	}
	return p
}

func (p roundsPage) scrollDetail(msg tea.KeyPressMsg) viewport.Model {
	k := p.keys
	return scrollView(msg, k.moveKeys, p.detailView)
}

// filterKey types into the filter; enter keeps it, esc clears it.
func (p roundsPage) filterKey(msg tea.KeyPressMsg) (roundsPage, tea.Cmd) {
	switch {
	case key.Matches(msg, p.keys.ApplyFilter):
		p.filtering = false
		p.filter.Blur()
		return p.askDetail(), nil
	case key.Matches(msg, p.keys.LeaveFilter):
		p.filtering = false
		p.filter.Blur()
		p.filter.Reset()
		return p.applyFilter().askDetail(), nil
	}
	var cmd tea.Cmd
	p.filter, cmd = p.filter.Update(msg)
	return p.applyFilter(), cmd
}

// mouse: the wheel moves the selection over the list and scrolls the
// detail below it; a click selects a row. Y counts from the top of the body.
func (p roundsPage) mouse(msg tea.MouseMsg) roundsPage {
	if p.state != listReady || p.typing() {
		return p
	}
	m := msg.Mouse()
	detailTop := roundsTop + p.listHeight() + 1
	switch msg.(type) {
	case tea.MouseWheelMsg:
		if m.Y >= detailTop {
			p.detailView, _ = p.detailView.Update(msg)
			return p
		}
		before := p.sel
		if m.Button == tea.MouseWheelUp {
			p.sel--
		} else if m.Button == tea.MouseWheelDown {
			p.sel++
		}
		if p = p.laidOut(false); p.sel != before {
			p = p.askDetail()
		}
	case tea.MouseClickMsg:
		row := m.Y - roundsTop - 1 // the list's header line
		if m.Button == tea.MouseLeft && !p.inDetail && row >= 0 && row < p.listRows() && p.top+row < len(p.shown) {
			before := p.sel
			if p.sel = p.top + row; p.sel != before {
				p = p.askDetail()
			}
		}
	}
	return p.laidOut(false)
}

// roundsTop is the lines above the list: the count (or note) line.
const roundsTop = 1

// listRows is how many rounds the list shows: at most about half the body,
// so the detail keeps room.
func (p roundsPage) listRows() int {
	return max(min(len(p.shown), (p.height-3)/2), 1)
}

// listHeight is the lines of the list: its header and rows, or only the
// selected round while the keys are in the detail.
func (p roundsPage) listHeight() int {
	if p.inDetail || len(p.shown) == 0 {
		return 1
	}
	return 1 + p.listRows()
}

// detailHeight is the lines under the list and its rule.
func (p roundsPage) detailHeight() int {
	return max(p.height-roundsTop-p.listHeight()-1, 0)
}

// laidOut clamps the selection, scrolls the list to show it and sizes the
// detail; rebuild also writes the detail's text again (new data, new width).
func (p roundsPage) laidOut(rebuild bool) roundsPage {
	p.sel = max(min(p.sel, len(p.shown)-1), 0)
	rows := p.listRows()
	if p.sel < p.top {
		p.top = p.sel
	}
	if p.sel >= p.top+rows {
		p.top = p.sel - rows + 1
	}
	p.top = max(min(p.top, len(p.shown)-rows), 0)
	p.detailView.SetWidth(max(p.width, 1))
	p.detailView.SetHeight(p.detailHeight())
	if rebuild {
		p.detailView.SetContent(p.detailContent(max(p.width, 1)))
	}
	return p
}
