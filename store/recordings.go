package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
)

// RecordingLink links one call to a place in a session recording.
type RecordingLink struct {
	CallID int64
	Offset float64 // seconds from the start of the file
}

// AttachRecording links one recording file (often a whole conference-room session) to calls of
// a round, each at its offset, and stores the file's SHA-256. Attaching after submission is
// allowed and recorded: it is evidence about a call, not a change of its scores.
func (s *Store) AttachRecording(ctx context.Context, roundID int64, file string, links []RecordingLink) error {
	if err := s.leadOnly(ctx, "may not attach a session recording"); err != nil {
		return err
	}
	st, err := os.Stat(file)
	if err != nil {
		return fmt.Errorf("recording %s: %w", file, err)
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("recording %s is not a file: %w", file, ErrInvalid)
	}
	if len(links) == 0 {
		return fmt.Errorf("no call to link the recording %s to: %w", file, ErrInvalid)
	}
	sum, err := HashFile(file)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		for _, l := range links {
			var round int64
			if err := tx.QueryRowContext(ctx, "SELECT round_id FROM calls WHERE id = ?", l.CallID).Scan(&round); err != nil {
				return fmt.Errorf("call %d: %w", l.CallID, err)
			}
			if round != roundID {
				return fmt.Errorf("call %d is not in this round: %w", l.CallID, ErrInvalid)
			}
			if l.Offset < 0 {
				return fmt.Errorf("call %d: an offset cannot be negative: %w", l.CallID, ErrInvalid)
			}
			if _, err := tx.ExecContext(ctx, "UPDATE calls SET recording_file = ?, recording_offset = ?, recording_sha256 = ? WHERE id = ?",
				file, l.Offset, sum, l.CallID); err != nil {
				return err
			}
			if err := s.recordChange(ctx, tx, "call", l.CallID, "recording", map[string]any{
				"file": file, "offset": l.Offset, "sha256": sum}); err != nil {
				return err
			}
		}
		return nil
	})
}
