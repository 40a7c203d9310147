package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"charm.land/lipgloss/v2"

	"phoneaudit/lang"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// openOfficeHistory opens, in tab 4, the history of the office named office.
func openOfficeHistory(t *testing.T, st *store.Store, l lang.Lang, office string, width, height int) Model {
	t.Helper()
	m := press(t, start(t, opts(st, l, leadName, &clock{t: testNow}), width, height), "4", "/")
	m = press(t, m, append(typeText(office), "enter", "enter")...)
	p := m.officesPage()
	if !p.inHistory || !p.hist.loaded || p.hist.office.name != office {
		t.Fatalf("no history of %s opened (in history %v, office %q)", office, p.inHistory, p.hist.office.name)
	}
	return m
}

// twoNotices is an office's two notices in status want, oldest first (the first such office
// whose pair ok accepts, when ok is given).
func twoNotices(t *testing.T, st *store.Store, want string, ok ...func([]store.Notice) bool) []store.Notice {
	t.Helper()
	ns, err := st.Notices(context.Background(), store.NoticeFilter{Status: want})
	if err != nil {
		t.Fatal(err)
	}
	by := map[int64][]store.Notice{}
	for _, n := range ns {
		by[n.OfficeID] = append(by[n.OfficeID], n)
	}
	for _, n := range ns {
		if os := by[n.OfficeID]; len(os) == 2 && (len(ok) == 0 || ok[0](os)) {
			return os
		}
	}
	t.Fatalf("no office has two %s notices", want)
	return nil
}

