package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"phoneaudit/lang"
	"phoneaudit/store"

	"charm.land/lipgloss/v2"
)

// The caller reads the question to ask whole, at 80×24 as at 120×40, in both languages: every
// scenario of the demo city, the long ones wrapped rather than cut (seen: "咨询事项:…" at 80×24).
func TestCallScreenShowsTheWholeQuestion(t *testing.T) {
	ctx := context.Background()
	st := demoStore(t)
	scenarios, err := st.Scenarios(ctx)
	if err != nil {
		t.Fatal(err)
	}
	longest := ""
	for _, s := range scenarios {
		if len([]rune(s.Question)) > len([]rune(longest)) {
			longest = s.Question
		}
	}
	r, err := st.FindRound(ctx, "6")
	if err != nil {
		t.Fatal(err)
	}
	calls, err := st.Calls(ctx, store.CallFilter{RoundID: r.ID})
	if err != nil || len(calls) == 0 {
		t.Fatalf("calls: %v", err)
	}
	c := calls[0]
	c.Question = longest // the widest question on the screen of a real call
	squash := func(s string) string { return strings.NewReplacer("\n", "", " ", "").Replace(s) }
	for _, l := range []lang.Lang{lang.ZH, lang.EN} {
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			s := shared{lang: l, styles: DefaultStyles(), now: func() time.Time { return testNow }}
			screen := newCallScreen(s, session{}, c, 1, 1).View(size[0], size[1]-4, testNow)
			if !strings.Contains(squash(screen), squash(longest)) || strings.Contains(strings.SplitN(screen, "\n", 4)[1], "…") {
				t.Errorf("%s %dx%d: the question %q is not whole:\n%s", l, size[0], size[1], longest, screen)
			}
			for _, line := range strings.Split(screen, "\n") {
				if w := lipgloss.Width(line); w > size[0] {
					t.Errorf("%s %dx%d: a line %d wide: %q", l, size[0], size[1], w, line)
				}
			}
		}
	}
}
