package cli

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"phoneaudit/store"
)

// TestBackupFile: the backup command's file is new, mode 0600, holds the database, and is never
// written over; a missing folder is refused.
func TestBackupFile(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.UpsertOffices(ctx, []store.OfficeInput{{Department: "市农业农村局", Name: "农技站", Phone: "1"}}); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "copy.db")
	if _, err := backupFile(ctx, s, dst); err != nil {
		t.Fatal(err)
	}
	if _, err := backupFile(ctx, s, dst); !errors.Is(err, store.ErrAlreadyExist) {
		t.Errorf("second backup to the same file: %v, want ErrAlreadyExist", err)
	}
	if st, _ := os.Stat(dst); st.Mode().Perm() != 0o600 {
		t.Errorf("backup mode = %v", st.Mode().Perm())
	}
	b, err := store.Open(ctx, dst)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if n, _ := b.CountOffices(ctx); n != 1 {
		t.Errorf("backup holds %d offices, want 1", n)
	}
	if _, err := backupFile(ctx, s, filepath.Join(t.TempDir(), "no", "copy.db")); err == nil {
		t.Error("a backup into a missing folder was written")
	}
}
