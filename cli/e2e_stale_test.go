package cli

import (
	"strings"
	"testing"
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
