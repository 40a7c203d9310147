package imports

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"phoneaudit/tabular"
)

// FuzzResultRow maps one row of any text under a valid header, without a database. It never
// panics; a row it refuses is refused with an error naming the file; a finished row it takes has
// a total, when given, from 0 to 100, and a result whose problem agrees with its reasons (no
// reasons without a problem). Its seeds are testdata/fuzz/FuzzResultRow (good rows, a round
// named in digits only, an office not in the list, cells that are no answer, an empty row, two
// rows for one new round); the store's TestImportResultRowSeeds imports them into a database.
func FuzzResultRow(f *testing.F) {
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
