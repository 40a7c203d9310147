package store_test

import (
	"context"
	"maps"
	"slices"
	"testing"
	"time"

	"phoneaudit/scoring"
	"phoneaudit/store"
)

// TestFlagRowsAgreeWithFlags checks FlagRows on the demo city against Flags, the audits and the
// notices, as of every round.
func TestFlagRowsAgreeWithFlags(t *testing.T) {
	s := demoStore(t)
	ctx := context.Background()
	loc, _ := s.Location(ctx)
	today := s.Now().In(loc).Format(time.DateOnly)
	rounds, _ := s.Rounds(ctx)
	statuses := map[string]int{}
	for _, asOf := range []int{0, 2, 3, 4, 5, 6} {
		fs, err := s.Flags(ctx, asOf)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := s.FlagRows(ctx, asOf)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != len(fs) {
			t.Fatalf("as of %d: %d rows, %d flags", asOf, len(rows), len(fs))
		}
		upTo := asOf
		if upTo == 0 {
			upTo = len(rounds)
		}
		for i, row := range rows {
			if row.Flag != fs[i] {
				t.Errorf("as of %d row %d: %+v, flag %+v", asOf, i, row.Flag, fs[i])
			}
			audits, _ := s.OfficeAudits(ctx, row.OfficeID)
			want := scoring.StreakRounds(audits, row.Round)
			if !slices.Equal(row.StreakRounds, want) || len(want) != row.Streak {
				t.Errorf("as of %d %s: streak rounds %v, want %v", asOf, row.Office, row.StreakRounds, want)
			}
			if len(row.Reasons) == 0 {
				t.Errorf("as of %d %s: no reasons", asOf, row.Office)
			}
			if row.Provisional != (rounds[row.Round-1].Status == store.RoundOpen) {
				t.Errorf("as of %d %s: provisional %v", asOf, row.Office, row.Provisional)
			}
			if got, want := row.Notice, latestNotice(t, s, row.OfficeID, upTo, today); got != want {
				t.Errorf("as of %d %s: notice %q, want %q", asOf, row.Office, got, want)
			}
			statuses[row.Notice]++
		}
	}
	t.Logf("notice states: %v", statuses)
	if len(statuses) < 3 {
		t.Errorf("the demo's flags show few notice states: %v", statuses)
	}
}

// latestNotice is the status of an office's latest notice up to a round, from Notices.
func latestNotice(t *testing.T, s *store.Store, office int64, upTo int, today string) string {
	t.Helper()
	ns, err := s.Notices(context.Background(), store.NoticeFilter{OfficeID: office})
	if err != nil {
		t.Fatal(err)
	}
	status, round := "", 0
	for _, n := range ns {
		if n.RoundNumber <= upTo && n.RoundNumber >= round {
			status, round = n.Status, n.RoundNumber
			if n.Status == store.NoticeIssued && n.Deadline < today {
				status = store.NoticeOverdue
			}
		}
	}
	return status
}

// TestFlagRowsUseAmendedReasons: the reasons shown are the amended ones.
func TestFlagRowsUseAmendedReasons(t *testing.T) {
	f, _, sheets := redFixture(t)
	ctx := context.Background()
	rows, err := f.s.FlagRows(ctx, 0)
	if err != nil || len(rows) != 1 || !slices.Equal(rows[0].StreakRounds, []int{1, 2, 3}) || rows[0].Notice != "" {
		t.Fatalf("rows: %+v, %v", rows, err)
	}
	if !hasType(rows[0].Reasons, scoring.Handling) || !hasType(rows[0].Reasons, scoring.Manner) {
		t.Errorf("reasons before: %+v", rows[0].Reasons)
	}
	// Only the manner problem is left after the amendment.
	mannerOnly := maps.Clone(good)
	mannerOnly["attitude"] = 1
	if _, err := f.s.AmendSheet(ctx, sheets[2], mannerOnly, "复核"); err != nil {
		t.Fatal(err)
	}
	rows, _ = f.s.FlagRows(ctx, 0)
	if len(rows) != 1 || len(rows[0].Reasons) != 1 || rows[0].Reasons[0].Type != scoring.Manner {
		t.Errorf("reasons after: %+v", rows)
	}
}

