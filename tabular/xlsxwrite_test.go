package tabular

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// writtenWorkbook writes a table with WriteXLSXTyped and opens the result for inspection.
func writtenWorkbook(t *testing.T, sheet string, header []string, rows [][]string, numeric []bool) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	must(t, WriteXLSXTyped(&buf, sheet, header, rows, numeric))
	f, err := excelize.OpenReader(&buf)
	must(t, err)
	t.Cleanup(func() { f.Close() })
	return f
}

func TestWriteXLSXLayout(t *testing.T) {
	header := []string{"单位", "电话", "问题描述", "x"}
	rows := [][]string{
		{"市人力资源和社会保障局", "03913500814", "=HYPERLINK(\"http://x\")", ""},
		{"市教育局", "+86 391", strings.Repeat("很长的备注", 30), ""},
		{"市公安局", "1", "第一次：无人接听\n第二次：占线", ""},
	}
	f := writtenWorkbook(t, "第3轮", header, rows, nil)
	const s = "第3轮"
	if got := f.GetSheetList(); len(got) != 1 || got[0] != s {
		t.Fatalf("sheets %v, want [%s]", got, s)
	}

	cells := map[string]string{
		"A1": "单位", "B2": "03913500814", "C2": "'=HYPERLINK(\"http://x\")", "B3": "'+86 391",
		"C4": "第一次：无人接听\n第二次：占线", "D2": "",
	}
	for ref, want := range cells {
		got, err := f.GetCellValue(s, ref)
		must(t, err)
		if got != want {
			t.Errorf("%s = %q, want %q", ref, got, want)
		}
	}
	for _, ref := range []string{"B2", "B4"} {
		if typ, _ := f.GetCellType(s, ref); typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
			t.Errorf("%s is of type %v, want a string so that no 0 is lost", ref, typ)
		}
	}

	widths := map[string]float64{
		"A": 11*2 + 2, // the longest 单位 is 11 Chinese characters
		"B": 13,       // "03913500814" and 2 of room
		"C": maxColumnWidth,
		"D": minColumnWidth,
	}
	for col, want := range widths {
		got, err := f.GetColWidth(s, col)
		must(t, err)
		if got != want {
			t.Errorf("width of column %s = %v, want %v", col, got, want)
		}
	}

	panes, err := f.GetPanes(s)
	must(t, err)
	if !panes.Freeze || panes.YSplit != 1 || panes.XSplit != 0 {
		t.Errorf("panes %+v, want the first row frozen", panes)
	}

	style := cellStyle(t, f, s, "B1")
	if style.Font == nil || !style.Font.Bold || len(style.Fill.Color) == 0 {
		t.Errorf("header style %+v, want bold on a fill", style)
	}
	if style := cellStyle(t, f, s, "C4"); style.Alignment == nil || !style.Alignment.WrapText {
		t.Errorf("a cell with line breaks must wrap")
	}
	if style := cellStyle(t, f, s, "A2"); style.Font != nil && style.Font.Bold {
		t.Errorf("data cells must not be bold")
	}
}

func cellStyle(t *testing.T, f *excelize.File, sheet, ref string) *excelize.Style {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	must(t, err)
	style, err := f.GetStyle(id)
	must(t, err)
	return style
}

func TestWriteXLSXTypedNumbers(t *testing.T) {
	header := []string{"得分", "电话"}
	rows := [][]string{{"62"}, {"-3.5", "0391"}, {""}, {"0391"}, {"1e5"}, {"—"}, {"12345678901234567"}}
	f := writtenWorkbook(t, "s", header, rows, []bool{true, false})
	tests := []struct {
		ref    string
		number bool
		value  string
	}{
		{"A2", true, "62"},
		{"A3", true, "-3.5"},
		{"B3", false, "0391"}, // not a numeric column
		{"A5", false, "0391"}, // a leading zero would be lost
		{"A6", false, "1e5"},
		{"A7", false, "—"},
		{"A8", false, "12345678901234567"}, // more digits than a double keeps
	}
	for _, tt := range tests {
		typ, err := f.GetCellType("s", tt.ref)
		must(t, err)
		if isNumber := typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber; isNumber != tt.number {
			t.Errorf("%s: type %v, want number=%v", tt.ref, typ, tt.number)
		}
		if got, _ := f.GetCellValue("s", tt.ref); got != tt.value {
			t.Errorf("%s = %q, want %q", tt.ref, got, tt.value)
		}
	}
}

func TestSheetName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"第3轮结果", "第3轮结果"},
		{"a/b:c?d*e[f]g\\h", "a_b_c_d_e_f_g_h"},
		{"'quoted'", "quoted"},
		{"", "Sheet1"},
		{"'''", "Sheet1"},
		{strings.Repeat("轮", 40), strings.Repeat("轮", 31)},
		{strings.Repeat("𠀀", 20), strings.Repeat("𠀀", 15)}, // two UTF-16 units each
	}
	for _, tt := range tests {
		if got := sheetName(tt.in); got != tt.want {
			t.Errorf("sheetName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
