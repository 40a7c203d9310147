package store_test

import (
	"bytes"
	"cmp"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"phoneaudit/imports"
	"phoneaudit/store"
)

// TestImportResultRowSeeds imports, one file each, rows of a results file under a valid header
// (the seeds of the imports package's FuzzResultRow, which fuzzes the mapping without a
// database). A row refused leaves the database as it was and the error names the file; a row
// taken becomes one imported call, in exactly one round, whose total, when given, is from 0 to
// 100 and whose problem agrees with its reasons (no reasons without a problem).
func TestImportResultRowSeeds(t *testing.T) {
	seeds := [][6]string{
		{"2025年第1轮", "市人社局", "社保中心", "是", "55", "推诿扯皮"},
		{"2025年第2轮", "市人社局", "社保中心", "否", "９５分", ""},
		{"2025年第3轮", "市教育局", "学籍科", "有", "", "无人接听、态度生硬"},
		{"2025", "市教育局", "学籍科", "是", "55", ""},
		{"2025年第4轮", "市教育局", "不存在的科", "否", "101", ""},
		{"2025年第5轮", "市人社局", "就业科", "maybe", "NaN", "\x00\xff"},
		{"", "", "", "", "", ""},
		// Two rows for one new round, another office each: the second joins the round the first
		// made (the round then has two calls, one from each import).
		{"2025年第6轮", "市人社局", "社保中心", "是", "40", "推诿扯皮"},
		{"2025年第6轮", "市人社局", "就业科", "否", "90", ""},
	}
	st, _ := mustOpen(t)
	dir := t.TempDir()
	ctx := context.Background()
	offices := filepath.Join(dir, "offices.csv")
	list := "单位,科室,电话\n市人社局,社保中心,1\n市人社局,就业科,2\n市教育局,学籍科,3\n"
	if err := os.WriteFile(offices, []byte(list), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := imports.Offices(ctx, st, offices); err != nil {
		t.Fatal(err)
	}
	for i, seed := range seeds {
		round, dept, office, problem, total, reasons := seed[0], seed[1], seed[2], seed[3], seed[4], seed[5]
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			var buf bytes.Buffer
			w := csv.NewWriter(&buf)
			w.Write([]string{"轮次", "单位", "科室", "是否存在问题", "得分", "问题描述"})
			w.Write([]string{round, dept, office, problem, total, reasons})
			w.Flush()
			path := filepath.Join(dir, "结果.csv")
			if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
				t.Fatal(err)
			}
			before := callsPerRound(t, st)
			rep, err := imports.Results(ctx, st, path)
			after := callsPerRound(t, st)
			var grown []int64 // the rounds with more calls than before
			added := 0
			for id, n := range after {
				if n != before[id] {
					grown = append(grown, id)
					added += n - before[id]
				}
			}
			if err != nil {
				if len(grown) > 0 || len(after) != len(before) {
					t.Fatalf("a refused row changed the database: rounds %v, then %v", before, after)
				}
				if !strings.Contains(err.Error(), "结果.csv") {
					t.Fatalf("the error does not name the file: %v", err)
				}
				return
			}
			if added == 0 {
				return // a row without 是否存在问题: skipped
			}
			if len(grown) != 1 || added != 1 {
				t.Fatalf("one row made %d calls in rounds %v (report %+v)", added, grown, rep)
			}
			// The new call is the newest of its round (which may be one an earlier row made).
			calls, err := st.Calls(ctx, store.CallFilter{RoundID: grown[0]})
			if err != nil {
				t.Fatal(err)
			}
			newest := slices.MaxFunc(calls, func(a, b store.Call) int { return cmp.Compare(a.ID, b.ID) })
			res := newest.Result
			if res.Total < 0 || res.Total > 100 || (!res.Problem && len(res.Reasons) > 0) {
				t.Fatalf("imported %q/%q/%q as %+v", problem, total, reasons, res)
			}
		})
	}
}

// callsPerRound counts the calls of every round, by the round's id.
func callsPerRound(t *testing.T, st *store.Store) map[int64]int {
	t.Helper()
	rs, err := st.Rounds(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	n := map[int64]int{}
	for _, r := range rs {
		n[r.ID] = r.Planned
	}
	return n
}
