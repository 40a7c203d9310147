package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"phoneaudit/recording"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// publishedRed is redFixture with round 3 published: its first office red (streak 3), its
// second with a problem (streak 1), each with a notice.
func publishedRed(t *testing.T) (fixture, store.Round, []int64) {
	t.Helper()
	f, rounds, sheets := redFixture(t)
	ctx := context.Background()
	if _, err := f.s.PublishRound(ctx, rounds[2].ID, []store.Rendering{{Lang: "zh", Format: "text", Body: []byte("通报")}}, f.s.Now()); err != nil {
		t.Fatal(err)
	}
	r, err := f.s.FindRound(ctx, "3")
	if err != nil {
		t.Fatal(err)
	}
	return f, r, sheets
}

func corrections(t *testing.T, s *store.Store, roundID int64) store.CorrectionState {
	t.Helper()
	st, err := s.RoundCorrections(context.Background(), roundID)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func correct(t *testing.T, s *store.Store, roundID int64) store.CorrectionReport {
	t.Helper()
	ctx := context.Background()
	head, err := s.LedgerHead(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := s.PublishCorrection(ctx, roundID, store.CorrectionPublish{Head: head, Deadline: s.Now().AddDate(0, 0, 14),
		WithdrawReason: "更正：不再存在问题", Texts: []store.Rendering{{Lang: "zh", Format: "text", Body: []byte("更正说明")}}})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestCorrectionAfterPublication amends a published round, publishes the correction, amends it
// back and publishes again: each time the differences, the reasons and the notices follow, the
// published snapshot is the one compared next, and the database verifies.
func TestCorrectionAfterPublication(t *testing.T) {
	f, r, sheets := publishedRed(t)
	ctx := context.Background()
	red := f.offices[0]
	st := corrections(t, f.s, r.ID)
	if st.Pending() || st.Rebuilt || st.Published.Red != 1 || st.Published.ProblemOffices != 2 || len(st.Corrections) != 0 {
		t.Fatalf("right after publication: pending %v, %+v", st.Pending(), st.Published)
	}
	if p, err := f.s.PendingCorrections(ctx); err != nil || len(p) != 0 {
		t.Fatalf("pending corrections right after publication: %v, %v", p, err)
	}
	if _, err := f.s.PublishCorrection(ctx, r.ID, store.CorrectionPublish{}); !errors.Is(err, store.ErrLedgerMoved) {
		t.Errorf("a correction at another head: %v", err)
	}
	head, _ := f.s.LedgerHead(ctx)
	if _, err := f.s.PublishCorrection(ctx, r.ID, store.CorrectionPublish{Head: head}); !errors.Is(err, store.ErrNothingToCorrect) {
		t.Errorf("a correction with nothing to correct: %v", err)
	}

	f.s.Now = func() time.Time { return time.Date(2026, 11, 30, 2, 0, 0, 0, time.UTC) }
	if _, err := f.s.AmendSheet(ctx, sheets[2], good, "录音复核：答复准确"); err != nil {
		t.Fatal(err)
	}
	st = corrections(t, f.s, r.ID)
	if !st.Pending() || len(st.Diff.Offices) != 1 {
		t.Fatalf("after the amendment: %+v", st.Diff)
	}
	d := st.Diff.Offices[0]
	if d.OfficeID != red.ID || !d.Was.Problem || d.Was.Streak != 3 || d.Now.Problem || d.Now.Streak != 0 || !d.ProblemChanged() {
		t.Errorf("the red office's difference: was %+v, now %+v", d.Was, d.Now)
	}
	counts := map[string][2]int{}
	for _, c := range st.Diff.Counts {
		counts[c.Key] = [2]int{c.Was, c.Now}
	}
	if counts["problem_offices"] != [2]int{2, 1} || counts["red"] != [2]int{1, 0} {
		t.Errorf("counts: %v", counts)
	}
	if rs := st.Reasons[red.ID]; len(rs) != 1 || rs[0].Reason != "录音复核：答复准确" || rs[0].Round != 3 {
		t.Errorf("reasons: %+v", st.Reasons)
	}
	if p, _ := f.s.PendingCorrections(ctx); !p[r.ID] || len(p) != 1 {
		t.Errorf("pending corrections: %v", p)
	}

	rep := correct(t, f.s, r.ID)
	if rep.Correction.Seq != 1 || len(rep.Withdrawn) != 1 || rep.Withdrawn[0].OfficeID != red.ID || len(rep.Issued) != 0 || rep.Checksums["zh/text"] == "" {
		t.Fatalf("first correction: %+v", rep)
	}
	if n := noticeOf(t, f.s, r.ID, red.ID); n.Status != store.NoticeWithdrawn {
		t.Errorf("the red office's notice is %s after the correction", n.Status)
	}
	st = corrections(t, f.s, r.ID)
	if st.Pending() || len(st.Corrections) != 1 || st.Published.Red != 0 {
		t.Errorf("after the correction: pending %v, %d corrections, %+v", st.Pending(), len(st.Corrections), st.Published)
	}
	if p, _ := f.s.PendingCorrections(ctx); len(p) != 0 {
		t.Errorf("pending corrections after the correction: %v", p)
	}

	// Back as it was: the office has a problem again and gets a new notice, numbered after the others.
	f.s.Now = func() time.Time { return time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC) }
	if _, err := f.s.AmendSheet(ctx, sheets[2], bad, "复核有误，恢复原评分"); err != nil {
		t.Fatal(err)
	}
	rep = correct(t, f.s, r.ID)
	if rep.Correction.Seq != 2 || len(rep.Issued) != 1 || rep.Issued[0].Number != "第3轮-003" || rep.Correction.Deadline == "" {
		t.Fatalf("second correction: %+v", rep)
	}
	texts, err := f.s.CorrectionTexts(ctx, r.ID, "zh", "text")
	if err != nil || len(texts) != 2 || string(texts[1].Body) != "更正说明" || texts[1].Seq != 2 {
		t.Errorf("correction texts: %+v, %v", texts, err)
	}
	mustVerify(t, f.s)
	if k := ledgerKinds(t, f.path); k["snapshot"] != 1 || k["correction"] != 2 {
		t.Errorf("ledger kinds: %v", k)
	}
	// What was published stands.
	raw := openRaw(t, f.path)
	defer raw.Close()
	for _, q := range []string{"UPDATE corrections SET seq = 9", "DELETE FROM correction_texts", "UPDATE publication_snapshots SET snapshot = '{}'"} {
		if _, err := raw.Exec(q); err == nil {
			t.Errorf("%s was allowed", q)
		}
	}
}

func noticeOf(t *testing.T, s *store.Store, roundID, officeID int64) store.Notice {
	t.Helper()
	ns, err := s.Notices(context.Background(), store.NoticeFilter{RoundID: roundID, OfficeID: officeID})
	if err != nil || len(ns) == 0 {
		t.Fatalf("notices of office %d: %v, %v", officeID, ns, err)
	}
	return ns[len(ns)-1]
}

// TestSnapshotRebuiltForOldPublications: a round published before snapshots were kept gets one
// worked out from the data without the amendments made after its publication, so an amendment
// made then still shows as a correction to publish.
func TestSnapshotRebuiltForOldPublications(t *testing.T) {
	f, r, sheets := publishedRed(t)
	ctx := context.Background()
	f.s.Now = func() time.Time { return time.Date(2026, 11, 30, 2, 0, 0, 0, time.UTC) }
	if _, err := f.s.AmendSheet(ctx, sheets[2], good, "录音复核"); err != nil {
		t.Fatal(err)
	}
	f.s.Close()
	backToSchema4(t, f.path)
	s, err := store.OpenWith(ctx, f.path, store.Options{Files: recording.Files{}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s = s.As("测试组长")
	st := corrections(t, s, r.ID)
	if !st.Rebuilt || st.Published.Red != 1 || st.Now.Red != 0 || !st.Pending() {
		t.Errorf("rebuilt: %v, published %+v, now %+v", st.Rebuilt, st.Published, st.Now)
	}
	if d := st.Diff.Offices; len(d) != 1 || d[0].OfficeID != f.offices[0].ID || d[0].Was.Level() != scoring.Red {
		t.Errorf("differences: %+v", d)
	}
	mustVerify(t, s)
}

// TestAmendAtThePreviewedHead: an amendment saved with the head of its preview is refused when
// something was recorded in between (a correction, here), and writes nothing; at the current
// head it is saved.
func TestAmendAtThePreviewedHead(t *testing.T) {
	f, r, sheets := publishedRed(t)
	ctx := context.Background()
	p, err := f.s.PreviewAmendSheet(ctx, sheets[2], good, "录音复核")
	if err != nil {
		t.Fatal(err)
	}
	if !p.Published || len(p.Corrections) != 1 || p.Corrections[0].Round.ID != r.ID || len(p.Corrections[0].Withdraw) != 1 {
		t.Fatalf("preview of a published round's amendment: %+v", p)
	}
	if _, err := f.s.AmendSheet(ctx, sheets[1], good, "另一处修正"); err != nil { // round 2: the head moves
		t.Fatal(err)
	}
	if _, err := f.s.AmendSheetAt(ctx, p.Head, sheets[2], good, "录音复核"); !errors.Is(err, store.ErrLedgerMoved) {
		t.Fatalf("an amendment at a stale head: %v", err)
	}
	if c := callOf(t, f.s, r.ID, f.offices[0].ID); c.Amended {
		t.Fatal("the refused amendment was written")
	}
	head, _ := f.s.LedgerHead(ctx)
	if _, err := f.s.AmendSheetAt(ctx, head, sheets[2], good, "录音复核"); err != nil {
		t.Fatal(err)
	}
}
