package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"phoneaudit/imports"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// writeText writes a CSV file (lines joined with CRLF, as Excel writes them) into a fresh folder.
func writeText(t *testing.T, name string, lines ...string) string {
	t.Helper()
	return writeBytes(t, name, []byte(strings.Join(lines, "\r\n")+"\r\n"))
}

func writeBytes(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// writeGBK writes lines as a GBK CSV file, the way Chinese Excel saves "CSV (逗号分隔)".
func writeGBK(t *testing.T, name string, lines ...string) string {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(strings.Join(lines, "\r\n") + "\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	return writeBytes(t, name, b)
}

// writeXLSX writes rows into the first sheet of a workbook, a merged title row above them.
func writeXLSX(t *testing.T, name, title string, rows [][]string) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sheet := f.GetSheetName(0)
	if err := f.SetCellValue(sheet, "A1", title); err != nil {
		t.Fatal(err)
	}
	if err := f.MergeCell(sheet, "A1", "D1"); err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		vals := make([]any, len(row))
		for j, v := range row {
			vals[j] = v
		}
		if err := f.SetSheetRow(sheet, cell, &vals); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), name)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func officeMap(t *testing.T, s *store.Store) map[string]store.Office {
	t.Helper()
	os, err := s.Offices(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]store.Office{}
	for _, o := range os {
		m[o.Label()] = o
	}
	return m
}

func TestImportOfficesGBKWithTitleRow(t *testing.T) {
	s, _ := mustOpen(t)
	path := writeGBK(t, "offices.csv",
		"2026年市直单位重点科室名单,,,",
		",,,",
		"单位,科室,电话,类别",
		"市人社局,社保中心,０３９１－３５００８１４,民生",
		"市人社局,就业科,0391-3500815,民生",
		"市农业农村局,农技站, 0391-3500816 ,农业",
	)
	rep, err := imports.Offices(context.Background(), s, path)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 3 || rep.Updated != 0 || len(rep.Missing) != 0 {
		t.Errorf("report = %+v, want 3 added", rep)
	}
	got := officeMap(t, s)
	if o := got["市人社局 · 社保中心"]; o.Phone != "0391-3500814" || o.Category != "民生" || !o.Active {
		t.Errorf("社保中心 = %+v, want the phone folded to ASCII", o)
	}
	if o := got["市农业农村局 · 农技站"]; o.Phone != "0391-3500816" {
		t.Errorf("农技站 phone = %q, want it trimmed", o.Phone)
	}
}

func TestImportOfficesXLSXWithTitleRow(t *testing.T) {
	s, _ := mustOpen(t)
	ctx := context.Background()
	path := writeXLSX(t, "科室名单.xlsx", "重点科室名单", [][]string{
		{"单位", "科室", "电话", "类别"},
		{"市人社局", "社保中心", "03913500814", "民生"},
		{"市教育局", "学籍科", "0391-3500820", ""},
	})
	rep, err := imports.Offices(ctx, s, path)
	if err != nil || rep.Added != 2 {
		t.Fatalf("import: %+v, %v", rep, err)
	}
	if o := officeMap(t, s)["市人社局 · 社保中心"]; o.Phone != "03913500814" {
		t.Errorf("phone = %q, want the leading 0 kept", o.Phone)
	}
	// Rows are numbered as Excel numbers them: the title is row 1, the header row 2.
	broken := writeXLSX(t, "科室名单.xlsx", "重点科室名单", [][]string{
		{"单位", "科室", "电话"},
		{"市人社局", "就业科", "1"},
		{"市人社局", "劳动监察", ""},
	})
	_, err = imports.Offices(ctx, s, broken)
	if err == nil || err.Error() != "科室名单.xlsx line 4: 电话 is empty" {
		t.Fatalf("broken xlsx: %v", err)
	}
	if n, _ := s.CountOffices(ctx); n != 2 {
		t.Errorf("a refused import wrote offices: %d, want 2", n)
	}
}

