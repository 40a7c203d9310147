package imports

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"phoneaudit/tabular"
)

// resultSeeds are rows of a results file: good ones, a round named in digits only, an office
// not in a list, cells that are no answer, an empty row, and two rows for one new round. The
// store's TestImportResultRowSeeds imports the same rows into a database.
var resultSeeds = [][6]string{
	{"2025年第1轮", "市人社局", "社保中心", "是", "55", "推诿扯皮"},
	{"2025年第2轮", "市人社局", "社保中心", "否", "９５分", ""},
	{"2025年第3轮", "市教育局", "学籍科", "有", "", "无人接听、态度生硬"},
	{"2025", "市教育局", "学籍科", "是", "55", ""},
	{"2025年第4轮", "市教育局", "不存在的科", "否", "101", ""},
	{"2025年第5轮", "市人社局", "就业科", "maybe", "NaN", "\x00\xff"},
	{"", "", "", "", "", ""},
	{"2025年第6轮", "市人社局", "社保中心", "是", "40", "推诿扯皮"},
	{"2025年第6轮", "市人社局", "就业科", "否", "90", ""},
}

// FuzzResultRow maps one row of any text under a valid header, without a database (the store's
// TestImportResultRowSeeds stores the seeds). It never panics; a row it refuses is refused with
// an error naming the file; a finished row it takes has a total, when given, from 0 to 100, and
// a result whose problem agrees with its reasons (no reasons without a problem).
func FuzzResultRow(f *testing.F) {
	for _, s := range resultSeeds {
		f.Add(s[0], s[1], s[2], s[3], s[4], s[5])
	}
	f.Fuzz(func(t *testing.T, round, dept, office, problem, total, reasons string) {
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		w.Write([]string{"轮次", "单位", "科室", "是否存在问题", "得分", "问题描述"})
		w.Write([]string{round, dept, office, problem, total, reasons})
		w.Flush()
		const name = "结果.csv"
		recs, err := tabular.ReadCSV(&buf, name, resultColumns)
		if err != nil {
			if !strings.Contains(err.Error(), name) {
				t.Fatalf("the error does not name the file: %v", err)
			}
			return
		}
		rows, err := ResultRows(name, recs)
		if err != nil {
			if !strings.Contains(err.Error(), name) {
				t.Fatalf("the error does not name the file: %v", err)
			}
			return
		}
		if len(rows) > 1 {
			t.Fatalf("one row mapped to %d: %+v", len(rows), rows)
		}
		for _, r := range rows {
			if !r.Finished {
				continue // a row without 是否存在问题: skipped by the store
			}
			if r.Total != nil && (*r.Total < 0 || *r.Total > 100) {
				t.Fatalf("mapped %q/%q/%q to a total of %v", problem, total, reasons, *r.Total)
			}
			res := r.Result
			if res.Total < 0 || res.Total > 100 || (!res.Problem && len(res.Reasons) > 0) {
				t.Fatalf("mapped %q/%q/%q as %+v", problem, total, reasons, res)
			}
			if r.Round == "" || r.Department == "" || r.Office == "" {
				t.Fatalf("a finished row without its round, department or office: %+v", r)
			}
		}
	})
}
