package ui

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"phoneaudit/lang"
	"phoneaudit/store"
)

// TestRefusedActionsWorded: every action only a lead may do has words in both languages, no
// words are kept for an action the store does not have, and the Chinese refusal holds no English.
func TestRefusedActionsWorded(t *testing.T) {
	for _, a := range store.Actions {
		w, ok := refusedActions[a]
		if !ok || w.ZH == "" || !strings.HasPrefix(w.EN, "may not ") {
			t.Errorf("%s: words %+v, want Chinese and English (\"may not …\")", a, w)
		}
		zh := RoleRefusal(lang.ZH, &store.RoleError{Actor: "王芳", Action: a})
		if i := strings.IndexFunc(zh, func(r rune) bool { return r < unicode.MaxASCII && unicode.IsLetter(r) }); i >= 0 {
			t.Errorf("%s: the Chinese refusal %q has English in it", a, zh)
		}
	}
	for a := range refusedActions {
		if !slices.Contains(store.Actions, a) {
			t.Errorf("words for %s, which is not in store.Actions", a)
		}
	}
}
