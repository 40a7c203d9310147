package tabular

import (
	"io"
	"phoneaudit/internal/fault"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/charmbracelet/x/ansi"
	"github.com/xuri/excelize/v2"
)

const (
	minColumnWidth = 6
	maxColumnWidth = 60 // wider and a column of long notes pushes the rest off the screen
)

// WriteXLSX writes a header row and rows as a one-sheet Excel workbook. The header is bold on
// a fill and stays in view when scrolling; columns are as wide as their widest cell (Chinese
// counting double) up to a limit; every cell is text, so "0391…" keeps its 0, and defused by
// GuardCell.
func WriteXLSX(w io.Writer, sheet string, header []string, rows [][]string) error {
	return WriteXLSXTyped(w, sheet, header, rows, nil)
}

// WriteXLSXTyped is WriteXLSX with numeric[i] marking column i as numbers: its cells that are
// plain decimal numbers ("12", "-3.5") are written as numbers, so Excel can sum and sort them.
// Other cells of those columns, such as "" or "—", stay text.
func WriteXLSXTyped(w io.Writer, sheet string, header []string, rows [][]string, numeric []bool) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := fillSheet(f, sheetName(sheet), header, rows, numeric); err != nil {
		return fault.New(err, "writing Excel workbook")
	}
	if err := f.Write(w); err != nil {
		return fault.New(err, "writing Excel workbook")
	}
	return nil
}

// fillSheet lays the table out on the new workbook's only sheet, renamed to sheet. It uses the
// plain cell API rather than a StreamWriter: exports are thousands of rows, not millions, and
// the stream writer leaves the column widths out of the order Excel expects.
func fillSheet(f *excelize.File, sheet string, header []string, rows [][]string, numeric []bool) error {
	if first := f.GetSheetName(0); first != sheet {
		if err := f.SetSheetName(first, sheet); err != nil {
			return err
		}
	}
	// Excel shows the line breaks of a cell (a call log, notes) only when it wraps.
	wrapStyle, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	if err := setRow(f, sheet, 1, header, nil, wrapStyle); err != nil {
		return err
	}
	for r, row := range rows {
		if err := setRow(f, sheet, r+2, row, numeric, wrapStyle); err != nil {
			return err
		}
	}
	if err := styleHeader(f, sheet, len(header)); err != nil {
		return err
	}
	for i, width := range columnWidths(header, rows) {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, width); err != nil {
			return err
		}
	}
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// setRow writes the cells of row number r (1-based).
func setRow(f *excelize.File, sheet string, r int, cells []string, numeric []bool, wrapStyle int) error {
	for i, s := range cells {
		ref, err := excelize.CoordinatesToCellName(i+1, r)
		if err != nil {
			return err
		}
		c := dataCell(s, i < len(numeric) && numeric[i], wrapStyle)
		if err := f.SetCellValue(sheet, ref, c.Value); err != nil {
			return err
		}
		if c.StyleID != 0 {
			if err := f.SetCellStyle(sheet, ref, ref, c.StyleID); err != nil {
				return err
			}
		}
	}
	return nil
}

// styleHeader makes the first n cells of row 1 bold on a light fill.
func styleHeader(f *excelize.File, sheet string, n int) error {
	if n == 0 {
		return nil
	}
	style, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Vertical: "center"},
	})
	if err != nil {
		return err
	}
	last, err := excelize.CoordinatesToCellName(n, 1)
	if err != nil {
		return err
	}
	return f.SetCellStyle(sheet, "A1", last, style)
}

// plainNumber is a decimal number that Excel shows exactly as written: no leading zero that
// would be lost (a phone number), no more digits than a double holds.
var plainNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]{0,14})(\.[0-9]{1,6})?$`)

// dataCell is one cell of a data row: a number when the column is numeric and the text is a
// plain number, text otherwise.
func dataCell(s string, numeric bool, wrapStyle int) excelize.Cell {
	if numeric && plainNumber.MatchString(s) {
		if v, err := strconv.ParseFloat(s, 64); err == nil {
			return excelize.Cell{Value: v}
		}
	}
	c := excelize.Cell{Value: GuardCell(s)}
	if strings.Contains(s, "\n") {
		c.StyleID = wrapStyle
	}
	return c
}

// columnWidths is the display width of the widest line in each column, Chinese counting two,
// with a little room, within [minColumnWidth, maxColumnWidth].
func columnWidths(header []string, rows [][]string) []float64 {
	var widths []float64
	measure := func(row []string) {
		for i, cell := range row {
			for i >= len(widths) {
				widths = append(widths, minColumnWidth)
			}
			for line := range strings.SplitSeq(cell, "\n") {
				w := float64(ansi.StringWidth(line) + 2)
				widths[i] = min(max(widths[i], w), maxColumnWidth)
			}
		}
	}
	measure(header)
	for _, row := range rows {
		measure(row)
	}
	return widths
}

// sheetName makes s a name Excel accepts for a sheet: none of : \ / ? * [ ], no ' at either
// end, at most 31 UTF-16 units, not empty.
func sheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '_'
		}
		return r
	}, s)
	s = strings.Trim(trimCell(s), "'")
	var b strings.Builder
	units := 0
	for _, r := range s {
		if units += utf16.RuneLen(r); units > 31 {
			break
		}
		b.WriteRune(r)
	}
	if s = strings.TrimRight(b.String(), "'"); s == "" {
		return "Sheet1"
	}
	return s
}
