package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"phoneaudit/recording"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// mustOpen opens a real database file in a fresh temporary folder.
func mustOpen(tb testing.TB) (*store.Store, string) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "sub", "phoneaudit.db")
	s, err := store.OpenWith(context.Background(), path, store.Options{Files: recording.Files{}})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	tb.Cleanup(func() { checkLatestAudits(tb, path) }) // runs first: cleanups run last in, first out
	// A fixed clock inside working hours on a working day (Friday 2026-11-27, 10:00 in Shanghai).
	s.Now = func() time.Time { return time.Date(2026, 11, 27, 2, 0, 0, 0, time.UTC) }
	return s.As("测试组长"), path
}

// checkLatestAudits fails the test when a table kept for the flags disagrees with what it is
// kept from: latest_audits with each office's newest audit, person_audits with the finished calls
// of the persons who answered (worked out here in SQL, independently of the Go that keeps it), and
// latest_person_audits with each person's newest audit. Every test that opens its store with
// mustOpen checks them at its end, so every way a test writes (calls, imports, amendments,
// reviews, merges, bulk rounds) is covered.
func checkLatestAudits(tb testing.TB, path string) {
	tb.Helper()
	if _, err := os.Stat(path); err != nil {
		return // the test removed its file
	}
	raw := openRaw(tb, path)
	defer raw.Close()
	for _, c := range []struct{ what, kept, from string }{
		{"latest_audits",
			"SELECT office_id, round_number, round_id, problem, streak FROM latest_audits",
			`SELECT office_id, round_number, round_id, problem, streak FROM audits a
				WHERE round_number = (SELECT max(round_number) FROM audits x WHERE x.office_id = a.office_id)`},
		{"person_audits",
			"SELECT department, person, round_number, round_id, problem, streak FROM person_audits",
			`SELECT department, person, round_number, round_id, problem,
				n - max(CASE WHEN problem = 0 THEN n ELSE 0 END)
					OVER (PARTITION BY department, person ORDER BY round_number ROWS UNBOUNDED PRECEDING)
			FROM (SELECT *, row_number() OVER (PARTITION BY department, person ORDER BY round_number) AS n
				FROM (SELECT c.department_name AS department,
					CASE WHEN c.answered_staff_no <> '' THEN 'no:' || c.answered_staff_no ELSE 'name:' || c.answered_name END AS person,
					r.number AS round_number, r.id AS round_id, max(coalesce(c.amended_problem, c.problem)) AS problem
				FROM calls c JOIN rounds r ON r.id = c.round_id
				WHERE c.status IN ('done', 'unreachable') AND (c.answered_staff_no <> '' OR c.answered_name <> '')
				GROUP BY 1, 2, 3))`},
		{"latest_person_audits",
			"SELECT department, person, round_number, round_id, problem, streak FROM latest_person_audits",
			`SELECT department, person, round_number, round_id, problem, streak FROM person_audits a
				WHERE round_number = (SELECT max(round_number) FROM person_audits x
					WHERE x.department = a.department AND x.person = a.person)`},
	} {
		var wrong int
		err := raw.QueryRow(`SELECT count(*) FROM (SELECT * FROM (` + c.kept + ` EXCEPT ` + c.from + `)
			UNION ALL SELECT * FROM (` + c.from + ` EXCEPT ` + c.kept + `))`).Scan(&wrong)
		if err != nil {
			tb.Errorf("checking %s in %s: %v", c.what, path, err)
		} else if wrong > 0 {
			tb.Errorf("%s disagrees with what it is kept from in %d rows", c.what, wrong)
		}
	}
}

func TestOpenCreatesFileAndMigrates(t *testing.T) {
	s, path := mustOpen(t)
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("database mode = %v, want 0600", st.Mode().Perm())
	}
	ctx := context.Background()
	v, err := s.SchemaVersion(ctx)
	if err != nil || v != store.LatestSchema() || v < 2 {
		t.Fatalf("schema version = %d, %v; want %d", v, err, store.LatestSchema())
	}
	r, err := s.Rubric(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if r.Version != 1 || len(r.Criteria) != len(scoring.DefaultRubric().Criteria) {
		t.Errorf("seeded rubric = version %d with %d criteria", r.Version, len(r.Criteria))
	}
}

