package plan_test

import (
	"cmp"
	"slices"
	"testing"
	"time"

	"phoneaudit/plan"
	"phoneaudit/scoring"
)

// A small round to break by hand: two auditors, four offices over two days.
const (
	a1, a2         = 1, 2
	o1, o2, o3, o4 = 11, 12, 13, 14
)

func smallInput(t *testing.T) plan.Input {
	loc := shanghai(t)
	return plan.Input{
		Offices: []plan.Office{
			{ID: o1, Category: "涉企", PrevAuditor: a1, PrevPersona: scoring.Business, PrevScenario: 101},
			{ID: o2, Category: "农业", PrevAuditor: a2, PrevPersona: scoring.Farmer, PrevScenario: 201},
			{ID: o3, Category: "涉企"},
			{ID: o4, Category: "农业"},
		},
		Auditors: []int64{a1, a2},
		Scenarios: []plan.Scenario{
			{ID: 101, Category: "涉企", Persona: scoring.Business},
			{ID: 102, Category: "涉企", Persona: scoring.Business},
			{ID: 103, Category: "涉企", Persona: scoring.Resident},
			{ID: 201, Category: "农业", Persona: scoring.Farmer},
			{ID: 202, Category: "农业", Persona: scoring.Farmer},
			{ID: 203, Category: "农业", Persona: scoring.Grassroots},
		},
		Days:         []time.Time{time.Date(2026, 12, 7, 0, 0, 0, 0, loc), time.Date(2026, 12, 8, 0, 0, 0, 0, loc)},
		Hours:        scoring.DefaultRubric().Hours,
		Loc:          loc,
		Gap:          10 * time.Minute,
		OfficeNames:  map[int64]string{o1: "市场监管局 登记注册科", o2: "农业农村局 种植业科"},
		AuditorNames: map[int64]string{a1: "王芳", a2: "李强"},
	}
}

// at is day 7 or 8 of December 2026 at hh:mm in the city, in UTC.
func at(t *testing.T, day, hh, mm int) time.Time {
	return time.Date(2026, 12, day, hh, mm, 0, 0, shanghai(t)).UTC()
}

// smallPlan is a plan of smallInput that keeps every property.
func smallPlan(t *testing.T) []plan.Call {
	return []plan.Call{
		{Office: o1, Auditor: a2, Persona: scoring.Resident, Scenario: 103, Slot: at(t, 7, 9, 0)},
		{Office: o2, Auditor: a1, Persona: scoring.Grassroots, Scenario: 203, Slot: at(t, 7, 9, 0)},
		{Office: o3, Auditor: a1, Persona: scoring.Business, Scenario: 101, Slot: at(t, 8, 10, 0)},
		{Office: o4, Auditor: a2, Persona: scoring.Farmer, Scenario: 201, Slot: at(t, 8, 15, 0)},
	}
}

