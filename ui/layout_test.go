package ui

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

func tWindow(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }

// Every state at the sizes offices use must fit the terminal exactly: a
// line too wide wraps and shifts the whole screen.
func TestEveryScreenFits(t *testing.T) {
	states := []struct {
		name string
		db   *fakeDB
		keys []string
	}{
		{"tabs", &fakeDB{}, nil},
		{"each tab", &fakeDB{}, []string{"2", "3", "4", "5"}},
		{"full help", &fakeDB{}, []string{"5", "?"}},
		{"welcome", &fakeDB{empty: true}, nil},
		{"welcome full help", &fakeDB{empty: true}, []string{"?"}},
		{"demo failed", &fakeDB{empty: true, demoErr: errors.New(strings.Repeat("写入失败 ", 40))}, []string{"d"}},
		{"demo loaded", &fakeDB{empty: true}, []string{"d"}},
		{"check failed", &fakeDB{emptyErr: errors.New("database is locked")}, nil},
	}
	sizes := []struct{ w, h int }{{80, 24}, {120, 40}, {100, 30}, {40, 12}, {20, 6}}
	for _, lang := range []string{"zh", "en"} {
		for _, size := range sizes {
			for _, st := range states {
				name := fmt.Sprintf("%s/%dx%d/%s", lang, size.w, size.h, st.name)
				t.Run(name, func(t *testing.T) {
					opts := st.db.options(lang)
					opts.DBName = "二〇二六年全市重点科室电话暗访测评数据库.db"
					opts.User = "张伟(人社)"
					m := press(t, start(t, opts, size.w, size.h), st.keys...)
					assertFits(t, screen(m), size.w, size.h)
				})
			}
		}
	}
}

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
	m := start(t, (&fakeDB{empty: true}).options("zh"), 120, 40)
	m = update(t, m, tWindow(80, 24))
	assertFits(t, screen(m), 80, 24)
	m = update(t, m, tWindow(100, 30))
	assertFits(t, screen(m), 100, 30)
}

func TestNoViewBeforeTheSizeIsKnown(t *testing.T) {
	m := New((&fakeDB{}).options("zh"))
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
