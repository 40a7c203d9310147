package imports

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"phoneaudit/store"
	"phoneaudit/tabular"
)

// lineError is what is wrong with one line of an imported file (`offices.csv line 57: 电话 is
// empty`), or with the whole file when line is 0. errors.Is matches its kind (ErrInvalid unless said otherwise) without the text
// repeating it.
type lineError struct {
	file string
	line int
	msg  string
	kind error
}

func (e *lineError) Error() string {
	if e.line == 0 { // about the whole file
		return e.file + ": " + e.msg
	}
	return fmt.Sprintf("%s line %d: %s", e.file, e.line, e.msg)
}

func (e *lineError) Is(target error) bool { return target == e.kind }

func badLine(file string, line int, format string, args ...any) error {
	return &lineError{file: file, line: line, msg: fmt.Sprintf(format, args...), kind: store.ErrInvalid}
}

// inFile puts the file's name before an error of the store, which names the line at most, and
// words the rows the store refuses.
func inFile(file string, err error) error {
	var le *lineError
	var row *store.RowError
	switch {
	case err == nil || errors.As(err, &le):
		return err
	case errors.As(err, &row):
		return rowError(file, row)
	case strings.HasPrefix(err.Error(), "line "):
		return fmt.Errorf("%s %w", file, err)
	default:
		return fmt.Errorf("%s: %w", file, err)
	}
}

// rowError words a row the store refused, by its file and line.
func rowError(file string, row *store.RowError) error {
	var (
		unknown   *store.UnknownOfficeError
		published *store.PublishedRoundError
		exists    *store.ResultsExistError
	)
	switch {
	case errors.As(row.Err, &unknown):
		return badLine(file, row.Line, "%s · %s is not in the office list (check the names, or import it with the offices first)",
			unknown.Department, unknown.Office)
	case errors.As(row.Err, &published):
		return &lineError{file: file, line: row.Line, kind: store.ErrRoundState,
			msg: fmt.Sprintf("round %s is published and takes no more results", published.Round)}
	case errors.As(row.Err, &exists):
		return &lineError{file: file, line: row.Line, kind: store.ErrAlreadyExist,
			msg: fmt.Sprintf("round %s already has results or calls for %s; they are not imported twice", exists.Round, exists.Office.Label())}
	}
	return fmt.Errorf("%s %w", file, row)
}

// readRecords reads the table of an import. An empty table is refused: a list without rows is
// the wrong file or the wrong sheet, never something to import.
func readRecords(path string, cols []tabular.Column, what string) (string, []tabular.Record, error) {
	name := filepath.Base(path)
	recs, err := tabular.Read(path, cols)
	if err == nil && len(recs) == 0 {
		err = badLine(name, 0, "no %s below the header row", what)
	}
	return name, recs, err
}

// hiddenLines are the lines of the records that are hidden in their workbook.
func hiddenLines(recs []tabular.Record) []int {
	var lines []int
	for _, r := range recs {
		if r.Hidden {
			lines = append(lines, r.Line)
		}
	}
	return lines
}

// filled checks that the given columns of a record are not empty.
func filled(file string, r tabular.Record, cols ...tabular.Column) error {
	for _, c := range cols {
		if r.Values[c.Key] == "" {
			return badLine(file, r.Line, "%s is empty", c.Names[0])
		}
	}
	return nil
}
