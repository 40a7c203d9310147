package server

import (
	"context"
	"testing"

	"phoneaudit/lang"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// TestPanelOverSSH: two SSH sessions score the same call, one as its caller and one as a panel
// member. The caller dials and the call is answered; the other auditor's tab 1 offers it within a
// second (the screens watch the database), they join and submit a sheet far from the caller's;
// the caller submits. The call's result is the mean of the two sheets, it needs review, and the
// panel member's screen shows the sheets side by side.
func TestPanelOverSSH(t *testing.T) {
	tm := newTeam(t, 2, 1)
	srv := tm.serve(nil)
	caller, member := tm.auditors[0], tm.auditors[1]
	office := caller.offices[0]

	a := tm.screens(t, srv, caller)
	mustSee(t, a, "已完成 0/1", office)
	mustPress(t, a, "enter")
	mustSee(t, a, "拨号时按 space")
	mustPress(t, a, "space")
	mustSee(t, a, "正在拨号")
	mustPress(t, a, "space")
	mustSee(t, a, "接通(11)", "规范用语")

	b := tm.screens(t, srv, member)
	mustSee(t, b, "可加入评分", office)
	mustPress(t, b, "j", "enter")                 // their own call first, then the one to join
	mustSee(t, b, "的评分？由 "+caller.name+" 拨打，开始于") // joining asks first (issue 14)
	mustPress(t, b, "y")
	mustSee(t, b, "评审组评分："+caller.name+" 拨打的电话")
	mustPress(t, b, "n", "1", "1", "n", "n", "ctrl+s")
	mustSee(t, b, "提交评分？")
	mustPress(t, b, "y")
	mustSee(t, b, "评分已提交")

	mustSee(t, a, "评审组：") // the caller's screen learns of the panel
	mustPress(t, a, "y", "5", "5", "y", "y", "ctrl+s")
	mustSee(t, a, "提交评分？")
	mustPress(t, a, "y")
	mustSee(t, b, "平均", "相差", "需复核")

	ctx := context.Background()
	calls, err := tm.st.Calls(ctx, store.CallFilter{RoundID: tm.round.ID, AuditorID: caller.id})
	if err != nil || len(calls) != 1 {
		t.Fatalf("the caller's calls: %v, %v", calls, err)
	}
	c := calls[0]
	sheets, err := tm.st.Sheets(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	rub := scoring.DefaultRubric()
	var sum float64
	for _, sh := range sheets {
		if sh.Status != "submitted" {
			t.Errorf("%s's sheet is %s", sh.Rater, sh.Status)
		}
		sum += rub.ScoreSheet(sh.Answers, c.AnswerSeconds).Total
	}
	if len(sheets) != 2 || c.Status != scoring.Done || !c.Result.NeedsReview || c.Result.Total != sum/2 {
		t.Fatalf("the call: %d sheets, %s, review %v, total %v; want 2 sheets, done, review, total %v",
			len(sheets), c.Status.Label(lang.EN), c.Result.NeedsReview, c.Result.Total, sum/2)
	}
	for _, sc := range []*term{a, b} {
		if err := sc.errorSeen(); err != nil {
			t.Error(err)
		}
	}
}
