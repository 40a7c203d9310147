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
	file   string
	line   int
	format string // the statement, in English: its key for the screens' and commands' wording
	args   []any
	kind   error
	cause  error // the error the statement stands on, when it is another's (its text ends the line)
}

func (e *lineError) Error() string {
	msg := fmt.Sprintf(e.format, e.args...)
	if e.cause != nil {
		msg = e.cause.Error()
	}
	if e.line == 0 { // about the whole file
		return e.file + ": " + msg
	}
	return fmt.Sprintf("%s line %d: %s", e.file, e.line, msg)
}

func (e *lineError) Is(target error) bool { return target == e.kind }

func (e *lineError) Unwrap() error { return e.cause }

// LineStatement is what is wrong, for the screens and commands to put in the user's language:
// the file, the line (0: the whole file) and the statement; ok is false when it stands on
// another error (Unwrap), to be worded as that one.
func (e *lineError) LineStatement() (file string, line int, format string, args []any, ok bool) {
	return e.file, e.line, e.format, e.args, e.cause == nil
}

// badLine says what is wrong with a line (of kind ErrInvalid); format must be a string literal
// (the test of its Chinese reads it from the source).
func badLine(file string, line int, format string, args ...any) error {
	return badLineOf(store.ErrInvalid, file, line, format, args...)
}

// badLineOf is badLine of another kind.
func badLineOf(kind error, file string, line int, format string, args ...any) error {
	return &lineError{file: file, line: line, format: format, args: args, kind: kind}
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
		return badLineOf(store.ErrRoundState, file, row.Line, "round %s is published and takes no more results", published.Round)
	case errors.As(row.Err, &exists):
		return badLineOf(store.ErrAlreadyExist, file, row.Line, "round %s already has results or calls for %s; they are not imported twice",
			exists.Round, exists.Office.Label())
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
