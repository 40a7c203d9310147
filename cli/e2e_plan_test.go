package cli

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// TestPlanAndWorkARound does what a lead does at the end of a round, with the real binary: close
// round 6, create and plan round 7, show the plan, move a call, open the round, close it again and
// re-open it with a reason.
func TestPlanAndWorkARound(t *testing.T) {
	e := newEnv(t)
	db := e.demoCopy()
	e.fails(exitFail, "--db", db, "round", "close", "6")
	e.ok("--db", db, "round", "close", "6", "--force")
	out := e.ok("--db", db, "round", "new", "--name", "2026年第7轮", "--plan", "--seed", "42")
	if !strings.Contains(out, "100 个电话") || !strings.Contains(out, "全部符合") {
		t.Errorf("round new --plan said:\n%s", out)
	}
	show := e.ok("--db", db, "round", "show", "7")
	for _, want := range []string{"按测评员", "按日期", "按身份", "待拨", "全部符合"} {
		if !strings.Contains(show, want) {
			t.Errorf("round show lacks %q:\n%s", want, show)
		}
	}
	rows := parseCSV(t, e.ok("--db", db, "round", "show", "7", "--format", "csv"))
	if len(rows) != 101 || strings.Join(rows[0], ",") != "slot,auditor,department,office,category,persona,question,status" {
		t.Fatalf("round show csv: %d rows, header %v", len(rows), rows[0])
	}
	// The same seed on another copy gives the same plan.
	other := newEnv(t)
	db2 := other.demoCopy()
	other.ok("--db", db2, "round", "close", "6", "--force")
	other.ok("--db", db2, "round", "new", "--name", "2026年第7轮", "--plan", "--seed", "42")
	if again := other.ok("--db", db2, "round", "show", "7", "--format", "csv"); again != e.ok("--db", db, "round", "show", "7", "--format", "csv") {
		t.Error("seed 42 gave two different plans")
	}
	// Moving a call to a Saturday is done, and the re-check says what no longer holds.
	moved := e.ok("--db", db, "round", "move", "7", rows[1][2], rows[1][3], "--at", "2026-12-05 09:40")
	if !strings.Contains(moved, "不在本轮的工作日内") {
		t.Errorf("round move said:\n%s", moved)
	}
	e.fails(exitUsage, "--db", db, "round", "move", "7", rows[1][2], rows[1][3])
	e.ok("--db", db, "round", "open", "7")
	e.ok("--db", db, "round", "close", "7", "--force")
	e.fails(exitFail, "--db", db, "round", "open", "7")
	e.ok("--db", db, "round", "open", "7", "--reason", "补打未拨的电话")
	list := parseCSV(t, e.ok("--db", db, "round", "list", "--format", "csv"))
	if got := list[len(list)-1]; got[1] != "2026年第7轮" || got[2] != "open" {
		t.Errorf("round 7 after re-open: %v", got)
	}
}

func TestRecordingAttach(t *testing.T) {
	e := newEnv(t)
	db := e.demoCopy()
	rec := e.path("会议室.wav")
	if err := os.WriteFile(rec, []byte("RIFF session"), 0o600); err != nil {
		t.Fatal(err)
	}
	rows := parseCSV(t, e.ok("--db", db, "round", "show", "5", "--format", "csv"))
	offsets := e.write("偏移.csv", "单位,科室,偏移\n"+rows[1][2]+","+rows[1][3]+",12:34\n"+rows[2][2]+","+rows[2][3]+",1:02:03\n")
	out := e.ok("--db", db, "recording", "attach", "--round", "5", rec, "--offsets", offsets)
	if !strings.Contains(out, "2 个电话") {
		t.Errorf("recording attach said: %s", out)
	}
	bad := e.write("坏偏移.csv", "单位,科室,偏移\n"+rows[1][2]+","+rows[1][3]+",十二分\n")
	msg := e.fails(exitFail, "--db", db, "recording", "attach", "--round", "5", rec, "--offsets", bad)
	if !strings.Contains(msg, "第 2 行") {
		t.Errorf("a bad offset: %s", msg)
	}
	e.fails(exitUsage, "--db", db, "recording", "attach", "--round", "5", rec)
	e.fails(exitFail, "--db", db, "recording", "attach", "--round", "5", e.path("missing.wav"), "--offsets", offsets)
}