// TestCheck breaks the small plan one way at a time and expects exactly the
// problems of that break.
func TestCheck(t *testing.T) {
	const i1, i2, i3, i4 = 0, 1, 2, 3 // the calls of o1..o4 in smallPlan
	tests := []struct {
		name  string
		input func(*plan.Input)
		edit  func(t *testing.T, calls []plan.Call) []plan.Call
		want  []plan.Kind
	}{
		{name: "intact", want: nil},
		{name: "last minute of the day is fine", edit: func(t *testing.T, c []plan.Call) []plan.Call { c[i3].Slot = at(t, 8, 17, 29); return c }},
		{name: "exactly the gap apart is fine", edit: func(t *testing.T, c []plan.Call) []plan.Call {
			c[i3].Slot, c[i1].Slot = at(t, 7, 9, 10), at(t, 8, 9, 0)
			return c
		}},
		{name: "counts uneven", want: []plan.Kind{plan.Unbalanced},
			edit: func(t *testing.T, c []plan.Call) []plan.Call { c[i4].Auditor = a1; return c }},
		{name: "call without auditor", want: []plan.Kind{plan.NoAuditor},
			edit: func(t *testing.T, c []plan.Call) []plan.Call { c[i4].Auditor = 0; return c }},
		{name: "previous auditors swapped back", want: []plan.Kind{plan.SameAuditor, plan.SameAuditor},
			edit: func(t *testing.T, c []plan.Call) []plan.Call { c[i1].Auditor, c[i2].Auditor = a1, a2; return c }},
		{name: "previous persona", want: []plan.Kind{plan.SamePersona},
			edit: func(t *testing.T, c []plan.Call) []plan.Call {
				c[i1].Persona, c[i1].Scenario = scoring.Business, 102
				return c
			}},
		{name: "previous persona and scenario", want: []plan.Kind{plan.SamePersona, plan.SameScenario},
			edit: func(t *testing.T, c []plan.Call) []plan.Call {
				c[i1].Persona, c[i1].Scenario = scoring.Business, 101
				return c
			}},
		{name: "persona without scenario for the category", want: []plan.Kind{plan.UnfitPersona},
			edit: func(t *testing.T, c []plan.Call) []plan.Call {
				c[i1].Persona, c[i1].Scenario = scoring.Farmer, 0
				return c
			}},
		{name: "unknown persona", want: []plan.Kind{plan.UnfitPersona, plan.UnfitScenario},
			edit: func(t *testing.T, c []plan.Call) []plan.Call { c[i1].Persona = "tourist"; return c }},
		{name: "no scenario", want: []plan.Kind{plan.NoScenario},
			edit: func(t *testing.T, c []plan.Call) []plan.Call { c[i1].Scenario = 0; return c }},
		{name: "scenario of another category", want: []plan.Kind{plan.UnfitScenario},
			edit: func(t *testing.T, c []plan.Call) []plan.Call { c[i3].Scenario = 201; return c }},
		{name: "scenario of another persona", want: []plan.Kind{plan.UnfitScenario},
			edit: func(t *testing.T, c []plan.Call) []plan.Call { c[i3].Scenario = 103; return c }},
		{name: "unknown scenario", want: []plan.Kind{plan.UnfitScenario},
			edit: func(t *testing.T, c []plan.Call) []plan.Call { c[i3].Scenario = 999; return c }},
		{name: "a Saturday", want: []plan.Kind{plan.OffDay},
			edit: func(t *testing.T, c []plan.Call) []plan.Call { c[i3].Slot = at(t, 5, 10, 0); return c }},
		{name: "no slot", want: []plan.Kind{plan.OffDay},
			edit: func(t *testing.T, c []plan.Call) []plan.Call { c[i3].Slot = time.Time{}; return c }},
		{name: "lunch break", want: []plan.Kind{plan.OffHours},
			edit: func(t *testing.T, c []plan.Call) []plan.Call { c[i3].Slot = at(t, 8, 12, 30); return c }},
		{name: "at the end of a span", want: []plan.Kind{plan.OffHours},
			edit: func(t *testing.T, c []plan.Call) []plan.Call { c[i3].Slot = at(t, 8, 12, 0); return c }},
		{name: "before opening", want: []plan.Kind{plan.OffHours},
			edit: func(t *testing.T, c []plan.Call) []plan.Call { c[i3].Slot = at(t, 8, 8, 29); return c }},
		{name: "one auditor twice within the gap", want: []plan.Kind{plan.TooClose},
			edit: func(t *testing.T, c []plan.Call) []plan.Call {
				c[i3].Slot, c[i1].Slot = at(t, 7, 9, 9), at(t, 8, 9, 0)
				return c
			}},
		{name: "days uneven", want: []plan.Kind{plan.UnevenDays},
			edit: func(t *testing.T, c []plan.Call) []plan.Call {
				c[i3].Slot, c[i4].Slot = at(t, 7, 10, 0), at(t, 7, 15, 0)
				return c
			}},
		{name: "office left out", want: []plan.Kind{plan.MissingCall},
			edit: func(t *testing.T, c []plan.Call) []plan.Call { return c[:3] }},
		{name: "office twice", want: []plan.Kind{plan.DuplicateCall},
			edit: func(t *testing.T, c []plan.Call) []plan.Call {
				return append(c, plan.Call{Office: o4, Auditor: a1, Persona: scoring.Farmer, Scenario: 202, Slot: at(t, 8, 16, 0)})
			}},
		{name: "office not in the round", want: []plan.Kind{plan.UnplannedOffice},
			edit: func(t *testing.T, c []plan.Call) []plan.Call {
				return append(c, plan.Call{Office: 99, Auditor: a1, Persona: scoring.Farmer, Slot: at(t, 8, 16, 0)})
			}},
		{name: "persona of weight 0", want: []plan.Kind{plan.UnfitPersona},
			input: func(in *plan.Input) { in.Offices[2].Category = "零" },
			edit: func(t *testing.T, c []plan.Call) []plan.Call {
				plan.PersonaWeights["零"] = map[scoring.Persona]int{scoring.Farmer: 0, scoring.Resident: 1}
				t.Cleanup(func() { delete(plan.PersonaWeights, "零") })
				c[i3].Persona, c[i3].Scenario = scoring.Farmer, 0
				return c
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, calls := smallInput(t), smallPlan(t)
			if tt.input != nil {
				tt.input(&in)
			}
			if tt.edit != nil {
				calls = tt.edit(t, calls)
			}
			got := plan.Check(in, calls)
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if !slices.Equal(kinds(got), want) {
				t.Errorf("Check = %v, want %v:%s", kinds(got), want, describe(got))
			}
			for _, p := range got {
				if p.ZH == "" || p.EN == "" {
					t.Errorf("%s has no words: %+v", p.Kind, p)
				}
			}
		})
	}
}

