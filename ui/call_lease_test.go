package ui

import (
	"context"
	"maps"
	"os"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"phoneaudit/lang"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// sshPlace is where the second session of these tests runs: an SSH session of a server.
var sshPlace = store.Place{SSH: true, Host: "server", PID: os.Getpid(), Remote: "10.0.0.5", Login: "durui"}

// inSession gives o a session of its own at p.
func inSession(o Options, p store.Place) Options {
	o.Session = store.NewSession(p)
	return o
}

// beatLease renews the call screen's lease as its tick would.
func beatLease(t *testing.T, m Model) Model {
	t.Helper()
	next, cmd := m.Update(leaseTickMsg{gen: m.beatGen})
	return settle(t, next.(Model), cmd)
}

// twoTerminals: 杜瑞 opens a call in a terminal, dials it and answers 规范用语; then opens the
// same call in an SSH session of their own on the same file.
func twoTerminals(t *testing.T, l lang.Lang) (term, ssh Model, st *store.Store, call store.Call) {
	t.Helper()
	st, clk := demoStore(t), &clock{t: testNow}
	term = start(t, inSession(opts(st, l, "杜瑞", clk), store.LocalPlace("/dev/pts/3")), 100, 30)
	call, _ = term.callsPage().selected()
	term = press(t, term, "enter", "space", "space", "y")
	if !term.call.lease.mine || term.call.mode() != modeScoring {
		t.Fatalf("the first session does not hold the sheet it opened: %+v, mode %d", term.call.lease, term.call.mode())
	}
	ssh = start(t, inSession(opts(openAgain(t, st), l, "杜瑞", clk), sshPlace), 100, 30)
	ssh = press(t, selectInList(t, ssh, call.ID), "enter")
	return term, ssh, st, call
}

// The incident of issue 14, replayed: the same auditor opens one call in two sessions. The second
// shows it read-only, says where and since when it is open, and follows the first one's saves; its
// keys set nothing. T and y take it over: the first session's next answer is refused and kept on
// screen in words, it turns read-only with a line saying so, and the database keeps only what the
// live editor saved. The submit stores what the live editor's confirmation showed.
func TestSheetOpenInTwoSessions(t *testing.T) {
	term, ssh, st, call := twoTerminals(t, lang.ZH)
	if ssh.call.mode() != modeElsewhere {
		t.Fatalf("the second session's mode %d, want read-only elsewhere:\n%s", ssh.call.mode(), screen(ssh))
	}
	mustShow(t, ssh, "只读：这张评分表正在另一处打开", "正在 本机终端 /dev/pts/3（pid", "起。那里保存的评分随时显示在这里", "T 接管评分表")
	if ssh.call.answers["greeting"] != 2 {
		t.Errorf("the read-only screen does not show the saved answer: %v", ssh.call.answers)
	}
	ssh = press(t, ssh, "n", "4", "space", "e", "ctrl+s", "x")
	if ssh.ops.unsaved() || ssh.call.form != formNone {
		t.Fatalf("a key of the read-only screen changed something: %d queued, form %d", len(ssh.ops.pending), ssh.call.form)
	}

	term = press(t, term, "4") // 服务态度 4
	ssh = tickWatch(t, ssh)
	if ssh.call.answers["attitude"] != 4 {
		t.Fatalf("the read-only screen does not follow the other session's answer: %v\n%s", ssh.call.answers, screen(ssh))
	}

	ssh = press(t, ssh, "T")
	mustShow(t, ssh, "接管这张评分表？它正在 本机终端 /dev/pts/3", "接管后那里改为只读", "y 接管 · n 或 esc 取消")
	ssh = press(t, ssh, "y")
	if !ssh.call.lease.mine || ssh.call.mode() != modeScoring {
		t.Fatalf("the take-over did not give the sheet: %+v, mode %d\n%s", ssh.call.lease, ssh.call.mode(), screen(ssh))
	}
	mustShow(t, ssh, "已接管评分表（原在 本机终端 /dev/pts/3")

	// The first session has not heard yet: its answer is refused, kept in words, and it turns
	// read-only at once.
	term = press(t, term, "5")
	if term.call.mode() != modeElsewhere || !term.call.lease.lost {
		t.Fatalf("the session that lost the sheet is not read-only: mode %d, %+v\n%s", term.call.mode(), term.call.lease, screen(term))
	}
	mustShow(t, term, "只读：这张评分表已被另一处接管 · T 收回", "SSH 10.0.0.5（durui） 于", "接管了这张评分表，这里改为只读；这里已保存的都还在",
		"没有写入（评分表已在别处打开）：答复准确 5", "T 收回评分表")
	if len(term.ops.pending) != 0 || term.ops.failed != nil {
		t.Fatalf("the refused write blocks the queue: %d pending, failed %v", len(term.ops.pending), term.ops.failed)
	}
	_, _, sheets := getCall(t, st, call.ID)
	if len(sheets) != 1 || !maps.Equal(sheets[0].Answers, scoring.Answers{"greeting": 2, "attitude": 4}) {
		t.Fatalf("the sheet holds %v, want what the first session saved before it lost it", sheets)
	}

	// The live editor finishes; the other screen shows its answers as they are saved.
	ssh = press(t, ssh, "5", "n", "y")
	term = tickWatch(t, term)
	if !maps.Equal(term.call.answers, scoring.Answers{"greeting": 2, "attitude": 4, "accuracy": 5, "ownership": 0, "closing": 1}) {
		t.Errorf("the read-only screen shows %v", term.call.answers)
	}
	ssh = press(t, ssh, "ctrl+s")
	confirm := screen(ssh)
	ssh = press(t, ssh, "y")
	got, _, _ := getCall(t, st, call.ID)
	if got.Status != scoring.Done || !got.Result.Problem || !strings.Contains(confirm, "提交评分？") {
		t.Fatalf("after the submit the call is %s, problem %v", got.Status, got.Result.Problem)
	}
	if !strings.Contains(confirm, formatPoints(got.Result.Total)+" 分") {
		t.Errorf("the stored total %v is not the one the confirmation showed:\n%s", got.Result.Total, confirm)
	}
	term = tickWatch(t, term)
	if term.call.mode() != modeFinished {
		t.Errorf("the first session's screen does not show the call finished: mode %d\n%s", term.call.mode(), screen(term))
	}
}

// The session that lost the sheet hears it from the watch (another session's commit) or from its
// own heartbeat, before it writes anything; T and y take the sheet back, and it says what was not
// written, to be entered again. The other session's screen turns read-only in its turn.
func TestLostSheetIsTakenBack(t *testing.T) {
	for _, via := range []string{"watch", "heartbeat"} {
		t.Run(via, func(t *testing.T) {
			term, ssh, st, call := twoTerminals(t, lang.ZH)
			ssh = press(t, ssh, "T", "y")
			term = press(t, term, "e")
			term = press(t, term, typeText("态度好")...) // notes typed, not yet sent
			if via == "watch" {
				term = tickWatch(t, term)
			} else {
				term = beatLease(t, term)
			}
			if term.call.mode() != modeElsewhere {
				t.Fatalf("the %s did not turn the screen read-only: mode %d\n%s", via, term.call.mode(), screen(term))
			}
			mustShow(t, term, "没有写入（评分表已在别处打开）：备注: 态度好")
			if got, _, _ := getCall(t, st, call.ID); got.Notes != "" {
				t.Errorf("the notes of the session that lost the sheet reached the call: %q", got.Notes)
			}
			term = press(t, term, "T", "y")
			if !term.call.lease.mine || term.call.mode() != modeScoring {
				t.Fatalf("T y did not take the sheet back: %+v\n%s", term.call.lease, screen(term))
			}
			mustShow(t, term, "之前没有写入的改动，需要的话请重新录入：备注: 态度好")
			ssh = tickWatch(t, ssh)
			if ssh.call.mode() != modeElsewhere || !ssh.call.lease.lost {
				t.Errorf("the other session kept the sheet: mode %d\n%s", ssh.call.mode(), screen(ssh))
			}
			if term = beatLease(t, term); !term.call.lease.mine {
				t.Error("the heartbeat of the holder lost the sheet")
			}
		})
	}
}

// The session that held the sheet leaves the call: the read-only screen gets it at the next read
// and scores on, without a take-over.
func TestSheetFreedByTheOtherSession(t *testing.T) {
	term, ssh, st, call := twoTerminals(t, lang.ZH)
	term = press(t, term, "esc")
	if l, err := st.As("杜瑞").InSession(store.NewSession(sshPlace)).SheetLease(context.Background(), call.ID); err != nil || l.Held() {
		t.Fatalf("leaving the call kept its lease: %+v, %v", l, err)
	}
	ssh = tickWatch(t, ssh)
	if !ssh.call.lease.mine || ssh.call.mode() != modeScoring {
		t.Fatalf("the freed sheet was not taken: %+v, mode %d\n%s", ssh.call.lease, ssh.call.mode(), screen(ssh))
	}
	mustShow(t, ssh, "另一处已离开这张评分表，这里接着评分")
	ssh = press(t, ssh, "4")
	if _, _, sheets := getCall(t, st, call.ID); sheets[0].Answers["attitude"] != 4 {
		t.Errorf("the answer of the new editor was not saved: %v", sheets[0].Answers)
	}
	_ = term
}

// A panel member's confirmation shows the total with the caller's seconds; the caller corrects
// them before the member presses y: nothing is submitted, the member's screen shows the new
// seconds and says so, and the next confirmation submits them. When the watch brings the change
// while the question is open, the question says so.
func TestSubmitRefusedWhenTheSecondsChanged(t *testing.T) {
	caller, st, clk, call := onCall(t, lang.ZH, 100, 30)
	caller = press(t, caller, "enter", "space")
	clk.advance(8 * time.Second)
	caller = press(t, caller, "space")
	name := anotherAuditor(t, st)
	member := start(t, opts(openAgain(t, st), lang.ZH, name, clk), 100, 30)
	member = press(t, selectInList(t, member, call.ID), "enter", "y")
	member = press(t, member, "y", "4", "4", "y", "y", "ctrl+s")
	mustShow(t, member, "提交评分？")

	caller = press(t, caller, "s")
	caller = press(t, caller, "backspace", "backspace")
	caller = press(t, caller, "4", "0", "enter") // 40 s: 接听及时 scores 0
	if got, _, _ := getCall(t, st, call.ID); got.AnswerSeconds == nil || *got.AnswerSeconds != 40 {
		t.Fatalf("the caller's seconds: %v", got.AnswerSeconds)
	}
	member = press(t, member, "y")
	mustShow(t, member, "确认后评分有变动（接听及时），没有提交", "40 秒")
	if member.call.submitted || member.call.form != formNone {
		t.Fatalf("the refused submit left the screen submitted %v, form %d", member.call.submitted, member.call.form)
	}
	for _, sh := range sheetsOf(t, st, call.ID) {
		if sh.Rater == name && sh.Status != "draft" {
			t.Fatalf("a refused submit stored %s's sheet as %s", name, sh.Status)
		}
	}

	member = press(t, member, "ctrl+s")
	caller = press(t, caller, "s", "backspace", "backspace", "9", "enter")
	member = tickWatch(t, member)
	mustShow(t, member, "打开确认后评分有变动（接听及时）：上面已是最新的值")
	member = press(t, member, "y")
	for _, sh := range sheetsOf(t, st, call.ID) {
		if sh.Rater == name && sh.Status != "submitted" {
			t.Fatalf("the confirmed submit left %s's sheet %s\n%s", name, sh.Status, screen(member))
		}
	}
	_ = caller
}

func sheetsOf(t *testing.T, st *store.Store, callID int64) []store.SheetInfo {
	t.Helper()
	_, _, sheets := getCall(t, st, callID)
	return sheets
}

// The read-only screen, the take-over question and the screen that lost the sheet fit 80×24 and
// 120×40, in both languages.
func TestLeaseScreensFit(t *testing.T) {
	for _, l := range []lang.Lang{lang.ZH, lang.EN} {
		term, ssh, _, _ := twoTerminals(t, l)
		asked := press(t, ssh, "T")
		took := press(t, asked, "y")
		lost := press(t, term, "4")
		for name, m := range map[string]Model{"read-only": ssh, "question": asked, "lost": lost} {
			t.Run(string(l)+"/"+name, func(t *testing.T) {
				for _, size := range [][2]int{{80, 24}, {120, 40}} {
					v := update(t, m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
					assertFitsSize(t, ansi.Strip(v.View().Content), size[0], size[1])
					if os.Getenv("PHONEAUDIT_SHOW") != "" {
						t.Logf("at %dx%d:\n%s", size[0], size[1], screen(v))
					}
					if !strings.Contains(screen(v), "T ") {
						t.Errorf("at %dx%d T is not offered:\n%s", size[0], size[1], screen(v))
					}
				}
			})
		}
		_ = took
	}
}
