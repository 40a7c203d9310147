package store_test

import (
	"context"
	"errors"
	"maps"
	"strconv"
	"strings"
	"testing"
	"time"

	"phoneaudit/imports"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

var bad = scoring.Answers{"greeting": 0, "attitude": 1, "accuracy": 0, "ownership": 0, "closing": 0}

// redFixture plays three rounds in which the first office has a problem every time (red) and
// the second office has one in rounds 1 and 3; round 3 is closed. sheets are the first office's
// submitted sheets, one per round.
func redFixture(t *testing.T) (f fixture, rounds []store.Round, sheets []int64) {
	t.Helper()
	f = newFixture(t)
	ctx := context.Background()
	for i, name := range []string{"2026年第1轮", "2026年第2轮", "2026年第3轮"} {
		if i > 0 {
			f.round = openRoundWithCalls(t, f.s, name, f.offices, f.caller.ID)
		}
		calls, _ := f.s.Calls(ctx, store.CallFilter{RoundID: f.round.ID})
		for _, c := range calls {
			answers := bad
			if c.OfficeID != f.offices[0].ID && i == 1 {
				answers = good
			}
			sheet := f.score(t, c.ID, 5, answers)
			if err := f.s.SetAnsweredBy(ctx, c.ID, "0231", ""); err != nil {
				t.Fatal(err)
			}
			if _, err := f.s.SubmitSheet(ctx, sheet); err != nil {
				t.Fatal(err)
			}
			if c.OfficeID == f.offices[0].ID {
				sheets = append(sheets, sheet)
			}
		}
		if _, err := f.s.CloseRound(ctx, name, false); err != nil {
			t.Fatal(err)
		}
		rounds = append(rounds, f.round)
	}
	return f, rounds, sheets
}

func callOf(t *testing.T, s *store.Store, roundID, officeID int64) store.Call {
	t.Helper()
	calls, err := s.Calls(context.Background(), store.CallFilter{RoundID: roundID})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range calls {
		if c.OfficeID == officeID {
			return c
		}
	}
	t.Fatalf("no call of office %d in round %d", officeID, roundID)
	return store.Call{}
}

func flagOf(t *testing.T, s *store.Store, office string) (store.Flag, bool) {
	t.Helper()
	fs, err := s.Flags(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if f.Office == office {
			return f, true
		}
	}
	return store.Flag{}, false
}

// TestAmendSheetEverywhere amends the red office's latest sheet to a clean call and checks that
// every reader uses the amended value while the original stays as recorded.
func TestAmendSheetEverywhere(t *testing.T) {
	f, rounds, sheets := redFixture(t)
	ctx := context.Background()
	office := f.offices[0]
	if fl, ok := flagOf(t, f.s, office.Name); !ok || fl.Level != scoring.Red {
		t.Fatalf("before the amendment %s is %+v, want red", office.Name, fl)
	}
	if p, _ := f.s.PersonFlags(ctx, 0); len(p) != 1 || p[0].Level != scoring.Red {
		t.Fatalf("person flags before: %+v", p)
	}
	round3, _ := f.s.FindRound(ctx, "3")
	if round3.Problems != 2 {
		t.Fatalf("round 3 has %d problems before, want 2", round3.Problems)
	}
	before := callOf(t, f.s, rounds[2].ID, office.ID)
	badTotal := f.rubric.ScoreSheet(bad, ptr(5)).Total

	a, err := f.s.AmendSheet(ctx, sheets[2], good, "  录音复核：答复准确  ")
	if err != nil {
		t.Fatal(err)
	}
	if a.Reason != "录音复核：答复准确" || a.By != "测试组长" || a.Before.Total != badTotal || !a.Before.Problem ||
		a.After.Total != 100 || a.After.Problem || a.AfterPublication || a.Rater != "王芳" ||
		!maps.Equal(a.Previous, bad) || !maps.Equal(a.Answers, good) {
		t.Errorf("amendment = %+v", a)
	}
	// What the history's line says of it (ui's TestAmendmentLine words these fields).
	if day := a.At.In(time.UTC).Format("01-02"); day != "11-27" || !(a.Before.Scored || a.Before.Grade != "") ||
		!(a.After.Scored || a.After.Grade != "") || fmtTotal(a.Before.Total) != fmtTotal(badTotal) {
		t.Errorf("amendment of %s: before %+v, after %+v", day, a.Before, a.After)
	}

	c := callOf(t, f.s, rounds[2].ID, office.ID)
	if !c.Amended || c.Result.Total != 100 || c.Result.Problem || c.Result.Grade != "excellent" || len(c.Result.Reasons) != 0 ||
		c.Original.Total != badTotal || !c.Original.Problem || before.Amended {
		t.Errorf("call after the amendment: amended %v, result %+v, original %+v", c.Amended, c.Result, c.Original)
	}
	// The original stays: the call's own columns and the sheet's answers are as recorded.
	raw := openRaw(t, f.path)
	defer raw.Close()
	var total, amended float64
	var problem int
	if err := raw.QueryRow("SELECT total, problem, amended_total FROM calls WHERE id = ?", c.ID).Scan(&total, &problem, &amended); err != nil {
		t.Fatal(err)
	}
	if total != badTotal || problem != 1 || amended != 100 {
		t.Errorf("stored columns: total %v problem %d amended_total %v", total, problem, amended)
	}
	if ans, _ := f.s.Answers(ctx, sheets[2]); !maps.Equal(ans, bad) {
		t.Errorf("the sheet's own answers changed: %v", ans)
	}

	// Flags, person flags and the round list follow the amended result.
	if fl, ok := flagOf(t, f.s, office.Name); ok {
		t.Errorf("after the amendment %s is still flagged: %+v", office.Name, fl)
	}
	if p, err := f.s.PersonFlags(ctx, 0); err != nil || len(p) != 0 {
		t.Errorf("person flags after: %+v, %v", p, err)
	}
	if fl, _ := f.s.Flags(ctx, 2); len(fl) != 1 || fl[0].Office != office.Name || fl[0].Level != scoring.Yellow {
		t.Errorf("flags as of round 2 must not change: %+v", fl)
	}
	if r, _ := f.s.FindRound(ctx, "3"); r.Problems != 1 {
		t.Errorf("round 3 lists %d problems after the amendment, want 1", r.Problems)
	}

	// The bulletin's input carries the amended result and the streak it leads to.
	cur, _, _, err := f.s.RoundSummaryInput(ctx, rounds[2].ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range cur.Calls {
		if sc.OfficeID == office.ID && (sc.Result.Total != 100 || sc.Result.Problem) {
			t.Errorf("summary call: %+v", sc.Result)
		}
	}
	if cur.Streaks[office.ID] != 0 {
		t.Errorf("summary streak = %d, want 0", cur.Streaks[office.ID])
	}
	checkAmendedExport(t, f, rounds[2].ID)

	var changes int
	if err := raw.QueryRow("SELECT count(*) FROM changes WHERE entity = 'call' AND entity_id = ? AND action = 'amend' AND by = '测试组长'",
		c.ID).Scan(&changes); err != nil || changes != 1 {
		t.Errorf("recorded changes: %d, %v", changes, err)
	}
}

// checkAmendedExport checks the export of round 3 after the first office's sheet was amended.
func checkAmendedExport(t *testing.T, f fixture, roundID int64) {
	t.Helper()
	ctx := context.Background()
	for _, sheets := range []bool{false, true} {
		tab, err := imports.Export(ctx, f.s, roundID, sheets)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range cells(t, tab) {
			amended := m["科室"] == f.offices[0].Name
			want := map[string]string{"得分": "100", "是否存在问题": "否", "服务态度": "25", "等级": "优秀",
				"修正": "已修正：录音复核：答复准确（测试组长 2026-11-27）"}
			if !amended {
				want = map[string]string{"是否存在问题": "是", "修正": ""}
			}
			for k, v := range want {
				if m[k] != v {
					t.Errorf("export (sheets %v) of %s: %s = %q, want %q", sheets, m["科室"], k, m[k], v)
				}
			}
		}
	}
}

func ptr[T any](v T) *T { return &v }

func fmtTotal(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// TestAmendChainAndPanel amends one sheet of a two-sheet call twice: the call's result is the
// mean with each amendment in place, never back under review, and the history chains.
func TestAmendChainAndPanel(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	call := f.calls[0].ID
	lead, _ := f.s.FindAuditor(ctx, "李强")
	panel, err := f.s.Draft(ctx, call, lead.Name)
	if err != nil {
		t.Fatal(err)
	}
	own := f.score(t, call, 5, good)
	if _, err := f.s.SubmitSheet(ctx, own); err != nil {
		t.Fatal(err)
	}
	f.submitDraft(t, panel, good)
	// 100 and 20: 80 apart, which would need review; the lead's amendment stands as accepted.
	first, err := f.s.AmendSheet(ctx, panel, bad, "第二评分人记录有误")
	if err != nil {
		t.Fatal(err)
	}
	badTotal := f.rubric.ScoreSheet(bad, ptr(5)).Total
	want := (100 + badTotal) / 2
	if first.After.Total != want || first.After.NeedsReview || first.Rater != "李强" {
		t.Errorf("first amendment: %+v, want total %v", first.After, want)
	}
	// The same answers again amend nothing.
	if _, err := f.s.AmendSheet(ctx, panel, bad, "再次"); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("amending to the same answers: %v, want ErrInvalid", err)
	}
	fixed := maps.Clone(good)
	fixed["closing"] = 0
	second, err := f.s.AmendSheet(ctx, panel, fixed, "复听录音后更正")
	if err != nil {
		t.Fatal(err)
	}
	history, err := f.s.Amendments(ctx, call)
	if err != nil || len(history) != 2 {
		t.Fatalf("history: %+v, %v", history, err)
	}
	if history[0].ID != first.ID || history[1].ID != second.ID || history[1].Before.Total != want ||
		!maps.Equal(history[1].Previous, bad) || history[1].After.Total != 97.5 || history[0].Before.Total != 100 {
		t.Errorf("history chain: %+v", history)
	}
	c, _ := f.s.GetCall(ctx, call)
	if c.Result.Total != 97.5 || c.Result.Problem || c.Original.Total != 100 {
		t.Errorf("call after two amendments: %+v (original %+v)", c.Result, c.Original)
	}
}

// submitDraft saves answers on a draft sheet and submits it.
func (f fixture) submitDraft(t *testing.T, sheet int64, answers scoring.Answers) {
	t.Helper()
	for k, v := range answers {
		c, _ := f.rubric.Criterion(k)
		if err := f.s.SaveAnswer(context.Background(), sheet, c, v); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.s.SubmitSheet(context.Background(), sheet); err != nil {
		t.Fatal(err)
	}
}

func TestAmendRefusals(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	submitted := f.score(t, f.calls[0].ID, 5, good)
	if _, err := f.s.SubmitSheet(ctx, submitted); err != nil {
		t.Fatal(err)
	}
	draft := f.score(t, f.calls[1].ID, 5, scoring.Answers{"greeting": 1})
	incomplete := maps.Clone(good)
	delete(incomplete, "accuracy")
	outOfRange := maps.Clone(good)
	outOfRange["attitude"] = 9
	unknown := maps.Clone(bad)
	unknown["smile"] = 1
	for _, tc := range []struct {
		name    string
		sheet   int64
		answers scoring.Answers
		reason  string
		want    error
		words   string
	}{
		{"no reason", submitted, bad, "  ", store.ErrInvalid, "reason"},
		{"incomplete", submitted, incomplete, "x", store.ErrInvalid, "答复准确"},
		{"value out of range", submitted, outOfRange, "x", store.ErrInvalid, "not a value"},
		{"unknown criterion", submitted, unknown, "x", store.ErrInvalid, "smile"},
		{"same answers", submitted, good, "x", store.ErrInvalid, "nothing to amend"},
		{"a draft", draft, bad, "x", store.ErrInvalid, "draft"},
		{"no such sheet", 9999, bad, "x", store.ErrNotFound, "9999"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.s.AmendSheet(ctx, tc.sheet, tc.answers, tc.reason)
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.words) {
				t.Errorf("AmendSheet: %v, want %v saying %q", err, tc.want, tc.words)
			}
		})
	}
	if _, err := f.s.AmendResult(ctx, f.calls[0].ID, false, ptr(90.0), "", "x"); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("AmendResult of a scored call: %v, want ErrInvalid", err)
	}
	if h, _ := f.s.Amendments(ctx, f.calls[0].ID); len(h) != 0 {
		t.Errorf("refused amendments were stored: %+v", h)
	}
}

