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

// TestMigrateNoticeEvents: the events of a version 6 file, whose detail held the deadline (issue),
// "NEW-DEADLINE reason" (extend) or the response (report), read typed after the migration.
func TestMigrateNoticeEvents(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	raw, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	for v := 1; v <= 6; v++ {
		body, err := migrationFiles.ReadFile(migrationName(t, v))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := raw.Exec(string(body)); err != nil {
			t.Fatalf("migration %d: %v", v, err)
		}
	}
	if _, err := raw.Exec(`PRAGMA user_version = 6;
		INSERT INTO departments(name) VALUES('市人社局');
		INSERT INTO offices(department_id, name, phone) VALUES(1, '社保中心', '1'), (1, '就业科', '2');
		INSERT INTO rounds(number, name, status, imported, created_at, created_by) VALUES(1, '2026年第1轮', 'published', 1, '2026-11-01T00:00:00Z', '组长');
		INSERT INTO notices(id, round_id, office_id, issued_at, deadline, status, response, number, reported_at, verified_at)
			VALUES(1, 1, 1, '2026-11-02T02:00:00Z', '2026-11-20', 'verified', '已整改', '第1轮-001', '2026-11-18T17:00:00Z', '2026-11-25T02:00:00Z'),
			(2, 1, 2, '2026-11-02T02:00:00Z', '2026-11-16', 'reported', '补报', '第1轮-002', '2026-11-17T02:00:00Z', NULL);
		INSERT INTO notice_events(notice_id, at, by, action, detail) VALUES
			(1, '2026-11-02T02:00:00Z', '组长', 'issue', '2026-11-16'),
			(1, '2026-11-10T02:00:00Z', '组长', 'extend', '2026-11-20 科室负责人调整'),
			(1, '2026-11-18T17:00:00Z', '组长', 'report', '已整改'),
			(1, '2026-11-25T02:00:00Z', '李强', 'verify', ''),
			(2, '2026-11-02T02:00:00Z', '组长', 'issue', '2026-11-16'),
			(2, '2026-11-17T02:00:00Z', '组长', 'report', '补报');`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	es, err := s.NoticeEvents(ctx, 1)
	if err != nil || len(es) != 4 {
		t.Fatalf("events: %+v, %v", es, err)
	}
	if e := es[0]; e.Kind != EventIssue || e.Deadline != "2026-11-16" {
		t.Errorf("issue: %+v", e)
	}
	if e := es[1]; e.Kind != EventExtend || e.Deadline != "2026-11-16" || e.NewDeadline != "2026-11-20" || e.Reason != "科室负责人调整" {
		t.Errorf("extend: %+v", e)
	}
	// 17:00 UTC on the 18th is the 19th in Shanghai: on time against the extended deadline.
	if e := es[2]; e.Kind != EventReport || e.ReportedOn != "2026-11-19" || e.Late || e.Deadline != "2026-11-20" || e.Response != "已整改" {
		t.Errorf("report: %+v", e)
	}
	if e := es[3]; e.Kind != EventVerify || e.CheckedBy != "李强" || e.How != "" {
		t.Errorf("verify: %+v", e)
	}
	es, err = s.NoticeEvents(ctx, 2)
	if err != nil || len(es) != 2 || !es[1].Late || es[1].ReportedOn != "2026-11-17" {
		t.Errorf("a late report: %+v, %v", es, err)
	}
	if rep, err := s.Verify(ctx); err != nil || !rep.OK() || rep.Entries != 6 {
		t.Errorf("the old events chained: %d entries, %+v, %v", rep.Entries, rep.Problems, err)
	}
	ns, err := s.Notices(ctx, NoticeFilter{})
	if err != nil || len(ns) != 2 || ns[0].ID != 2 || !ns[0].Late || ns[0].ReportedOn != "2026-11-17" || ns[1].Late {
		t.Errorf("notices: %+v, %v", ns, err)
	}
}