func TestReopenKeepsData(t *testing.T) {
	s, path := mustOpen(t)
	ctx := context.Background()
	if _, err := s.UpsertOffices(ctx, []store.OfficeInput{{Line: 2, Department: "市人社局", Name: "社保中心", Phone: "0391-5550001", Category: "民生"}}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s2, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	offices, err := s2.Offices(ctx)
	if err != nil || len(offices) != 1 || offices[0].Phone != "0391-5550001" {
		t.Fatalf("after reopen: %+v, %v", offices, err)
	}
	if v, _ := s2.SchemaVersion(ctx); v != store.LatestSchema() {
		t.Errorf("reopen changed the schema version to %d", v)
	}
	rs, _ := s2.RubricVersions(ctx)
	if len(rs) != 1 {
		t.Errorf("reopen seeded the rubric again: %d versions", len(rs))
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	s, path := mustOpen(t)
	ctx := context.Background()
	if err := s.SetSetting(ctx, "x", "y"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	raw := openRaw(t, path)
	if _, err := raw.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	_, err := store.Open(ctx, path)
	if !errors.Is(err, store.ErrNewerSchema) {
		t.Fatalf("open of a newer database: %v, want ErrNewerSchema", err)
	}
}

func TestNotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.db")
	if err := os.WriteFile(path, []byte("this is a spreadsheet, not a database, and it is long enough to matter"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := store.Open(context.Background(), path)
	if !errors.Is(err, store.ErrNotDatabase) {
		t.Fatalf("open of a text file: %v, want ErrNotDatabase", err)
	}
}

func TestBackup(t *testing.T) {
	s, _ := mustOpen(t)
	ctx := context.Background()
	if _, err := s.UpsertOffices(ctx, []store.OfficeInput{{Department: "市农业农村局", Name: "农技站", Phone: "1"}}); err != nil {
		t.Fatal(err)
	}
	// The caller makes the file, empty, with the mode it wants (the backup command: 0600).
	dst := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(dst, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(ctx, dst); err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(ctx, dst); !errors.Is(err, store.ErrAlreadyExist) {
		t.Errorf("second backup to the same file: %v, want ErrAlreadyExist", err)
	}
	b, err := store.Open(ctx, dst)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if n, _ := b.CountOffices(ctx); n != 1 {
		t.Errorf("backup holds %d offices, want 1", n)
	}
	if st, _ := os.Stat(dst); st.Mode().Perm() != 0o600 {
		t.Errorf("backup mode = %v", st.Mode().Perm())
	}
}

func TestUpsertOffices(t *testing.T) {
	s, _ := mustOpen(t)
	ctx := context.Background()
	first := []store.OfficeInput{
		{Line: 2, Department: "市人社局", Name: "社保中心", Phone: "1", Category: "民生"},
		{Line: 3, Department: "市人社局", Name: "就业科", Phone: "2", Category: "民生"},
	}
	rep, err := s.UpsertOffices(ctx, first)
	if err != nil || rep.Added != 2 {
		t.Fatalf("first import: %+v, %v", rep, err)
	}
	again := []store.OfficeInput{{Line: 2, Department: "市人社局", Name: "社保中心", Phone: "9", Category: "民生"}}
	rep, err = s.UpsertOffices(ctx, again)
	if err != nil || rep.Added != 0 || rep.Updated != 1 || len(rep.Missing) != 1 || rep.Missing[0] != "市人社局 · 就业科" {
		t.Fatalf("re-import: %+v, %v", rep, err)
	}
	dup := []store.OfficeInput{
		{Line: 2, Department: "市人社局", Name: "新科", Phone: "1"},
		{Line: 5, Department: "市人社局", Name: "新科", Phone: "2"},
	}
	if _, err := s.UpsertOffices(ctx, dup); err == nil {
		t.Fatal("the same office twice was accepted")
	}
	if n, _ := s.CountOffices(ctx); n != 2 {
		t.Errorf("a refused import wrote: %d offices", n)
	}
	changes, _ := s.Changes(ctx, 100)
	if len(changes) < 3 {
		t.Errorf("registry edits recorded: %d", len(changes))
	}
}

func TestRoundNames(t *testing.T) {
	s, _ := mustOpen(t)
	ctx := context.Background()
	if _, err := s.NewRound(ctx, "2026", "", ""); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("all-digit round name: %v", err)
	}
	r, err := s.NewRound(ctx, "2026年第1轮", "2026-11-02", "2026-11-13")
	if err != nil || r.Number != 1 || r.Status != store.RoundPlanning || r.RubricVersion != 1 {
		t.Fatalf("new round: %+v, %v", r, err)
	}
	if _, err := s.NewRound(ctx, "2026年第1轮", "", ""); !errors.Is(err, store.ErrAlreadyExist) {
		t.Errorf("duplicate round name: %v", err)
	}
	byName, err := s.FindRound(ctx, "2026年第1轮")
	if err != nil || byName.ID != r.ID {
		t.Errorf("find by name: %+v, %v", byName, err)
	}
	if _, err := s.FindRound(ctx, "9"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("find missing: %v", err)
	}
}

func TestReadOnly(t *testing.T) {
	s, path := mustOpen(t)
	ctx := context.Background()
	if _, err := s.UpsertOffices(ctx, []store.OfficeInput{{Department: "市人社局", Name: "社保中心", Phone: "1"}}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	ro, err := store.OpenWith(ctx, path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if n, err := ro.CountOffices(ctx); err != nil || n != 1 {
		t.Fatalf("read on a read-only store: %d, %v", n, err)
	}
	if _, err := ro.UpsertOffices(ctx, []store.OfficeInput{{Department: "x", Name: "y", Phone: "1"}}); !errors.Is(err, store.ErrReadOnly) {
		t.Errorf("write on a read-only store: %v, want ErrReadOnly", err)
	}
	if _, err := store.OpenWith(ctx, path+".missing", store.Options{ReadOnly: true}); err == nil {
		t.Error("a missing file opened read-only")
	}
}