// TestAmendNeedsReviewRefused: a call whose sheets disagree is settled by a consensus first.
func TestAmendNeedsReviewRefused(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	call := f.calls[0].ID
	lead, _ := f.s.FindAuditor(ctx, "李强")
	panel, _ := f.s.Draft(ctx, call, lead.Name)
	own := f.score(t, call, 5, good)
	if _, err := f.s.SubmitSheet(ctx, own); err != nil {
		t.Fatal(err)
	}
	f.submitDraft(t, panel, bad)
	if c, _ := f.s.GetCall(ctx, call); !c.Result.NeedsReview {
		t.Fatalf("the call should need review: %+v", c.Result)
	}
	if _, err := f.s.AmendSheet(ctx, panel, good, "x"); !errors.Is(err, store.ErrRoundState) || !strings.Contains(err.Error(), "consensus") {
		t.Errorf("amending a call that needs review: %v", err)
	}
}

// TestAmendmentTriggers changes amendments and the effective result around phoneaudit: the
// triggers refuse it.
func TestAmendmentTriggers(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	sheet := f.score(t, f.calls[0].ID, 5, good)
	if _, err := f.s.SubmitSheet(ctx, sheet); err != nil {
		t.Fatal(err)
	}
	other := f.score(t, f.calls[1].ID, 5, good)
	if _, err := f.s.SubmitSheet(ctx, other); err != nil {
		t.Fatal(err)
	}
	first, err := f.s.AmendSheet(ctx, sheet, bad, "一")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.AmendSheet(ctx, sheet, good, "二"); err != nil {
		t.Fatal(err)
	}
	raw := openRaw(t, f.path)
	defer raw.Close()
	c, o := f.calls[0].ID, f.calls[1].ID
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{"UPDATE amendments SET reason = 'x'", nil},
		{"UPDATE amendments SET total = 0", nil},
		{"DELETE FROM amendments", nil},
		// Effective columns without an amendment, or off the amendment's values.
		{"UPDATE calls SET amended_total = 100, amended_problem = 0, amended_reasons = '[]' WHERE id = ?", []any{o}},
		{"UPDATE calls SET amended_total = 99 WHERE id = ?", []any{c}},
		{"UPDATE calls SET amended_problem = 1 WHERE id = ?", []any{c}},
		// Back to an older amendment, with its values, or cleared.
		{`UPDATE calls SET amendment_id = a.id, amended_total = a.total, amended_grade = a.grade,
			amended_problem = a.problem, amended_reasons = a.reasons
			FROM (SELECT * FROM amendments WHERE id = ?) a WHERE calls.id = ?`, []any{first.ID, c}},
		{"UPDATE calls SET amendment_id = NULL, amended_total = NULL, amended_grade = NULL, amended_problem = NULL, amended_reasons = NULL WHERE id = ?", []any{c}},
		// Another call's amendment.
		{`UPDATE calls SET amendment_id = a.id, amended_total = a.total, amended_grade = a.grade,
			amended_problem = a.problem, amended_reasons = a.reasons
			FROM (SELECT * FROM amendments WHERE id = ?) a WHERE calls.id = ?`, []any{first.ID, o}},
		// An amendment of a sheet of another call, or of a call that is not an imported result.
		{`INSERT INTO amendments(call_id, sheet_id, at, by, reason, answers, scored, total, problem)
			VALUES(?, ?, 'now', 'x', 'y', '{}', 1, 1, 0)`, []any{o, sheet}},
		{`INSERT INTO amendments(call_id, at, by, reason, new_problem, scored, problem)
			VALUES(?, 'now', 'x', 'y', 0, 0, 0)`, []any{o}},
		// The original result of the amended call.
		{"UPDATE calls SET total = 1 WHERE id = ?", []any{c}},
	} {
		if _, err := raw.Exec(q.sql, q.args...); err == nil || !strings.Contains(err.Error(), "immutable") {
			t.Errorf("%s: %v, want refused by a trigger", q.sql, err)
		}
	}
	// An amendment needs a reason even around phoneaudit.
	if _, err := raw.Exec(`INSERT INTO amendments(call_id, sheet_id, at, by, reason, answers, scored, total, problem)
		VALUES(?, ?, 'now', 'x', ' ', '{}', 1, 1, 0)`, c, sheet); err == nil {
		t.Error("an amendment without a reason was stored")
	}
	got, _ := f.s.GetCall(ctx, c)
	if got.Result.Total != 100 || got.Original.Total != 100 || !got.Amended {
		t.Errorf("after the refused changes: %+v", got)
	}
}