func TestImportOfficesRefusesBadRows(t *testing.T) {
	cases := []struct {
		name  string
		lines []string
		want  string
	}{
		{"empty phone on line 5", []string{"单位,科室,电话", "市人社局,社保中心,1", "市人社局,就业科,2", "市教育局,学籍科,3", "市教育局,基教科,"},
			"offices.csv line 5: 电话 is empty"},
		{"empty office", []string{"单位,科室,电话", "市人社局,,1"},
			"offices.csv line 2: 科室 is empty"},
		{"empty department under a title", []string{"名单", "department,office,phone", ",社保中心,1"},
			"offices.csv line 3: 单位 is empty"},
		{"the same office twice", []string{"单位,科室,电话", "市人社局,社保中心,1", "市教育局,学籍科,3", " 市人社局 , 社保中心 ,2"},
			"offices.csv line 4: 市人社局 · 社保中心 is already on line 2"},
		{"no rows", []string{"单位,科室,电话"},
			"offices.csv: no offices below the header row"},
		{"no phone column", []string{"单位,科室", "市人社局,社保中心"},
			"offices.csv: no header row with 单位, 科室 and 电话"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := mustOpen(t)
			ctx := context.Background()
			if _, err := imports.Offices(ctx, s, writeText(t, "offices.csv", "单位,科室,电话", "市农业农村局,农技站,9")); err != nil {
				t.Fatal(err)
			}
			_, err := imports.Offices(ctx, s, writeText(t, "offices.csv", tc.lines...))
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("error = %v, want it to start with %q", err, tc.want)
			}
			if n, _ := s.CountOffices(ctx); n != 1 {
				t.Errorf("a refused import wrote: %d offices, want 1", n)
			}
		})
	}
}

func TestReimportOfficesUpdatesAndReportsMissing(t *testing.T) {
	s, _ := mustOpen(t)
	ctx := context.Background()
	first := writeText(t, "offices.csv", "单位,科室,电话,类别",
		"市人社局,社保中心,1,民生", "市人社局,就业科,2,民生", "市教育局,学籍科,3,教育")
	if _, err := imports.Offices(ctx, s, first); err != nil {
		t.Fatal(err)
	}
	again := writeText(t, "offices.csv", "单位,科室,电话,类别",
		"市人社局,社保中心,0391-9999999,民生", "市教育局,学籍科,3,教育")
	rep, err := imports.Offices(ctx, s, again)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 0 || rep.Updated != 1 || rep.Unchanged != 1 || !slices.Equal(rep.Missing, []string{"市人社局 · 就业科"}) {
		t.Errorf("re-import report = %+v", rep)
	}
	got := officeMap(t, s)
	if len(got) != 3 || got["市人社局 · 社保中心"].Phone != "0391-9999999" {
		t.Errorf("after re-import: %+v", got)
	}
}

func TestImportAuditors(t *testing.T) {
	s, _ := mustOpen(t)
	ctx := context.Background()
	path := writeText(t, "auditors.csv", "姓名,角色,所属",
		"张伟(人社),测评员,人大代表", "张伟(城管),,政协委员", "李强,组长,", "Wang Fang,lead,机关干部")
	rep, err := imports.Auditors(ctx, s, path)
	if err != nil || rep.Added != 4 {
		t.Fatalf("import: %+v, %v", rep, err)
	}
	want := map[string][2]string{
		"张伟(人社)": {"auditor", "人大代表"}, "张伟(城管)": {"auditor", "政协委员"},
		"李强": {"lead", ""}, "Wang Fang": {"lead", "机关干部"},
	}
	as, _ := s.Auditors(ctx)
	for _, a := range as {
		if w := want[a.Name]; a.Role != w[0] || a.Affiliation != w[1] {
			t.Errorf("%s = %s/%s, want %s/%s", a.Name, a.Role, a.Affiliation, w[0], w[1])
		}
	}
	if len(as) != 4 {
		t.Errorf("%d auditors, want 4", len(as))
	}
	for _, bad := range []struct {
		lines []string
		want  string
	}{
		{[]string{"姓名,角色", "赵六,测评员", "钱七,主任"}, `auditors.csv line 3: 角色 "主任" is neither 测评员 (auditor) nor 组长 (lead)`},
		{[]string{"姓名,角色", "赵六,测评员", ",组长"}, "auditors.csv line 3: 姓名 is empty"},
		{[]string{"姓名", "赵六", "孙八", "赵六"}, "auditors.csv line 4: 赵六 is already on line 2"},
	} {
		_, err := imports.Auditors(ctx, s, writeText(t, "auditors.csv", bad.lines...))
		if err == nil || !strings.HasPrefix(err.Error(), bad.want) || !errors.Is(err, store.ErrInvalid) {
			t.Errorf("error = %v, want %q", err, bad.want)
		}
	}
	if as, _ := s.Auditors(ctx); len(as) != 4 {
		t.Errorf("refused imports wrote auditors: %d", len(as))
	}
}

