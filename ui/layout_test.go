package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

func tWindow(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }

func assertFits(t *testing.T, view string, width, height int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != height {
		t.Errorf("%d lines, want %d", len(lines), height)
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > width {
			t.Errorf("line %d is %d cells wide, more than %d: %q", i+1, w, width, l)
		}
	}
	if t.Failed() {
		t.Logf("screen:\n%s", view)
	}
}

// The size follows the terminal when it is resized.
func TestResize(t *testing.T) {
	m := start(t, Options{Lang: "zh", Store: emptyStore(t)}, 120, 40)
	m = update(t, m, tWindow(80, 24))
	assertFits(t, screen(m), 80, 24)
	m = update(t, m, tWindow(100, 30))
	assertFits(t, screen(m), 100, 30)
}

func TestNoViewBeforeTheSizeIsKnown(t *testing.T) {
	m := New(Options{Lang: "zh", Store: emptyStore(t)})
	v := m.View()
	if v.Content != "" {
		t.Errorf("view before the size is known: %q", v.Content)
	}
	if !v.AltScreen {
		t.Error("the view is not in the alternate screen")
	}
}

func TestFitBlock(t *testing.T) {
	tests := []struct {
		in            string
		width, height int
		want          []string
	}{
		{"", 10, 2, []string{"", ""}},
		{"a\nb\nc", 10, 2, []string{"a", "b"}},
		{"测评测评测评", 7, 1, []string{"测评测…"}},
		{"abc", 3, 3, []string{"abc", "", ""}},
	}
	for _, tt := range tests {
		got := fitBlock(tt.in, tt.width, tt.height)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("fitBlock(%q, %d, %d) = %q, want %q", tt.in, tt.width, tt.height, got, tt.want)
		}
	}
}
