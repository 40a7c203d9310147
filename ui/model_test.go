package ui

import (
	"reflect"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// The helper must build keys the way bubbles/key sees them, or every test
// below proves nothing.
func TestKeyPressMatchesBindingNames(t *testing.T) {
	for _, name := range []string{"1", "5", "q", "?", "d", "tab", "shift+tab", "ctrl+c", "esc", "enter"} {
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
	for _, lang := range []string{"zh", "en"} {
		for _, tt := range tests {
			name := lang + "/" + strings.Join(tt.keys, ",")
			t.Run(name, func(t *testing.T) {
				db := &fakeDB{}
				m := press(t, start(t, db.options(lang), 80, 24), tt.keys...)
				if m.active != tt.want {
					t.Fatalf("active tab = %d, want %d", m.active, tt.want)
				}
				l := Lang(lang)
				if !hasText(m, l.tr(tt.want.aboutID())) {
					t.Errorf("the screen does not say what tab %d shows:\n%s", tt.want, screen(m))
				}
				for other := range tabCount {
					if other != tt.want && hasText(m, l.tr(other.aboutID())) {
						t.Errorf("tab %d is on screen while tab %d is active", other, tt.want)
					}
				}
			})
		}
	}
}

func TestActiveTabIsHighlighted(t *testing.T) {
	db := &fakeDB{}
	for n := range tabCount {
		m := press(t, start(t, db.options("zh"), 120, 40), string(rune('1'+n)))
		header := strings.Split(m.View().Content, "\n")[0]
		want := m.styles.ActiveTab.Render(m.lang.tr(n.nameID()))
		if !strings.Contains(header, want) {
			t.Errorf("tab %d: header %q lacks the highlighted %q", n, header, want)
		}
		for other := range tabCount {
			if other != n && strings.Contains(header, m.styles.ActiveTab.Render(m.lang.tr(other.nameID()))) {
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
			db := &fakeDB{empty: tt.empty}
			m := start(t, db.options("zh"), 80, 24)
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
		lang     string
		fullOnly string // a key description only the full help shows
		short    string // in the one-line help
	}{
		{"zh", "随时退出", "1-5 切换页面"},
		{"en", "quit from anywhere", "1-5 switch tab"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			m := start(t, (&fakeDB{}).options(tt.lang), 120, 40)
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

func TestHeaderShowsDatabaseAndUser(t *testing.T) {
	tests := []struct {
		name          string
		width         int
		db, user      string
		wantDB        string // a part of the header; "" when it must be absent
		wantUser      string
		wantTruncated bool
	}{
		{"fits", 120, "city.db", "张伟(人社)", "city.db", "张伟(人社)", false},
		{"long db name gives way", 80, "二〇二六年全市重点科室电话暗访测评.db", "张伟", "二〇", "张伟", true},
		{"no room for the db", 80, "city-with-a-long-name.db", "一个名字特别长特别长的测评员", "", "一个名字", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := (&fakeDB{}).options("en")
			opts.DBName, opts.User = tt.db, tt.user
			m := start(t, opts, tt.width, 24)
			header := strings.Split(screen(m), "\n")[0]
			if !strings.Contains(header, tt.wantUser) {
				t.Errorf("header %q lacks the user %q", header, tt.wantUser)
			}
			if tt.wantDB != "" && !strings.Contains(header, tt.wantDB) {
				t.Errorf("header %q lacks the database %q", header, tt.wantDB)
			}
			if tt.wantDB == "" && strings.Contains(header, ".db") {
				t.Errorf("header %q shows the database though it has no room", header)
			}
			if got := strings.Contains(header, "…"); got != tt.wantTruncated {
				t.Errorf("header %q: truncated = %v, want %v", header, got, tt.wantTruncated)
			}
		})
	}
}
