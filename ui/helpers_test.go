package ui

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// keyPress builds the tea.KeyPressMsg a terminal sends for the key named
// as bubbles/key names it ("1", "tab", "shift+tab", "ctrl+c", "esc").
func keyPress(name string) tea.KeyPressMsg {
	switch name {
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	}
	r := []rune(name)
	return tea.KeyPressMsg{Code: r[0], Text: name}
}

// fakeDB stands in for the two data functions of Options and counts the
// demo loads.
type fakeDB struct {
	empty    bool
	emptyErr error
	demoErr  error
	demos    atomic.Int32
}

func (f *fakeDB) options(lang string) Options {
	return Options{
		Lang:   lang,
		DBName: "phoneaudit.db",
		User:   "张伟",
		IsEmpty: func(context.Context) (bool, error) {
			return f.empty, f.emptyErr
		},
		LoadDemo: func(context.Context) error {
			f.demos.Add(1)
			return f.demoErr
		},
	}
}

// start builds a model at width×height and runs its Init command, as the
// program would.
func start(t *testing.T, opts Options, width, height int) Model {
	t.Helper()
	m := New(opts)
	m = update(t, m, tea.WindowSizeMsg{Width: width, Height: height})
	return settle(t, m, m.Init())
}

// update feeds one message to m.
func update(t *testing.T, m Model, msg tea.Msg) Model {
	t.Helper()
	next, _ := m.Update(msg)
	return next.(Model)
}

// press feeds the named keys to m one after the other, running every
// command they return, and returns the model and the last key's command.
func press(t *testing.T, m Model, keys ...string) Model {
	t.Helper()
	for _, k := range keys {
		next, cmd := m.Update(keyPress(k))
		m = settle(t, next.(Model), cmd)
	}
	return m
}

// settle runs cmd and the commands that follow from it until none is left,
// as the program's loop would. A quit ends the chain.
func settle(t *testing.T, m Model, cmd tea.Cmd) Model {
	t.Helper()
	for cmd != nil {
		msg := cmd()
		if _, ok := msg.(tea.QuitMsg); ok {
			return m
		}
		var next tea.Model
		next, cmd = m.Update(msg)
		m = next.(Model)
	}
	return m
}

// screen is the view as the user reads it: no escape sequences.
func screen(m Model) string {
	return ansi.Strip(m.View().Content)
}

// lastLines is the bottom n lines of the screen (status and help).
func lastLines(m Model, n int) string {
	lines := strings.Split(screen(m), "\n")
	return strings.Join(lines[max(len(lines)-n, 0):], "\n")
}

// hasText reports whether the screen shows text, wherever the screen
// wrapped it: spaces and line breaks are ignored on both sides.
func hasText(m Model, text string) bool {
	squeeze := func(s string) string { return strings.Join(strings.Fields(s), "") }
	return strings.Contains(squeeze(screen(m)), squeeze(text))
}
