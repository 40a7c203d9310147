package ui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

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
	lang   Lang
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
// sends through the write queue in the order they were asked for, and the
// answers come back to every page as messages.

// sessionReadyMsg tells the pages who I am and which round is open, at the
// start and again when a lead opens or closes a round.
type sessionReadyMsg struct{ sess session }

// dataChangedMsg tells the pages that a write of this program went through,
// or another session's or process's (watch.go), so what they show may be
// out of date.
type dataChangedMsg struct{}

// tabShownMsg tells the pages which tab is now on screen.
type tabShownMsg struct{ tab tab }

// writer is a page that asks for database operations: takeWrites hands
// them over and forgets them.
type writer interface {
	takeWrites() (page, []write)
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
	var asked []write
	for i, p := range m.pages {
		if w, ok := p.(writer); ok {
			var ws []write
			m.pages[i], ws = w.takeWrites()
			asked = append(asked, ws...)
		}
	}
	if len(asked) == 0 {
		return m, told
	}
	return m, tea.Batch(told, m.enqueue(asked...))
}

// pageRead is a read for tab 3 or 5, queued behind the writes it must see.
// do returns the page's message, which carries its own error.
func pageRead(do func(ctx context.Context, st *store.Store) tea.Msg) write {
	return write{kind: wPageRead, read: true, dropOnError: true,
		run: func(ctx context.Context, st *store.Store, _ int64) (writeResult, error) {
			return writeResult{value: do(ctx, st)}, nil
		},
		reply: func(res writeResult, _ error) tea.Msg { return res.value }}
}

// pageReply gives the pages the answer to their operation. A round opened
// or closed changes tab 1 and the header too: the open round is read again.
func (m Model) pageReply(w write, msg writeDoneMsg) (Model, tea.Cmd) {
	m, cmd := m.broadcast(w.reply(msg.res, msg.err))
	if msg.err == nil && (w.kind == wRoundOpen || w.kind == wRoundReopen || w.kind == wRoundClose) {
		return m, tea.Batch(cmd, m.refreshSession())
	}
	return m, cmd
}

// refreshSession reads the open round again, behind the queued writes.
func (m *Model) refreshSession() tea.Cmd {
	if !m.sess.known {
		return nil
	}
	me := m.sess.me
	return m.enqueue(write{kind: wLoadSession, read: true, dropOnError: true,
		run: func(ctx context.Context, st *store.Store, _ int64) (writeResult, error) {
			s, err := readRound(ctx, st, session{me: me, known: true})
			return writeResult{sess: s}, err
		}})
}

// sessionRefreshed shows the open round as it now is: in the header, in
// tab 1 (whose calls are read again) and in the other pages.
func (m Model) sessionRefreshed(msg writeDoneMsg) (Model, tea.Cmd) {
	if msg.err != nil {
		return m, nil // the status line says it; the old round stays on screen
	}
	m.sess = msg.res.sess
	m.setCalls(m.callsPage().withSession(m.sess))
	m, told := m.broadcast(sessionReadyMsg{sess: m.sess})
	return m, tea.Batch(told, m.reloadCalls(0))
}
