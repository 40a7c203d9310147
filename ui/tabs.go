package ui

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// tab is one of the five screens of the header, in the order of their keys.
type tab int

const (
	tabCalls tab = iota
	tabFlagged
	tabRounds
	tabOffices
	tabBulletin

	tabCount // not a tab: the number of them
)

// nameID is the message naming the tab in the header.
func (t tab) nameID() msgID { return msgTabCalls + msgID(t) }

// aboutID is the message saying what the tab shows.
func (t tab) aboutID() msgID { return msgAboutCalls + msgID(t) }

// next and prev wrap around, as tab and shift+tab do in most programs.
func (t tab) next() tab { return (t + 1) % tabCount }
func (t tab) prev() tab { return (t + tabCount - 1) % tabCount }

// page is the body of one tab. Like soft-serve's pages, it returns a string
// (only the root model returns a tea.View) and is told its size when drawn.
// Its help.KeyMap methods list its own keys; the root adds the shell's.
type page interface {
	Update(msg tea.Msg) (page, tea.Cmd)
	View(width, height int) string
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
}

// shared is what every page embeds: the language, the styles and the
// clock, set once by the root model.
type shared struct {
	lang   Lang
	styles *Styles
	now    func() time.Time
}

// placeholder stands in for a tab whose screen is not built yet: one line
// saying what the tab will show.
type placeholder struct {
	shared
	tab tab
}

// newPages builds the tabs: the calls of tab 1, and placeholders for the
// screens not built yet.
func newPages(s shared, withStore bool) [tabCount]page {
	var pages [tabCount]page
	for t := range tabCount {
		pages[t] = placeholder{shared: s, tab: t}
	}
	pages[tabCalls] = newCallsPage(s, withStore)
	return pages
}

func (p placeholder) Update(tea.Msg) (page, tea.Cmd) { return p, nil }

func (p placeholder) View(width, height int) string {
	if height < 1 {
		return ""
	}
	return p.styles.Placeholder.Render(wrap(p.lang.tr(p.tab.aboutID()), width))
}

func (p placeholder) ShortHelp() []key.Binding  { return nil }
func (p placeholder) FullHelp() [][]key.Binding { return nil }
