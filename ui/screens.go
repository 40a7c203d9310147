package ui

import (
	"context"
	"slices"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"phoneaudit/scoring"
	"phoneaudit/store"
)

// How the root moves between the list of calls and the call screen, and
// keeps the keys, the sizes and the clock in step with what is on screen.

// callsPage is tab 1 as its concrete type.
func (m Model) callsPage() callsPage {
	p, _ := m.pages[tabCalls].(callsPage)
	return p
}

func (m *Model) setCalls(p callsPage) { m.pages[tabCalls] = p }

// openCall shows the call screen and reads the call through the queue, so
// the screen sees every change still on its way from an earlier visit.
func (m Model) openCall(msg openCallMsg) (Model, tea.Cmd) {
	m.call = newCallScreen(m.shared, m.sess, msg.call, msg.pos, msg.total)
	m.call.panel = msg.panel
	m.status = status{}
	edit := msg.panel || (m.sess.known && msg.call.AuditorID == m.sess.me.ID)
	return m, m.enqueue(callRead(msg.call.ID, edit))
}

// callKey gives a key to the call screen; ? and ctrl+r work unless a
// field has the keyboard.
func (m Model) callKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	if m.call.loading {
		// Kept until the call is read: a quick "enter, space" must not lose the space.
		m.call.early = append(slices.Clip(m.call.early), msg)
		return m, nil
	}
	if !m.call.typing() {
		switch {
		case key.Matches(msg, m.keys.Help):
			return m.toggleHelp(), nil
		case key.Matches(msg, m.keys.Retry):
			return m, m.retryOps()
		}
	}
	var out callOut
	m.call, out = m.call.handleKey(msg, m.now())
	return m.applyCallOut(out)
}

// replayEarlyKeys gives the screen the keys pressed while it was loading.
func (m Model) replayEarlyKeys() (Model, tea.Cmd) {
	keys := m.call.early
	m.call.early = nil
	var cmds []tea.Cmd
	for _, k := range keys {
		if !m.call.open {
			break // an esc among them left the call
		}
		var cmd tea.Cmd
		m.syncKeys()
		m, cmd = m.callKey(k)
		cmds = append(cmds, cmd)
	}
	return m, tea.Batch(cmds...)
}

// applyCallOut queues the screen's writes in the order they were made,
// starts the notes debounce and acts on the screen's event.
func (m Model) applyCallOut(out callOut) (Model, tea.Cmd) {
	cmds := []tea.Cmd{out.cmd}
	if len(out.writes) > 0 {
		cmds = append(cmds, m.enqueue(out.writes...))
	}
	if out.notesTick != 0 {
		id, seq := m.call.callID, out.notesTick
		cmds = append(cmds, m.tick(time.Second, func(time.Time) tea.Msg { return notesTickMsg{callID: id, seq: seq} }))
	}
	m, cmd := m.callEvent(out.event)
	return m, tea.Batch(append(cmds, cmd)...)
}

// callEvent closes the screen when it is done and reloads the list; after a
// finished call the next one to make is selected.
func (m Model) callEvent(ev callEvent) (Model, tea.Cmd) {
	if ev.kind == evNone {
		return m, nil
	}
	id, finished := m.call.callID, m.call.finished()
	switch {
	case ev.kind == evReviewed:
		text := tr(m.lang, msgConsensusSaved, m.resultWords(ev.result))
		switch {
		case ev.dropped != "":
			text = tr(m.lang, msgSheetDropped, ev.dropped)
		case ev.accepted:
			text = tr(m.lang, msgAcceptSaved, m.resultWords(ev.result))
		}
		m.status = status{text: text}
		return m, m.enqueue(refreshRead(id))
	case ev.kind == evSubmitted && m.call.stays():
		// On a panel the screen stays, to show the sheets side by side as they come in.
		m.status = status{text: tr(m.lang, msgPanelSubmitted, m.resultWords(ev.result))}
		return m, m.enqueue(refreshRead(id))
	case ev.kind == evSubmitted:
		finished = true
		m.status = status{text: tr(m.lang, msgSubmitted, m.call.call.Office, m.resultWords(ev.result))}
	case ev.kind == evAbandoned:
		m.status = status{text: tr(m.lang, msgAbandoned)}
	}
	release := m.releaseLease()
	m.call = callScreen{}
	if !finished {
		id = 0
	}
	return m, tea.Batch(release, m.reloadCalls(id))
}

// resultWords is "85 分 良好 · 无问题" for the status line after a submit.
func (m Model) resultWords(res scoring.Result) string {
	l := m.lang
	text := tr(l, msgPoints, formatPoints(res.Total))
	if g, ok := m.sess.gradeLabel(res.Grade, l); ok {
		text += " " + g
	}
	if res.Problem {
		return text + " · " + tr(l, msgProblemReasons, scoring.JoinReasons(res.Reasons, l))
	}
	return text + " · " + tr(l, msgNoProblem)
}

// reloadCalls reads the list again behind the writes still queued, so it
// shows what they did.
func (m *Model) reloadCalls(after int64) tea.Cmd {
	if !m.sess.hasRound || !m.sess.known {
		return nil
	}
	return m.enqueue(callsRead(m.callFilter(), after))
}

