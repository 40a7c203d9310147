package tabular

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"phoneaudit/lang"
)

// workbook builds an .xlsx in memory: build fills its first sheet, named sheet.
func workbook(t testing.TB, sheet string, build func(f *excelize.File, sheet string)) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if sheet != "Sheet1" {
		if err := f.SetSheetName("Sheet1", sheet); err != nil {
			t.Fatal(err)
		}
	}
	build(f, sheet)
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// must fails the test on a setup error.
func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// setRows writes rows of strings starting at cell A<first>.
func setRows(t testing.TB, f *excelize.File, sheet string, first int, rows ...[]any) {
	t.Helper()
	for i, row := range rows {
		ref, _ := excelize.CoordinatesToCellName(1, first+i)
		must(t, f.SetSheetRow(sheet, ref, &row))
	}
}

func TestReadXLSX(t *testing.T) {
	tests := []struct {
		name    string
		data    func(t *testing.T) []byte
		want    []Record
		wantErr string
	}{
		{
			name: "numbers read as displayed: a leading 0 survives",
			data: func(t *testing.T) []byte {
				return workbook(t, "名单", func(f *excelize.File, s string) {
					setRows(t, f, s, 1, []any{"单位", "科室", "电话"})
					setRows(t, f, s, 2, []any{"市教育局", "办公室", 3913500814}, []any{"市公安局", "户政科", "03913500814"},
						[]any{"市民政局", "婚登处", 13912345678})
					format := "00000000000"
					style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &format})
					must(t, err)
					must(t, f.SetCellStyle(s, "C2", "C2", style))
				})
			},
			want: []Record{
				rec(2, "市教育局", "办公室", "03913500814"),
				rec(3, "市公安局", "户政科", "03913500814"),
				rec(4, "市民政局", "婚登处", "13912345678"),
			},
		},
		{
			name: "title rows, blank rows, English headers; lines are row numbers",
			data: func(t *testing.T) []byte {
				return workbook(t, "Sheet1", func(f *excelize.File, s string) {
					must(t, f.SetCellValue(s, "A1", "2024年第一轮电话测评名单"))
					must(t, f.MergeCell(s, "A1", "D1"))
					must(t, f.SetCellValue(s, "A2", "制表：市政务服务中心"))
					setRows(t, f, s, 4, []any{"Remarks", " Department ", "OFFICE", "'phone"})
					setRows(t, f, s, 5, []any{"x", "市教育局", "办公室", "1"})
					setRows(t, f, s, 8, []any{"", "市公安局", "'=户政科", "2"})
					setRows(t, f, s, 9, []any{"只有备注"})
				})
			},
			want: []Record{rec(5, "市教育局", "办公室", "1"), rec(8, "市公安局", "=户政科", "2")},
		},
		{
			name: "a merged 单位 counts for every row beside it",
			data: func(t *testing.T) []byte {
				return workbook(t, "Sheet1", func(f *excelize.File, s string) {
					setRows(t, f, s, 1, []any{"单位", "科室"})
					setRows(t, f, s, 2, []any{"市教育局", "办公室"}, []any{"", "人事科"}, []any{"市公安局", "户政科"})
					must(t, f.MergeCell(s, "A2", "A3"))
				})
			},
			want: []Record{rec(2, "市教育局", "办公室", ""), rec(3, "市教育局", "人事科", ""), rec(4, "市公安局", "户政科", "")},
		},
		{
			name: "only the first sheet is read",
			data: func(t *testing.T) []byte {
				return workbook(t, "第一", func(f *excelize.File, s string) {
					setRows(t, f, s, 1, []any{"单位", "科室"}, []any{"市教育局", "办公室"})
					_, err := f.NewSheet("第二")
					must(t, err)
					setRows(t, f, "第二", 1, []any{"单位", "科室"}, []any{"市公安局", "户政科"})
				})
			},
			want: []Record{rec(2, "市教育局", "办公室", "")},
		},
		{
			name: "no header row names the sheet",
			data: func(t *testing.T) []byte {
				return workbook(t, "名单", func(f *excelize.File, s string) {
					setRows(t, f, s, 1, []any{"单位", "电话"})
				})
			},
			wantErr: "offices.xlsx: no header row with 单位 and 科室 in the first 30 lines of sheet 名单 (line 1 has 单位 and 电话 but not 科室)",
		},
		{
			name: "a header merged across two columns is one column",
			data: func(t *testing.T) []byte {
				return workbook(t, "Sheet1", func(f *excelize.File, s string) {
					setRows(t, f, s, 1, []any{"单位", "科室", "电话"}, []any{"市教育局", "办公室", "1", "2"})
					must(t, f.MergeCell(s, "C1", "D1"))
				})
			},
			want: []Record{rec(2, "市教育局", "办公室", "1")},
		},
		{
			name: "two columns for one key are named by letter",
			data: func(t *testing.T) []byte {
				return workbook(t, "Sheet1", func(f *excelize.File, s string) {
					setRows(t, f, s, 2, []any{"单位", "科室", "电话", "Phone"})
				})
			},
			wantErr: "offices.xlsx line 2: columns C and D are both 电话; keep only one of them",
		},
		{
			name:    "empty sheet",
			data:    func(t *testing.T) []byte { return workbook(t, "空", func(*excelize.File, string) {}) },
			wantErr: "offices.xlsx: sheet 空 is empty",
		},
		{
			name:    "not a zip",
			data:    func(*testing.T) []byte { return []byte("单位,科室\n市教育局,办公室\n") },
			wantErr: "offices.xlsx: not an Excel .xlsx file",
		},
		{
			name:    "a zip of something else",
			data:    func(t *testing.T) []byte { return zipOf(t, map[string]string{"readme.txt": "hello"}) },
			wantErr: "offices.xlsx: not an Excel .xlsx file (a zip archive of something else)",
		},
		{
			name:    "a broken zip",
			data:    func(*testing.T) []byte { return []byte("PK\x03\x04\x14\x00\x00\x00broken") },
			wantErr: "offices.xlsx: not an Excel .xlsx file",
		},
		{
			name:    "an old .xls or a workbook with a password",
			data:    func(*testing.T) []byte { return append([]byte(oleMagic), make([]byte, 600)...) },
			wantErr: "offices.xlsx: an old Excel .xls file or a workbook with a password",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadXLSX(bytes.NewReader(tt.data(t)), "offices.xlsx", officeCols)
			checkResult(t, got, err, tt.want, tt.wantErr)
		})
	}
}

