package ui

import (
	"context"
	"slices"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"strings"
	"testing"
	"time"

	"phoneaudit/lang"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// anotherAuditor is an auditor of the demo other than 杜瑞.
func anotherAuditor(t *testing.T, st *store.Store) string {
	t.Helper()
	as, err := st.Auditors(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range as {
		if a.Role == "auditor" && a.Name != "杜瑞" && a.Active {
			return a.Name
		}
	}
	t.Fatal("the demo has a single auditor")
	return ""
}

// selectInList moves tab 1's selection to the call with id.
func selectInList(t *testing.T, m Model, id int64) Model {
	t.Helper()
	p := m.callsPage()
	i := slices.IndexFunc(p.shown, func(ci int) bool { return p.calls[ci].ID == id })
	if i < 0 {
		t.Fatalf("call %d is not in tab 1:\n%s", id, screen(m))
	}
	for range i - p.sel {
		m = press(t, m, "down")
	}
	for range p.sel - i {
		m = press(t, m, "up")
	}
	if c, _ := m.callsPage().selected(); c.ID != id {
		t.Fatalf("selected call %d, want %d", c.ID, id)
	}
	return m
}

// panelCall: 杜瑞 dials a call and it is answered; another auditor, in a
// session of their own on the same file, sees it in tab 1 as one to join,
// joins it and submits a sheet far from the one 杜瑞 then submits. Both
// screens are returned with the call, which then needs review.
func panelCall(t *testing.T) (caller, member Model, st *store.Store, call store.Call, memberName string) {
	t.Helper()
	caller, st, clk, call := onCall(t, lang.ZH, 100, 30)
	caller = press(t, caller, "enter", "space")
	clk.advance(8 * time.Second)
	caller = press(t, caller, "space")
	mustShow(t, caller, "规范用语")

	memberName = anotherAuditor(t, st)
	member = start(t, opts(openAgain(t, st), lang.ZH, memberName, clk), 100, 30)
	if lc, ok := member.callsPage().live[call.ID]; !ok || lc.Joined() {
		t.Fatalf("%s's tab 1 does not offer 杜瑞's running call to join", memberName)
	}
	member = selectInList(t, member, call.ID)
	mustShow(t, member, "可加入评分")
	member = press(t, member, "enter")
	mustShow(t, member, "的评分？由 杜瑞 拨打，开始于") // joining asks first (issue 14)
	member = press(t, member, "y")
	if !member.call.open || !member.call.panel || member.call.mode() != modeScoring {
		t.Fatalf("enter did not open the call to score as a panel member: mode %d\n%s", member.call.mode(), screen(member))
	}
	mustShow(t, member, "评审组评分：杜瑞 拨打的电话")
	if member.call.keys.Dial.Enabled() || member.call.keys.AnsweredBy.Enabled() || member.call.keys.Notes.Enabled() {
		t.Error("a panel member has the caller's keys")
	}
	member = press(t, member, "n", "1", "1", "n", "n", "ctrl+s", "y")
	if !member.call.open || !member.call.submitted {
		t.Fatalf("after the submit the panel member's screen closed or the sheet is not in:\n%s", screen(member))
	}
	mustShow(t, member, "评分已提交")

	caller = tickWatch(t, caller) // the caller's screen learns of the panel
	mustShow(t, caller, "评审组：")
	caller = press(t, caller, "y", "5", "5", "y", "y", "ctrl+s", "y")
	return caller, member, st, call, memberName
}

// Two sessions score one call as caller and panel member: the call's
// result is the mean of the two sheets, it needs review (the totals are
// more than 20 apart), and each screen shows the sheets side by side.
func TestPanelScoresACall(t *testing.T) {
	caller, member, st, call, name := panelCall(t)
	got, _, sheets := getCall(t, st, call.ID)
	rub := caller.sess.rubric
	var totals []float64
	for _, sh := range sheets {
		if sh.Status != "submitted" {
			t.Errorf("%s's sheet is %s", sh.Rater, sh.Status)
		}
		totals = append(totals, rub.ScoreSheet(sh.Answers, got.AnswerSeconds).Total)
	}
	if len(sheets) != 2 || got.Status != scoring.Done || !got.Result.NeedsReview || got.Result.Total != mean(totals) {
		t.Fatalf("the call: %d sheets, %s, needs review %v, total %v; want 2 sheets done, review, total %v",
			len(sheets), got.Status.Label(lang.EN), got.Result.NeedsReview, got.Result.Total, mean(totals))
	}
	member = tickWatch(t, member)
	for _, m := range []Model{caller, member} {
		mustShow(t, m, "评审组", "杜瑞", name, "平均", "相差", "需复核")
	}
	if strings.Contains(screen(member), "C 录入共识评分") {
		t.Error("an auditor is offered a lead's review keys")
	}
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		m := update(t, member, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		assertFitsSize(t, ansi.Strip(m.View().Content), size[0], size[1])
		if !strings.Contains(screen(m), "相差") {
			t.Errorf("at %dx%d the sheets are not side by side:\n%s", size[0], size[1], screen(m))
		}
	}
}

// A lead settles the call that needs review: K with a reason accepts the
// mean; C sets a consensus sheet on the criteria, ctrl+s asks the reason
// and enter records it. Either way the call no longer needs review.
func TestLeadSettlesReview(t *testing.T) {
	tests := []struct {
		name string
		keys []string
		kind string
	}{
		{"accept", append(append([]string{"K"}, typeText("两人各有道理，取平均")...), "enter"), "accept"},
		{"consensus", append(append([]string{"C", "y", "3", "3", "y", "y", "ctrl+s"}, typeText("复听录音后商定")...), "enter"), "consensus"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			_, _, st, call, _ := panelCall(t)
			lead := start(t, opts(openAgain(t, st), lang.ZH, leadName, &clock{t: testNow}), 100, 30)
			lead = selectInList(t, lead, call.ID)
			lead = press(t, lead, "enter")
			mustShow(t, lead, "需复核：C 录入共识评分", "平均")
			lead = press(t, lead, tt.keys...)
			got, _, _ := getCall(t, st, call.ID)
			r, ok, err := st.As(leadName).Review(ctx, call.ID)
			if err != nil || !ok || r.Kind != tt.kind || got.Result.NeedsReview {
				t.Fatalf("after %s: review %+v (%v, %v), needs review %v\n%s", tt.name, r, ok, err, got.Result.NeedsReview, screen(lead))
			}
			if tt.kind == "consensus" && got.Result.Total != 80 {
				t.Errorf("the consensus total is %v, want 80", got.Result.Total)
			}
			mustShow(t, lead, map[string]string{"accept": "已认可平均分", "consensus": "已录入共识评分"}[tt.kind])
		})
	}
}

// A panel member joins and leaves a draft; the caller submits, and the
// call waits for the panel. A lead drops the unsubmitted sheet with D and a
// reason: it stays in the history as dropped and the call is done on the
// caller's sheet.
func TestLeadDropsUnsubmittedSheet(t *testing.T) {
	caller, st, clk, call := onCall(t, lang.ZH, 100, 30)
	caller = press(t, caller, "enter", "space")
	clk.advance(8 * time.Second)
	caller = press(t, caller, "space")
	name := anotherAuditor(t, st)
	member := start(t, opts(openAgain(t, st), lang.ZH, name, clk), 100, 30)
	member = press(t, selectInList(t, member, call.ID), "enter", "y", "y", "esc") // joined after the question (issue 14)
	caller = tickWatch(t, caller)
	caller = press(t, caller, "y", "4", "5", "y", "y", "ctrl+s", "y")
	if got, _, _ := getCall(t, st, call.ID); got.Status != scoring.InProgress {
		t.Fatalf("with a panel draft open the call is %s, want in progress", got.Status.Label(lang.EN))
	}
	lead := start(t, opts(openAgain(t, st), lang.ZH, leadName, &clock{t: testNow}), 100, 30)
	lead = press(t, selectInList(t, lead, call.ID), "enter")
	if !lead.call.keys.Drop.Enabled() {
		t.Fatalf("a lead is not offered to drop %s's sheet:\n%s", name, screen(lead))
	}
	lead = press(t, lead, "D", "enter")
	mustShow(t, lead, "请写原因")
	lead = press(t, lead, append(typeText("评审员临时离开"), "enter")...)
	got, _, sheets := getCall(t, st, call.ID)
	if got.Status != scoring.Done || got.Result.Total != 95 {
		t.Errorf("after the drop the call is %s with %v, want done with the caller's 95", got.Status.Label(lang.EN), got.Result.Total)
	}
	for _, sh := range sheets {
		if sh.Rater == name && (sh.Status != "dropped" || sh.Reason != "评审员临时离开") {
			t.Errorf("%s's sheet is %s (%q), want dropped with the reason", name, sh.Status, sh.Reason)
		}
	}
	mustShow(t, lead, "已撤销 "+name+" 的评分表")
}