// callsRead reads the calls of the round that f selects, and the running
// calls I may join, for the list of tab 1.
func callsRead(f store.CallFilter, after int64) op {
	return newOp(op{read: true, dropOnError: true},
		func(ctx context.Context, st *store.Store, _ int64) (callsLoadedMsg, error) {
			msg, err := readCalls(ctx, st, f)
			msg.err, msg.after = err, after
			return msg, err
		},
		func(m Model, msg callsLoadedMsg, _ error) (Model, tea.Cmd) {
			m.setCalls(m.callsPage().loaded(msg))
			return m, nil
		})
}

// onCall gives the reply of an operation on callID to the call screen, when
// it still shows that call, and acts on the screen's event.
func (m Model) onCall(callID int64, react func(c callScreen) (callScreen, callEvent)) (Model, tea.Cmd) {
	if !m.call.open || m.call.callID != callID {
		return m, nil
	}
	var ev callEvent
	m.call, ev = react(m.call)
	m.call.syncKeys()
	return m.callEvent(ev)
}

// clockTickMsg makes the timer on the call screen move once a second.
type clockTickMsg struct{ gen int }

// clock starts the ticks when the call screen shows a running timer; they
// stop by themselves when it no longer does.
func (m *Model) clock() tea.Cmd {
	if m.clockOn || !m.call.needsClock() {
		return nil
	}
	m.clockOn = true
	m.clockGen++
	gen := m.clockGen
	return m.tick(time.Second, func(time.Time) tea.Msg { return clockTickMsg{gen: gen} })
}

func (m Model) clockTicked(msg clockTickMsg) Model {
	if msg.gen == m.clockGen {
		m.clockOn = false // Update's clock() sends the next tick if still needed
	}
	return m
}

// syncKeys switches on exactly the keys that work in the current state, so
// the help line never offers a key that does nothing.
func (m *Model) syncKeys() {
	if m.call.open {
		m.call.syncKeys()
	}
	modal := m.call.open
	tabs := !modal && !m.picking
	for i := range m.keys.Tabs {
		m.keys.Tabs[i].SetEnabled(tabs)
	}
	m.keys.switchTab.SetEnabled(tabs)
	m.keys.NextTab.SetEnabled(tabs)
	m.keys.PrevTab.SetEnabled(tabs)
	m.keys.Quit.SetEnabled(!modal)
	m.keys.Help.SetEnabled(!modal || !m.call.typing())
	m.keys.Retry.SetEnabled(m.ops.failed != nil && !m.ops.running)
	m.keys.LoadDemo.SetEnabled(m.db == dbEmpty && !m.loadingDemo && m.loadDemo != nil)
}

// helpKeys puts the keys of what is on screen before the shell's ones.
func (m Model) helpKeys() help.KeyMap {
	var short []key.Binding
	var full [][]key.Binding
	switch {
	case m.call.open:
		k := m.keys
		short = slices.Concat(m.call.ShortHelp(), []key.Binding{k.Retry, k.Help}, m.call.moreHelp())
		return helpKeys{short: short, full: slices.Concat(m.call.FullHelp(), k.FullHelp())}
	case m.picking:
		short = m.picker.ShortHelp()
		full = [][]key.Binding{short}
	case m.db == dbReady:
		p := m.pages[m.active]
		short, full = p.ShortHelp(), p.FullHelp()
	}
	if m.pageTyping() {
		return helpKeys{short: append(short, m.keys.ForceQuit), full: append(full, []key.Binding{m.keys.ForceQuit})}
	}
	return helpKeys{
		short: slices.Concat(short, m.keys.ShortHelp()),
		full:  slices.Concat(full, m.keys.FullHelp()),
	}
}

// helpKeys is a help.KeyMap made of ready lists.
type helpKeys struct {
	short []key.Binding
	full  [][]key.Binding
}

func (h helpKeys) ShortHelp() []key.Binding  { return h.short }
func (h helpKeys) FullHelp() [][]key.Binding { return h.full }

// layout tells the list the size of the body when it changed (the
// terminal was resized, or the full help took lines): the list scrolls by
// it. The call screen needs its size only to draw.
func (m *Model) layout() {
	if m.width <= 0 || m.height <= 0 {
		return
	}
	w, h := m.innerWidth(), m.bodyHeight()
	if w == m.bodyW && h == m.bodyH {
		return
	}
	m.bodyW, m.bodyH = w, h
	m.setCalls(m.callsPage().setSize(w, h))
	for i, p := range m.pages {
		if r, ok := p.(resizer); ok {
			m.pages[i] = r.resized(w, h)
		}
	}
}

// helpHeight is the lines the help takes: one, or the full help's, which
// may not push the body off a short terminal entirely.
func (m Model) helpHeight() int {
	if !m.help.ShowAll {
		return 1
	}
	n := lipgloss.Height(m.help.View(m.helpKeys()))
	return min(n, max(m.height-headerLines-statusLines-1, 1))
}

func (m Model) bodyHeight() int {
	return max(m.height-headerLines-statusLines-m.helpHeight(), 0)
}
