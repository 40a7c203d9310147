package cli

import (
	"database/sql"
	"regexp"
	"strings"
	"testing"
)

// TestVerifyEndToEnd: the demo verifies; the 数据校验码 a published bulletin prints checks out
// with --head and a wrong one does not; a note changed behind phoneaudit's back (triggers
// dropped, plain SQL) fails verify, which names the call and the field.
func TestVerifyEndToEnd(t *testing.T) {
	e := newEnv(t)
	db := e.demoCopy()
	out := e.ok("--db", db, "verify")
	if !regexp.MustCompile(`^校验通过：\d+ 条记录，数据校验码 [0-9a-f]{64}\n$`).MatchString(out) {
		t.Errorf("verify of the demo printed %q", out)
	}
	if out := e.ok("--db", db, "--lang", "en", "verify"); !strings.HasPrefix(out, "verified: ") {
		t.Errorf("verify --lang en printed %q", out)
	}

	bulletin := e.ok("--db", db, "bulletin", "--round", "1")
	m := regexp.MustCompile(`数据校验码：([0-9a-f]{64})`).FindStringSubmatch(bulletin)
	if m == nil {
		t.Fatalf("the published bulletin of round 1 prints no 数据校验码:\n%s", bulletin)
	}
	printed := m[1]
	if out := e.ok("--db", db, "verify", "--head", printed[:12]); !strings.Contains(out, "2026年第1轮") {
		t.Errorf("verify --head %s printed %q", printed[:12], out)
	}
	e.ok("--db", db, "verify", "--head", printed)
	wrong := printed[:11] + "0" // the printed code with its 12th digit changed
	if printed[11] == '0' {
		wrong = printed[:11] + "1"
	}
	if msg := e.fails(exitFail, "--db", db, "verify", "--head", wrong); !strings.Contains(msg, "与这个数据库不符") {
		t.Errorf("a wrong code: %q", msg)
	}
	e.fails(exitUsage, "--db", db, "verify", "--head", "12ab")
	e.fails(exitUsage, "--db", db, "verify", "--head", "zzzzzzzz")

	tamper(t, db, "calls", `UPDATE calls SET notes = '被改过的备注' WHERE id = (SELECT min(id) FROM calls WHERE status = 'done' AND imported = 0)`)
	msg := e.fails(exitFail, "--db", db, "verify")
	for _, want := range []string{"与数据库不符", "电话 ", "备注", "现为 被改过的备注"} {
		if !strings.Contains(msg, want) {
			t.Errorf("verify after a changed note says %q, want %q in it", msg, want)
		}
	}
	if msg := e.fails(exitFail, "--db", db, "--lang", "en", "verify"); !strings.Contains(msg, "notes was") {
		t.Errorf("in English: %q", msg)
	}
	// A printed code is no proof while the records behind it fail.
	e.fails(exitFail, "--db", db, "verify", "--head", printed)
}

// tamper changes the database file directly with the table's triggers dropped.
func tamper(t *testing.T, path, table, query string) {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	rows, err := raw.Query("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", table)
	if err != nil {
		t.Fatal(err)
	}
	var triggers []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		triggers = append(triggers, n)
	}
	rows.Close()
	for _, n := range triggers {
		if _, err := raw.Exec("DROP TRIGGER " + n); err != nil {
			t.Fatal(err)
		}
	}
	res, err := raw.Exec(query)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		t.Fatalf("%s changed %d rows", query, n)
	}
}

// TestVerifyCatchesForgedFlags: the forged flag the issue found passing — `UPDATE latest_audits SET
// streak=3 WHERE office_id=98`, no trigger in the way — and the same in the other tables the flags
// are read from fail verify with exit 1, naming the office and the streak.
func TestVerifyCatchesForgedFlags(t *testing.T) {
	for _, tc := range []struct{ table, query, want, wantEN string }{
		{"latest_audits", "UPDATE latest_audits SET streak = 3 WHERE office_id = 98", "科室最新测评记录（红黄牌据此显示）", "streak"},
		{"audits", "UPDATE audits SET streak = 3 WHERE office_id = 98 AND round_number = 5", "科室测评记录", "streak"},
		{"person_audits", `UPDATE person_audits SET problem = 1 - problem
			WHERE (department, person, round_number) = (SELECT department, person, round_number FROM person_audits LIMIT 1)`, "接听人测评记录", "answerer's audit"},
		{"latest_person_audits", `UPDATE latest_person_audits SET streak = streak + 2
			WHERE (department, person) = (SELECT department, person FROM latest_person_audits LIMIT 1)`, "接听人最新测评记录", "answerer's latest audit"},
	} {
		t.Run(tc.table, func(t *testing.T) {
			e := newEnv(t)
			db := e.demoCopy()
			tamper(t, db, tc.table, tc.query)
			msg := e.fails(exitFail, "--db", db, "verify")
			for _, want := range []string{tc.want, "与各次电话的结果算出的不符"} {
				if !strings.Contains(msg, want) {
					t.Errorf("verify after %s says %q, want %q in it", tc.query, msg, want)
				}
			}
			if msg := e.fails(exitFail, "--db", db, "--lang", "en", "verify"); !strings.Contains(msg, tc.wantEN) {
				t.Errorf("in English: %q", msg)
			}
		})
	}
}
