package tabular

import (
	"errors"
	"fmt"
	"phoneaudit/internal/fault"
	"strings"
	"unicode/utf8"
)

// Column describes one column an importer wants, found in the header by any of its names
// (Chinese or English; English compared case-insensitively; names trimmed; a header cell
// with a leading ' or surrounding full-width spaces still matches). The first name is the one
// used in messages.
type Column struct {
	Key      string
	Names    []string
	Required bool
	// Digits marks a code written with digits that may start with 0 (a phone number). In an
	// .xlsx, such a cell stored as a number of 10 digits or fewer has lost its leading 0 and is
	// refused with its line; 11 digits (a mobile number, which starts with 1) are read as they are.
	Digits bool
}

// Record is one data row: its line in the file (CSV: the 1-based physical line where the
// record starts; XLSX: the 1-based row number) and the trimmed value per Column.Key ("" when
// the column is absent or the cell empty). A ' that an export put before a formula character
// is already removed.
type Record struct {
	Line   int
	Values map[string]string
	// Hidden: the row is hidden in the workbook (hidden by hand, or by a filter). It is read all
	// the same, and the importer says so: a row nobody sees is still in the file.
	Hidden bool
}

// label is how messages call the column: its first name.
func (c Column) label() string {
	if len(c.Names) == 0 {
		return c.Key
	}
	return c.Names[0]
}

// maxHeaderLine is how far down the header row may stand: Excel lists carry a title, a date
// and a note or two above it, never pages of them.
const maxHeaderLine = 30

// table turns rows, one at a time, into Records: it looks for the header row among the first
// maxHeaderLine lines, then maps each data row's cells to column keys.
type table struct {
	name     string             // file name for messages
	sheet    string             // the worksheet read, "" for CSV
	cellName func(i int) string // how a clerk names the i-th (0-based) cell: "3" or "C"
	cols     []Column
	byName   map[string]int // headerKey of every name → index in cols

	at      []int     // per column, the index of its cell; nil until the header is found
	best    candidate // the row that came closest to being the header, for the error
	seen    bool      // a non-blank row was read
	records []Record
}

// candidate is a row that names some columns but lacks a required one.
type candidate struct {
	line    int
	found   []int
	matched int
}

func newTable(name, sheet string, cellName func(int) string, cols []Column) *table {
	t := &table{name: name, sheet: sheet, cellName: cellName, cols: cols, byName: map[string]int{}}
	for k, c := range cols {
		for _, n := range c.Names {
			if key := headerKey(n); key != "" {
				if _, taken := t.byName[key]; !taken {
					t.byName[key] = k
				}
			}
		}
	}
	return t
}

func (t *table) haveHeader() bool { return t.at != nil }

// lastColumn is the index of the rightmost cell a data row is read from.
func (t *table) lastColumn() int {
	last := -1
	for _, i := range t.at {
		last = max(last, i)
	}
	return last
}

// add takes the next row of the file. It fails when the header has not turned up in time,
// so that a reader can stop early on a file that is not the expected table at all.
func (t *table) add(line int, cells []string) error {
	if t.haveHeader() {
		return t.addRecord(line, cells)
	}
	if line > maxHeaderLine {
		return t.noHeader(false)
	}
	return t.tryHeader(line, cells)
}

// tryHeader makes cells the header row if they name every required column (and at least one
// column, so that a title row is never taken for the header of a table without required ones).
func (t *table) tryHeader(line int, cells []string) error {
	found := make([]int, len(t.cols))
	for k := range found {
		found[k] = -1
	}
	matched, dupCol, dupAt := 0, -1, -1
	for i, cell := range cells {
		if trimCell(cell) != "" {
			t.seen = true
		}
		k, ok := t.byName[headerKey(cell)]
		if !ok {
			continue
		}
		if found[k] >= 0 {
			if dupCol < 0 {
				dupCol, dupAt = k, i
			}
			continue
		}
		found[k] = i
		matched++
	}
	if matched == 0 {
		return nil
	}
	if len(t.missing(found)) > 0 {
		if matched > t.best.matched {
			t.best = candidate{line: line, found: found, matched: matched}
		}
		return nil
	}
	if dupCol >= 0 {
		// Two columns for one key would leave the importer guessing which one is meant.
		return fault.New(nil, "%s line %d: columns %s and %s are both %s; keep only one of them", t.name, line, t.cellName(found[dupCol]), t.cellName(dupAt), t.cols[dupCol].label())
	}
	t.at = found
	return nil
}

// missing lists the first names of the required columns that found lacks.
func (t *table) missing(found []int) []string {
	var names []string
	for k, c := range t.cols {
		if c.Required && found[k] < 0 {
			names = append(names, c.label())
		}
	}
	return names
}

// MaxCell is the most characters a cell of an imported list may hold. Names, phones, questions
// and reasons are short; a cell longer than this is a broken file, not data.
const MaxCell = 2000

// addRecord keeps a data row unless every wanted column of it is blank: such a row is an
// empty line, a separator or a footnote in a column nobody imports, and holds nothing to lose.
func (t *table) addRecord(line int, cells []string) error {
	values := make(map[string]string, len(t.cols))
	blank := true
	for k, c := range t.cols {
		v := ""
		if i := t.at[k]; i >= 0 && i < len(cells) {
			v = UnguardCell(trimCell(cells[i]))
		}
		if n := utf8.RuneCountInString(v); n > MaxCell {
			return fault.New(nil, "%s line %d: %s holds %d characters, more than %d: the file looks broken", t.name, line, c.label(), n, MaxCell)
		}
		values[c.Key] = v
		blank = blank && v == ""
	}
	if !blank {
		t.records = append(t.records, Record{Line: line, Values: values})
	}
	return nil
}

// finish returns the records once the whole file has been read.
func (t *table) finish() ([]Record, error) {
	if !t.haveHeader() {
		return nil, t.noHeader(true)
	}
	return t.records, nil
}

// noHeader explains that no row qualified as the header, and what the nearest miss lacked.
// atEnd tells that the whole file was read, so a file without a single filled cell is empty.
func (t *table) noHeader(atEnd bool) error {
	if atEnd && !t.seen {
		if t.sheet != "" {
			return fault.New(nil, "%s: sheet %s is empty", t.name, t.sheet)
		}
		return fault.New(nil, "%s: the file is empty", t.name)
	}
	where := ""
	if t.sheet != "" {
		where = " of sheet " + t.sheet
	}
	want := "with " + joinNames(t.requiredNames(), "and")
	if len(t.requiredNames()) == 0 {
		want = "naming any of " + joinNames(t.allNames(), "or")
	}
	msg := fmt.Sprintf("%s: no header row %s in the first %d lines%s", t.name, want, maxHeaderLine, where)
	if b := t.best; b.matched > 0 {
		var has []string
		for k, c := range t.cols {
			if b.found[k] >= 0 {
				has = append(has, c.label())
			}
		}
		msg += fmt.Sprintf(" (line %d has %s but not %s)", b.line, joinNames(has, "and"), joinNames(t.missing(b.found), "or"))
	}
	return errors.New(msg)
}

func (t *table) requiredNames() []string {
	var names []string
	for _, c := range t.cols {
		if c.Required {
			names = append(names, c.label())
		}
	}
	return names
}

func (t *table) allNames() []string {
	names := make([]string, len(t.cols))
	for k, c := range t.cols {
		names[k] = c.label()
	}
	return names
}

// joinNames lists names the way a sentence does: "A", "A and B", "A, B and C".
func joinNames(names []string, conj string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + conj + " " + names[len(names)-1]
}