func TestImportScenarios(t *testing.T) {
	s, _ := mustOpen(t)
	ctx := context.Background()
	path := writeText(t, "scenarios.csv", "类别,身份,咨询事项",
		"农业,农民,想问一下种粮补贴什么时候发？", "涉企,企业,公司新招了3名员工，社保登记要带哪些材料？",
		",市民,办事大厅几点下班？", "农业,农民,想问一下种粮补贴什么时候发？")
	rep, err := imports.Scenarios(ctx, s, path)
	if err != nil || rep.Added != 3 || rep.Unchanged != 1 {
		t.Fatalf("import: %+v, %v", rep, err)
	}
	got := map[string]scoring.Persona{}
	scs, _ := s.Scenarios(ctx)
	for _, sc := range scs {
		got[sc.Category] = sc.Persona
	}
	if got["农业"] != scoring.Farmer || got["涉企"] != scoring.Business || got[""] != scoring.Resident {
		t.Errorf("personas = %v", got)
	}
	_, err = imports.Scenarios(ctx, s, writeText(t, "scenarios.csv", "类别,身份,咨询事项", "农业,农民,问题一", "农业,村长,问题二"))
	if err == nil || !strings.HasPrefix(err.Error(), `scenarios.csv line 3: unknown persona "村长"`) {
		t.Errorf("unknown persona: %v", err)
	}
	_, err = imports.Scenarios(ctx, s, writeText(t, "scenarios.csv", "类别,身份,咨询事项", "农业,农民,"))
	if err == nil || err.Error() != "scenarios.csv line 2: 咨询事项 is empty" {
		t.Errorf("empty question: %v", err)
	}
	if scs, _ := s.Scenarios(ctx); len(scs) != 3 {
		t.Errorf("refused imports wrote scenarios: %d", len(scs))
	}
}

// officesABCD is an office list for the results tests.
func importOfficesABCD(t *testing.T, s *store.Store) {
	t.Helper()
	path := writeText(t, "offices.csv", "单位,科室,电话",
		"市人社局,社保中心,1", "市人社局,就业科,2", "市教育局,学籍科,3", "市教育局,基教科,4")
	if _, err := imports.Offices(context.Background(), s, path); err != nil {
		t.Fatal(err)
	}
}