func noticeNow(t *testing.T, st *store.Store, id int64) (store.Notice, []store.NoticeEvent) {
	t.Helper()
	ctx := context.Background()
	ns, err := st.Notices(ctx, store.NoticeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	es, err := st.NoticeEvents(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range ns {
		if n.ID == id {
			return n, es
		}
	}
	t.Fatalf("no notice %d", id)
	return store.Notice{}, nil
}

// V on an office with two reported notices asks which (the newest chosen first); ↑ and enter
// choose the older, the checker starts as the acting user, tab goes to how; enter shows what will
// be saved, n goes back to the form, enter and y save it on that notice only.
func TestVerifyChoosesAmongNotices(t *testing.T) {
	st := demoStore(t)
	st.Now = func() time.Time { return testNow }
	two := twoNotices(t, st, store.NoticeReported)
	m := openOfficeHistory(t, st, lang.ZH, two[0].Office, 120, 40)
	m = press(t, m, "V")
	h := m.officesPage().hist
	if h.form != hfPick || len(h.picks) != 2 || h.pickSel != 1 {
		t.Fatalf("V opened form %d with %d notices, %d chosen", h.form, len(h.picks), h.pickSel)
	}
	mustShow(t, m, "核实整改：选择整改通知", "› 通知 "+two[1].Number, two[0].Number)
	if m = press(t, m, "esc"); m.officesPage().hist.form != hfNone {
		t.Fatal("esc did not leave the picker")
	}
	m = press(t, m, "V", "up", "enter")
	h = m.officesPage().hist
	if h.form != hfVerify || h.target.ID != two[0].ID || h.inputs[inChecker].Value() != leadName {
		t.Fatalf("form %d on notice %s, checker %q", h.form, h.target.Number, h.inputs[inChecker].Value())
	}
	m = press(t, m, append([]string{"tab"}, typeText("电话回访")...)...)
	m = press(t, m, "enter")
	mustShow(t, m, "核实通知 "+two[0].Number+"？核实人 "+leadName+"，方式：电话回访", "y 保存")
	m = press(t, m, "n")
	if h := m.officesPage().hist; h.form != hfVerify || h.confirm {
		t.Fatalf("n did not go back to the form: form %d, confirm %v", h.form, h.confirm)
	}
	if n, _ := noticeNow(t, st, two[0].ID); n.Status != store.NoticeReported {
		t.Fatalf("the notice is %s before the confirm", n.Status)
	}
	m = press(t, m, "enter", "y")
	n, es := noticeNow(t, st, two[0].ID)
	if n.Status != store.NoticeVerified {
		t.Fatalf("the chosen notice is %s", n.Status)
	}
	if e := es[len(es)-1]; e.Kind != store.EventVerify || e.CheckedBy != leadName || e.How != "电话回访" {
		t.Errorf("the verification kept %+v", e)
	}
	if other, _ := noticeNow(t, st, two[1].ID); other.Status != store.NoticeReported {
		t.Errorf("the other notice is %s", other.Status)
	}
	mustShow(t, m, "整改通知 "+two[0].Number+" 已核实", "已核实："+leadName+" 核实，方式：电话回访")
}

// R on an office with two issued notices (after round 5 is published) asks which; the confirm
// says the report is late against the chosen notice's deadline, and y keeps it so.
func TestReportChoosesAmongNotices(t *testing.T) {
	ctx := context.Background()
	st := demoStore(t)
	st.Now = func() time.Time { return testNow }
	lead := st.As(leadName)
	r5, err := st.FindRound(ctx, "5")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lead.PublishRound(ctx, r5.ID, []store.Rendering{{Lang: "zh", Format: "text", Body: []byte("通报")}}, testNow.AddDate(0, 0, 14)); err != nil {
		t.Fatal(err)
	}
	two := twoNotices(t, st, store.NoticeIssued, func(ns []store.Notice) bool { return ns[0].Overdue })
	old := two[0]
	if !old.Overdue {
		t.Fatalf("the older notice %s is not overdue (due %s)", old.Number, old.Deadline)
	}
	m := openOfficeHistory(t, st, lang.EN, old.Office, 80, 24)
	m = press(t, m, "R")
	mustShow(t, m, "record the report: choose the notice")
	m = press(t, m, "up", "enter")
	if h := m.officesPage().hist; h.form != hfReport || h.target.ID != old.ID {
		t.Fatalf("form %d on %s", h.form, h.target.Number)
	}
	m = press(t, m, append(typeText("staff on the phone"), "enter")...)
	mustShow(t, m, "Record the report on notice "+old.Number+"? Reported 2026-11-27, late (due "+old.Deadline+")")
	m = press(t, m, "y")
	n, es := noticeNow(t, st, old.ID)
	if n.Status != store.NoticeReported || !n.Late || n.ReportedOn != "2026-11-27" {
		t.Fatalf("the chosen notice: %+v", n)
	}
	if e := es[len(es)-1]; e.Kind != store.EventReport || !e.Late || e.Deadline != old.Deadline {
		t.Errorf("the report kept %+v", e)
	}
	if other, _ := noticeNow(t, st, two[1].ID); other.Status != store.NoticeIssued {
		t.Errorf("the other notice is %s", other.Status)
	}
}

// X's date starts as the deadline plus 10 working days, which enter takes (on to the reason),
// and the extension keeps the old and the new deadline.
func TestExtendStartsWithALaterDate(t *testing.T) {
	st := demoStore(t)
	st.Now = func() time.Time { return testNow }
	ns, err := st.Notices(context.Background(), store.NoticeFilter{Status: store.NoticeOverdue})
	if err != nil || len(ns) == 0 {
		t.Fatalf("no overdue notice: %v", err)
	}
	n := ns[0]
	m := openOfficeHistory(t, st, lang.ZH, n.Office, 120, 40)
	m = press(t, m, "X")
	if h := m.officesPage().hist; h.form == hfPick {
		for h.picks[h.pickSel].ID != n.ID && h.pickSel > 0 {
			m = press(t, m, "up")
			h = m.officesPage().hist
		}
		m = press(t, m, "enter")
	}
	cal, _ := st.Calendar(context.Background())
	due, _ := time.Parse(time.DateOnly, n.Deadline)
	want := scoring.AddWorkingDays(due, 10, cal).Format(time.DateOnly)
	h := m.officesPage().hist
	if h.form != hfExtend || h.inputs[inDeadline].Value() != want {
		t.Fatalf("X: form %d, date %q, want %s", h.form, h.inputs[inDeadline].Value(), want)
	}
	m = press(t, m, "enter")
	if h := m.officesPage().hist; h.isErr || h.field != inReason {
		t.Fatalf("enter on the date: field %d, note %q", h.field, h.note)
	}
	m = press(t, m, append(typeText("人手不足"), "enter")...)
	got, es := noticeNow(t, st, n.ID)
	if got.Deadline != want {
		t.Fatalf("the deadline is %s, want %s", got.Deadline, want)
	}
	if e := es[len(es)-1]; e.Kind != store.EventExtend || e.Deadline != n.Deadline || e.NewDeadline != want || e.Reason != "人手不足" {
		t.Errorf("the extension kept %+v", e)
	}
	mustShow(t, m, "延期："+n.Deadline+" → "+want+"，原因：人手不足")
}

// The history lists every event of each notice, fitting the screen at 80×24 and 120×40, in
// both languages.
func TestHistoryShowsNoticeEvents(t *testing.T) {
	st := demoStore(t)
	two := twoNotices(t, st, store.NoticeVerified)
	sizes := []struct{ w, h int }{{80, 24}, {120, 40}}
	for _, l := range []lang.Lang{lang.ZH, lang.EN} {
		for _, sz := range sizes {
			m := openOfficeHistory(t, st, l, two[0].Office, sz.w, sz.h)
			_, es := noticeNow(t, st, two[0].ID)
			for _, e := range es {
				mustShow(t, m, NoticeEventLine(l, e, m.officesPage().hist.sess.loc))
			}
			mustShow(t, m, l.Pick("已核实", "verified"))
			lines := strings.Split(screen(m), "\n")
			if len(lines) > sz.h {
				t.Errorf("%s %dx%d: %d lines", l, sz.w, sz.h, len(lines))
			}
			for _, line := range lines {
				if lipgloss.Width(line) > sz.w {
					t.Errorf("%s %dx%d: a line of %d cells: %q", l, sz.w, sz.h, lipgloss.Width(line), line)
				}
			}
		}
	}
}
