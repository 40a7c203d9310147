// Package fault is how phoneaudit's packages state an error so that the screens and commands can
// put it in the user's language: the statement in English is its key (package ui holds the
// Chinese of every statement, and a test there fails on one without it), the facts are its
// arguments, and the kind it comes from stays what errors.Is finds.
package fault

import "fmt"

// A Fault is one statement: Format is the English statement (its printf format, which is also
// the key its translations are found by), Args its facts in that order, and Err what it comes
// from — a kind (store.ErrInvalid, fs.ErrNotExist …) or the error it wraps, or nil when the
// statement says it all. Its Error is "statement: Err", or the statement alone.
type Fault struct {
	Format string
	Args   []any
	Err    error
}

func (f *Fault) Error() string {
	if f.Err == nil {
		return f.Statement()
	}
	return f.Statement() + ": " + f.Err.Error()
}

// Statement is the English statement without what it comes from.
func (f *Fault) Statement() string { return fmt.Sprintf(f.Format, f.Args...) }

func (f *Fault) Unwrap() error { return f.Err }

// New states an error: err is the kind (or the error wrapped; nil when the statement says it
// all), format and args the statement. format must be a string literal (the test of its Chinese
// reads it from the source).
func New(err error, format string, args ...any) error {
	return &Fault{Format: format, Args: args, Err: err}
}
