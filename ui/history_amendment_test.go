package ui

import (
	"testing"
	"time"

	"phoneaudit/lang"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// TestAmendmentLine words amendments as the history shows them: the store's amendment tests
// check the fields these lines are made of.
func TestAmendmentLine(t *testing.T) {
	at := time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC)
	sheet := store.Amendment{At: at, By: "测试组长", Reason: "录音复核：答复准确",
		Before: scoring.Result{Scored: true, Total: 62.5, Problem: true}, After: scoring.Result{Scored: true, Total: 100}}
	if line := amendmentLine(lang.ZH, sheet, time.UTC); line != "原 62.5 有问题 → 改 100 无问题（录音复核：答复准确，测试组长，11-27）" {
		t.Errorf("line = %q", line)
	}
	if line := amendmentLine(lang.EN, sheet, time.UTC); line != "was 62.5 problem → now 100 no problem (录音复核：答复准确, 测试组长, 11-27)" {
		t.Errorf("English line = %q", line)
	}
	late := store.Amendment{At: at, By: "测试组长", Reason: "申诉核实", AfterPublication: true,
		Before: scoring.Result{Total: 55, Grade: "fail"}, After: scoring.Result{Total: 80.25, Grade: "pass"}}
	if line := amendmentLine(lang.ZH, late, time.UTC); line != "原 55 → 改 80.3（申诉核实，测试组长，11-27）（发布后）" {
		t.Errorf("after publication: %q", line)
	}
	if line := amendmentLine(lang.EN, late, time.UTC); line != "was 55 → now 80.3 (申诉核实, 测试组长, 11-27) after publication" {
		t.Errorf("English, after publication: %q", line)
	}
	if line := amendmentLine(lang.ZH, store.Amendment{At: at, Reason: "补录", By: "李强",
		After: scoring.Result{Scored: true, Total: 90}}, time.FixedZone("CST", 8*3600)); line != "原 — → 改 90（补录，李强，11-27）" {
		t.Errorf("a result without a total before: %q", line)
	}
}
