package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"charm.land/lipgloss/v2"

	"phoneaudit/lang"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// runningCall is a call of the demo's open round in progress, not 杜瑞's,
// the one whose caller was active first.
func runningCall(t *testing.T, st *store.Store) store.Call {
	t.Helper()
	ctx := context.Background()
	r, ok, err := st.OpenRound(ctx)
	if err != nil || !ok {
		t.Fatalf("the demo has no open round: %v", err)
	}
	calls, err := st.Calls(ctx, store.CallFilter{RoundID: r.ID})
	if err != nil {
		t.Fatal(err)
	}
	var found store.Call
	for _, c := range calls {
		if c.Status == scoring.InProgress && c.Auditor != "杜瑞" && (found.ID == 0 || lastOf(c).Before(lastOf(found))) {
			found = c
		}
	}
	if found.ID == 0 {
		t.Fatal("the demo has no running call of another auditor")
	}
	return found
}

func lastOf(c store.Call) time.Time {
	if c.LastActivity.IsZero() {
		return c.TimerStarted
	}
	return c.LastActivity
}

// staleAt sets the store's clock idle minutes after the call's last activity.
func staleAt(st *store.Store, c store.Call, idle int) {
	at := lastOf(c).Add(time.Duration(idle) * time.Minute)
	st.Now = func() time.Time { return at }
}

// Joining another's running call asks first, naming the call, its caller
// and when it began; n leaves the list as it was, y opens the call to score.
func TestJoinAsksFirst(t *testing.T) {
	for _, l := range []lang.Lang{lang.ZH, lang.EN} {
		t.Run(string(l), func(t *testing.T) {
			st := demoStore(t)
			call := runningCall(t, st)
			staleAt(st, call, 5)
			c := &clock{t: lastOf(call).Add(5 * time.Minute)}
			m := start(t, opts(st, l, "杜瑞", c), 120, 40)
			if _, ok := m.callsPage().live[call.ID]; !ok {
				t.Fatalf("the running call of %s is not offered:\n%s", call.Auditor, screen(m))
			}
			m = selectInList(t, m, call.ID)
			m = press(t, m, "enter")
			if m.call.open {
				t.Fatal("enter joined at once")
			}
			began := formatWhen(call.TimerStarted, c.t, m.sess.loc)
			want := l.Pickf("加入 %s · %s 的评分？由 %s 拨打，开始于 %s", "Join the scoring of %s · %s? Called by %s, begun at %s",
				call.Department, call.Office, call.Auditor, began)
			mustShow(t, m, want)
			m = press(t, m, "q") // the question has the keyboard: q does not quit
			if m.quitting || !m.callsPage().typing() {
				t.Fatal("q during the question left it")
			}
			m = press(t, m, "n")
			if m.call.open || m.callsPage().joinAsk != nil || hasText(m, want) {
				t.Fatalf("n did not take the question away:\n%s", screen(m))
			}
			m = press(t, m, "J", "y")
			if !m.call.open || !m.call.panel {
				t.Fatalf("y did not open the call to join:\n%s", screen(m))
			}
		})
	}
}

// A stale call is not offered to an auditor; a lead's tab 1 marks it with
// how long it has been idle, and says H hands it on, at both sizes and in
// both languages, every line inside the width.
func TestLeadSeesStaleCalls(t *testing.T) {
	for _, l := range []lang.Lang{lang.ZH, lang.EN} {
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			t.Run(fmt.Sprintf("%s-%dx%d", l, size[0], size[1]), func(t *testing.T) {
				st := demoStore(t)
				call := runningCall(t, st)
				staleAt(st, call, 42)
				c := &clock{t: lastOf(call).Add(42 * time.Minute)}

				auditor := start(t, opts(st, l, "杜瑞", c), size[0], size[1])
				if _, ok := auditor.callsPage().live[call.ID]; ok {
					t.Errorf("a call idle 42 minutes is offered to join")
				}

				m := start(t, opts(st, l, leadName, c), size[0], size[1])
				m = selectInList(t, m, call.ID)
				mark := l.Pick("已闲置 42 分钟", "idle 42 min")
				mustShow(t, m, mark, l.Pick("已闲置（H 转交）", "(H hands"))
				row := lineWith(m, call.Auditor, mark)
				if row == "" {
					t.Errorf("no row shows %s's call marked %q:\n%s", call.Auditor, mark, screen(m))
				}
				if !strings.Contains(lastLines(m, 2), l.Pick("H 转交", "H hand on")) {
					t.Errorf("the help does not offer H:\n%s", lastLines(m, 2))
				}
				for i, line := range strings.Split(screen(m), "\n") {
					if w := lipgloss.Width(line); w > size[0] {
						t.Errorf("line %d is %d wide: %q", i+1, w, line)
					}
				}
				if size == [2]int{80, 24} && l == lang.ZH {
					t.Logf("tab 1 of a lead at 80×24:\n%s", screen(m))
				}
			})
		}
	}
}