// TestOfficeHistoryPages reads an office's history a page at a time on the demo city.
func TestOfficeHistoryPages(t *testing.T) {
	s := demoStore(t)
	ctx := context.Background()
	offices, _ := s.Offices(ctx)
	office := offices[0]
	audits, _ := s.OfficeAudits(ctx, office.ID)
	if len(audits) < 5 {
		t.Fatalf("the first demo office has %d audits", len(audits))
	}
	var all []store.HistoryEntry
	var pages [][]int
	before := 0
	for {
		page, err := s.OfficeHistory(ctx, office.ID, before, 2)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		var rounds []int
		for _, e := range page {
			if len(rounds) == 0 || rounds[len(rounds)-1] != e.RoundNumber {
				rounds = append(rounds, e.RoundNumber)
			}
		}
		pages = append(pages, rounds)
		all = append(all, page...)
		before = page[len(page)-1].RoundNumber
	}
	var want []int
	for i := len(audits) - 1; i >= 0; i-- {
		want = append(want, audits[i].Round)
	}
	if got := slices.Concat(pages...); !slices.Equal(got, want) || len(pages[0]) != 2 {
		t.Fatalf("pages %v, want the audits newest first %v, two a page", pages, want)
	}
	for _, e := range all {
		checkHistoryEntry(t, s, e)
	}
}

// checkHistoryEntry checks an entry against the call's own records.
func checkHistoryEntry(t *testing.T, s *store.Store, e store.HistoryEntry) {
	t.Helper()
	ctx := context.Background()
	c, _ := s.GetCall(ctx, e.ID)
	if e.Result.Problem != c.Result.Problem || e.Result.Total != c.Result.Total || e.Auditor != c.Auditor || e.Question != c.Question {
		t.Errorf("round %d: entry %+v, call %+v", e.RoundNumber, e.Call, c)
	}
	as, _ := s.Attempts(ctx, e.ID)
	if len(as) != len(e.Attempts) || (len(as) > 0 && !e.FirstDial.Equal(as[0].At)) {
		t.Errorf("round %d: attempts %v, first dial %v", e.RoundNumber, e.Attempts, e.FirstDial)
	}
	if !e.Result.Scored {
		if len(e.Criteria) != 0 {
			t.Errorf("round %d: an unscored call with criteria", e.RoundNumber)
		}
		return
	}
	sheets, _ := s.Sheets(ctx, e.ID)
	submitted := 0
	for _, sh := range sheets {
		if sh.Status == "submitted" {
			submitted++
		}
	}
	sum := 0.0
	for _, cs := range e.Criteria {
		sum += cs.Points
	}
	if len(e.Criteria) == 0 || e.Rater == "" || (submitted == 1 && sum != e.Result.Total) {
		t.Errorf("round %d: criteria %+v by %s sum to %v, total %v", e.RoundNumber, e.Criteria, e.Rater, sum, e.Result.Total)
	}
}

