package ui

import (
	"fmt"
	"testing"

	"phoneaudit/lang"
	"phoneaudit/store"
)

// TestErrTextRoleRefusal: a refusal of what only a lead may do is worded in the UI language,
// keeping what the store wrapped it in.
func TestErrTextRoleRefusal(t *testing.T) {
	refused := &store.RoleError{Actor: "王芳", Action: store.ActionImportOffices}
	if got := errText(lang.ZH, refused); got != "王芳 是测评员：只有组长可以这样做（导入科室）" {
		t.Errorf("zh: %q", got)
	}
	if got := errText(lang.EN, refused); got != "王芳 may not import offices: only a lead may" {
		t.Errorf("en: %q", got)
	}
	wrapped := fmt.Errorf("offices.csv: %w", refused)
	if got := errText(lang.EN, wrapped); got != "offices.csv: 王芳 may not import offices: only a lead may" {
		t.Errorf("wrapped: %q", got)
	}
}
