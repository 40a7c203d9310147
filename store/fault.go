package store

import (
	"errors"
	"fmt"
)

// A Fault is an error the store states in English and the screens and commands put in the
// user's language: Format is the English statement (its printf format, which is also the key its
// translations are found by), Args its facts in that order, and Err what it comes from — a kind
// (ErrInvalid, ErrNotFound, ErrRoundState …) that errors.Is finds, or the error it wraps. Its
// Error is "statement: Err".
type Fault struct {
	Format string
	Args   []any
	Err    error
}

func (f *Fault) Error() string { return f.Statement() + ": " + f.Err.Error() }

// Statement is the English statement without what it comes from.
func (f *Fault) Statement() string { return fmt.Sprintf(f.Format, f.Args...) }

func (f *Fault) Unwrap() error { return f.Err }

// fault states an error: err is the kind (or the error wrapped), format and args the statement.
func fault(err error, format string, args ...any) error {
	if err == nil {
		err = errors.New("unknown error")
	}
	return &Fault{Format: format, Args: args, Err: err}
}

// NewFault states an error as fault does, for the packages beside the store (publish …) whose
// statements the screens and commands word the same way.
func NewFault(err error, format string, args ...any) error {
	if err == nil {
		err = errors.New("unknown error")
	}
	return &Fault{Format: format, Args: args, Err: err}
}
