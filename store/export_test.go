package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"phoneaudit/imports"
	"phoneaudit/scoring"
	"phoneaudit/store"
	"phoneaudit/tabular"
)

var criterionHeader = []string{"接听及时", "规范用语", "服务态度", "答复准确", "首问负责", "礼貌结束"}

func exportHeader(sheets bool, criteria []string) []string {
	h := []string{"轮次", "单位", "科室", "是否存在问题", "得分", "问题描述", "电话", "测评员"}
	if sheets {
		h = append(h, "评分人")
	}
	h = append(h, "身份", "咨询事项", "拨打时间", "结果代码", "拨打记录", "接通秒数")
	h = append(h, criteria...)
	return append(h, "等级", "接听人", "备注", "录音文件", "复核", "修正")
}

// cells maps each row of t to its cells by column name, so tests name what they check.
func cells(t *testing.T, tab imports.ExportTable) []map[string]string {
	t.Helper()
	var out []map[string]string
	for _, row := range tab.Rows {
		if len(row) != len(tab.Header) {
			t.Fatalf("row of %d cells under a header of %d", len(row), len(tab.Header))
		}
		m := map[string]string{}
		for i, h := range tab.Header {
			m[h] = row[i]
		}
		out = append(out, m)
	}
	return out
}

// submit saves answers on a rater's draft of a call that is already answered and submits it.
func (f fixture) submit(t *testing.T, callID int64, rater string, answers scoring.Answers) {
	t.Helper()
	ctx := context.Background()
	sheet, err := f.s.Draft(ctx, callID, rater)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range answers {
		c, _ := f.rubric.Criterion(k)
		if err := f.s.SaveAnswer(ctx, sheet, c, v); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.s.SubmitSheet(ctx, sheet); err != nil {
		t.Fatal(err)
	}
}

// pushback scores 62.5 and passes the buck: 15 + 7.5 + 20 + 15 + 0 + 5.
var pushback = scoring.Answers{"greeting": 1, "attitude": 4, "accuracy": 3, "ownership": 0, "closing": 1}

func TestExportRound(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	// 市人社局 · 社保中心: answered after 12 s, passed the buck. 市农业农村局 · 农技站: one
	// unanswered dial so far, with a note a spreadsheet would run as a formula.
	hr, farm := f.calls[0].ID, f.calls[1].ID
	if f.calls[0].Office != "社保中心" {
		hr, farm = farm, hr
	}
	if _, err := f.s.SubmitSheet(ctx, f.score(t, hr, 12, pushback)); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.AddAttempt(ctx, farm, f.s.Now().Add(-5*time.Minute), scoring.NoAnswer); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.AddAttempt(ctx, farm, f.s.Now(), scoring.Busy); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetNotes(ctx, farm, "=1+1"); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetAnsweredBy(ctx, farm, "0231", "张三"); err != nil {
		t.Fatal(err)
	}
	tab, err := imports.Export(ctx, f.s, f.round.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(tab.Header, exportHeader(false, criterionHeader)) {
		t.Fatalf("header = %q", tab.Header)
	}
	rows := cells(t, tab)
	if len(rows) != 2 || rows[0]["科室"] != "社保中心" || rows[1]["科室"] != "农技站" {
		t.Fatalf("rows not in department order: %v", rows)
	}
	want := []map[string]string{{
		"轮次": "2026年第1轮", "单位": "市人社局", "是否存在问题": "是", "得分": "62.5", "问题描述": "推诿扯皮",
		"电话": "0391-5550001", "测评员": "王芳", "身份": "市民", "拨打时间": "2026-11-27 10:00", "结果代码": "11",
		"拨打记录": "10:00 11", "接通秒数": "12", "接听及时": "15", "规范用语": "7.5", "服务态度": "20", "答复准确": "15",
		"首问负责": "0", "礼貌结束": "5", "等级": "合格", "接听人": "", "备注": "", "复核": "",
	}, {
		"单位": "市农业农村局", "是否存在问题": "", "得分": "", "问题描述": "", "拨打时间": "2026-11-27 10:00",
		"结果代码": "22", "拨打记录": "09:55 21; 10:00 22", "接通秒数": "", "接听及时": "", "等级": "",
		"接听人": "工号 0231 张三", "备注": "=1+1",
	}}
	for i, w := range want {
		for k, v := range w {
			if rows[i][k] != v {
				t.Errorf("row %d %s = %q, want %q", i+1, k, rows[i][k], v)
			}
		}
	}
	numeric := map[string]bool{"得分": true, "接通秒数": true}
	for _, c := range criterionHeader {
		numeric[c] = true
	}
	for i, h := range tab.Header {
		if tab.Numeric[i] != numeric[h] {
			t.Errorf("column %s numeric = %v", h, tab.Numeric[i])
		}
	}
}

// TestExportFormulaGuard writes an export as the export command does: the note "=1+1" gets one
// leading ' in the file, and none in the table (the writer adds it, exactly once).
func TestExportFormulaGuard(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if err := f.s.SetNotes(ctx, f.calls[0].ID, "=1+1"); err != nil {
		t.Fatal(err)
	}
	tab, err := imports.Export(ctx, f.s, f.round.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	notes := slices.Index(tab.Header, "备注")
	var found bool
	for _, row := range tab.Rows {
		found = found || row[notes] == "=1+1"
	}
	if !found {
		t.Fatalf("the table does not hold the note as typed: %q", tab.Rows)
	}
	path := filepath.Join(t.TempDir(), "export.csv")
	if err := tabular.WriteFile(path, tab.Header, tab.Rows); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), ",'=1+1,") || strings.Contains(string(b), "''=1+1") {
		t.Errorf("the file holds the note as %q", b)
	}
}

func TestExportSheets(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	call := f.calls[0].ID
	good100 := scoring.Answers{"greeting": 2, "attitude": 5, "accuracy": 5, "ownership": 1, "closing": 1}
	good90 := scoring.Answers{"greeting": 2, "attitude": 3, "accuracy": 5, "ownership": 1, "closing": 1}
	good80 := scoring.Answers{"greeting": 2, "attitude": 2, "accuracy": 5, "ownership": 1, "closing": 1}
	_, err := f.s.AddAttempt(ctx, call, f.s.Now(), scoring.Connected)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetAnswerSeconds(ctx, call, 20); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.UpsertAuditors(ctx, []store.Auditor{{Name: "赵敏", Role: "auditor"}}, nil); err != nil {
		t.Fatal(err)
	}
	// The panel joins before the caller submits: the call is final when all three are in.
	panel := map[string]scoring.Answers{"李强": good90, "赵敏": good80}
	ids := map[string]int64{}
	for _, name := range []string{"李强", "赵敏"} {
		if ids[name], err = f.s.Draft(ctx, call, name); err != nil {
			t.Fatal(err)
		}
	}
	f.submit(t, call, f.caller.Name, good100)
	for _, name := range []string{"李强", "赵敏"} {
		for k, v := range panel[name] {
			c, _ := f.rubric.Criterion(k)
			if err := f.s.SaveAnswer(ctx, ids[name], c, v); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := f.s.SubmitSheet(ctx, ids[name]); err != nil {
			t.Fatal(err)
		}
	}
	// Answered after 20 s: 7.5 for 接听及时 on each sheet, so the sheets total 92.5, 82.5 and
	// 77.5, and the call their mean, 84.1666…, shown as 84.2.
	perCall, err := imports.Export(ctx, f.s, f.round.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	bySheet, err := imports.Export(ctx, f.s, f.round.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(bySheet.Header, exportHeader(true, criterionHeader)) {
		t.Fatalf("header with sheets = %q", bySheet.Header)
	}
	type row struct{ office, rater, total, attitude, answer, problem string }
	pick := func(tab imports.ExportTable) []row {
		var out []row
		for _, m := range cells(t, tab) {
			out = append(out, row{m["科室"], m["评分人"], m["得分"], m["服务态度"], m["接听及时"], m["是否存在问题"]})
		}
		return out
	}
	wantCall := []row{{"社保中心", "", "84.2", "16.7", "7.5", "否"}, {"农技站", "", "", "", "", ""}}
	if got := pick(perCall); !slices.Equal(got, wantCall) {
		t.Errorf("per call = %+v, want %+v", got, wantCall)
	}
	wantSheets := []row{ // sheets in the order they were started
		{"社保中心", "李强", "82.5", "15", "7.5", "否"},
		{"社保中心", "赵敏", "77.5", "10", "7.5", "否"},
		{"社保中心", "王芳", "92.5", "25", "7.5", "否"},
		{"农技站", "", "", "", "", ""},
	}
	if got := pick(bySheet); !slices.Equal(got, wantSheets) {
		t.Errorf("by sheet = %+v, want %+v", got, wantSheets)
	}
	if _, err := imports.Export(ctx, f.s, 999, false); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("export of a missing round: %v", err)
	}
}

// TestExportImportRoundTrip exports a round and imports the file as past results into a fresh
// database: every office gets the same problem and total, and the reasons the same types.
func TestExportImportRoundTrip(t *testing.T) {
	for _, ext := range []string{".csv", ".xlsx"} {
		t.Run(ext, func(t *testing.T) {
			f := newFixture(t)
			ctx := context.Background()
			for _, c := range f.calls {
				answers := pushback
				if c.Office == "农技站" {
					answers = scoring.Answers{"greeting": 2, "attitude": 5, "accuracy": 4, "ownership": 1, "closing": 1}
				}
				if _, err := f.s.SubmitSheet(ctx, f.score(t, c.ID, 9, answers)); err != nil {
					t.Fatal(err)
				}
			}
			tab, err := imports.Export(ctx, f.s, f.round.ID, false)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "2026年第1轮"+ext)
			if err := tabular.WriteFileTyped(path, tab.Header, tab.Rows, tab.Numeric); err != nil {
				t.Fatal(err)
			}

			other, _ := mustOpen(t)
			offices := writeText(t, "offices.csv", "单位,科室,电话", "市人社局,社保中心,1", "市农业农村局,农技站,2")
			if _, err := imports.Offices(ctx, other, offices); err != nil {
				t.Fatal(err)
			}
			rep, err := imports.Results(ctx, other, path)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Added != 2 || !slices.Equal(rep.Rounds, []string{f.round.Name}) {
				t.Fatalf("import of the export: %+v", rep)
			}
			imported, err := other.FindRound(ctx, f.round.Name)
			if err != nil {
				t.Fatal(err)
			}
			type result struct {
				problem bool
				total   float64
				types   string
			}
			byOffice := func(s *store.Store, roundID int64) map[string]result {
				calls, err := s.Calls(ctx, store.CallFilter{RoundID: roundID})
				if err != nil {
					t.Fatal(err)
				}
				m := map[string]result{}
				for _, c := range calls {
					var types []string
					for _, pt := range c.Result.ProblemTypes() {
						types = append(types, string(pt))
					}
					m[c.Department+" · "+c.Office] = result{c.Result.Problem, c.Result.Total, strings.Join(types, ",")}
				}
				return m
			}
			want, got := byOffice(f.s, f.round.ID), byOffice(other, imported.ID)
			if len(want) != 2 || len(got) != 2 {
				t.Fatalf("offices: %v and %v", want, got)
			}
			for k, w := range want {
				if got[k] != w {
					t.Errorf("%s: imported %+v, exported %+v", k, got[k], w)
				}
			}
			// The imported round exports again, without criteria (it has no rubric).
			again, err := imports.Export(ctx, other, imported.ID, false)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(again.Header, exportHeader(false, nil)) {
				t.Errorf("header of an imported round = %q", again.Header)
			}
			grades := map[string]string{}
			for _, m := range cells(t, again) {
				grades[m["科室"]] = m["得分"] + " " + m["等级"] + " " + m["是否存在问题"]
			}
			if grades["社保中心"] != "62.5 合格 是" || grades["农技站"] != "95 优秀 否" {
				t.Errorf("re-export = %v", grades)
			}
		})
	}
}

// TestExportConsensus checks that a call's criteria are the consensus sheet's once a lead
// records one, and that a call needing review says so.
func TestExportConsensus(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	call := f.calls[0].ID
	lead, _ := f.s.FindAuditor(ctx, "李强")
	panel, err := f.s.Draft(ctx, call, lead.Name)
	if err != nil {
		t.Fatal(err)
	}
	// 100 from the caller and 62.5 from the lead: 37.5 apart, so the call needs review.
	if _, err := f.s.SubmitSheet(ctx, f.score(t, call, 12, scoring.Answers{"greeting": 2, "attitude": 5, "accuracy": 5, "ownership": 1, "closing": 1})); err != nil {
		t.Fatal(err)
	}
	for k, v := range (scoring.Answers{"greeting": 1, "attitude": 2, "accuracy": 2, "ownership": 1, "closing": 1}) {
		c, _ := f.rubric.Criterion(k)
		if err := f.s.SaveAnswer(ctx, panel, c, v); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.s.SubmitSheet(ctx, panel); err != nil {
		t.Fatal(err)
	}
	attitude := func() (string, string, string) {
		t.Helper()
		tab, err := imports.Export(ctx, f.s, f.round.ID, false)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range cells(t, tab) {
			if m["科室"] == "社保中心" {
				return m["服务态度"], m["得分"], m["复核"]
			}
		}
		t.Fatal("no row for 社保中心")
		return "", "", ""
	}
	if a, total, review := attitude(); a != "17.5" || total != "81.3" || review != "是" {
		t.Errorf("before the consensus: 服务态度 %s, 得分 %s, 复核 %q", a, total, review)
	}
	// The consensus sheet is written as the lead's screen will: a draft, its answers, submitted.
	raw := openRaw(t, f.path)
	defer raw.Close()
	res, err := raw.Exec("INSERT INTO sheets(call_id, rater_id, kind, created_at) VALUES(?, ?, 'consensus', '2026-11-27T02:30:00Z')", call, lead.ID)
	if err != nil {
		t.Fatal(err)
	}
	id, _ := res.LastInsertId()
	for k, v := range (scoring.Answers{"greeting": 2, "attitude": 4, "accuracy": 4, "ownership": 1, "closing": 1}) {
		if _, err := raw.Exec("INSERT INTO answers(sheet_id, criterion, value, set_at) VALUES(?, ?, ?, '2026-11-27T02:30:00Z')", id, k, v); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := raw.Exec("UPDATE sheets SET status = 'submitted', total = 90 WHERE id = ?", id); err != nil {
		t.Fatal(err)
	}
	if a, _, _ := attitude(); a != "20" {
		t.Errorf("with the consensus: 服务态度 %s, want the consensus sheet's 20", a)
	}
	tab, err := imports.Export(ctx, f.s, f.round.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	var raters []string
	for _, m := range cells(t, tab) {
		if m["科室"] == "社保中心" {
			raters = append(raters, m["评分人"]+" "+m["得分"])
		}
	}
	if want := []string{"李强 62.5", "王芳 100", "李强（合议） 90"}; !slices.Equal(raters, want) {
		t.Errorf("sheet rows = %q, want %q", raters, want)
	}
}