// TestBulletinPublishNotices is the clerk's path of issue 5: the bulletin of round 5, its
// publication, the notices written and listed.
func TestBulletinPublishNotices(t *testing.T) {
	e := newEnv(t)
	db := e.demoCopy()
	text := e.ok("--db", db, "bulletin", "--round", "5")
	for _, want := range []string{"关于2026年第5轮市直单位重点科室电话暗访测评情况的通报", "一、总体情况", "二、存在的问题", "三、处理意见", "附件1"} {
		if !strings.Contains(text, want) {
			t.Errorf("the bulletin lacks %q", want)
		}
	}
	if strings.Contains(text, "<no value>") {
		t.Error("the bulletin prints <no value>")
	}
	md := e.ok("--db", db, "bulletin", "--round", "5", "--format", "md", "--lang", "en")
	if !strings.Contains(md, "#") || !strings.Contains(md, "round") {
		t.Errorf("the English Markdown bulletin:\n%.300s", md)
	}
	out := e.ok("--db", db, "round", "publish", "5")
	if !strings.Contains(out, "整改通知") {
		t.Errorf("round publish said: %s", out)
	}
	if again := e.ok("--db", db, "round", "publish", "5"); !strings.Contains(again, "已经发布过") {
		t.Errorf("publishing twice said: %s", again)
	}
	if stored := e.ok("--db", db, "bulletin", "--round", "5"); stored != text {
		t.Error("after publication the bulletin is not the one published")
	}
	dir := e.path("整改通知")
	e.ok("--db", db, "notices", "write", "--round", "5", "-o", dir)
	files, err := os.ReadDir(dir)
	if err != nil || len(files) == 0 {
		t.Fatalf("notices written: %v, %v", files, err)
	}
	rows := parseCSV(t, e.ok("--db", db, "notices", "list", "--round", "5", "--format", "csv"))
	if len(rows)-1 != len(files) || strings.Join(rows[0], ",") != "number,round,department,office,issued,deadline,status,response,reported_on,late" {
		t.Errorf("notices list: %d rows for %d files, header %v", len(rows)-1, len(files), rows[0])
	}
	for _, r := range rows[1:] {
		if r[6] != "issued" {
			t.Errorf("a fresh notice is %s", r[6])
		}
	}
	// The demo's published rounds hold notices in every state.
	for _, status := range []string{"issued", "reported", "verified", "overdue"} {
		if got := parseCSV(t, e.ok("--db", db, "notices", "list", "--status", status, "--format", "csv")); len(got) < 2 {
			t.Errorf("no %s notice in the demo", status)
		}
	}
	e.fails(exitFail, "--db", db, "notices", "write", "--round", "6", "-o", e.path("x"))
	bad := e.write("坏模板.tmpl", "第一行\n{{.NoSuchField}}\n")
	msg := e.fails(exitFail, "--db", db, "bulletin", "--round", "5", "--template", bad)
	if !strings.Contains(msg, "line 2") {
		t.Errorf("a bad template: %s", msg)
	}
}

func TestNoticeSteps(t *testing.T) {
	e := newEnv(t)
	db := e.demoCopy()
	rows := parseCSV(t, e.ok("--db", db, "notices", "list", "--status", "overdue", "--format", "csv"))
	if len(rows) < 2 {
		t.Fatal("the demo has no overdue notice")
	}
	number := rows[1][0]
	e.fails(exitFail, "--db", db, "notices", "verify", number) // not reported yet
	e.ok("--db", db, "notices", "report", number, "--response", "已整改")
	e.ok("--db", db, "notices", "verify", number)
	verified := parseCSV(t, e.ok("--db", db, "notices", "list", "--status", "verified", "--format", "csv"))[1:]
	if !slices.ContainsFunc(verified, func(r []string) bool { return r[0] == number }) {
		t.Errorf("notice %s is not verified", number)
	}
}
