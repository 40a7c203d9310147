// Package ui is the terminal screens of phoneaudit: a root model with a
// header of five tabs, the body of the active tab and a help line. The
// screens talk to package store, always inside tea.Cmds whose answers come
// back as messages, so a slow database never freezes the keyboard.
package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"phoneaudit/lang"
	"phoneaudit/store"
)

// Options are what the screens need from the program that starts them.
type Options struct {
	Lang     lang.Lang                       // lang.ZH (the default) or lang.EN
	Store    *store.Store                    // the open database; nil only in tests of the bare shell
	As       string                          // --as NAME: who I am ("" = not given)
	OSUser   string                          // the OS user, under which the chosen identity is remembered
	LoadDemo func(ctx context.Context) error // fills an empty database with the demo city (key d)
	Now      func() time.Time                // the clock (nil = time.Now); tests fix it
	// Fixed: who I am is As and nothing else (an SSH session, where the key decided it). The
	// picker never shows: a name that names nobody ends the session with a message.
	Fixed bool
	// AnswerSaved, when set, is told how long each answer took from its key press reaching the
	// program to its commit: the load test reports it; the program itself leaves it nil.
	AnswerSaved func(took time.Duration)
	// Session is this program among the others on the file, and where it runs (a terminal and
	// its process, or an SSH session): the sheets it opens are leased to it, and the other
	// sessions say where they are open. The caller ends it (Store.ReleaseSession) when the
	// program is over. Zero: a session of a terminal of this process.
	Session store.Session
}

// dbState is what the root model knows about the database.
type dbState int

const (
	dbChecking dbState = iota // the office count has not answered yet
	dbReady                   // offices exist (or there is no database): show the tabs
	dbEmpty                   // no offices: show the welcome panel
)

// status is the one line above the help: progress, results and errors.
type status struct {
	text       string
	isErr      bool
	fromWrites bool // a failed write: cleared when the write goes through
}

// tickFunc schedules a message after d, as tea.Tick does. Tests replace it,
// since a test drives the model without a running clock.
type tickFunc func(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd

// Model is the root of the screens. It alone returns a tea.View.
type Model struct {
	shared
	keys KeyMap
	help help.Model
	tick tickFunc

	// ctx is handed to the store. Update has no context argument, so the
	// root keeps the program's one (soft-serve does the same); Run sets it,
	// so closing the program stops what is still running.
	ctx        context.Context
	base       *store.Store // as opened
	st         *store.Store // acting as me, once I am known
	as, osUser string
	fixed      bool
	loadDemo   func(ctx context.Context) error
	saved      func(took time.Duration) // Options.AnswerSaved
	dbName     string

	width, height int
	bodyW, bodyH  int // the size last told to the screens
	active        tab
	pages         [tabCount]page
	db            dbState
	loadingDemo   bool
	status        status

	sess    session
	picking bool // who am I? the picker is on screen
	picker  picker
	call    callScreen // the call screen, when open: modal over the tabs
	ops     opQueue    // the reads and writes of the database, in key order

	quitting    bool // ctrl+c waits for the writes in flight
	flushFailed bool // they failed: the next ctrl+c quits anyway
	clockOn     bool // a clock tick is on its way
	clockGen    int

	watching     bool  // the watch for other sessions' changes runs
	dataVersion  int64 // the database's data version last seen
	versionKnown bool

	leaseSeq int  // the takes of a sheet's lease, numbered (call_lease.go)
	beatOn   bool // a heartbeat of the lease is on its way
	beatGen  int
}

// New builds the root model. An unknown Lang falls back to Chinese; Run
// rejects it instead.
func New(opts Options) Model {
	l, _ := lang.Parse(string(opts.Lang))
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	s := shared{lang: l, styles: DefaultStyles(), now: now}
	if opts.Store != nil {
		if opts.Session.ID == "" {
			opts.Session = store.NewSession(store.LocalPlace(""))
		}
		opts.Store = opts.Store.InSession(opts.Session)
	}
	m := Model{
		shared:   s,
		keys:     DefaultKeyMap(l),
		help:     help.New(),
		tick:     tea.Tick,
		ctx:      context.Background(),
		base:     opts.Store,
		st:       opts.Store,
		as:       opts.As,
		osUser:   opts.OSUser,
		fixed:    opts.Fixed,
		loadDemo: opts.LoadDemo,
		saved:    opts.AnswerSaved,
		pages:    newPages(s, opts.Store != nil),
		db:       dbReady,
		ops:      newOpQueue(),
	}
	m.help.Styles = s.styles.Help
	if opts.Store != nil {
		m.dbName = filepath.Base(opts.Store.Path())
		m.db = dbChecking
		m.status = status{text: tr(l, msgCheckingDB)}
	}
	m.syncKeys()
	return m
}

// Run shows the screens until the user quits or ctx ends.
func Run(ctx context.Context, opts Options) error {
	if _, err := lang.Parse(string(opts.Lang)); err != nil {
		return err
	}
	m := New(opts)
	m.ctx = ctx
	if _, err := tea.NewProgram(m, tea.WithContext(ctx)).Run(); err != nil {
		return fmt.Errorf("the screens stopped: %w", err)
	}
	return nil
}

// Init asks whether the database has offices, to decide on the welcome panel.
func (m Model) Init() tea.Cmd {
	if m.db != dbChecking {
		return nil
	}
	return checkEmpty(m.ctx, m.base)
}

// Update hands each kind of message to its own method, then brings the
// keys, the sizes and the clock in line with the new state.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	shown := m.active
	m, cmd := m.update(msg)
	m, asked := m.tellPages(shown)
	m.syncKeys()
	m.layout()
	return m, tea.Batch(cmd, asked, m.clock(), m.beat())
}

