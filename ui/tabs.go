package ui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"phoneaudit/lang"
	"phoneaudit/store"
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
	lang   lang.Lang
	styles *Styles
	now    func() time.Time
}

// newPages builds the tabs: the calls of tab 1, the flagged offices of tab
// 2, the rounds of tab 3, the offices of tab 4 and the bulletin of tab 5.
func newPages(s shared, withStore bool) [tabCount]page {
	var pages [tabCount]page
	pages[tabCalls] = newCallsPage(s, withStore)
	pages[tabFlagged] = newFlagsPage(s, withStore)
	pages[tabRounds] = newRoundsPage(s, withStore)
	pages[tabOffices] = newOfficesPage(s, withStore)
	pages[tabBulletin] = newBulletinPage(s, withStore)
	return pages
}

// What the root tells the pages, and what they ask of it. Pages other than
// tab 1 never hold the store: they ask for reads and writes, which the root
// sends through the queue of operations in the order they were asked for,
// and the answers come back to every page as messages.

// sessionReadyMsg tells the pages who I am and which round is open, at the
// start and again when a lead opens or closes a round.
type sessionReadyMsg struct{ sess session }

// dataChangedMsg tells the pages that a write of this program went through,
// or another session's or process's (watch.go), so what they show may be
// out of date.
type dataChangedMsg struct{}

// tabShownMsg tells the pages which tab is now on screen.
type tabShownMsg struct{ tab tab }

// asker is a page that asks for database operations: takeOps hands them
// over and forgets them.
type asker interface {
	takeOps() (page, []op)
}

// typer is a page that may have the keyboard (a filter, a form, a
// question): the shell's keys then type instead of acting.
type typer interface {
	typing() bool
}

// resizer is a page that lays itself out when the body's size changes.
type resizer interface {
	resized(width, height int) page
}

// pageTyping says whether the page on screen has the keyboard.
func (m Model) pageTyping() bool {
	if m.db != dbReady || m.picking {
		return false
	}
	t, ok := m.pages[m.active].(typer)
	return ok && t.typing()
}

// tellPages tells the pages when another tab came on screen, then queues
// what they asked of the database.
func (m Model) tellPages(shown tab) (Model, tea.Cmd) {
	var told tea.Cmd
	if m.active != shown {
		m, told = m.broadcast(tabShownMsg{tab: m.active})
	}
	var asked []op
	for i, p := range m.pages {
		if a, ok := p.(asker); ok {
			var more []op
			m.pages[i], more = a.takeOps()
			asked = append(asked, more...)
		}
	}
	if len(asked) == 0 {
		return m, told
	}
	return m, tea.Batch(told, m.enqueue(asked...))
}

// pageRead is a read of a page, queued behind the writes it must see. do
// returns the page's message, which carries its own error; it goes to every
// page.
func pageRead(do func(ctx context.Context, st *store.Store) tea.Msg) op {
	return newOp(op{read: true, dropOnError: true, saysErrors: true},
		func(ctx context.Context, st *store.Store, _ int64) (tea.Msg, error) {
			return do(ctx, st), nil
		},
		func(m Model, msg tea.Msg, _ error) (Model, tea.Cmd) { return m.broadcast(msg) })
}

// pageWrite is a change a page asks for. do returns the page's message,
// which carries the error it returns too; the message goes to every page,
// and the page words the error. It is dropped when it fails: it was a
// decision, which the lead may take again.
func pageWrite(do func(ctx context.Context, st *store.Store) (tea.Msg, error)) op {
	return newOp(op{dropOnError: true, saysErrors: true},
		func(ctx context.Context, st *store.Store, _ int64) (tea.Msg, error) { return do(ctx, st) },
		func(m Model, msg tea.Msg, _ error) (Model, tea.Cmd) { return m.broadcast(msg) })
}

// refreshSession reads the open round again, behind the queued writes.
func (m *Model) refreshSession() tea.Cmd {
	if !m.sess.known {
		return nil
	}
	return m.enqueue(sessionRead(m.sess.me))
}

// sessionRead reads the open round again for me.
func sessionRead(me store.Auditor) op {
	return newOp(op{read: true, dropOnError: true},
		func(ctx context.Context, st *store.Store, _ int64) (session, error) {
			return readRound(ctx, st, session{me: me, known: true})
		},
		Model.sessionRefreshed)
}

// sessionRefreshed shows the open round as it now is: in the header, in
// tab 1 (whose calls are read again) and in the other pages.
func (m Model) sessionRefreshed(s session, err error) (Model, tea.Cmd) {
	if err != nil {
		return m, nil // the status line says it; the old round stays on screen
	}
	m.sess = s
	m.setCalls(m.callsPage().withSession(m.sess))
	m, told := m.broadcast(sessionReadyMsg{sess: m.sess})
	return m, tea.Batch(told, m.reloadCalls(0))
}
