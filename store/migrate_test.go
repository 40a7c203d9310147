package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"strconv"
	"testing"
)

// TestMigrateFromEveryVersion writes a file as each earlier phoneaudit left it (the migrations up
// to that version, and some data), then opens it: every later migration applies and the data
// stays.
func TestMigrateFromEveryVersion(t *testing.T) {
	latest := LatestSchema()
	for from := 1; from < latest; from++ {
		path := filepath.Join(t.TempDir(), "old.db")
		raw, err := sql.Open("sqlite", dsn(path))
		if err != nil {
			t.Fatal(err)
		}
		for v := 1; v <= from; v++ {
			body, err := migrationFiles.ReadFile(migrationName(t, v))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := raw.Exec(string(body)); err != nil {
				t.Fatalf("migration %d: %v", v, err)
			}
		}
		if _, err := raw.Exec(`PRAGMA user_version = ` + strconv.Itoa(from) + `;
			INSERT INTO departments(name) VALUES('市人社局');
			INSERT INTO offices(department_id, name, phone) VALUES(1, '社保中心', '1');`); err != nil {
			t.Fatal(err)
		}
		raw.Close()
		s, err := Open(context.Background(), path)
		if err != nil {
			t.Fatalf("opening a version %d file: %v", from, err)
		}
		if v, _ := s.SchemaVersion(context.Background()); v != latest {
			t.Errorf("from %d: schema version %d, want %d", from, v, latest)
		}
		if n, _ := s.CountOffices(context.Background()); n != 1 {
			t.Errorf("from %d: %d offices after the migration", from, n)
		}
		s.Close()
	}
}

func migrationName(t *testing.T, v int) string {
	t.Helper()
	names, err := migrationFiles.ReadDir("migrations")
	if err != nil || v > len(names) {
		t.Fatalf("no migration %d", v)
	}
	return "migrations/" + names[v-1].Name()
}
