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
	"strconv"
	"strings"
	"testing"

	"phoneaudit/imports"
	"phoneaudit/store"
)

// TestImportResultRowSeeds imports, one file each and in the order of their names, rows of a
// results file under a valid header: the seeds of the imports package's FuzzResultRow (which
// fuzzes the mapping without a database), so an input the fuzzer finds and CI adds there is
// checked against the database here too; two of them are rows for one new round, another office
// each, the second joining the round the first made. A row refused leaves the database as it
// was and the error names the file; a row taken becomes one imported call, in exactly one round,
// whose total, when given, is from 0 to 100 and whose problem agrees with its reasons (no
// reasons without a problem).
func TestImportResultRowSeeds(t *testing.T) {
	seeds := resultSeeds(t)
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

// resultSeeds reads the seed corpus of imports.FuzzResultRow: files of six strings each, in the
// format go test writes (go test fuzz v1, then string("…") lines).
func resultSeeds(t *testing.T) [][6]string {
	t.Helper()
	dir := filepath.Join("..", "imports", "testdata", "fuzz", "FuzzResultRow")
	files, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var seeds [][6]string
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(dir, f.Name()))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		if len(lines) != 7 || lines[0] != "go test fuzz v1" {
			t.Fatalf("%s is not a corpus file of six strings", f.Name())
		}
		var seed [6]string
		for i, l := range lines[1:] {
			inner, ok := strings.CutPrefix(l, "string(")
			if inner, ok = strings.CutSuffix(inner, ")"); !ok {
				t.Fatalf("%s: %q is not a string", f.Name(), l)
			}
			if seed[i], err = strconv.Unquote(inner); err != nil {
				t.Fatalf("%s: %q: %v", f.Name(), l, err)
			}
		}
		seeds = append(seeds, seed)
	}
	if len(seeds) < 9 {
		t.Fatalf("%d seeds in %s, want the 9 kept there at least", len(seeds), dir)
	}
	return seeds
}
