package ui

// What the list screens share: the keys that move through a list or a text,
// the states a list can be in, and the / filter.

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"phoneaudit/lang"
)

// moveKeys are the six keys that move through a list or a text: every
// screen binds them alike (↑/k, ↓/j, pgup, pgdn, g/home, G/end).
type moveKeys struct {
	Up, Down, PageUp, PageDown, Home, End key.Binding
}

// moveSelection is the selection after a move key in a list of n rows
// with page rows on screen (not yet clamped); ok says msg was one.
func moveSelection(msg tea.KeyPressMsg, k moveKeys, sel, n, page int) (int, bool) {
	switch {
	case key.Matches(msg, k.Up):
		return sel - 1, true
	case key.Matches(msg, k.Down):
		return sel + 1, true
	case key.Matches(msg, k.PageUp):
		return sel - page, true
	case key.Matches(msg, k.PageDown):
		return sel + page, true
	case key.Matches(msg, k.Home):
		return 0, true
	case key.Matches(msg, k.End):
		return n - 1, true
	}
	return sel, false
}

// scrollView is a viewport after a move key.
func scrollView(msg tea.KeyPressMsg, k moveKeys, v viewport.Model) viewport.Model {
	switch {
	case key.Matches(msg, k.Up):
		v.ScrollUp(1)
	case key.Matches(msg, k.Down):
		v.ScrollDown(1)
	case key.Matches(msg, k.PageUp):
		v.PageUp()
	case key.Matches(msg, k.PageDown):
		v.PageDown()
	case key.Matches(msg, k.Home):
		v.GotoTop()
	case key.Matches(msg, k.End):
		v.GotoBottom()
	}
	return v
}

// newMoveKeys is the move keys with their help.
func newMoveKeys(l lang.Lang) moveKeys {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return moveKeys{
		Up:       b("↑/k", tr(l, msgKeyUp), "up", "k"),
		Down:     b("↓/j", tr(l, msgKeyDown), "down", "j"),
		PageUp:   b("pgup", tr(l, msgKeyPageUp), "pgup"),
		PageDown: b("pgdn", tr(l, msgKeyPageDown), "pgdown"),
		Home:     b("g/home", tr(l, msgKeyHome), "home", "g"),
		End:      b("G/end", tr(l, msgKeyEnd), "end", "G"),
	}
}

// listState is what the page can show.
type listState int

const (
	listNone    listState = iota // no database (a bare shell): say what the tab is for
	listWaiting                  // who I am and my calls are being read
	listNoRound                  // no round is open
	listReady
	listFailed
)

func newFilterInput(s shared) textinput.Model {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = tr(s.lang, msgFilterPlaceholder)
	in.SetStyles(s.styles.Input)
	in.SetVirtualCursor(true)
	return in
}
