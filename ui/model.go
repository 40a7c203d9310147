// Package ui is the terminal screens of phoneaudit: a root model with a
// header of five tabs, the body of the active tab and a help line. The data
// comes through functions injected in Options and always runs inside
// tea.Cmds, so a slow database never freezes the keyboard.
package ui

import (
	"context"
	"fmt"
	"slices"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Options are what the screens need from the program that starts them.
type Options struct {
	Lang   string // "zh" (default) or "en"
	DBName string // shown in the header (base name of the database file)
	User   string // who I am, shown in the header

	// Data access is injected, so ui does not depend on the store yet. Both
	// run inside tea.Cmds. A nil IsEmpty takes the database as filled; a nil
	// LoadDemo leaves the demo key out.
	IsEmpty  func(ctx context.Context) (bool, error) // no offices in the database
	LoadDemo func(ctx context.Context) error         // fill the database with the demo city
}

// dbState is what the root model knows about the database.
type dbState int

const (
	dbChecking dbState = iota // IsEmpty has not answered yet
	dbReady                   // offices exist (or we could not tell): show the tabs
	dbEmpty                   // no offices: show the welcome panel
)

// status is the one line above the help: progress, results and errors.
type status struct {
	text  string
	isErr bool
}

// Model is the root of the screens. It alone returns a tea.View.
type Model struct {
	shared
	keys KeyMap
	help help.Model

	// ctx is handed to the data functions. Update has no context argument,
	// so the root keeps the program's one (soft-serve does the same); Run
	// sets it, so closing the program stops what is still running.
	ctx      context.Context
	isEmpty  func(ctx context.Context) (bool, error)
	loadDemo func(ctx context.Context) error
	dbName   string
	user     string

	width, height int
	active        tab
	pages         [tabCount]page
	db            dbState
	loadingDemo   bool
	status        status
}

// New builds the root model. An unknown Lang falls back to Chinese; Run
// rejects it instead.
func New(opts Options) Model {
	lang, _ := ParseLang(opts.Lang)
	s := shared{lang: lang, styles: DefaultStyles()}
	m := Model{
		shared:   s,
		keys:     DefaultKeyMap(lang),
		help:     help.New(),
		ctx:      context.Background(),
		isEmpty:  opts.IsEmpty,
		loadDemo: opts.LoadDemo,
		dbName:   opts.DBName,
		user:     opts.User,
		pages:    newPages(s),
		db:       dbReady,
	}
	m.help.Styles = s.styles.Help
	if m.isEmpty != nil {
		m.db = dbChecking
		m.status = status{text: lang.tr(msgCheckingDB)}
	}
	return m
}

// Run shows the screens until the user quits or ctx ends.
func Run(ctx context.Context, opts Options) error {
	if _, err := ParseLang(opts.Lang); err != nil {
		return err
	}
	m := New(opts)
	m.ctx = ctx
	if _, err := tea.NewProgram(m, tea.WithContext(ctx)).Run(); err != nil {
		return fmt.Errorf("the screens stopped: %w", err)
	}
	return nil
}

// Init asks whether the database is empty, to decide on the welcome panel.
func (m Model) Init() tea.Cmd {
	if m.db != dbChecking {
		return nil
	}
	return checkEmpty(m.ctx, m.isEmpty)
}

// Update hands each kind of message to its own method.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return m.resize(msg), nil
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	case emptyCheckedMsg:
		return m.emptyChecked(msg), nil
	case demoLoadedMsg:
		return m.demoLoaded(msg), nil
	}
	return m.broadcast(msg)
}

func (m Model) resize(msg tea.WindowSizeMsg) Model {
	m.width, m.height = msg.Width, msg.Height
	m.help.SetWidth(m.innerWidth())
	return m
}

// handleKey tries the shell's keys first, then gives the key to the page on
// screen. A page that takes typed text will need the shell to step back;
// that comes with the first such page.
func (m Model) handleKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.ForceQuit), key.Matches(msg, m.keys.Quit):
		return m, tea.Quit
	case key.Matches(msg, m.keys.Help):
		m.help.ShowAll = !m.help.ShowAll
		m.keys.setFullHelp(m.lang, m.help.ShowAll)
		return m, nil
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
	if m.db != dbReady {
		return m, nil // the pages are not on screen
	}
	var cmd tea.Cmd
	m.pages[m.active], cmd = m.pages[m.active].Update(msg)
	return m, cmd
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

// syncKeys switches on exactly the keys that work in the current state, so
// the help line never offers a key that does nothing.
func (m *Model) syncKeys() {
	m.keys.LoadDemo.SetEnabled(m.db == dbEmpty && !m.loadingDemo && m.loadDemo != nil)
}

// helpKeys puts the page's keys before the shell's ones.
func (m Model) helpKeys() help.KeyMap {
	if m.db != dbReady {
		return m.keys
	}
	p := m.pages[m.active]
	return helpKeys{
		short: slices.Concat(p.ShortHelp(), m.keys.ShortHelp()),
		full:  slices.Concat(p.FullHelp(), m.keys.FullHelp()),
	}
}

// helpKeys is a help.KeyMap made of ready lists.
type helpKeys struct {
	short []key.Binding
	full  [][]key.Binding
}

func (h helpKeys) ShortHelp() []key.Binding  { return h.short }
func (h helpKeys) FullHelp() [][]key.Binding { return h.full }

// View draws the whole terminal in the alternate screen.
func (m Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = "phoneaudit"
	return v
}
