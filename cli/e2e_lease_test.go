package cli

import (
	"context"
	"database/sql"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"phoneaudit/internal/wait"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// openByFilter opens a call of tab 1 by filtering the list to its office, as a person finds it.
func (tm *tmuxTerm) openByFilter(office string, see ...string) string {
	tm.t.Helper()
	tm.press("/")
	tm.tmux("send-keys", "-l", office)
	tm.press("Enter")
	tm.waitFor("显示 1 个")
	tm.press("Enter")
	return tm.waitFor(see...)
}

// resize makes the window width×height, and waits for the screens to be drawn again at that size:
// the header on top and a rule across the width (the screens leave a column each side).
func (tm *tmuxTerm) resize(width, height int, see ...string) string {
	tm.t.Helper()
	tm.tmux("resize-window", "-x", strconv.Itoa(width), "-y", strconv.Itoa(height))
	rule := strings.Repeat("─", width-2)
	s, err := wait.Until(15*time.Second, 100*time.Millisecond, "the screens at "+strconv.Itoa(width)+"×"+strconv.Itoa(height), func() (string, bool, error) {
		s := tm.screen()
		lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
		drawn := len(lines) == height && strings.Contains(lines[0], "phoneaudit") && slices.ContainsFunc(lines, func(l string) bool {
			return strings.TrimSpace(l) == rule
		})
		return s, drawn && wait.All(s, see), nil
	})
	if err != nil {
		tm.t.Fatal(err)
	}
	return s
}

// TestSheetOpenInTwoTerminalsInTmux is issue 14's incident on the real binary: 杜瑞 opens one call
// in two terminals. The second shows it read-only, with the first terminal's device and pid and
// since when, and follows its answers; T and y take it over; the first terminal turns read-only
// by itself and says so. The call is stored as the live editor's confirmation showed it. The
// read-only line and the take-over question are read at 80×24 and at 120×40.
func TestSheetOpenInTwoTerminalsInTmux(t *testing.T) {
	e := newEnv(t)
	db := e.demoCopy()
	a := newTmux(t, e, "--db", db, "--as", "杜瑞")
	a.waitFor("待拨")
	a.press("Enter")
	dept, office := officeOnScreen(t, a.waitFor("拨号时按 space"))
	a.press("Space")
	a.waitFor("正在拨号")
	a.press("Space")
	a.waitFor("接通(11)", "规范用语")
	a.press("y")
	a.waitFor("● 已保存")
	pid := strconv.Itoa(a.pid())

	b := newTmux(t, e, "--db", db, "--as", "杜瑞")
	b.waitFor("进行中")
	b.openByFilter(office, "只读：这张评分表正在另一处打开", "（pid "+pid+"）", "起。", "T 接管评分表")

	a.press("4") // 服务态度 4: the second terminal follows
	b.waitFor("20/25")

	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		ro := b.resize(size[0], size[1], "只读：这张评分表正在另一处打开", "T 接管")
		t.Logf("read-only at %d×%d:\n%s", size[0], size[1], ro)
		b.press("T")
		q := b.waitFor("接管这张评分表？", "y 接管 · n 或 esc 取消")
		t.Logf("the take-over question at %d×%d:\n%s", size[0], size[1], q)
		if !strings.Contains(q, "pid "+pid) {
			t.Errorf("the question at %d×%d does not say where the sheet is open", size[0], size[1])
		}
		b.press("Escape")
		b.waitFor("T 接管评分表")
	}
	b.resize(100, 30, "T 接管评分表")
	b.press("T")
	b.waitFor("接管这张评分表？")
	b.press("y")
	b.waitFor("已接管评分表（原在 本机终端")

	lost := a.waitFor("只读：这张评分表已被另一处接管 · T 收回", "接管了这张评分表，这里改为只读")
	t.Logf("the first terminal after the take-over:\n%s", lost)
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		t.Logf("the first terminal at %d×%d:\n%s", size[0], size[1], a.resize(size[0], size[1], "T 收回"))
	}

	b.press("5", "n", "y")
	b.waitFor("存在问题")
	b.press("C-s")
	confirm := b.waitFor("提交评分？")
	b.press("y")
	b.waitFor("已提交")
	a.waitFor("存在问题") // the call is over on the first terminal too

	s, c := demoRound6Call(t, db, dept, office)
	defer s.Close()
	sheets, err := s.Sheets(context.Background(), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := scoring.Answers{"greeting": 2, "attitude": 4, "accuracy": 5, "ownership": 0, "closing": 1}
	if c.Status != scoring.Done || len(sheets) != 1 || !maps.Equal(sheets[0].Answers, want) {
		t.Fatalf("the call is %s with sheets %+v, want done with %v", c.Status, sheets, want)
	}
	if total := strconv.FormatFloat(c.Result.Total, 'f', -1, 64) + " 分"; !strings.Contains(confirm, total) {
		t.Errorf("the stored %s is not what the confirmation showed:\n%s", total, confirm)
	}
	// A program that quits leaves no lease behind: the first terminal opens a call still to
	// make, holds its sheet, and ctrl+c gives it up.
	calls, err := s.Calls(context.Background(), store.CallFilter{RoundID: c.RoundID, AuditorID: c.AuditorID})
	if err != nil {
		t.Fatal(err)
	}
	next := ""
	for _, o := range calls {
		if o.Status == scoring.ToCall {
			next = o.Office
			break
		}
	}
	a.press("Escape")
	a.waitFor("待拨")
	a.openByFilter(next, "拨号时按 space")
	raw, err := sql.Open("sqlite", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	leases := func() (string, int) {
		var n int
		if err := raw.QueryRow("SELECT count(*) FROM sheet_leases").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return strconv.Itoa(n) + " leases", n
	}
	if what, n := leases(); n != 1 {
		t.Fatalf("with a call open in the first terminal: %s, want 1", what)
	}
	a.press("C-c")
	if _, err := wait.Until(15*time.Second, 100*time.Millisecond, "no lease left", func() (string, bool, error) {
		what, n := leases()
		return what, n == 0, nil
	}); err != nil {
		t.Fatal(err)
	}
}
