package ui

import (
	"fmt"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"phoneaudit/lang"
)

// The lead's screens on the demo city at 100×30 and 80×24, kept as golden
// files (go test ./ui -run TestLeadGolden -update writes them again): tab 2,
// an office's history, the amendment form, tab 4 and the department
// ranking. The store's clock is fixed too, so overdue notices stay overdue.
func TestLeadGolden(t *testing.T) {
	screens := []struct {
		name string
		keys []string
	}{
		{"flagged", []string{"2"}},
		{"history", []string{"2", "enter"}},
		{"amend", []string{"2", "enter", "A", "down"}},
		{"offices", []string{"4"}},
		{"ranking", []string{"4", "t"}},
	}
	for _, size := range [][2]int{{100, 30}, {80, 24}} {
		for _, sc := range screens {
			t.Run(fmt.Sprintf("%s_%dx%d", sc.name, size[0], size[1]), func(t *testing.T) {
				st := demoStore(t)
				st.Now = func() time.Time { return testNow }
				m := start(t, opts(st, lang.ZH, leadName, &clock{t: testNow}), size[0], size[1])
				m = press(t, m, sc.keys...)
				view := ansi.Strip(m.View().Content)
				assertFits(t, view, size[0], size[1])
				teatest.RequireEqualOutput(t, []byte(trimRight(view)))
			})
		}
	}
}
