package plan_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"phoneaudit/plan"
	"phoneaudit/scoring"
)

// TestMakeEdges plans inputs at the edges of what a city has and checks the
// properties, the repeats that are forced, and that Check keeps quiet about them.
func TestMakeEdges(t *testing.T) {
	tests := []struct {
		name  string
		input func(*plan.Input)
		// Repeats of last time the input forces; Make must not do worse.
		sameAuditor, samePersona, sameScenario int
		check                                  func(t *testing.T, in plan.Input, calls []plan.Call)
	}{
		{
			name: "category without scenarios",
			input: func(in *plan.Input) {
				in.Offices[0].Category, in.Offices[2].Category = "信访", "信访"
			},
			check: func(t *testing.T, in plan.Input, calls []plan.Call) {
				for _, c := range calls {
					if (c.Office == o1 || c.Office == o3) && c.Scenario != 0 {
						t.Errorf("office %d of a category without scenarios got scenario %d", c.Office, c.Scenario)
					}
				}
			},
		},
		{
			name: "only the previous persona has scenarios",
			input: func(in *plan.Input) {
				in.Scenarios = []plan.Scenario{{ID: 101, Category: "涉企", Persona: scoring.Business}, {ID: 201, Category: "农业", Persona: scoring.Farmer}}
			},
			samePersona: 2, sameScenario: 2,
		},
		{
			name: "one scenario persona: the scenario still rotates",
			input: func(in *plan.Input) {
				in.Scenarios = []plan.Scenario{
					{ID: 101, Category: "涉企", Persona: scoring.Business}, {ID: 102, Category: "涉企", Persona: scoring.Business},
					{ID: 201, Category: "农业", Persona: scoring.Farmer}, {ID: 202, Category: "农业", Persona: scoring.Farmer},
				}
			},
			samePersona: 2,
		},
		{
			name:  "more auditors than offices",
			input: func(in *plan.Input) { in.Auditors = []int64{a1, a2, 3, 4, 5, 6, 7} },
		},
		{
			name:        "the previous auditor is the only auditor",
			input:       func(in *plan.Input) { in.Auditors = []int64{a1}; in.Offices[1].PrevAuditor = a1 },
			sameAuditor: 2,
		},
		{
			name: "every office had the same auditor",
			input: func(in *plan.Input) {
				for i := range in.Offices {
					in.Offices[i].PrevAuditor = a1
				}
			},
			sameAuditor: 2, // even counts give a1 two of the four offices
		},
		{
			name: "five of six offices had the same auditor",
			input: func(in *plan.Input) {
				in.Auditors = []int64{a1, a2, 3}
				in.Offices = append(in.Offices, plan.Office{ID: 15, Category: "涉企"}, plan.Office{ID: 16, Category: "涉企"})
				for i := range in.Offices[:5] {
					in.Offices[i].PrevAuditor = a1
				}
			},
			sameAuditor: 1, // a1 takes two: office 16 and one of its own
		},
		{
			name:  "days given as UTC midnights",
			input: func(in *plan.Input) { in.Days = []time.Time{date(2026, 12, 7), date(2026, 12, 8)} },
		},
		{
			name: "no zone: the days' own",
			input: func(in *plan.Input) {
				in.Loc = nil
			},
		},
		{
			name: "a one-minute span: calls at its only minute",
			input: func(in *plan.Input) {
				in.Hours = []scoring.Span{{From: 9 * 60, To: 9*60 + 1}}
				in.Auditors = []int64{1, 2, 3, 4}
			},
			check: func(t *testing.T, in plan.Input, calls []plan.Call) {
				for _, c := range calls {
					if m, _ := localMinute(c.Slot, in.Loc); m != 9*60 {
						t.Errorf("office %d planned at %s, not 09:00", c.Office, c.Slot.In(in.Loc))
					}
				}
			},
		},
		{
			name: "hours so short they fit one call an auditor a day",
			input: func(in *plan.Input) {
				in.Hours = []scoring.Span{{From: 9 * 60, To: 9*60 + 5}}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for seed := int64(1); seed <= 5; seed++ {
				in := smallInput(t)
				in.Seed = seed
				if tt.input != nil {
					tt.input(&in)
				}
				calls := mustMake(t, in)
				judged := in
				if judged.Loc == nil {
					judged.Loc = in.Days[0].Location()
				}
				assertPlan(t, judged, calls)
				a, p, s := sameAs(in, calls)
				if a != tt.sameAuditor || p != tt.samePersona || s != tt.sameScenario {
					t.Errorf("seed %d: repeats %d auditors, %d personas, %d scenarios; want %d, %d, %d",
						seed, a, p, s, tt.sameAuditor, tt.samePersona, tt.sameScenario)
				}
				if ps := plan.Check(in, calls); len(ps) > 0 {
					t.Errorf("seed %d: Check reports forced repeats or worse:%s", seed, describe(ps))
				}
				if tt.check != nil {
					tt.check(t, in, calls)
				}
			}
		})
	}
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// TestMakeFull: one auditor with exactly as many calls as the hours hold
// gets them all, the gap apart; one more is an error. Planning keeps the
// last gap of a span free for a retry, so 09:00–09:30 holds 09:00 and 09:10.
func TestMakeFull(t *testing.T) {
	in := smallInput(t)
	in.Auditors = []int64{a1}
	in.Hours = []scoring.Span{{From: 9 * 60, To: 9*60 + 30}}
	in.Offices = nil
	for i := range 4 {
		in.Offices = append(in.Offices, plan.Office{ID: int64(i + 1), Category: "涉企"})
	}
	for seed := int64(1); seed <= 5; seed++ {
		in.Seed = seed
		assertPlan(t, in, mustMake(t, in))
	}
	in.Offices = append(in.Offices, plan.Office{ID: 5, Category: "涉企"})
	if _, err := plan.Make(in); !errors.Is(err, plan.ErrCannotPlan) || !strings.Contains(err.Error(), "add days or auditors") {
		t.Errorf("5 calls in room for 4: err = %v", err)
	}
}

// TestMakeImpossible: inputs no plan can come from are errors that say why.
func TestMakeImpossible(t *testing.T) {
	tests := []struct {
		name  string
		input func(*plan.Input)
		words string
	}{
		{"no auditors", func(in *plan.Input) { in.Auditors = nil }, "no auditor"},
		{"only a zero auditor", func(in *plan.Input) { in.Auditors = []int64{0} }, "no auditor"},
		{"no days", func(in *plan.Input) { in.Days = nil }, "no working day"},
		{"no hours", func(in *plan.Input) { in.Hours = nil }, "no working hours"},
		{"hours backwards", func(in *plan.Input) { in.Hours = []scoring.Span{{From: 12 * 60, To: 8*60 + 30}} }, "12:00–08:30"},
		{"hours past midnight", func(in *plan.Input) { in.Hours = []scoring.Span{{From: 22 * 60, To: 25 * 60}} }, "22:00–25:00"},
		{"too many calls", func(in *plan.Input) {
			in.Days = in.Days[:1]
			in.Hours = []scoring.Span{{From: 9 * 60, To: 9*60 + 5}} // room for one call an auditor
		}, "王芳 has 2 calls, but one auditor can place at most 1 a day"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := smallInput(t)
			tt.input(&in)
			calls, err := plan.Make(in)
			if !errors.Is(err, plan.ErrCannotPlan) || !strings.Contains(err.Error(), tt.words) {
				t.Errorf("Make = %d calls, %v; want an error saying %q", len(calls), err, tt.words)
			}
		})
	}
}

// TestMakeNothing: no offices, no calls and no error.
func TestMakeNothing(t *testing.T) {
	in := smallInput(t)
	in.Offices = nil
	if calls, err := plan.Make(in); err != nil || len(calls) != 0 {
		t.Errorf("Make = %v, %v; want no calls", calls, err)
	}
}

// TestTooManyCallsCountsInEnglish: the error of a plan that does not fit
// counts one working day in the singular.
func TestTooManyCallsCountsInEnglish(t *testing.T) {
	in := smallInput(t)
	in.Auditors = []int64{a1}
	in.Hours = []scoring.Span{{From: 9 * 60, To: 9*60 + 30}}
	in.Days = in.Days[:1]
	in.Offices = nil
	for i := range 3 {
		in.Offices = append(in.Offices, plan.Office{ID: int64(i + 1), Category: "涉企"})
	}
	_, err := plan.Make(in)
	if !errors.Is(err, plan.ErrCannotPlan) || !strings.Contains(err.Error(), "has 3 calls") ||
		!strings.Contains(err.Error(), "on the 1 working day: add days or auditors") {
		t.Errorf("3 calls in room for 2 on one day: err = %v", err)
	}
}
