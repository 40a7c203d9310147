package ui

import (
	"context"
	"testing"

	tea "charm.land/bubbletea/v2"

	"phoneaudit/lang"
)

// Who am I: --as, else the auditor remembered for the OS user, else the
// picker, whose choice is remembered.
func TestWhoAmI(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name       string
		as         string
		remembered string // stored for the OS user before the start
		wantMe     string // "" when the picker must ask
		wantStatus string
	}{
		{"--as", "杜瑞", "", "杜瑞", ""},
		{"--as wins over the remembered name", "杜瑞", "谭琳", "杜瑞", ""},
		{"remembered", "", "谭琳", "谭琳", ""},
		{"first start", "", "", "", ""},
		{"unknown --as", "李四", "谭琳", "", "没有名为 李四 的测评员"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := demoStore(t)
			if tt.remembered != "" {
				if err := st.RememberUser(ctx, "tester", tt.remembered); err != nil {
					t.Fatal(err)
				}
			}
			m := start(t, opts(st, lang.ZH, tt.as, nil), 80, 24)
			if tt.wantStatus != "" {
				mustShow(t, m, tt.wantStatus)
			}
			if tt.wantMe != "" {
				if m.picking || m.sess.me.Name != tt.wantMe || m.st.Actor() != tt.wantMe {
					t.Fatalf("I am %q (acting as %q), picking %v; want %q", m.sess.me.Name, m.st.Actor(), m.picking, tt.wantMe)
				}
				mustShow(t, m, tt.wantMe+" 测评员")
				return
			}
			if !m.picking {
				t.Fatal("no picker when nobody is known")
			}
			mustShow(t, m, "你是哪位测评员？")
			auditors, err := st.Auditors(ctx)
			if err != nil {
				t.Fatal(err)
			}
			m = press(t, m, "j", "j", "k", "enter") // the second auditor
			want := auditors[1].Name
			if m.picking || m.sess.me.Name != want {
				t.Fatalf("chose %q, picking %v; want %q", m.sess.me.Name, m.picking, want)
			}
			if got, ok, err := st.RememberedUser(ctx, "tester"); err != nil || !ok || got != want {
				t.Fatalf("remembered %q %v %v, want %q", got, ok, err, want)
			}
			if len(m.callsPage().calls) == 0 {
				t.Error("no calls after choosing")
			}
		})
	}
}

// The picker scrolls a page at a time and a click selects.
func TestPickerMouse(t *testing.T) {
	m := start(t, opts(demoStore(t), lang.EN, "", nil), 80, 24)
	m = update(t, m, tWheel(false))
	m = update(t, m, tWheel(false))
	if m.picker.sel != 2 {
		t.Fatalf("the wheel moved to %d", m.picker.sel)
	}
	m = update(t, m, tClick(headerLines+pickerTop+4))
	if m.picker.sel != 4 {
		t.Fatalf("a click on row 4 selected %d", m.picker.sel)
	}
	m = press(t, m, "enter")
	if m.picking || m.sess.me.Name == "" {
		t.Fatal("enter did not choose")
	}
}

// TestFixedIdentityNeverPicks: over SSH the key decides who I am; a name that names nobody ends
// the session instead of offering the picker, where anyone could be chosen.
func TestFixedIdentityNeverPicks(t *testing.T) {
	st := demoStore(t)
	m := New(Options{Store: st, As: "不存在的人", Fixed: true})
	msg := loadSession(context.Background(), st, "不存在的人", "", true)()
	next, cmd := m.Update(msg)
	if next.(Model).picking {
		t.Fatal("the picker showed for a fixed identity")
	}
	if cmd == nil {
		t.Fatal("the session did not end")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Error("the session did not quit")
	}
}
