package cli

import (
	"strings"
	"testing"
	"time"
)

// TestNoticeLifeCommands: a late report, an extension then a report on time, a verification with
// who and how, a withdrawal; notices show prints every event in zh and en, and notices list
// has the report date and whether it was late after its old columns.
func TestNoticeLifeCommands(t *testing.T) {
	e := newEnv(t)
	db := e.demoCopy()
	overdue := parseCSV(t, e.ok("--db", db, "notices", "list", "--status", "overdue", "--format", "csv"))[1:]
	if len(overdue) < 3 {
		t.Fatalf("the demo has %d overdue notices, the test needs 3", len(overdue))
	}
	late, onTime, withdrawn := overdue[0][0], overdue[1][0], overdue[2][0]
	oldDeadline := overdue[1][5]
	loc, _ := time.LoadLocation("Asia/Shanghai")
	today := time.Now().In(loc).Format(time.DateOnly)

	e.ok("--db", db, "notices", "report", late, "--response", "已整改")
	e.ok("--db", db, "notices", "extend", onTime, "--to", "2099-12-31", "--reason", "科室负责人调整")
	e.ok("--db", db, "notices", "report", onTime, "--response", "已建立台账")
	e.ok("--db", db, "--as", "姜中原", "notices", "verify", onTime, "--by", "李强", "--how", "电话回访，查看台账")

	show := e.ok("--db", db, "notices", "show", onTime)
	for _, want := range []string{
		"整改通知 " + onTime, "状态：已核实 · 整改期限 2099-12-31", "整改反馈：已建立台账",
		"已下发，整改期限 " + oldDeadline,
		"延期：" + oldDeadline + " → 2099-12-31，原因：科室负责人调整",
		today + " ", "已反馈，按期（期限 2099-12-31）：已建立台账",
		"已核实：李强 核实，方式：电话回访，查看台账（姜中原 记录）",
	} {
		if !strings.Contains(show, want) {
			t.Errorf("notices show lacks %q:\n%s", want, show)
		}
	}
	if i, j := strings.Index(show, "延期："), strings.Index(show, "已反馈，"); i < 0 || j < i {
		t.Errorf("the events are not in order:\n%s", show)
	}
	en := e.ok("--db", db, "--lang", "en", "notices", "show", late)
	for _, want := range []string{"notice " + late, "status: reported", "reported late (due " + overdue[0][5] + "): 已整改"} {
		if !strings.Contains(en, want) {
			t.Errorf("notices show --lang en lacks %q:\n%s", want, en)
		}
	}

	rows := parseCSV(t, e.ok("--db", db, "notices", "list", "--format", "csv"))
	if got := strings.Join(rows[0], ","); got != "number,round,department,office,issued,deadline,status,response,reported_on,late" {
		t.Errorf("notices list header %s", got)
	}
	seen := 0
	for _, r := range rows[1:] {
		switch r[0] {
		case late:
			seen++
			if r[6] != "reported" || r[8] != today || r[9] != "late" {
				t.Errorf("the late report is listed %v", r)
			}
		case onTime:
			seen++
			if r[6] != "verified" || r[8] != today || r[9] != "on_time" {
				t.Errorf("the report on time is listed %v", r)
			}
		case withdrawn:
			if r[8] != "" || r[9] != "" {
				t.Errorf("a notice without a report is listed %v", r)
			}
		}
	}
	if seen != 2 {
		t.Errorf("notices list lacks %s or %s", late, onTime)
	}
	keys := jsonKeysInOrder(t, e.ok("--db", db, "notices", "list", "--format", "json"))
	if strings.Join(keys, ",") != "number,round,department,office,issued,deadline,status,response,reported_on,late" {
		t.Errorf("JSON keys %v", keys)
	}
	text := e.ok("--db", db, "--lang", "en", "notices", "list", "--status", "reported")
	if !strings.Contains(text, "reported on") || !strings.Contains(text, "late") {
		t.Errorf("notices list in English lacks the report columns:\n%s", text)
	}
	zh := e.ok("--db", db, "notices", "list", "--status", "verified")
	if !strings.Contains(zh, "反馈日期") || !strings.Contains(zh, "按期") || strings.Contains(zh, "已报告") {
		t.Errorf("notices list in Chinese:\n%s", zh)
	}

	// Withdrawing: a reason is needed, a verified notice stays, an unknown number is named.
	e.fails(exitUsage, "--db", db, "notices", "withdraw", withdrawn)
	if msg := e.fails(exitFail, "--db", db, "notices", "withdraw", onTime, "--reason", "复核"); !strings.Contains(msg, "整改通知 "+onTime+" 已核实，不能撤回") {
		t.Errorf("withdrawing a verified notice: %s", msg)
	}
	if msg := e.fails(exitFail, "--db", db, "--lang", "en", "notices", "withdraw", onTime, "--reason", "x"); !strings.Contains(msg, "notice "+onTime+" is verified: it cannot be withdrawn") {
		t.Errorf("withdrawing a verified notice, in English: %s", msg)
	}
	if msg := e.fails(exitFail, "--db", db, "notices", "show", "第99轮-001"); !strings.Contains(msg, "第99轮-001") {
		t.Errorf("an unknown number: %s", msg)
	}
	if out := e.ok("--db", db, "notices", "withdraw", withdrawn, "--reason", "复听录音后确认无问题"); !strings.Contains(out, "已撤回整改通知 "+withdrawn) {
		t.Errorf("notices withdraw said %q", out)
	}
	w := parseCSV(t, e.ok("--db", db, "notices", "list", "--status", "withdrawn", "--format", "csv"))
	if len(w) != 2 || w[1][0] != withdrawn || w[1][6] != "withdrawn" {
		t.Errorf("withdrawn notices: %v", w)
	}
	if show := e.ok("--db", db, "--lang", "en", "notices", "show", withdrawn); !strings.Contains(show, "withdrawn, reason: 复听录音后确认无问题") || !strings.Contains(show, "status: withdrawn") {
		t.Errorf("notices show of a withdrawn notice:\n%s", show)
	}
	if msg := e.fails(exitFail, "--db", db, "notices", "report", withdrawn, "--response", "x"); !strings.Contains(msg, "已撤回，不能登记反馈") {
		t.Errorf("reporting a withdrawn notice: %s", msg)
	}
}
