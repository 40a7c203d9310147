package tabular

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// colsFor makes one optional Column per header name, keyed by the name.
func colsFor(header []string) []Column {
	cols := make([]Column, len(header))
	for i, h := range header {
		cols[i] = Column{Key: h, Names: []string{h}}
	}
	return cols
}

// checkRoundTrip writes rows to a file named name, reads it back and compares. Lines are
// checked too: a CSV record starts one physical line further per line break before it.
func checkRoundTrip(t *testing.T, name string, header []string, rows [][]string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	must(t, WriteFile(path, header, rows))
	got, err := Read(path, colsFor(header))
	if err != nil {
		t.Fatalf("reading back %s: %v", name, err)
	}
	if len(got) != len(rows) {
		t.Fatalf("%s: read %d records, wrote %d", name, len(got), len(rows))
	}
	line := 2
	for r, row := range rows {
		if got[r].Line != line {
			t.Errorf("%s row %d: line %d, want %d", name, r, got[r].Line, line)
		}
		for i, h := range header {
			want := ""
			if i < len(row) {
				want = row[i]
			}
			if g := got[r].Values[h]; g != want {
				t.Errorf("%s row %d column %s: got %q, want %q", name, r, h, g, want)
			}
		}
		line++
		if strings.EqualFold(filepath.Ext(name), ".csv") {
			line += strings.Count(strings.Join(row, ""), "\n")
		}
	}
}

func TestRoundTrip(t *testing.T) {
	header := []string{"轮次", "单位", "电话", "问题描述", "得分"}
	rows := [][]string{
		{"第一轮", "市人力资源和社会保障局", "03913500814", "无人接听", "62"},
		{"第一轮", "市教育局", "+86 391 3500814", "=HYPERLINK(\"http://x\",\"点击\")", "-5"},
		{"第二轮", "市公安局", "0391-3500815", "第一次：占线\n第二次：\"你找谁\"，挂断", "@SUM"},
		{"第二轮", "'=已有引号", "'0391", "逗号,分号;制表\t符", "0"},
		{"第三轮", "𠀀㐀€", "", "", ""},
	}
	for _, ext := range []string{".csv", ".xlsx", ".CSV", ".XLSX"} {
		t.Run(ext, func(t *testing.T) { checkRoundTrip(t, "第3轮结果"+ext, header, rows) })
	}
}

// TestRoundTripRandom writes random tables of awkward text and reads them back. It runs a few
// tables normally and many under PHONEAUDIT_SOAK=1.
func TestRoundTripRandom(t *testing.T) {
	n := 20
	if os.Getenv("PHONEAUDIT_SOAK") == "1" {
		n = 1000
	}
	rng := rand.New(rand.NewPCG(1, 2))
	header := []string{"a", "b", "c"}
	for i := range n {
		rows := make([][]string, 1+rng.IntN(8))
		for r := range rows {
			rows[r] = []string{"x" + randomCell(rng), randomCell(rng), randomCell(rng)} // never a blank row
		}
		for _, ext := range []string{".csv", ".xlsx"} {
			checkRoundTrip(t, "t"+ext, header, rows)
			if t.Failed() {
				t.Fatalf("table %d: %q", i, rows)
			}
		}
	}
}

// cellAlphabet mixes the characters that trouble CSV, spreadsheets and encodings.
var cellAlphabet = []rune("aZ09 ,;\"'\n=+-@\u3000市教育局办公室€𠀀（）－")

// randomCell is a short cell of cellAlphabet, trimmed the way the reader trims.
func randomCell(rng *rand.Rand) string {
	b := make([]rune, rng.IntN(12))
	for i := range b {
		b[i] = cellAlphabet[rng.IntN(len(cellAlphabet))]
	}
	return trimCell(string(b))
}