// TestImportResultsStreaks imports four past rounds from two files and checks the streaks of
// DESIGN.md: problems in 1, 2, 3 → red; in 1 and 3 → no flag; in 2 and 4, not audited in 3 → yellow.
func TestImportResultsStreaks(t *testing.T) {
	s, path := mustOpen(t)
	ctx := context.Background()
	importOfficesABCD(t, s)
	// Rows out of round order: rounds are created in order of first appearance.
	first := writeText(t, "历年结果.csv",
		"2025年电话暗访测评结果,,,,,",
		"轮次,单位,科室,是否存在问题,得分,问题描述",
		"2025年第1轮,市人社局,社保中心,是,55,推诿扯皮",
		"2025年第2轮,市人社局,社保中心,是,,无人接听",
		"2025年第1轮,市人社局,就业科,Y,70,态度生硬",
		"2025年第1轮,市教育局,学籍科,否,92.5,",
		"2025年第2轮,市人社局,就业科,否,88,",
		"2025年第2轮,市教育局,学籍科,1,62.5,答复不清楚；总分低于75",
		"2025年第2轮,市教育局,学籍科,0,90,",
		"2025年第3轮,市人社局,社保中心,yes,40,",
		"2025年第3轮,市人社局,就业科,是,,",
		"2025年第3轮,市教育局,基教科,,,",
	)
	rep, err := imports.Results(ctx, s, first)
	if err != nil {
		t.Fatal(err)
	}
	wantRounds := []string{"2025年第1轮", "2025年第2轮", "2025年第3轮"}
	if rep.Added != 9 || rep.Skipped != 1 || !slices.Equal(rep.Rounds, wantRounds) {
		t.Errorf("report = %+v", rep)
	}
	rounds, _ := s.Rounds(ctx)
	for i, r := range rounds {
		if r.Number != i+1 || r.Name != wantRounds[i] || !r.Imported || r.Status != store.RoundClosed || r.RubricVersion != 0 {
			t.Errorf("round %d = %+v", i+1, r)
		}
	}
	// The second file, in English, adds round 4 and a result to round 2 for an office it lacked.
	second := writeText(t, "county.csv", "Round,Department,Office,Problem,Total,Reasons",
		"2025年第4轮,市教育局,学籍科,no,80,", "2025年第4轮,市人社局,就业科,n,85,",
		"2025年第4轮,市教育局,学籍科,yes,50,挂断", "2025年第2轮,市教育局,基教科,否,95,")
	rep, err = imports.Results(ctx, s, second)
	if err != nil || rep.Added != 4 || !slices.Equal(rep.Rounds, []string{"2025年第4轮"}) {
		t.Fatalf("second import: %+v, %v", rep, err)
	}
	type flag struct {
		level  scoring.Level
		office string
		streak int
		round  int
	}
	check := func(asOf int, want []flag) {
		t.Helper()
		fs, err := s.Flags(ctx, asOf)
		if err != nil {
			t.Fatal(err)
		}
		var got []flag
		for _, f := range fs {
			got = append(got, flag{f.Level, f.Office, f.Streak, f.Round})
		}
		if !slices.Equal(got, want) {
			t.Errorf("flags as of %d = %+v, want %+v", asOf, got, want)
		}
	}
	// 社保中心: 1 2 3 → red. 就业科: 1, not 2, 3, not 4 → none. 学籍科: not 1, 2, –, 4 → yellow.
	check(3, []flag{{scoring.Red, "社保中心", 3, 3}})
	check(2, []flag{{scoring.Yellow, "社保中心", 2, 2}})
	check(0, []flag{{scoring.Red, "社保中心", 3, 3}, {scoring.Yellow, "学籍科", 2, 4}})

	raw := openRaw(t, path)
	defer raw.Close()
	var status, grade, reasons string
	var total float64
	var auditor any
	var line int
	err = raw.QueryRow(`SELECT c.status, c.total, c.grade, c.reasons, c.auditor_id, c.imported_line FROM calls c
		JOIN rounds r ON r.id = c.round_id WHERE r.number = 2 AND c.office_name = '学籍科' AND c.problem = 1`).
		Scan(&status, &total, &grade, &reasons, &auditor, &line)
	if err != nil {
		t.Fatal(err)
	}
	if status != "done" || total != 62.5 || grade != "pass" || auditor != nil || line != 8 ||
		!strings.Contains(reasons, `"type":"handling"`) || !strings.Contains(reasons, `"zh":"总分低于75"`) {
		t.Errorf("stored call: %s %v %s %s %v line %d", status, total, grade, reasons, auditor, line)
	}
	// Imported results are immutable: triggers refuse changes made around phoneaudit.
	for _, q := range []string{
		"UPDATE calls SET problem = 0 WHERE imported = 1",
		"UPDATE calls SET total = 99 WHERE imported = 1",
		"UPDATE calls SET reasons = '[]' WHERE imported = 1",
		"DELETE FROM calls WHERE imported = 1",
	} {
		if _, err := raw.Exec(q); err == nil || !strings.Contains(err.Error(), "immutable") {
			t.Errorf("%s: %v, want refused by a trigger", q, err)
		}
	}
}

