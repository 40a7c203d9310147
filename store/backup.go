package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// ErrBadBackup is a copy that failed its check: SQLite's integrity check, or a chain head that is
// not the source's at the time of the copy. The caller removes the file.
var ErrBadBackup = errors.New("the copy failed its check")

// Backup writes a consistent copy of the database to path (VACUUM INTO) while others keep using
// it, then checks the copy: SQLite's integrity check, and its chain head is the source's at the
// time of the copy (the source's head before the copy, after it, or an entry the source appended
// in between, the same seq with the same hash). The path is new, or an empty file the caller made
// with the mode it wants (the backup command writes a temporary file it renames once synced); a
// file with content is refused with ErrAlreadyExist. Backup does not sync the copy.
func (s *Store) Backup(ctx context.Context, path string) error {
	if err := s.leadOnly(ctx, ActionBackup); err != nil {
		return err
	}
	before, err := chainTip(ctx, s.r)
	if err != nil {
		return mapErr(err)
	}
	if _, err := s.r.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		if strings.Contains(err.Error(), "output file already exists") {
			return fault(ErrAlreadyExist, "%s already exists; choose a new file name for the backup", path)
		}
		return mapErr(err)
	}
	after, err := chainTip(ctx, s.r)
	if err != nil {
		return mapErr(err)
	}
	copyDB, err := sql.Open("sqlite", dsn(path, "mode=ro", "immutable=1"))
	if err != nil {
		return err
	}
	defer copyDB.Close()
	var ok string
	if err := copyDB.QueryRowContext(ctx, "PRAGMA integrity_check(1)").Scan(&ok); err != nil {
		return fmt.Errorf("%w: %v", ErrBadBackup, mapErr(err))
	}
	if ok != "ok" {
		return fmt.Errorf("%w: SQLite's integrity check says %q", ErrBadBackup, ok)
	}
	got, err := chainTip(ctx, copyDB)
	if err != nil {
		return fmt.Errorf("%w: cannot read its chain head: %v", ErrBadBackup, mapErr(err))
	}
	if got.seq < before.seq || got.seq > after.seq {
		return fmt.Errorf("%w: its chain head is entry %d, the database's was %d to %d during the copy", ErrBadBackup, got.seq, before.seq, after.seq)
	}
	var want string
	err = s.r.QueryRowContext(ctx, "SELECT hash FROM ledger WHERE seq = ?", got.seq).Scan(&want)
	if errors.Is(err, sql.ErrNoRows) && got.seq == 0 {
		want, err = zeroHash, nil
	}
	if err != nil {
		return mapErr(err)
	}
	if want != got.hash {
		return fmt.Errorf("%w: its chain head %s is not the database's %s (entry %d)", ErrBadBackup, got.hash, want, got.seq)
	}
	return nil
}

type tip struct {
	seq  int64
	hash string
}

// chainTip is the newest ledger entry: its seq and hash, 0 and zeroHash when the ledger is empty.
func chainTip(ctx context.Context, q querier) (tip, error) {
	t := tip{hash: zeroHash}
	err := q.QueryRowContext(ctx, "SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1").Scan(&t.seq, &t.hash)
	if errors.Is(err, sql.ErrNoRows) {
		err = nil
	}
	return t, err
}
