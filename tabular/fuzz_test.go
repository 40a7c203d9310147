package tabular

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// The fuzz targets check that no input makes the readers panic, and that every error is one
// line naming the file. Without -fuzz they run their seeds as ordinary tests.

// checkFuzzError fails on an error that does not name the file or spans lines.
func checkFuzzError(t *testing.T, err error, name string) {
	t.Helper()
	if err == nil {
		return
	}
	if msg := err.Error(); !strings.Contains(msg, name) || strings.Contains(msg, "\n") {
		t.Fatalf("error does not name %s on one line: %q", name, msg)
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range []string{"单位,科室\n", "\uFEFF单位\n", "a\xB5,\n", "\xFF", "\x81\x30\x20\x30", "甲\xE5\n"} {
		f.Add([]byte(s))
	}
	f.Add(gb(f, "市教育局,办公室\r\n€𠀀\uFFFD"))
	f.Fuzz(func(t *testing.T, data []byte) {
		text, err := Decode(data, "f.csv")
		checkFuzzError(t, err, "f.csv")
		if err != nil {
			return
		}
		if !utf8.ValidString(text) {
			t.Fatalf("Decode returned invalid UTF-8 %q", text)
		}
		// A U+FFFD out must have been one in: never a silent replacement.
		if strings.ContainsRune(text, utf8.RuneError) &&
			!bytes.Contains(data, []byte("\uFFFD")) && !bytes.Contains(data, gbReplacement) {
			t.Fatalf("Decode(%q) made up a U+FFFD: %q", data, text)
		}
	})
}

func FuzzReadCSV(f *testing.F) {
	for _, s := range []string{
		"单位,科室,电话\n市教育局,办公室,1\n",
		"标题\n\n单位,科室\n\"市教育局\n本部\",\"办\"\"公室\"\n",
		"单位,科室\n市公安局,\"户政科\n",
		"单位,科室\n市公安局,户政\"科\n",
		"'单位,\u3000科室\u3000\n'=1,'+2\n",
		"Department,OFFICE\r\nx,y\r\n",
		"PK\x03\x04",
		"\xFF\xFEa\x00",
	} {
		f.Add([]byte(s))
	}
	f.Add(gb(f, "单位,科室\r\n市教育局,办公室\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, err := ReadCSV(bytes.NewReader(data), "f.csv", officeCols)
		checkFuzzError(t, err, "f.csv")
		last := 1
		for _, r := range recs {
			if r.Line <= last {
				t.Fatalf("record lines not increasing: %d after %d", r.Line, last)
			}
			last = r.Line
			if r.Values["dept"]+r.Values["office"]+r.Values["phone"] == "" {
				t.Fatalf("line %d: a blank record was kept", r.Line)
			}
		}
	})
}

func FuzzReadXLSX(f *testing.F) {
	f.Add(workbook(f, "名单", func(x *excelize.File, s string) {
		setRows(f, x, s, 1, []any{"名单"}, []any{"单位", "科室", "电话"}, []any{"市教育局", "办公室", 3913500814})
		must(f, x.MergeCell(s, "A1", "C1"))
	}))
	f.Add(workbook(f, "Sheet1", func(*excelize.File, string) {}))
	f.Add(zipOf(f, map[string]string{"xl/workbook.xml": "<workbook/>", "[Content_Types].xml": "<Types/>"}))
	f.Add(zipOf(f, map[string]string{"readme.txt": "hello"}))
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte(oleMagic))
	f.Add([]byte("单位,科室\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := ReadXLSX(bytes.NewReader(data), "f.xlsx", officeCols)
		checkFuzzError(t, err, "f.xlsx")
	})
}
