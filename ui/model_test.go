package ui

import (
	"reflect"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"phoneaudit/lang"
)

// The helper must build keys the way bubbles/key sees them, or every test
// below proves nothing.
func TestKeyPressMatchesBindingNames(t *testing.T) {
	for _, name := range []string{"1", "5", "q", "?", "d", "tab", "shift+tab", "ctrl+c", "esc", "enter",
		"space", "ctrl+s", "ctrl+r", "up", "down", "pgdown", "backspace", "/"} {
		b := key.NewBinding(key.WithKeys(name))
		if !key.Matches(keyPress(name), b) {
			t.Errorf("keyPress(%q) reads as %q", name, keyPress(name).String())
		}
	}
}

func TestTabSwitching(t *testing.T) {
	tests := []struct {
		keys []string
		want tab
	}{
		{nil, tabCalls},
		{[]string{"1"}, tabCalls},
		{[]string{"2"}, tabFlagged},
		{[]string{"3"}, tabRounds},
		{[]string{"4"}, tabOffices},
		{[]string{"5"}, tabBulletin},
		{[]string{"5", "2"}, tabFlagged},
		{[]string{"tab"}, tabFlagged},
		{[]string{"tab", "tab", "tab"}, tabOffices},
		{[]string{"5", "tab"}, tabCalls}, // wraps forwards
		{[]string{"shift+tab"}, tabBulletin},
		{[]string{"3", "shift+tab"}, tabFlagged},
		{[]string{"tab", "shift+tab"}, tabCalls},
		{[]string{"4", "6", "0", "x"}, tabOffices}, // other keys leave the tab alone
	}
	for _, l := range []lang.Lang{lang.ZH, lang.EN} {
		for _, tt := range tests {
			name := string(l) + "/" + strings.Join(tt.keys, ",")
			t.Run(name, func(t *testing.T) {
				m := press(t, start(t, Options{Lang: l}, 80, 24), tt.keys...)
				if m.active != tt.want {
					t.Fatalf("active tab = %d, want %d", m.active, tt.want)
				}
				if !hasText(m, tr(l, tt.want.aboutID())) {
					t.Errorf("the screen does not say what tab %d shows:\n%s", tt.want, screen(m))
				}
				for other := range tabCount {
					if other != tt.want && hasText(m, tr(l, other.aboutID())) {
						t.Errorf("tab %d is on screen while tab %d is active", other, tt.want)
					}
				}
			})
		}
	}
}

func TestActiveTabIsHighlighted(t *testing.T) {
	for n := range tabCount {
		m := press(t, start(t, Options{}, 120, 40), string(rune('1'+n)))
		header := strings.Split(m.View().Content, "\n")[0]
		want := m.styles.ActiveTab.Render(tr(m.lang, n.nameID()))
		if !strings.Contains(header, want) {
			t.Errorf("tab %d: header %q lacks the highlighted %q", n, header, want)
		}
		for other := range tabCount {
			if other != n && strings.Contains(header, m.styles.ActiveTab.Render(tr(m.lang, other.nameID()))) {
				t.Errorf("tab %d is highlighted while tab %d is active: %q", other, n, header)
			}
		}
	}
}

func TestQuitKeys(t *testing.T) {
	tests := []struct {
		key   string
		empty bool
		quits bool
	}{
		{"q", false, true},
		{"ctrl+c", false, true},
		{"q", true, true}, // also from the welcome panel
		{"ctrl+c", true, true},
		{"x", false, false},
		{"esc", false, false},
		{"1", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			o := Options{Lang: "zh"}
			if tt.empty {
				o.Store = emptyStore(t)
			}
			m := start(t, o, 80, 24)
			_, cmd := m.Update(keyPress(tt.key))
			quits := cmd != nil && reflect.DeepEqual(cmd(), tea.QuitMsg{})
			if quits != tt.quits {
				t.Fatalf("%s quits = %v, want %v", tt.key, quits, tt.quits)
			}
		})
	}
}

func TestHelpToggles(t *testing.T) {
	tests := []struct {
		lang     lang.Lang
		fullOnly string // a key description only the full help shows
		short    string // in the one-line help
	}{
		{"zh", "随时退出", "1-5 切换页面"},
		{"en", "quit from anywhere", "1-5 switch tab"},
	}
	for _, tt := range tests {
		t.Run(string(tt.lang), func(t *testing.T) {
			m := start(t, Options{Lang: tt.lang}, 120, 40)
			if got := screen(m); strings.Contains(got, tt.fullOnly) || !strings.Contains(got, tt.short) {
				t.Fatalf("short help expected, got:\n%s", got)
			}
			m = press(t, m, "?")
			if !m.help.ShowAll || !strings.Contains(screen(m), tt.fullOnly) {
				t.Fatalf("? did not show the full help:\n%s", screen(m))
			}
			m = press(t, m, "?")
			if m.help.ShowAll || strings.Contains(screen(m), tt.fullOnly) {
				t.Fatalf("? again did not hide the full help:\n%s", screen(m))
			}
		})
	}
}

// The header says who I am, the open round and the database under the
// tabs, and the saved mark beside the tabs. On a narrow terminal the
// database name gives way first.
func TestHeaderShowsWhoAndWhere(t *testing.T) {
	tests := []struct {
		name     string
		lang     lang.Lang
		width    int
		want     []string
		wantNoDB bool
	}{
		{"zh wide", "zh", 120, []string{"杜瑞 测评员", "2026年第6轮 进行中", "city.db"}, false},
		{"zh 80", "zh", 80, []string{"杜瑞 测评员", "2026年第6轮 进行中", "city.db"}, false},
		{"zh narrow", "zh", 40, []string{"杜瑞 测评员", "2026年第6轮"}, true},
		{"en 80", "en", 80, []string{"杜瑞 auditor", "2026年第6轮 open", "city.db"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := start(t, opts(demoStore(t), tt.lang, "杜瑞", nil), tt.width, 24)
			lines := strings.Split(screen(m), "\n")
			for _, w := range tt.want {
				if !strings.Contains(lines[1], w) {
					t.Errorf("the line under the tabs %q lacks %q", lines[1], w)
				}
			}
			if tt.wantNoDB && strings.Contains(lines[1], ".db") {
				t.Errorf("the database name should give way: %q", lines[1])
			}
			mark := map[string]string{"zh": "● 已保存", "en": "● saved"}[string(tt.lang)]
			if !strings.HasSuffix(strings.TrimRight(lines[0], " "), mark) {
				t.Errorf("the header %q does not end with the saved mark %q", lines[0], mark)
			}
		})
	}
}
