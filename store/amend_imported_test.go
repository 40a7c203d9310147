package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"phoneaudit/imports"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// importedCall finds the imported result of an office in a round (by number).
func importedCall(t *testing.T, s *store.Store, round int, office string) store.Call {
	t.Helper()
	r, err := s.FindRound(context.Background(), string(rune('0'+round)))
	if err != nil {
		t.Fatal(err)
	}
	calls, _ := s.Calls(context.Background(), store.CallFilter{RoundID: r.ID})
	for _, c := range calls {
		if c.Office == office {
			return c
		}
	}
	t.Fatalf("no imported result of %s in round %d", office, round)
	return store.Call{}
}

func exportRow(t *testing.T, s *store.Store, roundID int64, office string) map[string]string {
	t.Helper()
	tab, err := imports.Export(context.Background(), s, roundID, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range cells(t, tab) {
		if m["科室"] == office {
			return m
		}
	}
	t.Fatalf("no export row of %s", office)
	return nil
}

func TestAmendImportedResult(t *testing.T) {
	s, _ := mustOpen(t)
	ctx := context.Background()
	importOfficesABCD(t, s)
	file := writeText(t, "results.csv", "轮次,单位,科室,是否存在问题,得分,问题描述",
		"2025年第1轮,市人社局,社保中心,是,55,推诿扯皮",
		"2025年第2轮,市人社局,社保中心,是,,无人接听",
		"2025年第3轮,市人社局,社保中心,是,40,态度生硬")
	if _, err := imports.Results(ctx, s, file); err != nil {
		t.Fatal(err)
	}
	if fl, ok := flagOf(t, s, "社保中心"); !ok || fl.Level != scoring.Red {
		t.Fatalf("before: %+v", fl)
	}
	third := importedCall(t, s, 3, "社保中心")
	a, err := s.AmendResult(ctx, third.ID, false, ptr(85.0), "", "原始记录誊写错误")
	if err != nil {
		t.Fatal(err)
	}
	if a.SheetID != 0 || a.Problem || *a.Total != 85 || a.Before.Total != 40 || !a.Before.Problem || a.After.Grade != "good" {
		t.Errorf("amendment = %+v", a)
	}
	c, _ := s.GetCall(ctx, third.ID)
	if !c.Amended || c.Result.Problem || c.Result.Total != 85 || c.Result.Grade != "good" || len(c.Result.Reasons) != 0 ||
		c.Original.Total != 40 || !c.Original.Problem {
		t.Errorf("call: %+v / %+v", c.Result, c.Original)
	}
	if fl, ok := flagOf(t, s, "社保中心"); ok {
		t.Errorf("after the amendment still flagged: %+v", fl)
	}
	m := exportRow(t, s, c.RoundID, "社保中心")
	if m["得分"] != "85" || m["是否存在问题"] != "否" || m["问题描述"] != "" || m["等级"] != "良好" ||
		m["修正"] != "已修正：原始记录誊写错误（测试组长 2026-11-27）" {
		t.Errorf("export of the amended result: %v", m)
	}

	// A total taken away shows no score, though the original had one.
	first := importedCall(t, s, 1, "社保中心")
	if _, err := s.AmendResult(ctx, first.ID, true, nil, "推诿扯皮", "得分无据"); err != nil {
		t.Fatal(err)
	}
	m = exportRow(t, s, first.RoundID, "社保中心")
	if m["得分"] != "" || m["等级"] != "" || m["问题描述"] != "推诿扯皮" || m["是否存在问题"] != "是" {
		t.Errorf("export of a result whose total was taken away: %v", m)
	}
	// A given total on a result that had none.
	second := importedCall(t, s, 2, "社保中心")
	if _, err := s.AmendResult(ctx, second.ID, true, ptr(30.0), "无人接听", "补录得分"); err != nil {
		t.Fatal(err)
	}
	if m = exportRow(t, s, second.RoundID, "社保中心"); m["得分"] != "30" {
		t.Errorf("export of a result given a total: %v", m)
	}
	for _, tc := range []struct {
		name    string
		problem bool
		total   *float64
		reasons string
		why     string
	}{
		{"same values", true, ptr(30.0), "无人接听", "再次"},
		{"no reason", false, nil, "", " "},
		{"total out of range", false, ptr(101.0), "", "x"},
	} {
		if _, err := s.AmendResult(ctx, second.ID, tc.problem, tc.total, tc.reasons, tc.why); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("%s: %v, want ErrInvalid", tc.name, err)
		}
	}
	if h, _ := s.Amendments(ctx, second.ID); len(h) != 1 || h[0].ReasonsText != "无人接听" || h[0].Before.Grade != "" {
		t.Errorf("history of the second result: %+v", h)
	}
}

// TestAmendAfterPublication amends a problem call of a published demo round: the amendment is
// marked, the export says so, and the stored bulletin is as published.
func TestAmendAfterPublication(t *testing.T) {
	s := demoStore(t)
	ctx := context.Background()
	r, err := s.FindRound(ctx, "4")
	if err != nil || r.Status != store.RoundPublished {
		t.Fatalf("round 4: %+v, %v", r, err)
	}
	type text struct{ body, sum string }
	published := map[string]text{}
	for _, k := range []string{"zh/text", "zh/md", "en/text", "en/md"} {
		lang, format, _ := strings.Cut(k, "/")
		body, sum, _, err := s.PublishedText(ctx, r.ID, lang, format)
		if err != nil {
			t.Fatal(err)
		}
		published[k] = text{string(body), sum}
	}
	calls, _ := s.Calls(ctx, store.CallFilter{RoundID: r.ID})
	var target store.Call
	var sheet int64
	for _, c := range calls {
		if c.Result.Scored && c.Result.Problem && !c.Result.NeedsReview {
			sheets, _ := s.Sheets(ctx, c.ID)
			for _, sh := range sheets {
				if sh.Status == "submitted" && sh.Kind == "rater" {
					target, sheet = c, sh.ID
				}
			}
		}
		if sheet != 0 {
			break
		}
	}
	if sheet == 0 {
		t.Fatal("the demo's round 4 has no scored problem call")
	}
	a, err := s.AmendSheet(ctx, sheet, good, "申诉核实")
	if err != nil {
		t.Fatal(err)
	}
	if !a.AfterPublication || a.After.Problem {
		t.Errorf("amendment after publication: %+v", a)
	}
	m := exportRow(t, s, r.ID, target.Office)
	if m["修正"] != "已修正：申诉核实（测试组长 2026-11-27）（发布后）" || m["是否存在问题"] != "否" {
		t.Errorf("export: 修正 %q, 是否存在问题 %q", m["修正"], m["是否存在问题"])
	}
	for k, want := range published {
		lang, format, _ := strings.Cut(k, "/")
		body, sum, _, err := s.PublishedText(ctx, r.ID, lang, format)
		if err != nil || string(body) != want.body || sum != want.sum {
			t.Errorf("the published %s bulletin changed (%v)", k, err)
		}
	}
	cur, _, _, err := s.RoundSummaryInput(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range cur.Calls {
		if c.Office == target.Office && c.Department == target.Department {
			found = found || (c.Result.Total == a.After.Total && !c.Result.Problem)
		}
	}
	if !found {
		t.Error("the bulletin's input does not carry the amended result")
	}
}
