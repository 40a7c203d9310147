package cli

import (
	"database/sql"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestRubricStaleMinutes: rubric show says when a running call goes stale, in both languages; a
// rubric file may change it, and --toml writes it only when the rubric has it.
func TestRubricStaleMinutes(t *testing.T) {
	e := newEnv(t)
	db := e.path("t.db")
	e.ok("--db", db, "calendar", "load", e.write("假日.csv", "日期,类型\n2026-10-01,休\n")) // creates the file
	if out := e.ok("--db", db, "rubric", "show"); !strings.Contains(out, "停滞：进行中的通话 30 分钟无人操作即为停滞") {
		t.Errorf("rubric show:\n%s", out)
	}
	if out := e.ok("--db", db, "--lang", "en", "rubric", "show"); !strings.Contains(out, "stale: a running call with no activity for 30 minutes is stale") {
		t.Errorf("rubric show --lang en:\n%s", out)
	}
	toml := e.ok("--db", db, "rubric", "show", "--toml")
	if strings.Contains(toml, "stale_minutes") {
		t.Errorf("the default rubric writes stale_minutes:\n%s", toml)
	}
	e.ok("--db", db, "rubric", "load", e.write("new.toml", "stale_minutes = 1\n"+toml))
	if out := e.ok("--db", db, "--lang", "en", "rubric", "show"); !strings.Contains(out, "no activity for 1 minute is stale") {
		t.Errorf("rubric show after stale_minutes = 1:\n%s", out)
	}
	if out := e.ok("--db", db, "rubric", "show", "--toml"); !strings.Contains(out, "stale_minutes = 1 ") {
		t.Errorf("--toml lost stale_minutes:\n%s", out)
	}
	if stderr := e.fails(exitFail, "--db", db, "rubric", "load", e.write("bad.toml", "stale_minutes = 0\n"+toml)); !strings.Contains(stderr, "stale_minutes") {
		t.Errorf("stale_minutes = 0: %q", stderr)
	}
}

// TestRoundHandOn: a stale running call is handed on from the command line; one not running,
// and one with recent activity, are refused with a line that says why.
func TestRoundHandOn(t *testing.T) {
	e := newEnv(t)
	db := e.demoCopy()
	raw, err := sql.Open("sqlite", "file:"+db+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	type running struct {
		id, round             int64
		dept, office, auditor string
	}
	var calls []running
	rows, err := raw.Query(`SELECT c.id, r.number, d.name, o.name, a.name FROM calls c JOIN rounds r ON r.id = c.round_id
		JOIN offices o ON o.id = c.office_id JOIN departments d ON d.id = o.department_id JOIN auditors a ON a.id = c.auditor_id
		WHERE r.status = 'open' AND c.status = 'in_progress'
		ORDER BY EXISTS(SELECT 1 FROM sheets s WHERE s.call_id = c.id AND s.status = 'draft') DESC, c.id LIMIT 2`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var c running
		if err := rows.Scan(&c.id, &c.round, &c.dept, &c.office, &c.auditor); err != nil {
			t.Fatal(err)
		}
		calls = append(calls, c)
	}
	rows.Close()
	if len(calls) < 2 {
		t.Fatalf("the demo has %d running calls, want 2", len(calls))
	}
	now := time.Now().UTC()
	stale, fresh := calls[0], calls[1]
	for _, c := range []struct {
		id  int64
		ago time.Duration
	}{{stale.id, time.Hour}, {fresh.id, 5 * time.Minute}} {
		if _, err := raw.Exec("UPDATE calls SET last_activity_at = ? WHERE id = ?", now.Add(-c.ago).Format("2006-01-02T15:04:05Z"), c.id); err != nil {
			t.Fatal(err)
		}
	}
	round := strconv.FormatInt(stale.round, 10)

	if stderr := e.fails(exitFail, "--db", db, "--lang", "en", "round", "handon", round, fresh.dept, fresh.office, "--reason", "x"); !strings.Contains(stderr, "had activity 5 minutes ago") {
		t.Errorf("handing on a fresh call: %q", stderr)
	}
	if stderr := e.fails(exitUsage, "--db", db, "round", "handon", round, stale.dept, stale.office); !strings.Contains(stderr, "--reason") {
		t.Errorf("handing on without a reason: %q", stderr)
	}
	out := e.ok("--db", db, "round", "handon", round, stale.dept, stale.office, "--reason", "拨打人中途离开")
	if want := "已转交：" + stale.dept + " · " + stale.office + " 由 " + stale.auditor + " 重新拨打"; !strings.Contains(out, want) {
		t.Errorf("round handon says %q, want %q", out, want)
	}
	var status, reason string
	if err := raw.QueryRow("SELECT status FROM calls WHERE id = ?", stale.id).Scan(&status); err != nil || status != "to_call" {
		t.Errorf("the call handed on is %q (%v)", status, err)
	}
	if err := raw.QueryRow("SELECT reason FROM sheets WHERE call_id = ? AND status = 'abandoned' ORDER BY id DESC", stale.id).Scan(&reason); err != nil || reason != "拨打人中途离开" {
		t.Errorf("the abandoned draft's reason is %q (%v)", reason, err)
	}
	if stderr := e.fails(exitFail, "--db", db, "round", "handon", round, stale.dept, stale.office, "--reason", "再来"); !strings.Contains(stderr, "不在进行中") {
		t.Errorf("handing on a call to make: %q", stderr)
	}
	e.ok("--db", db, "verify")
}
