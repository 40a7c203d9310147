package tabular

import (
	"bytes"
	"strings"
	"testing"
)

func TestReadCSV(t *testing.T) {
	tests := []struct {
		name    string
		data    []byte
		cols    []Column // officeCols when nil
		want    []Record
		wantErr string
	}{
		{
			name: "utf-8",
			data: []byte("单位,科室,电话\n市教育局,办公室,0391-3500814\n市公安局,户政科,0391-3500815\n"),
			want: []Record{rec(2, "市教育局", "办公室", "0391-3500814"), rec(3, "市公安局", "户政科", "0391-3500815")},
		},
		{
			name: "utf-8 with BOM",
			data: []byte("\uFEFF单位,科室\n市教育局,办公室\n"),
			want: []Record{rec(2, "市教育局", "办公室", "")},
		},
		{
			name: "gb18030",
			data: gb(t, "单位,科室,电话\r\n市教育局,办公室,0391-3500814\r\n"),
			want: []Record{rec(2, "市教育局", "办公室", "0391-3500814")},
		},
		{
			name: "english headers in any case, columns in another order, unknown ones ignored",
			data: []byte("Phone,OFFICE,Remarks,department\n0391-1,Office,x,Education Bureau\n"),
			want: []Record{rec(2, "Education Bureau", "Office", "0391-1")},
		},
		{
			name: "title rows above the header",
			data: []byte("2024年第一轮电话测评名单,,\n制表：市政务服务中心,,\n,,\n单位,科室,电话\n市教育局,办公室,1\n"),
			want: []Record{rec(5, "市教育局", "办公室", "1")},
		},
		{
			name: "a title that names one column is not the header",
			data: []byte("各单位电话名单\n单位：市政府\n单位,科室\n市教育局,办公室\n"),
			want: []Record{rec(4, "市教育局", "办公室", "")},
		},
		{
			name: "header cells with ', full-width spaces, * and full-width letters",
			data: []byte("'单位,\u3000科室\u3000,*ｐｈｏｎｅ\n市教育局,办公室,1\n"),
			want: []Record{rec(2, "市教育局", "办公室", "1")},
		},
		{
			name: "blank lines and rows of empty cells are skipped, lines still counted",
			data: []byte("单位,科室\n\n市教育局,办公室\n , \n,,,\n\r\n市公安局,户政科\n"),
			want: []Record{rec(3, "市教育局", "办公室", ""), rec(7, "市公安局", "户政科", "")},
		},
		{
			name: "a row with only an unknown column filled is skipped",
			data: []byte("单位,科室,备注\n市教育局,办公室,\n,,注：以上为全部单位\n"),
			want: []Record{rec(2, "市教育局", "办公室", "")},
		},
		{
			name: "multi-line quoted cells: each record keeps the line it starts on",
			data: []byte("单位,科室,电话\r\n\"市教育局\r\n（本部）\",办公室,1\r\n市公安局,\"户政科\n\n二楼\",2\r\n市民政局,婚登处,3\r\n"),
			want: []Record{
				rec(2, "市教育局\n（本部）", "办公室", "1"),
				rec(4, "市公安局", "户政科\n\n二楼", "2"),
				rec(7, "市民政局", "婚登处", "3"),
			},
		},
		{
			name: "cells trimmed and the formula guard undone",
			data: []byte("单位,科室,电话\n\u3000市教育局 ,'=办公室,'+86 391 3500814\n'市公安局,''-x,'abc\n"),
			want: []Record{rec(2, "市教育局", "=办公室", "+86 391 3500814"), rec(3, "'市公安局", "'-x", "'abc")},
		},
		{
			name: "short rows leave the missing cells empty",
			data: []byte("单位,科室,电话\n市教育局,办公室\n"),
			want: []Record{rec(2, "市教育局", "办公室", "")},
		},
		{
			name: "spaces before a quoted cell",
			data: []byte("单位, 科室\n市教育局, \"办公室,二楼\"\n"),
			want: []Record{rec(2, "市教育局", "办公室,二楼", "")},
		},
		{
			name: "header only",
			data: []byte("单位,科室\n"),
			want: nil,
		},
		{
			name: "no required columns: the first row naming one is the header",
			data: []byte("名单\n电话\n1\n"),
			cols: []Column{{Key: "phone", Names: []string{"电话"}}},
			want: []Record{{Line: 3, Values: map[string]string{"phone": "1"}}},
		},
		{
			name:    "no header row, and the nearest miss",
			data:    []byte("名单\n单位,电话\n市教育局,1\n"),
			wantErr: "offices.csv: no header row with 单位 and 科室 in the first 30 lines (line 2 has 单位 and 电话 but not 科室)",
		},
		{
			name:    "no header row at all",
			data:    []byte("a,b\n1,2\n"),
			wantErr: "offices.csv: no header row with 单位 and 科室 in the first 30 lines",
		},
		{
			name:    "header below line 30",
			data:    []byte(strings.Repeat("标题\n", 30) + "单位,科室\n市教育局,办公室\n"),
			wantErr: "offices.csv: no header row with 单位 and 科室 in the first 30 lines",
		},
		{
			name:    "two columns for one key",
			data:    []byte("单位,科室,电话,phone\n"),
			wantErr: "offices.csv line 1: columns 3 and 4 are both 电话",
		},
		{
			name:    "empty file",
			data:    []byte(""),
			wantErr: "offices.csv: the file is empty",
		},
		{
			name:    "only blank lines",
			data:    []byte("\uFEFF\r\n,,\r\n"),
			wantErr: "offices.csv: the file is empty",
		},
		{
			name:    "unterminated quote",
			data:    []byte("单位,科室\n" + strings.Repeat("市教育局,办公室\n", 10) + "市公安局,\"户政科\n市民政局,婚登处\n"),
			wantErr: "offices.csv line 12: unterminated quote",
		},
		{
			name:    "unterminated quote at the end without newline",
			data:    []byte("单位,科室\n市公安局,\"户政科"),
			wantErr: "offices.csv line 2: unterminated quote",
		},
		{
			name:    "quote inside an unquoted cell",
			data:    []byte("单位,科室\n市教育局,办公室\n市公安局,户政\"科\"\n"),
			wantErr: "offices.csv line 3: a \" inside a cell",
		},
		{
			name:    "undoubled quote inside a quoted cell",
			data:    []byte("单位,科室\r\n市教育局,办公室\r\n市公安局,\"户政\"科\"\r\n"),
			wantErr: "offices.csv line 3: a \" inside a quoted cell must be doubled",
		},
		{
			name:    "undoubled quote on the last line",
			data:    []byte("单位,科室\n市公安局,\"户政\"科\""),
			wantErr: "offices.csv line 2: a \" inside a quoted cell must be doubled",
		},
		{
			name:    "invalid GB18030 bytes",
			data:    append(gb(t, "单位,科室\n1,2\n3,4\n5,6\n7,8\n9,10\n"), append([]byte{0x81, 0x20}, gb(t, "市教育局,办公室\n")...)...),
			wantErr: "offices.csv line 7: invalid GB18030 bytes",
		},
		{
			name:    "an xlsx named .csv",
			data:    []byte("PK\x03\x04rest of a zip"),
			wantErr: "offices.csv: this is an Excel workbook, not CSV text; name it .xlsx",
		},
		{
			name:    "an old xls named .csv",
			data:    append([]byte(oleMagic), 0, 0, 0),
			wantErr: "offices.csv: this is an old Excel .xls workbook",
		},
		{
			name:    "UTF-16",
			data:    []byte{0xFF, 0xFE, 'a', 0, ',', 0},
			wantErr: "offices.csv: the file is UTF-16 text",
		},
		{
			name:    "binary with NUL bytes",
			data:    []byte("单位,科室\n\x00\x01\x02"),
			wantErr: "offices.csv line 2: a NUL byte",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cols := tt.cols
			if cols == nil {
				cols = officeCols
			}
			got, err := ReadCSV(bytes.NewReader(tt.data), "offices.csv", cols)
			checkResult(t, got, err, tt.want, tt.wantErr)
		})
	}
}

