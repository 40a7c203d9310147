package store_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"phoneaudit/imports"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// Two sheets 40 points apart, neither failing a critical criterion: the mean, 80, has no
// problem, and the call needs review (answered in 5 s: 15 points for 接听及时 on each).
var (
	fair      = scoring.Answers{"greeting": 0, "attitude": 3, "accuracy": 3, "ownership": 1, "closing": 0} // 60
	consensus = scoring.Answers{"greeting": 2, "attitude": 3, "accuracy": 3, "ownership": 0, "closing": 1} // 65 with 接听及时, 推诿: a problem
)

// needingReview plays a call scored 100 by the caller and 60 by 赵敏: it needs review.
func (p panelFixture) needingReview(t *testing.T, callID int64) {
	t.Helper()
	ctx := context.Background()
	p.dial(t, callID, 5)
	mine, _ := p.caller.JoinCall(ctx, callID)
	theirs, err := p.zhao.JoinCall(ctx, callID)
	if err != nil {
		t.Fatal(err)
	}
	p.answer(t, p.caller, mine, good)
	p.answer(t, p.zhao, theirs, fair)
	if _, err := p.caller.SubmitSheet(ctx, mine); err != nil {
		t.Fatal(err)
	}
	res, err := p.zhao.SubmitSheet(ctx, theirs)
	if err != nil || res.Status != scoring.Done || !res.NeedsReview || res.Total != 80 || res.Problem {
		t.Fatalf("the two sheets: %+v, %v; want done, 80, needs review", res, err)
	}
}

func TestReviewRefusals(t *testing.T) {
	p := newPanelFixture(t)
	ctx := context.Background()
	call, plain := p.calls[0].ID, p.calls[1].ID
	p.needingReview(t, call)
	sheet := p.score(t, plain, 5, good)
	if _, err := p.caller.SubmitSheet(ctx, sheet); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		do   func() error
		want error
	}{
		{"an auditor's consensus", func() error { _, err := p.caller.RecordConsensus(ctx, call, consensus, "合议"); return err }, store.ErrForbidden},
		{"an auditor accepts", func() error { _, err := p.zhao.AcceptAggregate(ctx, call, "可以"); return err }, store.ErrForbidden},
		{"consensus without a reason", func() error { _, err := p.lead.RecordConsensus(ctx, call, consensus, " "); return err }, store.ErrInvalid},
		{"accept without a reason", func() error { _, err := p.lead.AcceptAggregate(ctx, call, ""); return err }, store.ErrInvalid},
		{"a call not needing review", func() error { _, err := p.lead.AcceptAggregate(ctx, plain, "可以"); return err }, store.ErrInvalid},
		{"an incomplete consensus", func() error {
			_, err := p.lead.RecordConsensus(ctx, call, scoring.Answers{"greeting": 2}, "合议")
			return err
		}, store.ErrInvalid},
		{"the command line's consensus (no rater)", func() error { _, err := p.s.RecordConsensus(ctx, call, consensus, "合议"); return err }, store.ErrNotFound},
	} {
		if err := tc.do(); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
	if c, _ := p.s.GetCall(ctx, call); !c.Result.NeedsReview {
		t.Errorf("a refused review changed the call: %+v", c.Result)
	}
	// Nothing but a review takes a call out of review, even through SQL.
	raw := openRaw(t, p.path)
	defer raw.Close()
	if _, err := raw.Exec("UPDATE calls SET needs_review = 0 WHERE id = ?", call); err == nil || !strings.Contains(err.Error(), "immutable") {
		t.Errorf("clearing needs_review by hand: %v", err)
	}
	if _, err := raw.Exec("INSERT INTO reviews(call_id, kind, at, by, reason) VALUES(?, 'accept', 'x', 'y', 'z')", plain); err == nil {
		t.Error("a review of a call that does not need one was stored")
	}
}

