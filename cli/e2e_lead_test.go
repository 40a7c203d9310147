package cli

import (
	"strings"
	"testing"
)

// A lead in tmux on the demo city: tab 2 shows a red office that `flags` names; its history
// (found with the filter) shows its open notice; R records the office's report, and
// `notices list` then has the notice reported, with the response typed.
func TestLeadMarksNoticeInTmux(t *testing.T) {
	e := newEnv(t)
	db := e.demoCopy()

	// A red office, as the command line names it, whose latest notice is still open.
	open := map[string]string{} // department · office → the number of its latest open notice
	for _, r := range parseCSV(t, e.ok("--db", db, "notices", "list", "--format", "csv"))[1:] {
		key := r[2] + " · " + r[3]
		delete(open, key) // the list is oldest first: a later notice replaces an earlier one
		if r[6] == "issued" || r[6] == "overdue" {
			open[key] = r[0]
		}
	}
	var dept, office, number string
	for _, r := range parseCSV(t, e.ok("--db", db, "flags", "--format", "csv"))[1:] {
		if n, ok := open[r[1]+" · "+r[2]]; ok && r[0] == "red" {
			dept, office, number = r[1], r[2], n
			break
		}
	}
	if number == "" {
		t.Fatal("the demo has no red office with an open notice")
	}

	tm := newTmux(t, e, "--db", db, "--as", "姜中原")
	tm.waitFor("姜中原 组长")
	tm.press("2")
	tm.waitFor("红牌", "逾期整改")
	if s := tm.screen(); !strings.Contains(s, trimCell(office)) {
		t.Errorf("tab 2 does not show %s, which flags names red:\n%s", office, s)
	}
	tm.press("/")
	tm.press(office)
	tm.press("Enter", "Enter")
	tm.waitFor(dept+" · "+office, "整改通知", number)
	tm.press("R")
	tm.waitFor("登记整改报告：通知 " + number)
	tm.press("已安排专人值守电话")
	tm.press("Enter")
	tm.waitFor("登记通知 "+number+" 的整改反馈？", "y 保存")
	tm.press("y")
	tm.waitFor("整改通知 " + number + " 已登记整改报告")

	for _, r := range parseCSV(t, e.ok("--db", db, "notices", "list", "--format", "csv"))[1:] {
		if r[0] == number && (r[6] != "reported" || r[7] != "已安排专人值守电话") {
			t.Errorf("notices list has %s as %s with %q, want reported with the response", number, r[6], r[7])
		}
	}
	reported := e.ok("--db", db, "notices", "list", "--status", "reported")
	if !strings.Contains(reported, number) {
		t.Errorf("notices list --status reported lacks %s:\n%s", number, reported)
	}
}

// trimCell is the start of a name as a narrow column shows it: the first eight characters.
func trimCell(name string) string {
	r := []rune(name)
	return string(r[:min(len(r), 8)])
}
