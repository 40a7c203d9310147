package plan_test

import (
	"slices"
	"testing"
	"time"

	"phoneaudit/plan"
	"phoneaudit/scoring"
)

// assertPlan checks, without help from Check, every property a plan made by
// Make must have whatever the input: one call per office, auditors of the
// input with even counts, personas and scenarios that fit, slots on the
// round's days inside working hours and the gap apart, days evenly loaded,
// calls in slot order.
func assertPlan(t *testing.T, in plan.Input, calls []plan.Call) {
	t.Helper()
	assertCoverage(t, in, calls)
	assertAuditors(t, in, calls)
	assertFit(t, in, calls)
	assertSlots(t, in, calls)
	if t.Failed() {
		t.FailNow() // the rest would only repeat it
	}
}

func assertCoverage(t *testing.T, in plan.Input, calls []plan.Call) {
	t.Helper()
	if len(calls) != len(in.Offices) {
		t.Errorf("%d calls for %d offices", len(calls), len(in.Offices))
	}
	seen := map[int64]int{}
	for _, c := range calls {
		seen[c.Office]++
	}
	for _, o := range in.Offices {
		if seen[o.ID] != 1 {
			t.Errorf("office %d has %d calls, want 1", o.ID, seen[o.ID])
		}
	}
}

func assertAuditors(t *testing.T, in plan.Input, calls []plan.Call) {
	t.Helper()
	counts := map[int64]int{}
	for _, c := range calls {
		if !slices.Contains(in.Auditors, c.Auditor) {
			t.Errorf("office %d: auditor %d is not among the callers", c.Office, c.Auditor)
		}
		counts[c.Auditor]++
	}
	if d := spread(counts, in.Auditors); d > 1 {
		t.Errorf("auditors' counts differ by %d: %v", d, counts)
	}
}

func assertFit(t *testing.T, in plan.Input, calls []plan.Call) {
	t.Helper()
	offices := index(in.Offices, func(o plan.Office) int64 { return o.ID })
	scen := index(in.Scenarios, func(s plan.Scenario) int64 { return s.ID })
	hasFor := func(cat string, p scoring.Persona) bool {
		return slices.ContainsFunc(in.Scenarios, func(s plan.Scenario) bool { return s.Category == cat && (p == "" || s.Persona == p) })
	}
	for _, c := range calls {
		o := in.Offices[offices[c.Office]]
		if hasFor(o.Category, "") && !hasFor(o.Category, c.Persona) {
			t.Errorf("office %d (%s): persona %s has no scenario for the category", o.ID, o.Category, c.Persona)
		}
		if c.Scenario == 0 {
			if hasFor(o.Category, c.Persona) {
				t.Errorf("office %d (%s): no scenario though %s has one", o.ID, o.Category, c.Persona)
			}
			continue
		}
		k, ok := scen[c.Scenario]
		if !ok {
			t.Errorf("office %d: unknown scenario %d", o.ID, c.Scenario)
			continue
		}
		if s := in.Scenarios[k]; s.Category != o.Category || s.Persona != c.Persona {
			t.Errorf("office %d (%s, %s): scenario %d is for %s, %s", o.ID, o.Category, c.Persona, s.ID, s.Category, s.Persona)
		}
	}
}

func assertSlots(t *testing.T, in plan.Input, calls []plan.Call) {
	t.Helper()
	days := map[string]int{}
	var keys []string
	for _, d := range in.Days {
		k := d.Format(time.DateOnly)
		days[k] = 0
		keys = append(keys, k)
	}
	last := map[int64]time.Time{}
	for i, c := range calls {
		if c.Slot.Location() != time.UTC {
			t.Errorf("office %d: slot %v is not in UTC", c.Office, c.Slot)
		}
		m, whole := localMinute(c.Slot, in.Loc)
		if !whole || !inSpans(m, in.Hours) {
			t.Errorf("office %d: slot %s is not a whole minute inside working hours", c.Office, c.Slot.In(in.Loc))
		}
		k := c.Slot.In(in.Loc).Format(time.DateOnly)
		if _, ok := days[k]; !ok {
			t.Errorf("office %d: slot %s is on no day of the round", c.Office, c.Slot.In(in.Loc))
		}
		days[k]++
		if i > 0 && c.Slot.Before(calls[i-1].Slot) {
			t.Errorf("calls are not in slot order at %d", i)
		}
		// In slot order, the previous call of the same auditor is the nearest.
		if p, ok := last[c.Auditor]; ok && c.Slot.Sub(p) < in.Gap {
			t.Errorf("auditor %d: calls at %s and %s are less than %v apart", c.Auditor, p.In(in.Loc), c.Slot.In(in.Loc), in.Gap)
		}
		last[c.Auditor] = c.Slot
	}
	if d := spread(days, keys); d > 1 {
		t.Errorf("calls per day differ by %d: %v", d, days)
	}
}

// sameAs counts the calls that repeat the office's previous auditor,
// persona and scenario.
func sameAs(in plan.Input, calls []plan.Call) (auditor, persona, scenario int) {
	offices := index(in.Offices, func(o plan.Office) int64 { return o.ID })
	for _, c := range calls {
		o := in.Offices[offices[c.Office]]
		if o.PrevAuditor != 0 && c.Auditor == o.PrevAuditor {
			auditor++
		}
		if o.PrevPersona != "" && c.Persona == o.PrevPersona {
			persona++
		}
		if o.PrevScenario != 0 && c.Scenario == o.PrevScenario {
			scenario++
		}
	}
	return auditor, persona, scenario
}