func TestRecordConsensus(t *testing.T) {
	p := newPanelFixture(t)
	ctx := context.Background()
	call := p.calls[0].ID
	p.needingReview(t, call)
	// A closed round still takes the consensus.
	if _, err := p.s.CloseRound(ctx, p.round.Name, true); err != nil {
		t.Fatal(err)
	}
	res, err := p.lead.RecordConsensus(ctx, call, consensus, "合议：首问未负责")
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 65 || !res.Problem || res.NeedsReview || !hasType(res.Reasons, scoring.Handling) {
		t.Fatalf("the consensus result = %+v; want 65, 事难办, settled", res)
	}
	c, _ := p.s.GetCall(ctx, call)
	if c.Result.NeedsReview || !c.Result.Problem || c.Result.Total != 65 || c.Status != scoring.Done {
		t.Errorf("the stored call: %s %+v", c.Status, c.Result)
	}
	shs, _ := p.s.Sheets(ctx, call)
	last := shs[len(shs)-1]
	if len(shs) != 3 || last.Kind != "consensus" || last.Rater != "李强" || last.Status != "submitted" || last.Reason != "合议：首问未负责" {
		t.Errorf("the consensus sheet: %+v", shs)
	}
	rv, ok, err := p.s.Review(ctx, call)
	if err != nil || !ok || rv.Kind != "consensus" || rv.SheetID != last.ID || rv.By != "李强" || rv.Reason != "合议：首问未负责" {
		t.Errorf("the review record: %+v, %v, %v", rv, ok, err)
	}
	if _, err := p.lead.RecordConsensus(ctx, call, consensus, "again"); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("a second consensus: %v, want ErrInvalid", err)
	}
	raw := openRaw(t, p.path)
	defer raw.Close()
	for _, q := range []string{"UPDATE reviews SET reason = 'x'", "DELETE FROM reviews", "UPDATE calls SET needs_review = 1, problem = 0"} {
		if _, err := raw.Exec(q); err == nil || !strings.Contains(err.Error(), "immutable") {
			t.Errorf("%s: %v, want refused", q, err)
		}
	}
}

func TestAcceptAggregate(t *testing.T) {
	p := newPanelFixture(t)
	ctx := context.Background()
	call := p.calls[0].ID
	p.needingReview(t, call)
	res, err := p.lead.AcceptAggregate(ctx, call, "两位评分人意见均有依据")
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 80 || res.Problem || res.NeedsReview || res.Spread != 40 {
		t.Fatalf("the accepted aggregate = %+v", res)
	}
	c, _ := p.s.GetCall(ctx, call)
	if c.Result.NeedsReview || c.Result.Total != 80 {
		t.Errorf("stored: %+v", c.Result)
	}
	rv, ok, _ := p.s.Review(ctx, call)
	if !ok || rv.Kind != "accept" || rv.SheetID != 0 || rv.By != "李强" || rv.At.IsZero() {
		t.Errorf("the review record: %+v", rv)
	}
	tab, err := imports.Export(ctx, p.s, p.round.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	m := cells(t, tab)[0]
	if m["科室"] != "社保中心" || m["得分"] != "80" || m["是否存在问题"] != "否" || m["复核"] != "" {
		t.Errorf("export row of the accepted call: %v", m)
	}
}

// TestConsensusCountsInStreaks: an office with a problem in round 1 and, in round 2, a call whose
// aggregate has none but whose consensus does: the consensus makes it yellow; the export shows
// the consensus as the call's result and lists every sheet.
func TestConsensusCountsInStreaks(t *testing.T) {
	p := newPanelFixture(t)
	ctx := context.Background()
	bad := scoring.Answers{"greeting": 0, "attitude": 1, "accuracy": 0, "ownership": 0, "closing": 0}
	first := p.score(t, p.calls[0].ID, 5, bad)
	if _, err := p.s.SubmitSheet(ctx, first); err != nil {
		t.Fatal(err)
	}
	if _, err := p.s.CloseRound(ctx, p.round.Name, true); err != nil {
		t.Fatal(err)
	}
	p.round = openRoundWithCalls(t, p.s, "2026年第2轮", p.offices, p.fixture.caller.ID)
	calls, _ := p.s.Calls(ctx, store.CallFilter{RoundID: p.round.ID})
	var call int64
	for _, c := range calls {
		if c.OfficeID == p.calls[0].OfficeID {
			call = c.ID
		}
	}
	p.needingReview(t, call)
	if flags, _ := p.s.Flags(ctx, 0); len(flags) != 0 {
		t.Fatalf("flags before the consensus: %+v", flags)
	}
	if _, err := p.lead.RecordConsensus(ctx, call, consensus, "合议"); err != nil {
		t.Fatal(err)
	}
	flags, err := p.s.Flags(ctx, 0)
	if err != nil || len(flags) != 1 || flags[0].Level != scoring.Yellow || flags[0].Streak != 2 || flags[0].OfficeID != p.calls[0].OfficeID {
		t.Fatalf("flags after the consensus: %+v, %v", flags, err)
	}
	tab, err := imports.Export(ctx, p.s, p.round.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for _, m := range cells(t, tab) {
		if m["科室"] == "社保中心" {
			rows = append(rows, m["评分人"]+" "+m["得分"]+" "+m["是否存在问题"])
		}
	}
	if want := []string{"王芳 100 是", "赵敏 60 是", "李强（合议） 65 是"}; !slices.Equal(rows, want) {
		t.Errorf("sheet rows = %q, want %q", rows, want)
	}
}
