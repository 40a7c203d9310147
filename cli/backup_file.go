package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"phoneaudit/store"
)

// backupFile writes a backup of the database to path, a new file: the store copies the database
// (VACUUM INTO), the file is made here. It refuses to overwrite a file; the copy gets mode 0600
// like the database.
func backupFile(ctx context.Context, s *store.Store, path string) error {
	if err := s.RequireLead(ctx, store.ActionBackup); err != nil {
		return err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	if _, err := os.Stat(abs); err == nil {
		return fmt.Errorf("%s already exists; choose a new file name for the backup: %w", path, store.ErrAlreadyExist)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("cannot write the backup %s: %w", path, err)
	}
	if st, err := os.Stat(filepath.Dir(abs)); err != nil || !st.IsDir() {
		return fmt.Errorf("cannot write the backup %s: the folder %s does not exist", path, filepath.Dir(abs))
	}
	// Create the file first so it has mode 0600 from the start; VACUUM INTO needs it empty.
	f, err := os.OpenFile(abs, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("cannot write the backup %s: %w", path, err)
	}
	f.Close()
	if err := s.Backup(ctx, abs); err != nil {
		os.Remove(abs)
		return fmt.Errorf("cannot write the backup %s: %w", path, err)
	}
	return nil
}