// TestCheckWords: problems name offices and auditors as a clerk knows them,
// and say how a repeated auditor could be avoided.
func TestCheckWords(t *testing.T) {
	in, calls := smallInput(t), smallPlan(t)
	// 王芳 gets 登记注册科 back and 种植业科 goes to 李强, who had it last
	// time; 王芳 also takes o4 from 李强.
	calls[0].Auditor, calls[1].Auditor, calls[3].Auditor = a1, a2, a1
	got := plan.Check(in, calls)
	var zh, en []string
	for _, p := range got {
		zh, en = append(zh, p.ZH), append(en, p.EN)
	}
	for _, w := range []string{
		"测评员 王芳 有 3 个电话，李强 有 1 个（相差超过1）",
		"市场监管局 登记注册科 与上次同一测评员（王芳），可与 农业农村局 种植业科 调换",
		"农业农村局 种植业科 与上次同一测评员（李强），可与 市场监管局 登记注册科 调换",
	} {
		if !slices.Contains(zh, w) {
			t.Errorf("missing %q in:%s", w, describe(got))
		}
	}
	if w := "auditor 王芳 has 3 calls and 李强 has 1 (more than one apart)"; !slices.Contains(en, w) {
		t.Errorf("missing %q in:%s", w, describe(got))
	}
}

// TestCheckDemoEdits makes a lead's edits to a plan of the demo city.
func TestCheckDemoEdits(t *testing.T) {
	in, _ := cityInput(t, 2)
	prev := map[int64]int64{}
	for _, o := range in.Offices {
		prev[o.ID] = o.PrevAuditor
	}
	t.Run("swap giving an office its previous auditor", func(t *testing.T) {
		calls := mustMake(t, in)
		i, j := swapToPrevious(t, in, calls, prev)
		calls[i].Auditor, calls[j].Auditor = calls[j].Auditor, calls[i].Auditor
		got := plan.Check(in, calls)
		if !slices.Equal(kinds(got), []plan.Kind{plan.SameAuditor}) || got[0].Office != calls[i].Office {
			t.Errorf("Check = %v, want office %d with its previous auditor:%s", kinds(got), calls[i].Office, describe(got))
		}
	})
	t.Run("slots in the order of the office list", func(t *testing.T) {
		calls := mustMake(t, in)
		slots := make([]time.Time, len(calls))
		for k, c := range calls {
			slots[k] = c.Slot
		}
		slices.SortFunc(calls, func(a, b plan.Call) int { return cmp.Compare(a.Office, b.Office) })
		for k := range calls {
			calls[k].Slot = slots[k]
		}
		if got := plan.Check(in, calls); !slices.Contains(kinds(got), plan.InOfficeOrder) {
			t.Errorf("Check = %v, want %s", kinds(got), plan.InOfficeOrder)
		}
	})
}

// swapToPrevious finds calls i and j on the same day such that swapping their
// auditors gives i's office its previous auditor and j's office not its own.
func swapToPrevious(t *testing.T, in plan.Input, calls []plan.Call, prev map[int64]int64) (int, int) {
	day := func(c plan.Call) string { return c.Slot.In(in.Loc).Format(time.DateOnly) }
	for i, ci := range calls {
		for j, cj := range calls {
			if cj.Auditor == prev[ci.Office] && prev[cj.Office] != ci.Auditor && day(ci) == day(cj) {
				return i, j
			}
		}
	}
	t.Fatal("no two calls to swap")
	return 0, 0
}