func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.SetWidth(m.innerWidth())
		return m, nil
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	case tea.MouseMsg:
		return m.mouse(msg), nil
	case emptyCheckedMsg:
		return m.emptyChecked(msg)
	case demoLoadedMsg:
		return m.demoLoaded(msg)
	case sessionMsg:
		return m.sessionLoaded(msg)
	case opDoneMsg:
		return m.opDone(msg)
	case recordingCheckedMsg:
		if m.call.open && m.call.callID == msg.callID {
			var out callOut
			m.call, out = m.call.recordingChecked(msg)
			return m.applyCallOut(out)
		}
		return m, nil
	case notesTickMsg:
		if m.call.open && m.call.callID == msg.callID {
			var out callOut
			m.call, out = m.call.notesTick(msg.seq)
			return m.applyCallOut(out)
		}
		return m, nil
	case clockTickMsg:
		return m.clockTicked(msg), nil
	case leaseTickMsg:
		return m.leaseTicked(msg)
	case leaseBeatMsg:
		return m.leaseBeat(msg)
	case dataVersionMsg:
		return m.versionRead(msg)
	case busyRetryMsg:
		return m, m.busyRetry(msg)
	case watchedMsg:
		return m.watched(msg)
	case openCallMsg: // tab 1's question to join a call was answered yes
		return m.openCall(msg)
	}
	return m.broadcast(msg)
}

// handleKey: ctrl+c first, whatever has the keyboard; then the call screen
// or a typing filter take every key; then the shell's keys; then the page.
func (m Model) handleKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	if key.Matches(msg, m.keys.ForceQuit) {
		return m.quit()
	}
	if m.call.open {
		return m.callKey(msg)
	}
	if m.pageTyping() {
		return m.pageKey(msg)
	}
	switch {
	case key.Matches(msg, m.keys.Quit):
		return m.quit()
	case key.Matches(msg, m.keys.Help):
		return m.toggleHelp(), nil
	case key.Matches(msg, m.keys.Retry):
		return m, m.retryOps()
	case key.Matches(msg, m.keys.NextTab):
		m.active = m.active.next()
		return m, nil
	case key.Matches(msg, m.keys.PrevTab):
		m.active = m.active.prev()
		return m, nil
	case key.Matches(msg, m.keys.LoadDemo):
		return m.startDemo()
	}
	if t, ok := m.keys.tabFor(msg); ok {
		m.active = t
		return m, nil
	}
	if m.picking {
		var chosen *store.Auditor
		if m.picker, chosen = m.picker.update(msg); chosen != nil {
			return m.pick(*chosen)
		}
		return m, nil
	}
	if m.db != dbReady {
		return m, nil // the pages are not on screen
	}
	if open, ok := m.callsPage().opens(msg); ok && m.active == tabCalls {
		return m.openCall(open)
	}
	return m.pageKey(msg)
}

func (m Model) pageKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	m.pages[m.active], cmd = m.pages[m.active].Update(msg)
	return m, cmd
}

func (m Model) toggleHelp() Model {
	m.help.ShowAll = !m.help.ShowAll
	m.keys.setFullHelp(m.lang, m.help.ShowAll)
	return m
}

// mouse goes to the list on screen, with Y counted from the top of the body.
func (m Model) mouse(msg tea.MouseMsg) Model {
	if m.call.open || m.db != dbReady {
		return m
	}
	msg = shiftMouse(msg, headerLines)
	if m.picking {
		m.picker = m.picker.mouse(msg, m.bodyH)
		return m
	}
	m.pages[m.active], _ = m.pages[m.active].Update(msg)
	return m
}

func shiftMouse(msg tea.MouseMsg, dy int) tea.MouseMsg {
	switch e := msg.(type) {
	case tea.MouseClickMsg:
		e.Y -= dy
		return e
	case tea.MouseWheelMsg:
		e.Y -= dy
		return e
	case tea.MouseReleaseMsg:
		e.Y -= dy
		return e
	case tea.MouseMotionMsg:
		e.Y -= dy
		return e
	}
	return msg
}

// broadcast gives any other message to every page, not only the visible
// one: data a page asked for must not be lost because the user switched tabs
// while it was loading.
func (m Model) broadcast(msg tea.Msg) (Model, tea.Cmd) {
	cmds := make([]tea.Cmd, 0, len(m.pages))
	for i, p := range m.pages {
		var cmd tea.Cmd
		m.pages[i], cmd = p.Update(msg)
		cmds = append(cmds, cmd)
	}
	return m, tea.Batch(cmds...)
}

// quit leaves at once when everything is saved. Otherwise it first sends
// what is still on its way (the notes being typed included) and quits when
// the queue is empty; if that fails it stays and says so, and a second
// ctrl+c quits: the draft in the database is then what was committed.
func (m Model) quit() (Model, tea.Cmd) {
	if m.flushFailed {
		return m, tea.Quit
	}
	if m.call.open {
		if o, ok := m.call.flushNotes(); ok {
			m.ops.add(o)
		}
	}
	if !m.ops.unsaved() {
		return m, tea.Quit
	}
	m.quitting = true
	m.status = status{text: tr(m.lang, msgFlushing)}
	m.ops.failed = nil
	return m, m.startHead()
}

// View draws the whole terminal in the alternate screen, with the mouse on.
func (m Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "phoneaudit"
	return v
}
