package tabular

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"phoneaudit/internal/fault"
	"strconv"
	"strings"
)

// ReadCSV reads a CSV table (UTF-8, UTF-8 with BOM, or GBK/GB18030) and returns its data rows
// under the header row; see Read. name is the file name used in messages.
func ReadCSV(r io.Reader, name string, cols []Column) ([]Record, error) {
	data, err := readAllLimited(r, name)
	if err != nil {
		return nil, err
	}
	if err := sniffCSV(data, name); err != nil {
		return nil, err
	}
	text, err := Decode(data, name)
	if err != nil {
		return nil, err
	}
	if !strings.Contains(text, "\n") {
		// Old Mac line ends (CR alone), which encoding/csv takes for one long line.
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = separator(text)
	cr.FieldsPerRecord = -1    // rows of a hand-edited list differ in length
	cr.TrimLeadingSpace = true // lets `a, "b"` parse; every cell is trimmed anyway
	cr.ReuseRecord = true
	t := newTable(name, "", func(i int) string { return strconv.Itoa(i + 1) }, cols)
	for {
		cells, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(err, text, name)
		}
		line, _ := cr.FieldPos(0)
		if err := t.add(line, cells); err != nil {
			return nil, err
		}
	}
	return t.finish()
}

// separator is the file's separator: the semicolon when the lines where the header may stand
// hold more semicolons than commas outside quotes (Excel in a European locale saves "CSV" so),
// else the comma.
func separator(text string) rune {
	commas, semicolons, lines := 0, 0, 0
	for line := range strings.SplitSeq(text, "\n") {
		if lines++; lines > maxHeaderLine {
			break
		}
		quoted := false
		for _, r := range line {
			switch {
			case r == '"':
				quoted = !quoted
			case quoted:
			case r == ',':
				commas++
			case r == ';':
				semicolons++
			}
		}
	}
	if semicolons > commas {
		return ';'
	}
	return ','
}

// sniffCSV recognises files that are not CSV text at all but are commonly saved or renamed as
// .csv, so that the clerk learns what to do instead of reading "invalid GB18030 bytes".
func sniffCSV(data []byte, name string) error {
	switch {
	case bytes.HasPrefix(data, zipMagic):
		return fault.New(nil, "%s: this is an Excel workbook, not CSV text; name it .xlsx", name)
	case bytes.HasPrefix(data, oleMagic):
		return fault.New(nil, "%s: this is an old Excel .xls workbook, not CSV text; in Excel save it as CSV or .xlsx", name)
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return fault.New(nil, "%s: the file is UTF-16 text (Excel's \"Unicode text\"); in Excel save it as \"CSV UTF-8\"", name)
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return fault.New(nil, "%s line %d: a NUL byte; this is not a CSV text file", name, lineAt(data, i))
	}
	return nil
}

// csvError says in plain words what encoding/csv found wrong, and on which line.
func csvError(err error, text, name string) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return fault.New(err, "%s: cannot read CSV", name)
	}
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return fault.New(nil, "%s line %d: a \" inside a cell that does not start with \"; put the whole cell in quotes and double the \" (\"\")", name, pe.Line)
	case errors.Is(pe.Err, csv.ErrQuote) && !quoteAt(text, pe.Line, pe.Column):
		// encoding/csv reports a quote never closed as ErrQuote at the end of the input;
		// the line the record started on is where the clerk has to look.
		return fault.New(nil, "%s line %d: unterminated quote (a cell opens with \" that is never closed)", name, pe.StartLine)
	case errors.Is(pe.Err, csv.ErrQuote):
		return fault.New(nil, "%s line %d: a \" inside a quoted cell must be doubled (\"\")", name, pe.Line)
	}
	return fault.New(pe.Err, "%s line %d", name, pe.Line)
}

// quoteAt reports whether text has a '"' at the 1-based line and byte column that a
// csv.ParseError names. A misplaced closing quote is reported where it stands; a quote never
// closed is reported past the end of the input, where there is no '"'.
func quoteAt(text string, line, col int) bool {
	start := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(text[start:], '\n')
		if i < 0 {
			return false
		}
		start += i + 1
	}
	off := start + col - 1
	return col >= 1 && off < len(text) && text[off] == '"'
}

// WriteCSV writes a header row and rows as UTF-8 CSV with CRLF line ends (RFC 4180, which is
// also what Excel writes; every CSV reader takes them), each cell defused by GuardCell. bom
// puts a UTF-8 BOM first, without which Excel takes Chinese text for the local code page.
func WriteCSV(w io.Writer, header []string, rows [][]string, bom bool) error {
	if bom {
		if _, err := w.Write(utf8BOM); err != nil {
			return fault.New(err, "writing CSV")
		}
	}
	cw := csv.NewWriter(w) // buffered inside
	cw.UseCRLF = true
	guarded := make([]string, 0, len(header))
	writeRow := func(row []string) error {
		guarded = guarded[:0]
		for _, cell := range row {
			guarded = append(guarded, GuardCell(cell))
		}
		return cw.Write(guarded)
	}
	if err := writeRow(header); err != nil {
		return fault.New(err, "writing CSV")
	}
	for _, row := range rows {
		if err := writeRow(row); err != nil {
			return fault.New(err, "writing CSV")
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fault.New(err, "writing CSV")
	}
	return nil
}