// TestOfficeHistoryMergedAndAmended: a merged office's calls belong to the office it joined,
// and an amended call shows its amended criteria and its history.
func TestOfficeHistoryMergedAndAmended(t *testing.T) {
	f, rounds, sheets := redFixture(t)
	ctx := context.Background()
	if _, err := f.s.AmendSheet(ctx, sheets[1], good, "复核"); err != nil {
		t.Fatal(err)
	}
	a, b := f.offices[0], f.offices[1]
	if err := f.s.MergeOffice(ctx, b.Department, b.Name, a.Department, a.Name); err != nil {
		t.Fatal(err)
	}
	// Rebuilt from the calls of both, round 2 (amended, and clean for the other) has no problem.
	if audits, _ := f.s.OfficeAudits(ctx, a.ID); len(audits) != 3 || audits[1].Problem {
		t.Errorf("audits after the merge: %+v", audits)
	}
	if fl, ok := flagOf(t, f.s, a.Name); ok {
		t.Errorf("flagged after the merge: %+v", fl)
	}
	for _, id := range []int64{a.ID, b.ID} {
		h, err := f.s.OfficeHistory(ctx, id, 0, 2)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range h {
			got = append(got, e.RoundName+" "+e.Office)
		}
		want := []string{"2026年第3轮 " + a.Name, "2026年第3轮 " + b.Name, "2026年第2轮 " + a.Name, "2026年第2轮 " + b.Name}
		if !slices.Equal(got, want) {
			t.Fatalf("history of office %d: %q, want %q", id, got, want)
		}
		amended := h[2]
		if !amended.Amended || len(amended.Amendments) != 1 || amended.Result.Problem || amended.Original.Total == amended.Result.Total {
			t.Errorf("amended entry: %+v", amended)
		}
		if cs := amended.Criteria[2]; cs.Key != "attitude" || cs.Value != 5 || cs.Points != 25 || cs.Max != 25 {
			t.Errorf("amended criterion: %+v", cs)
		}
		if h[0].Amended || h[0].Criteria[2].Value != 1 || h[0].Rater != f.caller.Name || h[0].AnswerSeconds == nil {
			t.Errorf("unamended entry: %+v", h[0])
		}
		older, _ := f.s.OfficeHistory(ctx, id, h[len(h)-1].RoundNumber, 2)
		if len(older) != 2 || older[0].RoundID != rounds[0].ID {
			t.Errorf("the page before round 2: %+v", older)
		}
	}
}

func TestOfficeTrendAndSummaries(t *testing.T) {
	f, _, sheets := redFixture(t)
	ctx := context.Background()
	if _, err := f.s.AmendSheet(ctx, sheets[2], good, "复核"); err != nil {
		t.Fatal(err)
	}
	low := f.rubric.ScoreSheet(bad, ptr(5)).Total
	trend, err := f.s.OfficeTrend(ctx, f.offices[0].ID, 2)
	if err != nil {
		t.Fatal(err)
	}
	want := []store.TrendPoint{
		{Round: 2, RoundName: "2026年第2轮", Total: low, HasTotal: true, Problem: true, RubricVersion: 1},
		{Round: 3, RoundName: "2026年第3轮", Total: 100, HasTotal: true, Problem: false, RubricVersion: 1},
	}
	if !slices.Equal(trend, want) {
		t.Errorf("trend = %+v, want %+v", trend, want)
	}
	sums, err := f.s.OfficeSummaries(ctx, 0)
	if err != nil || len(sums) != 2 {
		t.Fatalf("summaries: %+v, %v", sums, err)
	}
	for _, o := range sums {
		switch o.ID {
		case f.offices[0].ID:
			if o.Round != 3 || o.Total != 100 || o.Grade != "excellent" || o.Problem || o.Streak != 0 || o.Level != scoring.NoFlag {
				t.Errorf("amended office: %+v", o)
			}
		default:
			if o.Round != 3 || o.Total != low || o.Grade != "fail" || !o.Problem || o.Streak != 1 {
				t.Errorf("other office: %+v", o)
			}
		}
	}
	asOf2, _ := f.s.OfficeSummaries(ctx, 2)
	for _, o := range asOf2 {
		if o.ID == f.offices[0].ID && (o.Streak != 2 || o.Level != scoring.Yellow || o.Round != 2) {
			t.Errorf("as of round 2: %+v", o)
		}
	}
	// A merged office folds into the office it joined.
	a, b := f.offices[0], f.offices[1]
	if err := f.s.MergeOffice(ctx, b.Department, b.Name, a.Department, a.Name); err != nil {
		t.Fatal(err)
	}
	sums, _ = f.s.OfficeSummaries(ctx, 0)
	if len(sums) != 1 || sums[0].Total != (100+low)/2 || !sums[0].Problem {
		t.Errorf("after the merge: %+v", sums)
	}
}
