package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"phoneaudit/scoring"
	"phoneaudit/store"
)

// publishedNotices plays both calls of the fixture's round as problems, closes and publishes the
// round with its notices due 2026-12-01, and returns the two notices.
func publishedNotices(t *testing.T) (fixture, []store.Notice) {
	t.Helper()
	f := newFixture(t)
	ctx := context.Background()
	bad := scoring.Answers{"greeting": 0, "attitude": 1, "accuracy": 0, "ownership": 0, "closing": 0}
	for _, c := range f.calls {
		if _, err := f.s.SubmitSheet(ctx, f.score(t, c.ID, 9, bad)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.s.CloseRound(ctx, f.round.Name, false); err != nil {
		t.Fatal(err)
	}
	loc, _ := f.s.Location(ctx)
	due := time.Date(2026, 12, 1, 0, 0, 0, 0, loc)
	if _, err := f.s.PublishRound(ctx, f.round.ID, []store.Rendering{{Lang: "zh", Format: "text", Body: []byte("通报")}}, due); err != nil {
		t.Fatal(err)
	}
	ns, err := f.s.Notices(ctx, store.NoticeFilter{RoundID: f.round.ID})
	if err != nil || len(ns) != 2 {
		t.Fatalf("notices: %v, %v", ns, err)
	}
	return f, ns
}

// clockAt sets the store's clock to 10:00 in Shanghai on day.
func clockAt(f fixture, day string) {
	d, _ := time.Parse(time.DateOnly, day)
	f.s.Now = func() time.Time { return d.Add(2 * time.Hour) }
}

func noticeEvents(t *testing.T, s *store.Store, id int64) []store.NoticeEvent {
	t.Helper()
	es, err := s.NoticeEvents(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return es
}

// TestNoticeLife: every event is kept with its facts, and a report is late only after the
// deadline in force when it came (an extension made before it counts).
func TestNoticeLife(t *testing.T) {
	f, ns := publishedNotices(t)
	ctx := context.Background()
	onTime, late := ns[0], ns[1]
	clockAt(f, "2026-11-30")
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	if err := f.s.ExtendNotice(ctx, onTime.ID, day("2026-12-10"), "科室负责人调整"); err != nil {
		t.Fatal(err)
	}
	if err := f.s.ExtendNotice(ctx, late.ID, day("2026-12-02"), "材料补充"); err != nil {
		t.Fatal(err)
	}
	if err := f.s.ExtendNotice(ctx, late.ID, day("2026-12-02"), "再延"); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("extending to the same deadline: %v", err)
	}
	clockAt(f, "2026-12-03") // after the first deadline, before one extension and after the other
	for _, n := range ns {
		if err := f.s.ReportNotice(ctx, n.ID, "已整改"); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.s.As("张组长").VerifyNotice(ctx, onTime.ID, "李强", "电话回访，查看台账"); err != nil {
		t.Fatal(err)
	}

	es := noticeEvents(t, f.s, onTime.ID)
	kinds := []string{}
	for _, e := range es {
		kinds = append(kinds, e.Kind)
	}
	if len(es) != 4 || es[0].Kind != store.EventIssue || es[1].Kind != store.EventExtend || es[2].Kind != store.EventReport || es[3].Kind != store.EventVerify {
		t.Fatalf("events %v", kinds)
	}
	if es[0].Deadline != "2026-12-01" || es[0].By != "测试组长" {
		t.Errorf("issue: %+v", es[0])
	}
	if e := es[1]; e.Deadline != "2026-12-01" || e.NewDeadline != "2026-12-10" || e.Reason != "科室负责人调整" {
		t.Errorf("extend: %+v", e)
	}
	if e := es[2]; e.ReportedOn != "2026-12-03" || e.Late || e.Deadline != "2026-12-10" || e.Response != "已整改" {
		t.Errorf("a report before the extended deadline: %+v", e)
	}
	if e := es[3]; e.CheckedBy != "李强" || e.How != "电话回访，查看台账" || e.By != "张组长" {
		t.Errorf("verify: %+v", e)
	}
	le := noticeEvents(t, f.s, late.ID)
	if e := le[len(le)-1]; e.Kind != store.EventReport || !e.Late || e.Deadline != "2026-12-02" {
		t.Errorf("a report after the extended deadline: %+v", e)
	}

	// The list says the same.
	ns, _ = f.s.Notices(ctx, store.NoticeFilter{RoundID: f.round.ID})
	if ns[0].ReportedOn != "2026-12-03" || ns[0].Late || !ns[1].Late {
		t.Errorf("listed: %+v", ns)
	}

	// A verified notice is not withdrawn; a reported one is, with its reason.
	var se *store.NoticeStateError
	if err := f.s.WithdrawNotice(ctx, onTime.ID, "复核后无问题"); !errors.As(err, &se) || se.Status != store.NoticeVerified || !errors.Is(err, store.ErrInvalid) {
		t.Errorf("withdrawing a verified notice: %v", err)
	}
	if err := f.s.WithdrawNotice(ctx, late.ID, " "); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("withdrawing without a reason: %v", err)
	}
	if err := f.s.WithdrawNotice(ctx, late.ID, "复核后无问题"); err != nil {
		t.Fatal(err)
	}
	le = noticeEvents(t, f.s, late.ID)
	if e := le[len(le)-1]; e.Kind != store.EventWithdraw || e.Reason != "复核后无问题" {
		t.Errorf("withdraw: %+v", e)
	}
	if err := f.s.ReportNotice(ctx, late.ID, "再报"); !errors.As(err, &se) || se.Status != store.NoticeWithdrawn {
		t.Errorf("reporting a withdrawn notice: %v", err)
	}
	w, err := f.s.Notices(ctx, store.NoticeFilter{Status: store.NoticeWithdrawn})
	if err != nil || len(w) != 1 || w[0].ID != late.ID || w[0].WithdrawnAt.IsZero() {
		t.Errorf("withdrawn notices: %+v, %v", w, err)
	}

	// Every event is chained, and verify rebuilds each from notice_events.
	if n := ledgerKinds(t, f.path)["notice"]; n != len(es)+len(le) {
		t.Errorf("%d notice entries in the ledger, want %d", n, len(es)+len(le))
	}
	mustVerify(t, f.s)
	raw := openRaw(t, f.path)
	defer raw.Close()
	if _, err := raw.Exec("UPDATE notice_events SET late = 0 WHERE notice_id = ? AND action = 'report'", late.ID); err != nil {
		t.Fatal(err)
	}
	rep, err := f.s.Verify(ctx)
	if err != nil || rep.OK() || rep.Problems[0].Kind != "notice" || rep.Problems[0].What != store.ProblemChanged ||
		strings.Join(rep.Problems[0].Field, "/") != "late" {
		t.Errorf("a report made on time afterwards: %+v, %v", rep.Problems, err)
	}
}

// TestVerifyDefaultsToTheActingUser: V without a name records the lead who pressed it, and no how.
func TestVerifyDefaultsToTheActingUser(t *testing.T) {
	f, ns := publishedNotices(t)
	ctx := context.Background()
	if err := f.s.ReportNotice(ctx, ns[0].ID, "已整改"); err != nil {
		t.Fatal(err)
	}
	if err := f.s.VerifyNotice(ctx, ns[0].ID, "", ""); err != nil {
		t.Fatal(err)
	}
	es := noticeEvents(t, f.s, ns[0].ID)
	if e := es[len(es)-1]; e.CheckedBy != "测试组长" || e.How != "" {
		t.Errorf("verify: %+v", e)
	}
	// The report came on the day of publication: on time.
	if e := es[1]; e.Late || e.ReportedOn != "2026-11-27" {
		t.Errorf("report: %+v", e)
	}
}