func TestImportResultsRefusesBadRows(t *testing.T) {
	header := "轮次,单位,科室,是否存在问题,得分,问题描述"
	cases := []struct {
		name  string
		lines []string
		want  string
		is    error
	}{
		{"unknown office", []string{header, "2025年第5轮,市人社局,社保中心,是,,", "2025年第5轮,市人社局,不存在科,否,,"},
			"results.csv line 3: 市人社局 · 不存在科 is not in the office list", store.ErrInvalid},
		{"problem not yes or no", []string{header, "2025年第5轮,市人社局,社保中心,可能,,"},
			`results.csv line 2: 是否存在问题 "可能" is neither 是 nor 否`, store.ErrInvalid},
		{"total above 100", []string{header, "2025年第5轮,市人社局,社保中心,否,150,"},
			`results.csv line 2: 得分 "150" is not a number from 0 to 100`, store.ErrInvalid},
		{"total not a number", []string{header, "2025年第5轮,市人社局,社保中心,否,八十,"},
			`results.csv line 2: 得分 "八十" is not a number`, store.ErrInvalid},
		{"round all digits", []string{header, "3,市人社局,社保中心,否,,"},
			`results.csv line 2: 轮次 "3" is all digits`, store.ErrInvalid},
		{"empty round", []string{header, ",市人社局,社保中心,否,,"},
			"results.csv line 2: 轮次 is empty", store.ErrInvalid},
		{"office and round already have results", []string{header, "2025年第5轮,市人社局,就业科,否,,", "2025年第1轮,市人社局,社保中心,否,,"},
			"results.csv line 3: round 2025年第1轮 already has results or calls for 市人社局 · 社保中心", store.ErrAlreadyExist},
		{"office and round already have calls", []string{header, "2026年第1轮,市农业农村局,农技站,是,,"},
			"results.csv line 2: round 2026年第1轮 already has results or calls for 市农业农村局 · 农技站", store.ErrAlreadyExist},
		{"published round", []string{header, "2025年第2轮,市农业农村局,农技站,是,,"},
			"results.csv line 2: round 2025年第2轮 is published", store.ErrRoundState},
		{"no rows", []string{header},
			"results.csv: no results below the header row", store.ErrInvalid},
	}
	f := newFixture(t) // 社保中心 and 农技站, open round 2026年第1轮 with a call for each
	ctx := context.Background()
	past := writeText(t, "past.csv", header, "2025年第1轮,市人社局,社保中心,是,50,推诿", "2025年第2轮,市人社局,社保中心,否,90,")
	if _, err := imports.Results(ctx, f.s, past); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.UpsertOffices(ctx, []store.OfficeInput{{Department: "市人社局", Name: "就业科", Phone: "3"}}); err != nil {
		t.Fatal(err)
	}
	raw := openRaw(t, f.path)
	defer raw.Close()
	if _, err := raw.Exec("UPDATE rounds SET status = 'published' WHERE name = '2025年第2轮'"); err != nil {
		t.Fatal(err)
	}
	counts := func() (calls, rounds, audits int) {
		t.Helper()
		for q, n := range map[string]*int{"calls": &calls, "rounds": &rounds, "audits": &audits} {
			if err := raw.QueryRow("SELECT count(*) FROM " + q).Scan(n); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	c0, r0, a0 := counts()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := imports.Results(ctx, f.s, writeText(t, "results.csv", tc.lines...))
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) || !errors.Is(err, tc.is) {
				t.Fatalf("error = %v, want %q (%v)", err, tc.want, tc.is)
			}
			if c, r, a := counts(); c != c0 || r != r0 || a != a0 {
				t.Errorf("a refused import wrote: calls %d→%d, rounds %d→%d, audits %d→%d", c0, c, r0, r, a0, a)
			}
		})
	}
}

// TestImportResultsSkipsUnfinished checks that rows without a problem value are left out and
// that a round whose rows are all left out is not created.
func TestImportResultsSkipsUnfinished(t *testing.T) {
	s, _ := mustOpen(t)
	ctx := context.Background()
	importOfficesABCD(t, s)
	path := writeText(t, "results.csv", "轮次,单位,科室,是否存在问题",
		"2025年第1轮,市人社局,社保中心,", "2025年第2轮,市人社局,社保中心,否", "2025年第1轮,市人社局,就业科,",
		"2025年第3轮,市人社局,就业科,是")
	rep, err := imports.Results(ctx, s, path)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 2 || rep.Skipped != 2 || !slices.Equal(rep.Rounds, []string{"2025年第2轮", "2025年第3轮"}) {
		t.Errorf("report = %+v", rep)
	}
	rounds, _ := s.Rounds(ctx)
	if len(rounds) != 2 || rounds[0].Finished != 1 || rounds[1].Problems != 1 {
		t.Errorf("rounds = %+v", rounds)
	}
}
