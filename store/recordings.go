package store

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
)

// Files is how the store learns about the recording files that calls name: whether one is there
// and its SHA-256. The store reads no file itself: whoever opens it passes one in Options.Files
// (recording.Files reads the file system).
type Files interface {
	Stat(path string) (fs.FileInfo, error)
	Hash(path string) (string, error)
}

// noFiles is the Files of a store opened without one: it refuses every look at a recording.
type noFiles struct{}

func (noFiles) Stat(path string) (fs.FileInfo, error) {
	return nil, fault(ErrNoFiles, "cannot look at the recording %s", path)
}

func (noFiles) Hash(path string) (string, error) {
	return "", fault(ErrNoFiles, "cannot hash the recording %s", path)
}

// checkRecording refuses a recording file that is missing or is not a regular file.
func (s *Store) checkRecording(path string) error {
	st, err := s.files.Stat(path)
	if err != nil {
		return fault(err, "recording %s", path)
	}
	if !st.Mode().IsRegular() {
		return fault(ErrInvalid, "recording %s is not a file", path)
	}
	return nil
}

// RecordingLink links one call to a place in a session recording.
type RecordingLink struct {
	CallID int64
	Offset float64 // seconds from the start of the file
}

// AttachRecording links one recording file (often a whole conference-room session) to calls of
// a round, each at its offset, and stores the file's SHA-256, sum, which the caller works out
// (recording.Hash). Attaching after submission is allowed and recorded: it is evidence about a
// call, not a change of its scores.
func (s *Store) AttachRecording(ctx context.Context, roundID int64, file, sum string, links []RecordingLink) error {
	if err := s.leadOnly(ctx, ActionAttachRecording); err != nil {
		return err
	}
	if err := s.checkRecording(file); err != nil {
		return err
	}
	if len(links) == 0 {
		return fault(ErrInvalid, "no call to link the recording %s to", file)
	}
	if sum == "" {
		return fault(ErrInvalid, "the recording %s has no SHA-256", file)
	}
	return s.inTx(ctx, func(tx *txn) error {
		for _, l := range links {
			var round int64
			if err := tx.QueryRowContext(ctx, "SELECT round_id FROM calls WHERE id = ?", l.CallID).Scan(&round); err != nil {
				return fault(err, "call %d", l.CallID)
			}
			if round != roundID {
				return fault(ErrInvalid, "call %d is not in this round", l.CallID)
			}
			if l.Offset < 0 {
				return fault(ErrInvalid, "call %d: an offset cannot be negative", l.CallID)
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

// sheetRecordingHash hashes the recording linked to a sheet's call, if any.
func (s *Store) sheetRecordingHash(ctx context.Context, sheetID int64) (file, sum string, err error) {
	err = s.r.QueryRowContext(ctx, `SELECT c.recording_file FROM sheets s JOIN calls c ON c.id = s.call_id WHERE s.id = ?`,
		sheetID).Scan(&file)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", fault(ErrNotFound, "no score sheet %d", sheetID)
	}
	if err != nil || file == "" {
		return file, "", mapErr(err)
	}
	sum, err = s.files.Hash(file)
	return file, sum, err
}

// SetRecordingFile links a recording file to a live call; the file must exist. Its SHA-256 is
// stored when the call's sheet is submitted.
func (s *Store) SetRecordingFile(ctx context.Context, callID int64, path string) error {
	if path != "" {
		if err := s.checkRecording(path); err != nil {
			return err
		}
	}
	return s.updateLive(ctx, callID, "UPDATE calls SET recording_file = ?, recording_sha256 = '' WHERE id = ?", path, callID)
}
