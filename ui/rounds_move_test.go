package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"phoneaudit/lang"
	"phoneaudit/store"
)

// planned7 is the demo city with round 6 closed and round 7 planned (100
// calls, none dialled): a round whose calls a lead may still move.
func planned7(t *testing.T) *store.Store {
	t.Helper()
	ctx := context.Background()
	st := demoStore(t)
	if _, err := st.CloseRound(ctx, "6", true); err != nil {
		t.Fatal(err)
	}
	if _, err := st.NewRound(ctx, "2026年第7轮", "2026-11-30", "2026-12-11"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.PlanRound(ctx, "7", store.PlanOptions{Seed: 7}); err != nil {
		t.Fatal(err)
	}
	return st
}

// countsByAuditor is how many calls of the round each auditor has.
func countsByAuditor(t *testing.T, st *store.Store, roundID int64) map[string]int {
	t.Helper()
	calls, err := st.Calls(context.Background(), store.CallFilter{RoundID: roundID})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, c := range calls {
		out[c.Auditor]++
	}
	return out
}

// pickCall presses ↓ in round 7's detail until the call picked is one of
// from's, and returns it.
func pickCall(t *testing.T, m Model, from string) (Model, store.Call) {
	t.Helper()
	calls := m.roundsPage().movable()
	i := slices.IndexFunc(calls, func(c store.Call) bool { return c.Auditor == from })
	if i < 0 {
		t.Fatalf("%s has no call to move", from)
	}
	for range i {
		m = press(t, m, "down")
	}
	if got := m.roundsPage().move.sel; got != i {
		t.Fatalf("↓ picked call %d, want %d", got, i)
	}
	return m, calls[i]
}

// A lead picks a call of round 7 in its detail and presses m: moving it from
// the auditor with the fewest calls to the one with the most changes the
// database and the re-checked plan reports the imbalance on screen; a new
// slot moves the time; a mistake keeps the form open and changes nothing.
func TestMovePlannedCall(t *testing.T) {
	clear := []string{"ctrl+e", "ctrl+u"}
	tests := []struct {
		name      string
		lang      lang.Lang
		toMost    bool     // type the name of the auditor with the most calls
		slotKeys  []string // keys typed into the slot field (after tab)
		wantSlot  string   // the call's slot afterwards, city time ("" = unchanged)
		moved     bool
		wantShown []string
	}{
		{name: "to another auditor", lang: "zh", toMost: true, moved: true,
			wantShown: []string{"已调整", "计划检查", "相差超过1"}},
		{name: "to another auditor en", lang: "en", toMost: true, moved: true,
			wantShown: []string{"moved", "more than one apart"}},
		{name: "to another slot", lang: "zh", slotKeys: append(clear, typeText("2026-12-03 09:40")...),
			wantSlot: "2026-12-03 09:40", moved: true, wantShown: []string{"已调整", "12-03 09:40"}},
		{name: "not a slot", lang: "zh", slotKeys: append(clear, typeText("明天上午")...),
			wantShown: []string{"「明天上午」不是时间"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			st := planned7(t)
			r7 := roundStatus(t, st, "7")
			counts := countsByAuditor(t, st, r7.ID)
			least, most := "", ""
			for name, n := range counts {
				if least == "" || n < counts[least] || (n == counts[least] && name < least) {
					least = name
				}
			}
			for name, n := range counts {
				if name != least && (most == "" || n > counts[most] || (n == counts[most] && name < most)) {
					most = name
				}
			}
			if most == "" {
				t.Fatal("round 7 has one auditor only")
			}
			m := press(t, start(t, opts(st, tt.lang, leadName, &clock{t: testNow}), 120, 40), "3", "G", "enter")
			m, call := pickCall(t, m, least)
			m = press(t, m, "m")
			if m.roundsPage().form != rfMove {
				t.Fatal("m opened no form")
			}
			if tt.toMost {
				m = press(t, m, clear...)
				m = press(t, m, typeText(most)...)
			}
			if tt.slotKeys != nil {
				m = press(t, m, "tab")
				m = press(t, m, tt.slotKeys...)
			}
			m = press(t, m, "enter")
			got, err := st.GetCall(ctx, call.ID)
			if err != nil {
				t.Fatal(err)
			}
			wantAuditor := least
			if tt.toMost {
				wantAuditor = most
			}
			if got.Auditor != wantAuditor {
				t.Errorf("the call is %s's, want %s's", got.Auditor, wantAuditor)
			}
			loc, _ := st.Location(ctx)
			slot := got.Planned.In(loc).Format(slotLayout)
			if want := call.Planned.In(loc).Format(slotLayout); tt.wantSlot == "" && slot != want {
				t.Errorf("the slot moved to %s", slot)
			} else if tt.wantSlot != "" && slot != tt.wantSlot {
				t.Errorf("the slot is %s, want %s", slot, tt.wantSlot)
			}
			if p := m.roundsPage(); (p.form == rfNone) != tt.moved {
				t.Errorf("form open = %v after enter, moved = %v", p.form != rfNone, tt.moved)
			}
			for _, w := range tt.wantShown {
				if !hasText(m, w) && !strings.Contains(detailText(m), w) {
					t.Errorf("neither the screen nor the detail shows %q:\n%s\n%s", w, screen(m), detailText(m))
				}
			}
			if tt.toMost {
				after := countsByAuditor(t, st, r7.ID)
				if after[most] != counts[most]+1 || after[least] != counts[least]-1 {
					t.Errorf("counts %v after the move, before %v", after, counts)
				}
			}
		})
	}
}

// The move keys are a lead's, and only for a round whose plan may change:
// not for a closed round, and never for an auditor.
func TestMoveOnlyWhereAllowed(t *testing.T) {
	tests := []struct {
		name, as string
		keys     []string
	}{
		{"auditor", "杜瑞", []string{"3", "enter", "m"}},
		{"closed round", leadName, []string{"3", "G", "k", "enter", "m"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := planned7(t)
			m := press(t, start(t, opts(st, lang.ZH, tt.as, &clock{t: testNow}), 120, 40), tt.keys...)
			p := m.roundsPage()
			if p.form == rfMove || len(p.movable()) > 0 || p.keys.Move.Enabled() {
				t.Fatalf("%s may move calls (form %d, %d movable)", tt.name, p.form, len(p.movable()))
			}
		})
	}
}
