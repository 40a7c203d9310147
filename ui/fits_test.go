package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"phoneaudit/lang"
)

// Every state at the sizes offices use must fit the terminal exactly: a
// line too wide wraps and shifts the whole screen. Each state is reached
// with real keys on a real database, then the terminal is resized through
// the sizes.
func TestEveryScreenFits(t *testing.T) {
	full := []string{"enter", "space", "space", "y", "4", "5", "y", "y"}
	states := []struct {
		name  string
		setup func(t *testing.T) Options
		keys  []string
	}{
		{"bare tabs", bare, nil},
		{"bare each tab", bare, []string{"2", "3", "4", "5"}},
		{"bare full help", bare, []string{"5", "?"}},
		{"welcome", empty, nil},
		{"welcome full help", empty, []string{"?"}},
		{"demo failed", failingDemo, []string{"d"}},
		{"picker", as(""), nil},
		{"unknown --as", as("没有这个人的名字很长很长很长"), nil},
		{"calls", as("杜瑞"), nil},
		{"calls full help", as("杜瑞"), []string{"?"}},
		{"calls of a lead", as("姜中原"), nil},
		{"filter typing", as("杜瑞"), append([]string{"/"}, typeText("市公安局")...)},
		{"filter matches nothing", as("杜瑞"), []string{"/", "z", "z", "enter"}},
		{"no open round", noRound, nil},
		{"call idle", as("杜瑞"), []string{"enter"}},
		{"dialling", as("杜瑞"), []string{"enter", "space"}},
		{"scoring", as("杜瑞"), []string{"enter", "space", "space"}},
		{"scoring full help", as("杜瑞"), []string{"enter", "space", "space", "?"}},
		{"who answered", as("杜瑞"), []string{"enter", "space", "space", "a", "0", "2", "3", "1", "tab"}},
		{"recording error", as("杜瑞"), append([]string{"enter", "space", "space", "r"}, append(typeText("/没有/这个/文件.wav"), "enter")...)},
		{"seconds", as("杜瑞"), []string{"enter", "space", "space", "s"}},
		{"notes", as("杜瑞"), append([]string{"enter", "space", "space", "e"}, typeText(strings.Repeat("态度较好，但让自己上网查材料清单。", 8))...)},
		{"submit incomplete", as("杜瑞"), []string{"enter", "space", "space", "ctrl+s"}},
		{"submit complete", as("杜瑞"), append(full, "ctrl+s")},
		{"abandon", as("杜瑞"), []string{"enter", "space", "space", "y", "x"}},
		{"failed dial", as("杜瑞"), []string{"enter", "space", "5"}},
		{"wrong number", as("杜瑞"), []string{"enter", "space", "3"}},
		{"finished call", as("杜瑞"), []string{"g", "enter"}},
		{"other auditor's call", as("姜中原"), []string{"enter"}},
		{"back after submit", as("杜瑞"), append(full, "ctrl+s", "y")},
	}
	sizes := []struct{ w, h int }{{80, 24}, {120, 40}, {100, 30}, {40, 12}, {20, 6}}
	for _, l := range []lang.Lang{lang.ZH, lang.EN} {
		for _, st := range states {
			t.Run(string(l)+"/"+st.name, func(t *testing.T) {
				o := st.setup(t)
				o.Lang = l
				m := press(t, start(t, o, sizes[0].w, sizes[0].h), st.keys...)
				for _, size := range sizes {
					m = update(t, m, tWindow(size.w, size.h))
					if !assertFitsSize(t, screen(m), size.w, size.h) {
						return
					}
				}
			})
		}
	}
}

// assertFitsSize is assertFits naming the size.
func assertFitsSize(t *testing.T, view string, w, h int) bool {
	t.Helper()
	ok := t.Run(fmt.Sprintf("%dx%d", w, h), func(t *testing.T) { assertFits(t, view, w, h) })
	return ok
}

func bare(*testing.T) Options { return Options{} }

func empty(t *testing.T) Options { return Options{Store: emptyStore(t), OSUser: "tester"} }

func failingDemo(t *testing.T) Options {
	o := empty(t)
	o.LoadDemo = func(context.Context) error { return errors.New(strings.Repeat("写入失败 ", 40)) }
	return o
}

func as(name string) func(t *testing.T) Options {
	return func(t *testing.T) Options {
		return opts(demoStore(t), "", name, &clock{t: testNow})
	}
}

// noRound is the demo city with round 6 closed by a lead.
func noRound(t *testing.T) Options {
	st := demoStore(t)
	if _, err := st.CloseRound(context.Background(), "6", true); err != nil {
		t.Fatal(err)
	}
	return opts(st, "", "杜瑞", &clock{t: testNow})
}
