package cli

import (
	"errors"
	"fmt"
	"testing"

	"phoneaudit/lang"
	"phoneaudit/store"
)

// TestRefusalText: the command line words a refusal of what only a lead may do in its language,
// keeping what it was wrapped in, and leaves other errors to their own words.
func TestRefusalText(t *testing.T) {
	refused := fmt.Errorf("round 3: %w", &store.RoleError{Actor: "王芳", Action: store.ActionCloseRound})
	for _, c := range []struct {
		lang lang.Lang
		want string
	}{
		{"zh", "round 3: 王芳 是测评员：只有组长可以这样做（结束轮次）"},
		{"en", "round 3: 王芳 may not close a round: only a lead may"},
	} {
		a := &app{lang: c.lang}
		if got, ok := a.refusalText(refused); !ok || got != c.want {
			t.Errorf("%s: %q, %v; want %q", c.lang, got, ok, c.want)
		}
	}
	if _, ok := (&app{lang: lang.ZH}).refusalText(errors.New("disk full")); ok {
		t.Error("an error that is no refusal was worded as one")
	}
}
