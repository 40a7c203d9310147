package imports

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"phoneaudit/scoring"
	"phoneaudit/store"
	"phoneaudit/tabular"
)

// The mapping of the imports, without a database: what the store's import tests check through
// a file and SQLite, the header words, the cells and the errors of a row, checked here alone.

// records reads lines of CSV as the named file under the given columns.
func records(t *testing.T, name string, cols []tabular.Column, lines ...string) []tabular.Record {
	t.Helper()
	recs, err := tabular.ReadCSV(strings.NewReader(strings.Join(lines, "\n")+"\n"), name, cols)
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

var officeColumns = []tabular.Column{colDepartment, colOffice, colPhone, colCategory}

func TestOfficeRowsHeaderWords(t *testing.T) {
	for _, header := range []string{"单位,科室,电话,类别", "department,office,phone,category", "单位名称,科室/岗位,联系电话,科室类别"} {
		recs := records(t, "offices.csv", officeColumns, "名单", header, "市人社局,社保中心,０５３１-１２３,窗口")
		in, err := OfficeRows("offices.csv", recs)
		if err != nil {
			t.Fatalf("%s: %v", header, err)
		}
		want := store.OfficeInput{Line: 3, Department: "市人社局", Name: "社保中心", Phone: "0531-123", Category: "窗口"}
		if len(in) != 1 || in[0] != want {
			t.Errorf("%s: %+v, want %+v", header, in, want)
		}
	}
}

func TestOfficeRowsRefusesBadRows(t *testing.T) {
	cases := []struct {
		name  string
		lines []string
		want  string
	}{
		{"empty phone on line 5", []string{"单位,科室,电话", "市人社局,社保中心,1", "市人社局,就业科,2", "市教育局,学籍科,3", "市教育局,基教科,"},
			"offices.csv line 5: 电话 is empty"},
		{"empty office", []string{"单位,科室,电话", "市人社局,,1"},
			"offices.csv line 2: 科室 is empty"},
		{"the same office twice", []string{"单位,科室,电话", "市人社局,社保中心,1", "市教育局,学籍科,3", " 市人社局 , 社保中心 ,2"},
			"offices.csv line 4: 市人社局 · 社保中心 is already on line 2 (list each office once)"},
	}
	for _, tc := range cases {
		_, err := OfficeRows("offices.csv", records(t, "offices.csv", officeColumns, tc.lines...))
		if err == nil || err.Error() != tc.want || !errors.Is(err, store.ErrInvalid) {
			t.Errorf("%s: error = %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestAuditorRows(t *testing.T) {
	cols := []tabular.Column{colName, colRole, colAffiliation}
	in, lines, err := AuditorRows("auditors.csv", records(t, "auditors.csv", cols,
		"姓名,角色,所属", "王芳,,市人社局", "李强,组长,", "赵敏,Lead,", "陈刚,auditor,"))
	if err != nil {
		t.Fatal(err)
	}
	roles := []string{"auditor", "lead", "lead", "auditor"}
	for i, a := range in {
		if a.Role != roles[i] || lines[i] != i+2 {
			t.Errorf("row %d: %+v on line %d, want role %s on line %d", i, a, lines[i], roles[i], i+2)
		}
	}
	_, _, err = AuditorRows("auditors.csv", records(t, "auditors.csv", cols, "姓名,角色", "王芳,科长"))
	if want := `auditors.csv line 2: 角色 "科长" is neither 测评员 (auditor) nor 组长 (lead)`; err == nil || err.Error() != want {
		t.Errorf("error = %v, want %q", err, want)
	}
	_, _, err = AuditorRows("auditors.csv", records(t, "auditors.csv", cols, "姓名", "王芳", "王芳"))
	if want := "auditors.csv line 3: 王芳 is already on line 2"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error = %v, want %q", err, want)
	}
}

func TestScenarioRows(t *testing.T) {
	cols := []tabular.Column{colScenarioCategory, colPersona, colQuestion}
	in, lines, err := ScenarioRows("s.csv", records(t, "s.csv", cols, "类别,身份,咨询事项", ",农民,低保怎么办"))
	if err != nil || len(in) != 1 || in[0].Persona != scoring.Farmer || in[0].Question != "低保怎么办" || lines[0] != 2 {
		t.Errorf("%+v %v %v", in, lines, err)
	}
	_, _, err = ScenarioRows("s.csv", records(t, "s.csv", cols, "类别,身份,咨询事项", ",外星人,低保怎么办"))
	if err == nil || !strings.HasPrefix(err.Error(), "s.csv line 2: ") || !errors.Is(err, store.ErrInvalid) {
		t.Errorf("an unknown persona: %v", err)
	}
}

func TestResultRows(t *testing.T) {
	header := "轮次,单位,科室,是否存在问题,得分,问题描述"
	rows, err := ResultRows("results.csv", records(t, "results.csv", resultColumns, header,
		"2025年第1轮,市人社局,社保中心,是,５５分,推诿扯皮",
		"2025年第1轮,市人社局,就业科,,,",
		"2025年第2轮,市人社局,就业科,否,90,态度生硬"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows, want 3", len(rows))
	}
	if r := rows[0]; !r.Finished || r.Line != 2 || r.Total == nil || *r.Total != 55 || !r.Result.Problem || len(r.Result.Reasons) == 0 {
		t.Errorf("a problem row: %+v", r)
	}
	if r := rows[1]; r.Finished || r.Line != 3 || r.Round != "2025年第1轮" {
		t.Errorf("an unfinished row: %+v (it keeps its round, for the order of rounds)", r)
	}
	if r := rows[2]; !r.Finished || r.Result.Problem || len(r.Result.Reasons) != 0 {
		t.Errorf("a row without a problem keeps no reasons: %+v", r)
	}
}

// TestResultReasonsKeptWhole: a 问题描述 is one reason as the clerk wrote it, commas and 、
// included, unless it uses the separator the README documents (；, ; or a line break in the cell).
func TestResultReasonsKeptWhole(t *testing.T) {
	header := "轮次,单位,科室,是否存在问题,得分,问题描述"
	rows, err := ResultRows("results.csv", records(t, "results.csv", resultColumns, header,
		`2025年第1轮,市人社局,社保中心,是,,"接听后态度生硬，未告知办理地点、所需材料"`,
		"2025年第1轮,市人社局,就业科,是,,无人接听；态度生硬",
		"2025年第1轮,市人社局,劳动监察科,是,,\"推诿扯皮\n总分低于60\""))
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"接听后态度生硬，未告知办理地点、所需材料"}, {"无人接听", "态度生硬"}, {"推诿扯皮", "总分低于60"}}
	for i, r := range rows {
		var got []string
		for _, reason := range r.Result.Reasons {
			got = append(got, reason.ZH)
		}
		if !slices.Equal(got, want[i]) {
			t.Errorf("line %d: reasons %q, want %q", r.Line, got, want[i])
		}
	}
}

func TestResultRowsRefusesBadRows(t *testing.T) {
	header := "轮次,单位,科室,是否存在问题,得分,问题描述"
	cases := []struct {
		name, line, want string
	}{
		{"problem not yes or no", "2025年第5轮,市人社局,社保中心,可能,,", `results.csv line 2: 是否存在问题 "可能" is neither 是 nor 否 (yes/no, 1/0, Y/N)`},
		{"total above 100", "2025年第5轮,市人社局,社保中心,否,150,", `results.csv line 2: 得分 "150" is not a number from 0 to 100`},
		{"total not a number", "2025年第5轮,市人社局,社保中心,否,八十,", `results.csv line 2: 得分 "八十" is not a number from 0 to 100`},
		{"round all digits", "3,市人社局,社保中心,否,,", `results.csv line 2: 轮次 "3" is all digits; write the round's name, e.g. 2024年第3轮`},
		{"empty round", ",市人社局,社保中心,否,,", "results.csv line 2: 轮次 is empty"},
		{"empty office", "2025年第5轮,市人社局,,否,,", "results.csv line 2: 科室 is empty"},
	}
	for _, tc := range cases {
		_, err := ResultRows("results.csv", records(t, "results.csv", resultColumns, header, tc.line))
		if err == nil || err.Error() != tc.want || !errors.Is(err, store.ErrInvalid) {
			t.Errorf("%s: error = %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestResultCells(t *testing.T) {
	for _, c := range []struct {
		in          string
		problem, ok bool
	}{{"是", true, true}, {"Ｙｅｓ", true, true}, {"1", true, true}, {"无问题", false, true}, {"N", false, true}, {"可能", false, false}} {
		if p, ok := parseProblem(c.in); p != c.problem || ok != c.ok {
			t.Errorf("parseProblem(%q) = %v, %v", c.in, p, ok)
		}
	}
	for in, want := range map[string]float64{"80": 80, "７０.５分": 70.5, " 60 分": 60, "0": 0, "100": 100} {
		if v, err := parseTotal(in); err != nil || *v != want {
			t.Errorf("parseTotal(%q) = %v, %v; want %v", in, v, err, want)
		}
	}
	for _, in := range []string{"101", "-1", "NaN", "八十"} {
		if _, err := parseTotal(in); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("parseTotal(%q): %v, want ErrInvalid", in, err)
		}
	}
	if v, err := parseTotal(""); v != nil || err != nil {
		t.Errorf("an empty total: %v, %v", v, err)
	}
}

// TestRowErrorWords: the rows the store refuses are worded with the file and line, as the
// store's TestImportResultsRefusesBadRows checks through a database.
func TestRowErrorWords(t *testing.T) {
	o := store.Office{Department: "市人社局", Name: "社保中心"}
	cases := []struct {
		err  error
		want string
		is   error
	}{
		{&store.RowError{Line: 3, Err: &store.UnknownOfficeError{Department: "市人社局", Office: "不存在科"}},
			"results.csv line 3: 市人社局 · 不存在科 is not in the office list (check the names, or import it with the offices first)", store.ErrInvalid},
		{&store.RowError{Line: 2, Err: &store.PublishedRoundError{Round: "2025年第2轮"}},
			"results.csv line 2: round 2025年第2轮 is published and takes no more results", store.ErrRoundState},
		{&store.RowError{Line: 4, Err: &store.ResultsExistError{Round: "2025年第1轮", Office: o}},
			"results.csv line 4: round 2025年第1轮 already has results or calls for " + o.Label() + "; they are not imported twice", store.ErrAlreadyExist},
		{&store.RowError{Line: 5, Err: store.ErrBusy}, "results.csv line 5: " + store.ErrBusy.Error(), store.ErrBusy},
	}
	for _, c := range cases {
		err := inFile("results.csv", c.err)
		if err.Error() != c.want || !errors.Is(err, c.is) {
			t.Errorf("%v worded %q, want %q (%v)", c.err, err, c.want, c.is)
		}
	}
}
