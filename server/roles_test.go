package server

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"phoneaudit/store"
)

// TestRolesOverSSH: the key decides whose screens a session shows. An auditor's tab 1 lists
// their own calls and counts them against their own number, the lead's the whole round's, as
// the store says; tabs 2 and 4 show an auditor "组长可见" and nothing of the results or offices.
func TestRolesOverSSH(t *testing.T) {
	tm := newTeam(t, 3, 4)
	srv := tm.serve(nil)
	me := tm.auditors[0]
	ctx := context.Background()
	mine, err := tm.st.As(me.name).Calls(ctx, store.CallFilter{RoundID: tm.round.ID})
	if err != nil {
		t.Fatal(err)
	}
	all, err := tm.st.As(tm.lead.name).Calls(ctx, store.CallFilter{RoundID: tm.round.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(mine) != len(me.offices) || len(all) != len(tm.auditors)*len(me.offices) {
		t.Fatalf("the store gives the auditor %d calls and the lead %d, want %d and %d",
			len(mine), len(all), len(me.offices), len(tm.auditors)*len(me.offices))
	}

	t.Run("auditor", func(t *testing.T) {
		sc := tm.screens(t, srv, me)
		screen := mustSee(t, sc, fmt.Sprintf("已完成 0/%d", len(mine)), me.name+" 测评员")
		for _, m := range tm.auditors {
			for _, o := range m.offices {
				if shown := strings.Contains(screen, o); shown != (m.name == me.name) {
					t.Errorf("%s's office %s on %s's list: %v", m.name, o, me.name, shown)
				}
			}
		}
		for _, tab := range []string{"2", "4"} {
			mustPress(t, sc, tab)
			screen := mustSee(t, sc, "组长可见")
			if body := bodyText(screen); body != "组长可见" {
				t.Errorf("tab %s shows the auditor more than 组长可见:\n%s", tab, screen)
			}
		}
		if err := sc.Quit(); err != nil {
			t.Error(err)
		}
	})

	t.Run("lead", func(t *testing.T) {
		sc := tm.screens(t, srv, tm.lead)
		screen := mustSee(t, sc, fmt.Sprintf("已完成 0/%d", len(all)), tm.lead.name+" 组长")
		for _, m := range tm.auditors {
			for _, o := range m.offices {
				if !strings.Contains(screen, o) {
					t.Errorf("%s's office %s is not on the lead's list:\n%s", m.name, o, screen)
				}
			}
		}
		mustPress(t, sc, "2")
		mustSee(t, sc, "亮牌")
		mustPress(t, sc, "4")
		if screen := mustSee(t, sc, me.offices[0]); strings.Contains(screen, "组长可见") {
			t.Errorf("tab 4 hides the offices from the lead:\n%s", screen)
		}
		if err := sc.Quit(); err != nil {
			t.Error(err)
		}
	})
}

// screens logs in as m and opens the screens; the session ends with the test.
func (tm *team) screens(t *testing.T, srv *Server, m member) *term {
	t.Helper()
	c, err := dialAs(srv, m.key)
	if err != nil {
		t.Fatalf("%s logging in: %v", m.name, err)
	}
	t.Cleanup(func() { c.Close() })
	sc, err := openTerm(c, 15*time.Second, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sc.Close)
	return sc
}

func mustPress(t *testing.T, sc *term, keys ...string) {
	t.Helper()
	if err := sc.Press(keys...); err != nil {
		t.Fatal(err)
	}
}

func mustSee(t *testing.T, sc *term, texts ...string) string {
	t.Helper()
	screen, err := sc.WaitFor(texts...)
	if err != nil {
		t.Fatal(err)
	}
	if err := sc.errorSeen(); err != nil {
		t.Fatal(err)
	}
	return screen
}

// bodyText is what the screen shows between the header (two lines) and the status line and
// help (the last three lines at most), its lines trimmed and joined.
func bodyText(screen string) string {
	lines := strings.Split(screen, "\n")
	var body []string
	for _, l := range lines[2 : len(lines)-3] {
		if l = strings.TrimSpace(l); l != "" {
			body = append(body, l)
		}
	}
	return strings.Join(body, "\n")
}
