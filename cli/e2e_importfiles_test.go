package cli

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestImportFilesAsClerksSaveThem: lists saved with semicolons or old Mac line ends are read, and
// an office list whose phone Excel stored as a number (its leading 0 lost) is refused with its
// line and cell, in the chosen language, writing nothing; an 11-digit mobile stored as a number
// is read as its digits.
func TestImportFilesAsClerksSaveThem(t *testing.T) {
	e := newEnv(t)
	db := e.path("t.db")
	out := e.ok("--db", db, "import", "offices", e.write("semi.csv", "单位;科室;电话\n市教育局;办公室;0391-3500814\n市公安局;户政科;0391-3500815\n"))
	if !strings.Contains(out, "已导入 2 个科室") {
		t.Errorf("the semicolon list: %s", out)
	}
	out = e.ok("--db", db, "import", "offices", e.write("mac.csv", "单位,科室,电话\r市民政局,婚登处,0391-3500816\r"))
	if !strings.Contains(out, "已导入 1 个科室") {
		t.Errorf("the CR list: %s", out)
	}

	numbers := func(name string, phone int) string {
		f := excelize.NewFile()
		defer f.Close()
		for _, row := range []struct {
			ref string
			v   []any
		}{{"A1", []any{"单位", "科室", "电话"}}, {"A2", []any{"市财政局", "办公室", phone}}} {
			if err := f.SetSheetRow("Sheet1", row.ref, &row.v); err != nil {
				t.Fatal(err)
			}
		}
		p := e.path(name)
		if err := f.SaveAs(p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	lost := numbers("lost.xlsx", 3913500817)
	msg := e.fails(exitFail, "--db", db, "import", "offices", lost)
	if !strings.Contains(msg, "lost.xlsx 第 2 行：电话 在 C2 格存成了数字 3913500817，开头的 0 已经丢了") {
		t.Errorf("in Chinese: %s", msg)
	}
	msg = e.fails(exitFail, "--db", db, "--lang", "en", "import", "offices", lost)
	if !strings.Contains(msg, "lost.xlsx line 2: 电话 in cell C2 is stored as the number 3913500817, which lost its leading 0") {
		t.Errorf("in English: %s", msg)
	}
	out = e.ok("--db", db, "import", "offices", numbers("mobile.xlsx", 13912345678))
	if !strings.Contains(out, "新增 1") {
		t.Errorf("the mobile number: %s", out)
	}
	list := e.ok("--db", db, "offices", "list", "--format", "csv")
	for _, want := range []string{"0391-3500814", "0391-3500816", "13912345678"} {
		if !strings.Contains(list, want) {
			t.Errorf("the offices do not have %s:\n%s", want, list)
		}
	}
	if strings.Contains(list, "3913500817") {
		t.Errorf("the refused list was imported:\n%s", list)
	}

	// Rows hidden in the workbook are imported, and the clerk is told which.
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range [][]any{{"单位", "科室", "电话"}, {"市税务局", "办公室", "0391-3500820"}, {"市税务局", "征管科", "0391-3500821"},
		{"市税务局", "纳税服务科", "0391-3500822"}} {
		ref, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", ref, &row); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SetRowVisible("Sheet1", 3, false); err != nil {
		t.Fatal(err)
	}
	hidden := e.path("hidden.xlsx")
	if err := f.SaveAs(hidden); err != nil {
		t.Fatal(err)
	}
	out = e.ok("--db", db, "import", "offices", hidden)
	if !strings.Contains(out, "已导入 3 个科室") || !strings.Contains(out, "注意：第 3 行在 Excel 中是隐藏的，也已导入") {
		t.Errorf("the list with a hidden row: %s", out)
	}
	out = e.ok("--db", db, "--lang", "en", "import", "offices", hidden)
	if !strings.Contains(out, "note: line 3 is hidden in the workbook and was imported all the same") {
		t.Errorf("in English: %s", out)
	}
}