// zipOf builds a zip archive of the given files.
func zipOf(t testing.TB, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range files {
		w, err := zw.Create(name)
		must(t, err)
		_, err = w.Write([]byte(content))
		must(t, err)
	}
	must(t, zw.Close())
	return buf.Bytes()
}

// TestReadXLSXPhoneStoredAsNumber: a phone typed into Excel as a number loses its leading 0. In
// a Digits column, a number cell of 10 digits or fewer is refused with its line and cell; an
// 11-digit mobile number, a number formatted to show its 0, and text are read.
func TestReadXLSXPhoneStoredAsNumber(t *testing.T) {
	cols := []Column{officeCols[0], officeCols[1], {Key: "phone", Names: []string{"电话", "phone"}, Digits: true}}
	tests := []struct {
		name    string
		phone   any
		format  string
		want    string
		wantErr string
	}{
		{"a landline that lost its 0", 3913500814, "", "", "offices.xlsx line 2: 电话 in cell C2 is stored as the number 3913500814, which lost its leading 0"},
		{"a short number that lost its 0", 12345, "", "", "offices.xlsx line 2: 电话 in cell C2 is stored as the number 12345"},
		{"an 11-digit mobile", 13912345678, "", "13912345678", ""},
		{"a number formatted with its 0", 3913500814, "00000000000", "03913500814", ""},
		{"text", "3913500814", "", "3913500814", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := workbook(t, "名单", func(f *excelize.File, s string) {
				setRows(t, f, s, 1, []any{"单位", "科室", "电话"}, []any{"市教育局", "办公室", tt.phone})
				if tt.format != "" {
					style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &tt.format})
					must(t, err)
					must(t, f.SetCellStyle(s, "C2", "C2", style))
				}
			})
			got, err := ReadXLSX(bytes.NewReader(data), "offices.xlsx", cols)
			var want []Record
			if tt.wantErr == "" {
				want = []Record{rec(2, "市教育局", "办公室", tt.want)}
			}
			checkResult(t, got, err, want, tt.wantErr)
			var m *Message
			if tt.wantErr != "" && (!errors.As(err, &m) || !strings.HasPrefix(m.In(lang.ZH), "offices.xlsx 第 2 行：电话 在 C2 格存成了数字")) {
				t.Errorf("in Chinese: %v", err)
			}
		})
	}
}

// TestReadXLSXHiddenRows: rows hidden in the workbook are read, marked Hidden, so the importer
// can name them.
func TestReadXLSXHiddenRows(t *testing.T) {
	data := workbook(t, "名单", func(f *excelize.File, s string) {
		setRows(t, f, s, 1, []any{"单位", "科室"}, []any{"市教育局", "办公室"}, []any{"市公安局", "户政科"}, []any{"市民政局", "婚登处"})
		must(t, f.SetRowVisible(s, 3, false))
	})
	got, err := ReadXLSX(bytes.NewReader(data), "offices.xlsx", officeCols)
	if err != nil {
		t.Fatal(err)
	}
	var hidden []int
	for _, r := range got {
		if r.Hidden {
			hidden = append(hidden, r.Line)
		}
	}
	if len(got) != 3 || len(hidden) != 1 || hidden[0] != 3 {
		t.Errorf("read %d records, hidden lines %v; want 3 records, line 3 hidden:\n%s", len(got), hidden, formatRecords(got))
	}
}
