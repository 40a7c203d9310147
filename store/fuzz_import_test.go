package store_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"phoneaudit/store"
)

// FuzzImportResultRow feeds the results importer one row of any text under a valid header. It
// never panics; a row it refuses leaves the database as it was and the error names the file;
// a row it takes becomes one imported call whose total, when given, is from 0 to 100 and whose
// problem agrees with its reasons (no reasons without a problem).
func FuzzImportResultRow(f *testing.F) {
	seeds := [][6]string{
		{"2025年第1轮", "市人社局", "社保中心", "是", "55", "推诿扯皮"},
		{"2025年第2轮", "市人社局", "社保中心", "否", "９５分", ""},
		{"2025年第3轮", "市教育局", "学籍科", "有", "", "无人接听、态度生硬"},
		{"2025", "市教育局", "学籍科", "是", "55", ""},
		{"2025年第4轮", "市教育局", "不存在的科", "否", "101", ""},
		{"2025年第5轮", "市人社局", "就业科", "maybe", "NaN", "\x00\xff"},
		{"", "", "", "", "", ""},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1], s[2], s[3], s[4], s[5])
	}
	st, _ := mustOpen(f)
	dir := f.TempDir()
	ctx := context.Background()
	offices := filepath.Join(dir, "offices.csv")
	list := "单位,科室,电话\n市人社局,社保中心,1\n市人社局,就业科,2\n市教育局,学籍科,3\n"
	if err := os.WriteFile(offices, []byte(list), 0o600); err != nil {
		f.Fatal(err)
	}
	if _, err := st.ImportOffices(ctx, offices); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, round, dept, office, problem, total, reasons string) {
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		w.Write([]string{"轮次", "单位", "科室", "是否存在问题", "得分", "问题描述"})
		w.Write([]string{round, dept, office, problem, total, reasons})
		w.Flush()
		path := filepath.Join(dir, "结果.csv")
		if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		before := countCalls(t, st)
		rep, err := st.ImportResults(ctx, path)
		after := countCalls(t, st)
		if err != nil {
			if after != before {
				t.Fatalf("a refused row changed the database: %d calls, then %d", before, after)
			}
			if !strings.Contains(err.Error(), "结果.csv") {
				t.Fatalf("the error does not name the file: %v", err)
			}
			return
		}
		if after-before > 1 {
			t.Fatalf("one row made %d calls (report %+v)", after-before, rep)
		}
		if after == before {
			return // a row without 是否存在问题: skipped
		}
		rs, err := st.Rounds(ctx)
		if err != nil {
			t.Fatal(err)
		}
		last := rs[len(rs)-1]
		calls, err := st.Calls(ctx, store.CallFilter{RoundID: last.ID})
		if err != nil || len(calls) != 1 {
			t.Fatalf("the imported round %s has %d calls, %v", last.Name, len(calls), err)
		}
		res := calls[0].Result
		if res.Total < 0 || res.Total > 100 || (!res.Problem && len(res.Reasons) > 0) {
			t.Fatalf("imported %q/%q/%q as %+v", problem, total, reasons, res)
		}
	})
}

func countCalls(t *testing.T, st *store.Store) int {
	t.Helper()
	rs, err := st.Rounds(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range rs {
		n += r.Planned
	}
	return n
}