// lineWith is the first line of the screen that has every text.
func lineWith(m Model, texts ...string) string {
	for _, line := range strings.Split(screen(m), "\n") {
		ok := true
		for _, s := range texts {
			ok = ok && strings.Contains(line, s)
		}
		if ok {
			return line
		}
	}
	return ""
}

// H hands a stale call on: the form starts with the same caller, refuses
// an empty reason, ←/→ change the auditor, enter asks, y hands it on; the
// call is back to be called by that auditor and the list says so.
func TestHandOnForm(t *testing.T) {
	for _, l := range []lang.Lang{lang.ZH, lang.EN} {
		t.Run(string(l), func(t *testing.T) {
			st := demoStore(t)
			call := runningCall(t, st)
			staleAt(st, call, 42)
			c := &clock{t: lastOf(call).Add(42 * time.Minute)}
			m := start(t, opts(st, l, leadName, c), 80, 24)

			// H on a call that is not stale does nothing.
			if other := m.callsPage().calls[0]; other.ID != call.ID {
				m = selectInList(t, m, other.ID)
				if m = press(t, m, "H"); m.callsPage().handOn != nil {
					t.Fatal("H opened the form on a call that is not stale")
				}
			}
			m = selectInList(t, m, call.ID)
			m = press(t, m, "H")
			f := m.callsPage().handOn
			if f == nil || f.inputs[0].Value() != call.Auditor {
				t.Fatalf("H did not open the form with the caller:\n%s", screen(m))
			}
			mustShow(t, m, l.Pickf("转交 %s · %s", "Hand on %s · %s", call.Department, call.Office), l.Pick("已闲置 42 分钟", "idle 42 min"))
			for i, line := range strings.Split(screen(m), "\n") {
				if w := lipgloss.Width(line); w > 80 || strings.ContainsRune(line, 0) {
					t.Errorf("line %d is %d wide: %q", i+1, w, line)
				}
			}
			m = press(t, m, "enter")
			mustShow(t, m, l.Pick("请写原因", "write why"))
			m = press(t, m, "right")
			to := m.callsPage().handOn.inputs[0].Value()
			if to == call.Auditor || to == "" {
				t.Fatalf("→ did not choose another auditor: %q", to)
			}
			m = press(t, m, "tab")
			m = press(t, m, typeText("拨打人离开了")...)
			m = press(t, m, "enter")
			mustShow(t, m, l.Pickf("确定转交给 %s 重新拨打", "Hand it on to %s to call afresh", to), l.Pick("y 确定 · n 返回", "y yes · n back"))
			if lines := strings.Split(screen(m), "\n"); len(lines) > 24 || !strings.Contains(lines[len(lines)-1], "y") {
				t.Errorf("the question does not fit 80×24 (%d lines):\n%s", len(lines), screen(m))
			}
			if got, _ := st.GetCall(context.Background(), call.ID); got.Status != scoring.InProgress {
				t.Fatal("the call was handed on before the question was answered")
			}
			m = press(t, m, "y")
			got, err := st.GetCall(context.Background(), call.ID)
			if err != nil || got.Status != scoring.ToCall || got.Auditor != to {
				t.Fatalf("after y the call is %s, %s (%v)\n%s", got.Status, got.Auditor, err, screen(m))
			}
			mustShow(t, m, l.Pickf("已转交：%s · %s 由 %s 重新拨打", "handed on: %s · %s is %s's to call afresh", call.Department, call.Office, to))
			if m.callsPage().handOn != nil || m.callsPage().typing() {
				t.Error("the form is still open")
			}
			if _, stale := m.callsPage().stale[call.ID]; stale {
				t.Error("the list still marks the call stale")
			}
		})
	}
}

// TestIdleTextReadsAtAGlance: a call idle for days says days, for hours hours, else minutes.
func TestIdleTextReadsAtAGlance(t *testing.T) {
	for _, c := range []struct {
		idle   time.Duration
		zh, en string
	}{
		{42 * time.Minute, "已闲置 42 分钟", "idle 42 min"},
		{119 * time.Minute, "已闲置 119 分钟", "idle 119 min"},
		{5*time.Hour + 10*time.Minute, "已闲置 5 小时", "idle 5 h"},
		{8*24*time.Hour + 11*time.Hour, "已闲置 8 天", "idle 8 days"},
	} {
		sc := store.StaleCall{Idle: c.idle}
		if got := idleText(lang.ZH, sc); got != c.zh {
			t.Errorf("%v: %q, want %q", c.idle, got, c.zh)
		}
		if got := idleText(lang.EN, sc); got != c.en {
			t.Errorf("%v: %q, want %q", c.idle, got, c.en)
		}
	}
}
