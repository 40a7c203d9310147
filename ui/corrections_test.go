package ui

import (
	"context"
	"strings"
	"testing"

	"phoneaudit/lang"
	"phoneaudit/publish"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// A lead amends, from a red office's history, its audit of a published round: the form says the
// round is published; enter shows what the amendment does to the published round (the office,
// the counts, the notice withdrawn) and writes nothing; y saves it. Tab 2 as of round 5 says a
// flag differs from the bulletin, tab 3 marks the round 待更正,
// tab 5 marks its bulletin and C, y publishes the correction: the notice is withdrawn, the
// bulletin shows the 更正说明 after the published text, and the database verifies.
func TestCorrectionThroughTheScreens(t *testing.T) {
	ctx := context.Background()
	st := demoStore(t)
	r5, err := st.FindRound(ctx, "5")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := publish.Round(ctx, st, r5); err != nil {
		t.Fatal(err)
	}
	m, f := openRedHistory(t, st, 120, 40)
	h := m.flagsPage().hist
	idx := -1
	for i, e := range h.entries {
		if e.RoundNumber == 5 && amendable(e) && e.Result.Problem {
			idx = i
			break
		}
	}
	if idx < 0 {
		t.Fatalf("the red office %s has no amendable audit with a problem in round 5", f.Office)
	}
	e := h.entries[idx]
	m = press(t, m, "A")
	for m.flagsPage().hist.amend.idx != idx {
		before := m.flagsPage().hist.amend.idx
		m = press(t, m, "]")
		if m.flagsPage().hist.amend.idx == before {
			t.Fatalf("] never reached the round 5 audit (stuck at %d)", before)
		}
	}
	mustShow(t, m, "本轮已发布")
	// Every criterion at its best: the office no longer has a problem in round 5.
	for i, cr := range m.flagsPage().hist.amend.amendCriteria() {
		if i > 0 {
			m = press(t, m, "down")
		}
		k := "y"
		if cr.Kind == scoring.Scale {
			k = string(rune('0' + cr.Max))
		}
		m = press(t, m, k)
	}
	m = press(t, m, append([]string{"tab"}, typeText("录音复核：答复准确")...)...)
	m = press(t, m, "enter")
	mustShow(t, m, "保存这次修正后", "将与已发布的通报不同", "原通报：", "将收回", "y 保存修正")
	if as, _ := st.Amendments(ctx, e.ID); len(as) != len(e.Amendments) {
		t.Fatalf("the preview saved an amendment: %d, had %d", len(as), len(e.Amendments))
	}
	m = press(t, m, "y")
	if h := m.flagsPage().hist; h.form != hfNone || h.isErr {
		t.Fatalf("the amendment was not saved: form %d, note %q", h.form, h.note)
	}
	if as, _ := st.Amendments(ctx, e.ID); len(as) != len(e.Amendments)+1 {
		t.Fatalf("%d amendments after y, want %d", len(as), len(e.Amendments)+1)
	}
	c, err := st.RoundCorrections(ctx, r5.ID)
	if err != nil || !c.Pending() || len(c.Withdraw) != 1 {
		t.Fatalf("round 5 after the amendment: pending %v, withdraw %v, %v", c.Pending(), c.Withdraw, err)
	}
	withdrawn := c.Withdraw[0].Number

	m = press(t, m, "esc")
	for m.flagsPage().data.asOf != 5 {
		before := m.flagsPage().data.asOf
		m = press(t, m, "[")
		if m.flagsPage().data.asOf == before {
			t.Fatalf("[ never reached round 5 (stuck at %d)", before)
		}
	}
	mustShow(t, m, "1 个科室的牌与已发布的通报不同，待更正")
	m = press(t, m, "3")
	if p := m.pages[tabRounds].(roundsPage); !p.pending[r5.ID] {
		t.Errorf("tab 3 does not mark round 5: %v", p.pending)
	}
	mustShow(t, m, "待更正")

	m = press(t, m, "5")
	if p := m.bulletinPage(); p.doc.roundID != r5.ID || p.doc.pending == nil {
		t.Fatalf("tab 5 shows round %d, pending %v", p.doc.roundID, p.doc.pending)
	}
	mustShow(t, m, "待更正：1 个科室与通报不同")
	m = press(t, m, "C")
	mustShow(t, m, "发布"+roundLabel(lang.ZH, r5)+"的第 1 次更正？", "收回整改通知 1 份")
	m = press(t, m, "y")
	mustShow(t, m, "已发布"+roundLabel(lang.ZH, r5)+"的第 1 次更正")
	if p := m.bulletinPage(); p.doc.pending != nil || !strings.Contains(string(p.doc.text), "更正说明（第1次更正）") ||
		!strings.Contains(string(p.doc.text), withdrawn) {
		t.Errorf("tab 5 after the correction: pending %v, text ends %q", p.doc.pending, tail(string(p.doc.text), 300))
	}
	ns, err := st.Notices(ctx, store.NoticeFilter{RoundID: r5.ID, Status: store.NoticeWithdrawn})
	if err != nil || len(ns) != 1 || ns[0].Number != withdrawn {
		t.Errorf("withdrawn notices of round 5: %+v, %v", ns, err)
	}
	rep, err := st.Verify(ctx)
	if err != nil || !rep.OK() {
		t.Errorf("verify after the correction: %+v, %v", rep.Problems, err)
	}
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[len(s)-n:]
}
