package tabular

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// officeCols is the shape of the offices import: two required columns and an optional one.
var officeCols = []Column{
	{Key: "dept", Names: []string{"单位", "department"}, Required: true},
	{Key: "office", Names: []string{"科室", "office"}, Required: true},
	{Key: "phone", Names: []string{"电话", "phone"}},
}

// gb encodes s as GB18030, the way Chinese Excel saves "CSV (逗号分隔)".
func gb(t testing.TB, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encoding test data as GB18030: %v", err)
	}
	return b
}

// rec builds the Record of an officeCols row.
func rec(line int, dept, office, phone string) Record {
	return Record{Line: line, Values: map[string]string{"dept": dept, "office": office, "phone": phone}}
}

// formatRecords prints records one per line so that a failure shows what differs.
func formatRecords(recs []Record) string {
	var b strings.Builder
	for _, r := range recs {
		fmt.Fprintf(&b, "%d:", r.Line)
		for _, k := range slices.Sorted(maps.Keys(r.Values)) {
			fmt.Fprintf(&b, " %s=%q", k, r.Values[k])
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// checkResult compares what a reader returned with the wanted records or error. An error is
// wanted when wantErr is set, and it must start with it (errors start with the file name).
func checkResult(t *testing.T, got []Record, err error, want []Record, wantErr string) {
	t.Helper()
	if wantErr != "" {
		if err == nil {
			t.Fatalf("want error %q, got records:\n%s", wantErr, formatRecords(got))
		}
		if !strings.HasPrefix(err.Error(), wantErr) {
			t.Fatalf("error\n got: %v\nwant: %s…", err, wantErr)
		}
		if strings.Contains(err.Error(), "\n") {
			t.Fatalf("error is not one line: %q", err)
		}
		return
	}
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
	if g, w := formatRecords(got), formatRecords(want); g != w {
		t.Fatalf("records\n got:\n%s\nwant:\n%s", g, w)
	}
}
