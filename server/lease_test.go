package server

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"testing"
	"time"

	"phoneaudit/internal/wait"
	"phoneaudit/scoring"
)

// TestSheetOpenTwiceOverSSH: one auditor logs in twice to one server and opens the same call in
// both sessions (the incident of issue 14). The second session shows the sheet read-only, with
// where it is open (the first session's SSH address and login), and follows its answers; T and y
// take it over, and the first session turns read-only by itself within the second the screens
// promise. The call is submitted with what the live editor's confirmation showed. A session whose
// link drops gives up what it had open.
func TestSheetOpenTwiceOverSSH(t *testing.T) {
	tm := newTeam(t, 1, 2)
	srv := tm.serve(nil)
	me := tm.auditors[0]
	office := me.offices[0]

	a := tm.screens(t, srv, me)
	mustSee(t, a, "已完成 0/2", office)
	mustPress(t, a, "enter")
	mustSee(t, a, "拨号时按 space")
	mustPress(t, a, "space")
	mustSee(t, a, "正在拨号")
	mustPress(t, a, "space")
	mustSee(t, a, "接通(11)", "规范用语")
	mustPress(t, a, "y")

	b := tm.screens(t, srv, me)
	mustSee(t, b, "已完成 0/2", office)
	mustPress(t, b, "enter")
	mustSee(t, b, "只读：这张评分表正在另一处打开", "正在 SSH 127.0.0.1（anyone） 打开", "T 接管评分表")

	mustPress(t, a, "4") // 服务态度 4: the read-only session follows
	mustSee(t, b, "20/25")

	mustPress(t, b, "T")
	mustSee(t, b, "接管这张评分表？它正在 SSH 127.0.0.1（anyone） 打开")
	mustPress(t, b, "y")
	mustSee(t, b, "已接管评分表（原在 SSH 127.0.0.1（anyone） 打开）")
	mustSee(t, a, "只读：这张评分表已被另一处接管 · T 收回", "接管了这张评分表，这里改为只读") // without a key

	mustPress(t, b, "5", "y", "y", "ctrl+s")
	mustSee(t, b, "提交评分？")
	mustPress(t, b, "y")
	mustSee(t, b, "已完成 1/2")
	mustSee(t, a, "无问题") // the call is over on the other screen too

	calls := tm.callsOf(me)
	if len(calls) != 2 || calls[0].call.Status != scoring.Done || len(calls[0].sheets) != 1 {
		t.Fatalf("the call: %+v", calls)
	}
	if want := (scoring.Answers{"greeting": 2, "attitude": 4, "accuracy": 5, "ownership": 1, "closing": 1}); !maps.Equal(calls[0].sheets[0].Answers, want) {
		t.Errorf("the sheet holds %v, want %v", calls[0].sheets[0].Answers, want)
	}
	for _, sc := range []*term{a, b} {
		if err := sc.errorSeen(); err != nil {
			t.Error(err)
		}
	}

	// A dropped link: the session gives up the sheet it had open, without waiting for it to
	// expire.
	c, err := dialAs(srv, me.key)
	if err != nil {
		t.Fatal(err)
	}
	d, err := openTerm(c, 15*time.Second, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	raw, err := sql.Open("sqlite", "file:"+tm.db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	leases := func() (string, bool, error) {
		var n int
		err := raw.QueryRowContext(context.Background(), "SELECT count(*) FROM sheet_leases").Scan(&n)
		return fmt.Sprintf("%d leases", n), n == 0, err
	}
	for _, step := range []struct{ keys, see string }{{"", "已完成 1/2"}, {"j", me.offices[1]}, {"enter", "拨号时按 space"}} {
		if step.keys != "" {
			if err := d.Press(step.keys); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := d.WaitFor(step.see); err != nil {
			t.Fatal(err)
		}
	}
	if n, _, err := leases(); err != nil || n != "1 leases" {
		t.Fatalf("with the second call open: %s (%v), want 1", n, err)
	}
	c.Close()
	if _, err := wait.Until(30*time.Second, 50*time.Millisecond, "no lease left", leases); err != nil {
		t.Fatal(err)
	}
}
