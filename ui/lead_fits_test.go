package ui

import (
	"testing"

	"phoneaudit/lang"
)

// Every state of tabs 2 and 4 and of an office's history fits the terminal
// exactly at the sizes offices use, in both languages.
func TestLeadScreensFit(t *testing.T) {
	states := []struct {
		name string
		as   string
		keys []string
	}{
		{"flagged", leadName, []string{"2"}},
		{"flagged round 5", leadName, []string{"2", "["}},
		{"flagged persons", leadName, []string{"2", "v"}},
		{"flagged filter", leadName, append([]string{"2", "/"}, typeText("市商务局")...)},
		{"flagged nothing matches", leadName, []string{"2", "/", "z", "z", "enter"}},
		{"flagged full help", leadName, []string{"2", "?"}},
		{"history", leadName, []string{"2", "enter"}},
		{"history scrolled", leadName, []string{"2", "enter", "pgdown", "pgdown", "pgdown", "pgdown"}},
		{"history full help", leadName, []string{"2", "enter", "?"}},
		{"report form", leadName, append([]string{"2", "down", "enter", "R"}, typeText("已安排专人值守电话")...)},
		{"report mistake", leadName, []string{"2", "down", "enter", "R", "enter"}},
		{"extend form", leadName, append([]string{"2", "down", "enter", "X"}, typeText("2027-01-15")...)},
		{"extend mistake", leadName, []string{"2", "down", "enter", "X", "enter"}},
		{"offices", leadName, []string{"4"}},
		{"offices category", leadName, []string{"4", "c", "d"}},
		{"offices filter", leadName, append([]string{"4", "/"}, typeText("户政")...)},
		{"offices history", leadName, []string{"4", "enter"}},
		{"ranking", leadName, []string{"4", "t"}},
		{"ranking scrolled", leadName, []string{"4", "t", "pgdown", "["}},
		{"offices full help", leadName, []string{"4", "?"}},
		{"auditor flagged", "杜瑞", []string{"2"}},
		{"auditor offices", "杜瑞", []string{"4"}},
	}
	sizes := []struct{ w, h int }{{80, 24}, {120, 40}, {40, 12}}
	for _, l := range []lang.Lang{lang.ZH, lang.EN} {
		for _, s := range states {
			t.Run(string(l)+"/"+s.name, func(t *testing.T) {
				st := demoStore(t)
				m := press(t, start(t, opts(st, l, s.as, &clock{t: testNow}), sizes[0].w, sizes[0].h), s.keys...)
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