// TestAmendedFlagMarked: a flag that stands on an amended call says so, and the history names the
// sheet an amendment of the call's score changes.
func TestAmendedFlagMarked(t *testing.T) {
	f, rounds, sheets := redFixture(t)
	ctx := context.Background()
	office := f.offices[0]
	rowOf := func() store.FlagRow {
		t.Helper()
		rows, err := f.s.FlagRows(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if r.OfficeID == office.ID {
				return r
			}
		}
		t.Fatalf("%s is not flagged: %+v", office.Name, rows)
		return store.FlagRow{}
	}
	if r := rowOf(); r.Amended {
		t.Fatalf("before any amendment the flag is marked amended: %+v", r)
	}
	hist, err := f.s.OfficeHistory(ctx, office.ID, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 3 || hist[0].RoundNumber != rounds[2].Number || hist[0].SheetID != sheets[2] {
		t.Fatalf("history: %d entries, first round %d sheet %d; want 3, round %d sheet %d",
			len(hist), hist[0].RoundNumber, hist[0].SheetID, rounds[2].Number, sheets[2])
	}
	// Round 1 amended to another problem: the office stays red, and the flag says it was amended.
	worse := maps.Clone(bad)
	worse["attitude"] = 0
	if _, err := f.s.AmendSheet(ctx, sheets[0], worse, "录音复核"); err != nil {
		t.Fatal(err)
	}
	if r := rowOf(); !r.Amended || r.Level != scoring.Red {
		t.Errorf("after amending round 1 the flag is %+v, want red and amended", r)
	}
}
