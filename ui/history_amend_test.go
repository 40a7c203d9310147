package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"phoneaudit/imports"
	"phoneaudit/lang"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// openRedHistory opens, in tab 2, the history of the first red office.
func openRedHistory(t *testing.T, st *store.Store, width, height int) (Model, store.FlagRow) { //nolint:unparam
	t.Helper()
	m := press(t, start(t, opts(st, lang.ZH, leadName, &clock{t: testNow}), width, height), "2")
	m, f := firstRed(t, m)
	m = press(t, m, "enter")
	if !m.flagsPage().inHistory || !m.flagsPage().hist.loaded {
		t.Fatal("enter opened no history")
	}
	return m, f
}

// flipKey is the key that sets criterion cr to another value than v.
func flipKey(cr scoring.Criterion, v int) string {
	switch {
	case cr.Kind == scoring.Scale && v == cr.Max:
		return "0"
	case cr.Kind == scoring.Scale:
		return string(rune('0' + cr.Max))
	case v == cr.YesValue():
		return "n"
	}
	return "y"
}

// A lead amends the newest audit of a red office from its history: A opens
// the form on it, a key changes the first criterion, tab goes to the reason
// and enter saves. The store has the amendment with the reason and the new
// value; the original sheet is as it was; the history marks the audit.
// Saving without a reason, or without a change, keeps the form and says why.
func TestAmendSheetFromHistory(t *testing.T) {
	ctx := context.Background()
	st := demoStore(t)
	m, _ := openRedHistory(t, st, 120, 40)
	h := m.flagsPage().hist
	e := h.entries[h.nextAmendable(-1, 1)]
	m = press(t, m, "A")
	h = m.flagsPage().hist
	if h.form != hfAmend || h.amend.waiting {
		t.Fatalf("A opened form %d (waiting %v)", h.form, h.amend.waiting)
	}
	mustShow(t, m, "修正 "+roundLabel(lang.ZH, store.Round{Number: e.RoundNumber, Name: e.RoundName}), "修正原因")

	m = press(t, m, "enter")
	mustShow(t, m, "请写修正原因")
	m = press(t, m, append([]string{"tab"}, typeText("录音复核")...)...)
	m = press(t, m, "enter")
	mustShow(t, m, "没有改动")

	crit := h.amend.amendCriteria()[0]
	was := standing(e)[crit.Key]
	m = press(t, m, "tab", flipKey(crit, was), "tab", "enter")
	if h := m.flagsPage().hist; h.form != hfNone || h.isErr {
		t.Fatalf("the amendment was not saved: form %d, note %q", h.form, h.note)
	}
	as, err := st.Amendments(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != len(e.Amendments)+1 {
		t.Fatalf("%d amendments of the call, want %d", len(as), len(e.Amendments)+1)
	}
	a := as[len(as)-1]
	if a.Reason != "录音复核" || a.SheetID != e.SheetID || a.Answers[crit.Key] == was || a.Previous[crit.Key] != was {
		t.Errorf("amendment %+v: want reason 录音复核 on sheet %d, %s from %d to another value", a, e.SheetID, crit.Key, was)
	}
	orig, err := st.Answers(ctx, e.SheetID)
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Amendments) == 0 && orig[crit.Key] != was {
		t.Errorf("the original sheet changed: %s is %d, was %d", crit.Key, orig[crit.Key], was)
	}
	mustShow(t, m, "的测评已修正")
	if text := m.flagsPage().hist.vp.GetContent(); !strings.Contains(text, "已修正 原") || !strings.Contains(text, "录音复核") {
		t.Errorf("the history does not mark the amended audit:\n%s", text)
	}
}

// An imported result is amended with its three values: whether it is a
// problem, the total and the problem in words.
func TestAmendImportedFromHistory(t *testing.T) {
	ctx := context.Background()
	st := demoStore(t)
	offices, err := st.Offices(ctx)
	if err != nil {
		t.Fatal(err)
	}
	o := offices[0]
	file := filepath.Join(t.TempDir(), "results.csv")
	body := "轮次,单位,科室,是否存在问题,得分,问题描述\n2025年第9轮," + o.Department + "," + o.Name + ",是,55,推诿扯皮\n"
	if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := imports.Results(ctx, st, file); err != nil {
		t.Fatal(err)
	}
	m := press(t, start(t, opts(st, lang.ZH, leadName, &clock{t: testNow}), 100, 30), "4")
	m = press(t, m, append(append([]string{"/"}, typeText(o.Name)...), "enter", "enter")...)
	p := m.officesPage()
	if !p.inHistory || !p.hist.loaded {
		t.Fatalf("no history of %s opened", o.Name)
	}
	m = press(t, m, "A")
	h := m.officesPage().hist
	if h.form != hfAmend || !h.entries[h.amend.idx].Imported {
		t.Fatalf("A opened form %d on %+v, want the imported result", h.form, h.entries[h.amend.idx].Call)
	}
	mustShow(t, m, "是否存在问题：有问题", "得分：")
	// n: no problem; the total cleared and set to 82; the words cleared; the reason.
	keys := []string{"n", "down"}
	keys = append(keys, "backspace", "backspace")
	keys = append(keys, typeText("82")...)
	keys = append(keys, "down", "ctrl+u", "down")
	keys = append(keys, typeText("原始记录录入错误")...)
	m = press(t, m, append(keys, "enter")...)
	if h := m.officesPage().hist; h.form != hfNone {
		t.Fatalf("the amendment was not saved: %q", h.note)
	}
	c := h.entries[h.amend.idx]
	as, err := st.Amendments(ctx, c.ID)
	if err != nil || len(as) != 1 {
		t.Fatalf("amendments %+v, %v; want one", as, err)
	}
	a := as[0]
	if a.Problem || a.Total == nil || *a.Total != 82 || a.ReasonsText != "" || a.Reason != "原始记录录入错误" || a.After.Problem {
		t.Errorf("amendment %+v", a)
	}
}
