package store

import (
	"context"
	"fmt"
	"strings"
)

// Backup writes a consistent copy of the database to path (VACUUM INTO) while others keep using
// it. The path is new, or an empty file the caller made with the mode it wants (the backup
// command makes it 0600 like the database); a file with content is refused with ErrAlreadyExist.
func (s *Store) Backup(ctx context.Context, path string) error {
	if err := s.leadOnly(ctx, ActionBackup); err != nil {
		return err
	}
	if _, err := s.r.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		if strings.Contains(err.Error(), "output file already exists") {
			return fmt.Errorf("%s already exists; choose a new file name for the backup: %w", path, ErrAlreadyExist)
		}
		return mapErr(err)
	}
	return nil
}
