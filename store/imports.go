package store

import (
	"context"
	"fmt"
)

// RowError is what the store refuses in one row handed to an import (ImportResults): Line is
// the row's line in its file, Err what is wrong with it (an *UnknownOfficeError, a
// *PublishedRoundError, a *ResultsExistError). The caller words it with the file's name.
type RowError struct {
	Line int
	Err  error
}

func (e *RowError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *RowError) Unwrap() error { return e.Err }

// UnknownOfficeError is a row naming an office that is not in the office list.
type UnknownOfficeError struct{ Department, Office string }

func (e *UnknownOfficeError) Error() string {
	return fmt.Sprintf("%s · %s is not in the office list", e.Department, e.Office)
}
func (e *UnknownOfficeError) Is(target error) bool { return target == ErrInvalid }

// PublishedRoundError is a row for a round that is published: it takes no more results.
type PublishedRoundError struct{ Round string }

func (e *PublishedRoundError) Error() string {
	return fmt.Sprintf("round %s is published and takes no more results", e.Round)
}
func (e *PublishedRoundError) Is(target error) bool { return target == ErrRoundState }

// ResultsExistError is a row for an office that its round already has results or calls for.
type ResultsExistError struct {
	Round  string
	Office Office
}

func (e *ResultsExistError) Error() string {
	return fmt.Sprintf("round %s already has results or calls for %s", e.Round, e.Office.Label())
}
func (e *ResultsExistError) Is(target error) bool { return target == ErrAlreadyExist }

// RequireLead refuses an import (or any action) to an actor whose role is auditor, before the
// caller reads a file for it.
func (s *Store) RequireLead(ctx context.Context, action Action) error {
	return s.leadOnly(ctx, action)
}