// TestReadCSVHugeField checks that a 10 MB cell, in either encoding, is read through and refused
// with its line: no imported list holds such a cell.
func TestReadCSVHugeField(t *testing.T) {
	huge := strings.Repeat("长", 10<<20/3)
	half := strings.Repeat("长长\n", 10<<20/7)
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"utf-8 quoted with newlines", []byte("单位,科室\n市教育局,\"" + half + "\"\n")},
		{"gb18030 unquoted", gb(t, "单位,科室\n市教育局,"+huge+"\n")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadCSV(bytes.NewReader(tc.data), "big.csv", officeCols)
			if err == nil || !strings.Contains(err.Error(), "big.csv line 2") || !strings.Contains(err.Error(), "科室") {
				t.Fatalf("a 10 MB cell: %v", err)
			}
		})
	}
}

func TestWriteCSV(t *testing.T) {
	tests := []struct {
		name   string
		header []string
		rows   [][]string
		bom    bool
		want   string
	}{
		{
			name:   "bom, crlf, quoting and the formula guard",
			header: []string{"单位", "电话", "备注"},
			rows: [][]string{
				{"市教育局", "0391-3500814", "=HYPERLINK(\"x\")"},
				{"市公安局", "+86 391", "两行\n备注, 逗号"},
				{"@x", "-1", ""},
			},
			bom: true,
			want: "\uFEFF单位,电话,备注\r\n" +
				"市教育局,0391-3500814,\"'=HYPERLINK(\"\"x\"\")\"\r\n" +
				"市公安局,'+86 391,\"两行\r\n备注, 逗号\"\r\n" +
				"'@x,'-1,\r\n",
		},
		{
			name:   "no bom for standard output",
			header: []string{"name"},
			rows:   [][]string{{"张三"}},
			want:   "name\r\n张三\r\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteCSV(&buf, tt.header, tt.rows, tt.bom); err != nil {
				t.Fatal(err)
			}
			if got := buf.String(); got != tt.want {
				t.Fatalf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestReadCSVSeparatorsAndLineEnds: a list saved with semicolons (Excel in a European locale)
// and one with old Mac line ends (CR alone) are read as any other.
func TestReadCSVSeparatorsAndLineEnds(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want []Record
	}{
		{"semicolons", []byte("单位;科室;电话\n市教育局;办公室;0391-3500814\n市公安局;\"户政科;一室\";0391-3500815\n"),
			[]Record{rec(2, "市教育局", "办公室", "0391-3500814"), rec(3, "市公安局", "户政科;一室", "0391-3500815")}},
		{"semicolons under a title with a comma", []byte("\"2026年名单,第一轮\"\n单位;科室\n市教育局;办公室\n"),
			[]Record{rec(3, "市教育局", "办公室", "")}},
		{"semicolons in GB18030 with CRLF", gb(t, "单位;科室;电话\r\n市教育局;办公室;1\r\n"),
			[]Record{rec(2, "市教育局", "办公室", "1")}},
		{"commas with a semicolon in a cell", []byte("单位,科室,电话\n市教育局,办公室;一室,1\n"),
			[]Record{rec(2, "市教育局", "办公室;一室", "1")}},
		{"CR line ends", []byte("单位,科室,电话\r市教育局,办公室,1\r市公安局,户政科,2\r"),
			[]Record{rec(2, "市教育局", "办公室", "1"), rec(3, "市公安局", "户政科", "2")}},
		{"CR line ends and semicolons", []byte("单位;科室\r市教育局;办公室\r"),
			[]Record{rec(2, "市教育局", "办公室", "")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadCSV(bytes.NewReader(tt.data), "offices.csv", officeCols)
			checkResult(t, got, err, tt.want, "")
		})
	}
}
