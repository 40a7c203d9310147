package tabular

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"phoneaudit/internal/fault"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
)

// maxUnzipSize bounds the unpacked size of a workbook, so that a small zip that unpacks to
// gigabytes is refused instead of filling the disk and memory.
const maxUnzipSize = 512 << 20

// ReadXLSX reads the first worksheet of an Excel .xlsx workbook and returns its data rows
// under the header row; see Read. Cells are read as Excel displays them, so a number formatted
// "00000000000" or stored as text keeps its leading 0, and a merged cell counts for every row
// and column it covers. name is the file name used in messages.
func ReadXLSX(r io.Reader, name string, cols []Column) (records []Record, err error) {
	data, err := readAllLimited(r, name)
	if err != nil {
		return nil, err
	}
	defer func() {
		// excelize parses zip and XML from outside; a malformed file must give an error the
		// clerk can act on, never bring the program down.
		if p := recover(); p != nil {
			records, err = nil, fmt.Errorf("%s: not a readable Excel .xlsx file (%v)", name, p)
		}
	}()
	f, err := openWorkbook(data, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, fault.New(nil, "%s: not an Excel .xlsx file (it has no worksheet)", name)
	}
	return readSheet(f, name, sheets[0], cols)
}

// openWorkbook opens data as a workbook, telling apart the files clerks most often mistake
// for one.
func openWorkbook(data []byte, name string) (*excelize.File, error) {
	if bytes.HasPrefix(data, oleMagic) {
		return nil, fault.New(nil, "%s: an old Excel .xls file or a workbook with a password; in Excel save it as .xlsx without a password", name)
	}
	if !bytes.HasPrefix(data, zipMagic) {
		return nil, fault.New(nil, "%s: not an Excel .xlsx file", name)
	}
	if !hasWorkbookParts(data) {
		return nil, fault.New(nil, "%s: not an Excel .xlsx file (a zip archive of something else)", name)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipSize})
	if err != nil {
		if f != nil {
			f.Close() // removes any temporary files it unpacked
		}
		return nil, fmt.Errorf("%s: not an Excel .xlsx file, or a damaged one (%w)", name, err)
	}
	return f, nil
}

// hasWorkbookParts reports whether the zip archive data holds the xl/ folder of a workbook.
// Other zips (a .docx, photos) otherwise fail deep inside excelize with a bare "EOF". A zip
// that cannot be read at all is left for excelize to describe.
func hasWorkbookParts(data []byte) bool {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return true
	}
	return slices.ContainsFunc(zr.File, func(f *zip.File) bool { return strings.HasPrefix(strings.ToLower(f.Name), "xl/") })
}

// readSheet feeds the rows of one worksheet to a table.
func readSheet(f *excelize.File, name, sheet string, cols []Column) ([]Record, error) {
	merged, err := mergedRanges(f, sheet)
	if err != nil {
		return nil, fault.New(err, "%s: cannot read sheet %s", name, sheet)
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, fault.New(err, "%s: cannot read sheet %s", name, sheet)
	}
	defer rows.Close()
	t := newTable(name, sheet, columnLetter, cols)
	// Rows.Next steps through every row number, empty ones included, so line is the row number.
	for line := 1; rows.Next(); line++ {
		cells, err := rows.Columns()
		if err != nil {
			return nil, fault.New(err, "%s line %d: cannot read the row", name, line)
		}
		if t.haveHeader() { // a header cell merged across columns must not name two columns
			cells = fillMerged(merged, line, cells, t.lastColumn())
		}
		before := len(t.records)
		if err := t.add(line, cells); err != nil {
			return nil, err
		}
		if len(t.records) > before {
			if err := checkDigits(f, t, sheet, line); err != nil {
				return nil, err
			}
			visible, err := f.GetRowVisible(sheet, line)
			if err != nil {
				return nil, fault.New(err, "%s line %d: cannot read the row", name, line)
			}
			t.records[len(t.records)-1].Hidden = !visible
		}
	}
	if err := rows.Error(); err != nil {
		return nil, fault.New(err, "%s: cannot read sheet %s", name, sheet)
	}
	return t.finish()
}

// maxLostZero is the most digits a number that stands for a code may have and still have lost a
// leading 0: a landline with its area code is 11 digits written with its 0, so 10 without it.
const maxLostZero = 10

// checkDigits refuses the last record read when a Digits column of it is a number cell that
// Excel shows without a leading 0 it must have had (see Column.Digits).
func checkDigits(f *excelize.File, t *table, sheet string, line int) error {
	rec := t.records[len(t.records)-1]
	for k, c := range t.cols {
		v, i := rec.Values[c.Key], t.at[k]
		if !c.Digits || i < 0 || v == "" || len(v) > maxLostZero || !allDigits(v) {
			continue
		}
		ref, err := excelize.CoordinatesToCellName(i+1, line)
		if err != nil {
			return err
		}
		typ, err := f.GetCellType(sheet, ref)
		if err != nil {
			return fault.New(err, "%s line %d: cannot read cell %s", t.name, line, ref)
		}
		// A number cell has no type or the type n; text is s, inlineStr or str.
		if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			continue
		}
		return &Message{File: t.name, Line: line,
			ZH: fmt.Sprintf("%s 在 %s 格存成了数字 %s，开头的 0 已经丢了：在 Excel 里把这一列设为“文本”，再照原样输入号码（例如 0%s）", c.label(), ref, v, v),
			EN: fmt.Sprintf("%s in cell %s is stored as the number %s, which lost its leading 0: in Excel format the column as Text and type the number again as written (e.g. 0%s)", c.label(), ref, v, v)}
	}
	return nil
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// columnLetter names the i-th (0-based) column as Excel does: A, B, … AA.
func columnLetter(i int) string {
	s, err := excelize.ColumnNumberToName(i + 1)
	if err != nil {
		return fmt.Sprint(i + 1)
	}
	return s
}

// mergeRange is a merged block of cells (1-based, inclusive) and the value Excel shows in it.
type mergeRange struct {
	top, left, bottom, right int
	value                    string
}

func mergedRanges(f *excelize.File, sheet string) ([]mergeRange, error) {
	cells, err := f.GetMergeCells(sheet)
	if err != nil {
		return nil, err
	}
	ranges := make([]mergeRange, 0, len(cells))
	for _, c := range cells {
		left, top, err := excelize.CellNameToCoordinates(c.GetStartAxis())
		if err != nil {
			return nil, err
		}
		right, bottom, err := excelize.CellNameToCoordinates(c.GetEndAxis())
		if err != nil {
			return nil, err
		}
		ranges = append(ranges, mergeRange{top, left, bottom, right, c.GetCellValue()})
	}
	return ranges, nil
}

// fillMerged gives every cell of row that lies in a merged block the block's value: a 单位
// merged down beside its 科室 rows is meant for each of them. Only columns up to lastCol
// (0-based) are filled; the others are not read.
func fillMerged(ranges []mergeRange, row int, cells []string, lastCol int) []string {
	for _, m := range ranges {
		if row < m.top || row > m.bottom {
			continue
		}
		for col := m.left; col <= min(m.right, lastCol+1); col++ {
			if row == m.top && col == m.left {
				continue // holds the value itself
			}
			for len(cells) < col {
				cells = append(cells, "")
			}
			cells[col-1] = m.value
		}
	}
	return cells
}
