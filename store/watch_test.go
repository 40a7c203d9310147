package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"phoneaudit/store"
)

// DataVersion moves on a commit by another process's store on the same file and on one by the
// store's own writer, and stays on a read; a copy made by As asks the same connection.
func TestDataVersionSeesCommits(t *testing.T) {
	ctx := context.Background()
	s, path := mustOpen(t)
	other, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	version := func(st *store.Store) int64 {
		t.Helper()
		v, err := st.DataVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	last := version(s)
	if _, err := s.Offices(ctx); err != nil {
		t.Fatal(err)
	}
	if v := version(s); v != last {
		t.Errorf("a read moved the version from %d to %d", last, v)
	}
	steps := []struct {
		name string
		by   *store.Store
	}{{"another store on the file", other}, {"the store's own writer", s}}
	for i, st := range steps {
		if err := st.by.SetTimeZone(ctx, []string{"Asia/Shanghai", "Asia/Urumqi"}[i]); err != nil {
			t.Fatal(err)
		}
		v := version(s.As("另一个会话"))
		if v == last {
			t.Errorf("a commit by %s went unseen", st.name)
		}
		if again := version(s); again != v {
			t.Errorf("after the commit by %s the version moved again, %d → %d, with no commit", st.name, v, again)
		}
		last = v
	}
}

// Once the store is closed, a screen's late tick gets an error and opens nothing: the file's
// folder can be removed.
func TestDataVersionAfterClose(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := store.Open(ctx, filepath.Join(dir, "phoneaudit.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DataVersion(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DataVersion(ctx); err == nil {
		t.Fatal("DataVersion on a closed store answered")
	}
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("the folder is back after a late DataVersion: %v", err)
	}
}
