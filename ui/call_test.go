package ui

import (
	"context"
	"maps"
	"testing"
	"time"

	"phoneaudit/lang"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// onCall starts as 杜瑞 at width×height with the test clock and notes the
// call the list selects first (the first one still to make).
func onCall(t *testing.T, l lang.Lang, width, height int) (Model, *store.Store, *clock, store.Call) {
	t.Helper()
	st, c := demoStore(t), &clock{t: testNow}
	m := start(t, opts(st, l, "杜瑞", c), width, height)
	call, ok := m.callsPage().selected()
	if !ok || call.Status != scoring.ToCall {
		t.Fatalf("the list does not select a call to make: %+v\n%s", call, screen(m))
	}
	return m, st, c, call
}

func getCall(t *testing.T, st *store.Store, id int64) (store.Call, []scoring.Attempt, []store.SheetInfo) {
	t.Helper()
	ctx := context.Background()
	c, err := st.GetCall(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	a, err := st.Attempts(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	s, err := st.Sheets(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return c, a, s
}

// The design's goal: dial, answer, six criteria, submit in about ten keys.
func TestFullCallInTenKeys(t *testing.T) {
	for _, l := range []lang.Lang{lang.ZH, lang.EN} {
		t.Run(string(l), func(t *testing.T) {
			m, st, clk, call := onCall(t, l, 80, 24)
			keys := 0
			step := func(ks ...string) {
				keys += len(ks)
				m = press(t, m, ks...)
			}
			step("enter", "space")
			clk.advance(12 * time.Second) // it rings for 12 seconds
			step("space")
			step("y", "4", "5", "y", "y")
			mustShow(t, m, map[string]string{"zh": "95 分 优秀", "en": "95 points excellent"}[string(l)])
			step("ctrl+s", "y")
			if keys != 10 {
				t.Errorf("the call took %d keys", keys)
			}

			got, attempts, sheets := getCall(t, st, call.ID)
			if got.Status != scoring.Done || got.Result.Total != 95 || got.Result.Grade != "excellent" || got.Result.Problem {
				t.Errorf("the call in the database: %s, %v %s problem %v", got.Status, got.Result.Total, got.Result.Grade, got.Result.Problem)
			}
			if got.AnswerSeconds == nil || *got.AnswerSeconds != 12 {
				t.Errorf("answer seconds %v, want 12", got.AnswerSeconds)
			}
			if len(attempts) != 1 || attempts[0].Outcome != scoring.Connected || !attempts[0].At.Equal(testNow.Add(12*time.Second)) {
				t.Errorf("attempts %+v", attempts)
			}
			want := scoring.Answers{"greeting": 2, "attitude": 4, "accuracy": 5, "ownership": 1, "closing": 1}
			if len(sheets) != 1 || sheets[0].Status != "submitted" || !maps.Equal(sheets[0].Answers, want) {
				t.Errorf("sheets %+v, want one submitted with %v", sheets, want)
			}
			if m.call.open {
				t.Fatal("the call screen stays open after the submit")
			}
			next, _ := m.callsPage().selected()
			if next.ID == call.ID || next.Status != scoring.ToCall {
				t.Errorf("after the submit the list selects %s (%s), not the next call to make", next.Office, next.Status)
			}
			mustShow(t, m, tr(l, msgDoneCount, 5, 10))
			if m.ops.mark() != markSaved || len(m.ops.pending) != 0 {
				t.Errorf("writes left: %+v", m.ops.pending)
			}
		})
	}
}

// No key means two things: in dialling `y` does nothing, in scoring `5`
// sets a value and is never an outcome; tabs and q wait for esc.
func TestCallScreenIsModal(t *testing.T) {
	m, st, _, call := onCall(t, lang.ZH, 80, 24)
	m = press(t, m, "enter", "y", "5") // idle: neither answers nor dials
	if _, a, _ := getCall(t, st, call.ID); len(a) != 0 || m.call.mode() != modeIdle {
		t.Fatalf("idle took y or 5: attempts %v, mode %d", a, m.call.mode())
	}
	m = press(t, m, "space", "y", "n", "0", "9")
	if m.call.mode() != modeDialling || len(m.call.answers) != 0 {
		t.Fatalf("dialling took a scoring key: mode %d, answers %v", m.call.mode(), m.call.answers)
	}
	if _, a, s := getCall(t, st, call.ID); len(a) != 0 || len(s) != 0 {
		t.Fatalf("dialling wrote attempts %v or sheets %v", a, s)
	}
	m = press(t, m, "space", "y", "5") // 11, greeting yes, attitude 5
	_, a, s := getCall(t, st, call.ID)
	if len(a) != 1 || a[0].Outcome != scoring.Connected {
		t.Fatalf("5 in scoring logged a dial: %v", a)
	}
	if len(s) != 1 || s[0].Answers["attitude"] != 5 {
		t.Fatalf("5 in scoring did not set attitude: %+v", s)
	}
	m = press(t, m, "2", "tab", "q", "4")
	if !m.call.open || m.active != tabCalls {
		t.Fatalf("a tab key or q acted on the call screen: open %v, tab %d", m.call.open, m.active)
	}
	if _, quit := run(t, m, mustCmd(t, m, "q")); quit {
		t.Fatal("q quits from the call screen")
	}
	m = press(t, m, "esc")
	if m.call.open {
		t.Fatal("esc does not leave the call")
	}
	if _, quit := run(t, m, mustCmd(t, m, "q")); !quit {
		t.Fatal("q does not quit from the list")
	}
}

// mustCmd is the command m returns for a key.
func mustCmd(t *testing.T, m Model, k string) teaCmd {
	t.Helper()
	_, cmd := m.Update(keyPress(k))
	return cmd
}

// Opening a call rebuilds it from the database exactly, in a new program
// too (a restart after a crash): attempts, the running timer, seconds,
// answers, who answered and notes. The crashed program's lease of the sheet
// does not lock it: its process is gone.
func TestReopenRestoresTheCall(t *testing.T) {
	st, clk := demoStore(t), &clock{t: testNow}
	m := start(t, crashed(t, opts(st, lang.ZH, "杜瑞", clk)), 100, 30)
	call, _ := m.callsPage().selected()
	m = press(t, m, "enter", "space")
	clk.advance(30 * time.Second)
	m = press(t, m, "esc")
	mustShow(t, m, "进行中")
	m = press(t, m, "enter")
	if m.call.mode() != modeDialling {
		t.Fatalf("reopened while dialling, mode %d:\n%s", m.call.mode(), screen(m))
	}
	mustShow(t, m, "计时 00:30")

	// A restart: a new program on the same database, the timer still running.
	clk.advance(10 * time.Second)
	m2 := press(t, start(t, opts(st, lang.ZH, "杜瑞", clk), 100, 30), "enter")
	if m2.call.callID != call.ID || m2.call.mode() != modeDialling {
		t.Fatalf("after a restart: call %d mode %d", m2.call.callID, m2.call.mode())
	}
	mustShow(t, m2, "计时 00:40")

	m2 = press(t, m2, "space", "y", "4", "a", "0", "2", "3", "1", "enter", "e")
	m2 = press(t, m2, typeText("态度较好")...)
	m2 = press(t, m2, "esc", "esc")
	m3 := press(t, start(t, opts(st, lang.ZH, "杜瑞", clk), 100, 30), "enter")
	if m3.call.mode() != modeScoring {
		t.Fatalf("reopened while scoring, mode %d", m3.call.mode())
	}
	if !maps.Equal(m3.call.answers, scoring.Answers{"greeting": 2, "attitude": 4}) || *m3.call.seconds != 40 {
		t.Fatalf("answers %v seconds %d", m3.call.answers, *m3.call.seconds)
	}
	if m3.call.sel != 3 { // accuracy: the first criterion not set
		t.Errorf("selected criterion %d, want 3", m3.call.sel)
	}
	mustShow(t, m3, "40 秒", "20/25", "工号 0231", "备注: 态度较好", "当前：35 分（未完成）")
}

// A failed dial shows when the next one counts; the second counted one
// makes the call unreachable, which ends it.
func TestFailedDialShowsTheRetryTime(t *testing.T) {
	for _, tt := range []struct {
		lang  lang.Lang
		first string
	}{
		{"zh", "第1次未接通，10:10 后可再拨"},
		{"en", "failed dial 1 counted: dial again after 10:10"},
	} {
		t.Run(string(tt.lang), func(t *testing.T) {
			m, st, clk, call := onCall(t, tt.lang, 80, 24)
			m = press(t, m, "enter", "space", "5")
			mustShow(t, m, tt.first, outcomeWords(scoring.NoAnswer, tt.lang))
			if got, _, _ := getCall(t, st, call.ID); got.Status != scoring.InProgress {
				t.Fatalf("after one failed dial the call is %s", got.Status)
			}
			clk.advance(12 * time.Minute)
			m = press(t, m, "space", "6")
			if m.call.mode() != modeFinished {
				t.Fatalf("two failed dials 12 minutes apart leave mode %d", m.call.mode())
			}
			mustShow(t, m, scoring.Unreachable.Label(tt.lang))
			got, _, sheets := getCall(t, st, call.ID)
			if got.Status != scoring.Unreachable || !got.Result.Problem {
				t.Fatalf("the call is %s, problem %v", got.Status, got.Result.Problem)
			}
			if len(sheets) != 0 {
				t.Errorf("an unreachable call got a score sheet: %+v", sheets)
			}
			m = press(t, m, "enter")
			if next, _ := m.callsPage().selected(); m.call.open || next.ID == call.ID {
				t.Errorf("enter did not go back to the next call: open %v, selected %s", m.call.open, next.Office)
			}
		})
	}
}

func TestDialOutsideWorkingHoursDoesNotCount(t *testing.T) {
	m, _, clk, _ := onCall(t, lang.ZH, 80, 24)
	clk.advance(2*time.Hour + 30*time.Minute) // 12:30, lunch
	m = press(t, m, "enter", "space", "5")
	mustShow(t, m, "不在工作时间内")
}

// 13 and 14 end the call at once, a problem, with no score sheet.
func TestWrongNumberEndsTheCall(t *testing.T) {
	m, st, _, call := onCall(t, lang.ZH, 80, 24)
	m = press(t, m, "enter", "space", "3")
	mustShow(t, m, "存在问题：拨打电话非本单位")
	got, _, sheets := getCall(t, st, call.ID)
	if got.Status != scoring.Done || !got.Result.Problem || len(sheets) != 0 {
		t.Fatalf("call %s problem %v sheets %v", got.Status, got.Result.Problem, sheets)
	}
	if m = press(t, m, "u", "y"); m.call.mode() != modeFinished {
		t.Fatal("a finished call took u or y")
	}
}

func TestUndo(t *testing.T) {
	m, st, _, call := onCall(t, lang.ZH, 80, 24)
	m = press(t, m, "enter", "space", "space", "y", "4", "k", "2") // attitude 4, then 2
	_, _, s := getCall(t, st, call.ID)
	if s[0].Answers["attitude"] != 2 {
		t.Fatalf("answers %v", s[0].Answers)
	}
	m = press(t, m, "u") // attitude back to 4
	if _, _, s = getCall(t, st, call.ID); s[0].Answers["attitude"] != 4 || m.call.answers["attitude"] != 4 {
		t.Fatalf("undo did not restore 4: db %v, screen %v", s[0].Answers, m.call.answers)
	}
	mustShow(t, m, "已撤销上一步")
	m = press(t, m, "u", "u") // attitude unset, greeting unset
	if _, _, s = getCall(t, st, call.ID); len(s[0].Answers) != 0 || len(m.call.answers) != 0 {
		t.Fatalf("undo did not clear: db %v, screen %v", s[0].Answers, m.call.answers)
	}
	m = press(t, m, "u") // the 11: back to dialling
	if _, a, _ := getCall(t, st, call.ID); len(a) != 0 || m.call.mode() != modeDialling {
		t.Fatalf("undo of the dial: attempts %v, mode %d", a, m.call.mode())
	}
	if m.keys.Retry.Enabled() || m.call.keys.Undo.Enabled() {
		t.Error("u is offered with nothing left to undo")
	}
}

func TestAbandonAsksFirst(t *testing.T) {
	m, st, _, call := onCall(t, lang.ZH, 80, 24)
	m = press(t, m, "enter", "space", "space", "y", "x")
	mustShow(t, m, "放弃这张评分草稿？")
	m = press(t, m, "n")
	if _, _, s := getCall(t, st, call.ID); s[0].Status != "draft" || !m.call.open {
		t.Fatalf("n abandoned the draft: %+v", s)
	}
	m = press(t, m, "x", "y")
	if _, _, s := getCall(t, st, call.ID); s[0].Status != "abandoned" || m.call.open {
		t.Fatalf("x y did not abandon the draft: %+v, open %v", s, m.call.open)
	}
	mustShow(t, m, "评分草稿已放弃")
	m = press(t, m, "enter") // the same call: scoring again, on a new draft
	if len(m.call.answers) != 0 || m.call.mode() != modeScoring {
		t.Fatalf("reopened after abandoning: answers %v mode %d", m.call.answers, m.call.mode())
	}
	m = press(t, m, "p")
	if _, _, s := getCall(t, st, call.ID); len(s) != 2 || s[1].Status != "draft" || s[1].Answers["greeting"] != 1 {
		t.Fatalf("the answer after abandoning went to %+v", s)
	}
}

// An incomplete sheet cannot be submitted: the question lists what is
// missing and only esc closes it.
func TestIncompleteSheetCannotBeSubmitted(t *testing.T) {
	m, st, _, call := onCall(t, lang.ZH, 80, 24)
	m = press(t, m, "enter", "space", "space", "y", "ctrl+s")
	mustShow(t, m, "还不能提交：服务态度、答复准确、首问负责、礼貌结束 还没有评分。")
	m = press(t, m, "y", "n", "enter")
	if m.call.form != formSubmit {
		t.Fatal("a key other than esc closed the question")
	}
	if _, _, s := getCall(t, st, call.ID); s[0].Status != "draft" {
		t.Fatalf("the incomplete sheet was submitted: %+v", s)
	}
	m = press(t, m, "esc")
	if m.call.form != formNone || !m.call.open {
		t.Fatal("esc did not close the question")
	}
}

// A missed space-press is fixed with s.
func TestSecondsCanBeCorrected(t *testing.T) {
	m, st, _, call := onCall(t, lang.ZH, 80, 24)
	m = press(t, m, "enter", "space", "space", "s", "x", "enter")
	mustShow(t, m, "请输入不小于 0 的整数秒数")
	m = press(t, m, "backspace", "backspace", "2", "0", "enter")
	if got, _, _ := getCall(t, st, call.ID); got.AnswerSeconds == nil || *got.AnswerSeconds != 20 {
		t.Fatalf("seconds in the database: %v", got.AnswerSeconds)
	}
	mustShow(t, m, "20 秒", "7.5/15")
	m = press(t, m, "u")
	if got, _, _ := getCall(t, st, call.ID); *got.AnswerSeconds != 0 {
		t.Fatalf("undo of the seconds left %d", *got.AnswerSeconds)
	}
}

// Keys pressed while the call is being read are kept and played after it,
// so a quick "enter, space, space, y" loses nothing.
func TestKeysWhileLoadingAreKept(t *testing.T) {
	m, st, _, call := onCall(t, lang.ZH, 80, 24)
	var held []teaCmd
	for _, k := range []string{"enter", "space", "space", "y"} {
		next, cmd := m.Update(keyPress(k))
		m = next.(Model)
		held = append(held, cmd)
	}
	if !m.call.loading {
		t.Fatal("the call was read inside Update")
	}
	for _, cmd := range held {
		m = settle(t, m, cmd)
	}
	if m.call.mode() != modeScoring || m.call.answers["greeting"] != 2 {
		t.Fatalf("mode %d, answers %v", m.call.mode(), m.call.answers)
	}
	if _, a, s := getCall(t, st, call.ID); len(a) != 1 || len(s) != 1 || s[0].Answers["greeting"] != 2 {
		t.Fatalf("database: attempts %v sheets %+v", a, s)
	}
}
