package plan_test

import (
	"fmt"
	"slices"
	"testing"
	"time"
	_ "time/tzdata" // plans are judged in the real Asia/Shanghai zone

	"phoneaudit/demo"
	"phoneaudit/plan"
	"phoneaudit/scoring"
)

// Made-up ids, far apart so that a mix-up of kinds shows.
const (
	officeBase   = 1000
	auditorBase  = 100
	scenarioBase = 5000
)

func shanghai(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatalf("load Asia/Shanghai: %v", err)
	}
	return loc
}

// demoInput builds the Input of the round after prev on registry c: the
// callers (role auditor) as auditors, every office with what prev's call to
// it used, ten working days from 2026-12-07.
func demoInput(t testing.TB, c demo.City, prev *demo.Round, seed int64) plan.Input {
	t.Helper()
	loc := shanghai(t)
	in := plan.Input{
		Days:         scoring.WorkingDaysFrom(time.Date(2026, 12, 7, 0, 0, 0, 0, loc), 10, scoring.Calendar{}),
		Hours:        scoring.DefaultRubric().Hours,
		Loc:          loc,
		Gap:          10 * time.Minute,
		Seed:         seed,
		OfficeNames:  map[int64]string{},
		AuditorNames: map[int64]string{},
	}
	for i, a := range c.Auditors {
		if a.Role == demo.RoleAuditor {
			in.Auditors = append(in.Auditors, auditorBase+int64(i))
			in.AuditorNames[auditorBase+int64(i)] = a.Name
		}
	}
	for i, s := range c.Scenarios {
		in.Scenarios = append(in.Scenarios, plan.Scenario{ID: scenarioBase + int64(i), Category: s.Category, Persona: s.Persona})
	}
	for i, o := range c.Offices {
		in.Offices = append(in.Offices, plan.Office{ID: officeBase + int64(i), Category: o.Category})
		in.OfficeNames[officeBase+int64(i)] = o.Department + " " + o.Name
	}
	if prev != nil {
		for _, call := range prev.Calls {
			o := &in.Offices[call.Office]
			o.PrevAuditor = auditorBase + int64(call.Auditor)
			o.PrevPersona = call.Persona
			o.PrevScenario = scenarioBase + int64(call.Scenario)
		}
	}
	return in
}

// cityInput is the demo city of seed planned after its round 5.
func cityInput(t testing.TB, seed int64) (plan.Input, demo.City) {
	t.Helper()
	c := demo.NewCity(seed)
	return demoInput(t, c, &c.Rounds[4], seed), c
}

// provinceInput is the demo province planned after one generated round.
func provinceInput(t testing.TB, seed int64) plan.Input {
	t.Helper()
	c := demo.NewProvince(seed)
	var prev demo.Round
	if err := demo.ProvinceRounds(seed, c, 1, func(r demo.Round) error { prev = r; return nil }); err != nil {
		t.Fatalf("province round: %v", err)
	}
	return demoInput(t, c, &prev, seed)
}

// mustMake plans in or fails the test.
func mustMake(t testing.TB, in plan.Input) []plan.Call {
	t.Helper()
	calls, err := plan.Make(in)
	if err != nil {
		t.Fatalf("Make: %v", err)
	}
	return calls
}

// kinds lists the kinds of problems, sorted, for comparing sets of problems.
func kinds(ps []plan.Problem) []plan.Kind {
	out := make([]plan.Kind, len(ps))
	for i, p := range ps {
		out[i] = p.Kind
	}
	slices.Sort(out)
	return out
}

// describe writes problems one a line for failure messages.
func describe(ps []plan.Problem) string {
	s := ""
	for _, p := range ps {
		s += fmt.Sprintf("\n  %s: %s | %s", p.Kind, p.ZH, p.EN)
	}
	return s
}

// index maps ids to positions.
func index[T any](xs []T, id func(T) int64) map[int64]int {
	m := make(map[int64]int, len(xs))
	for i, x := range xs {
		m[id(x)] = i
	}
	return m
}

// localMinute is the minute after midnight of t in loc; ok is false when t
// is not a whole minute.
func localMinute(t time.Time, loc *time.Location) (minute int, ok bool) {
	l := t.In(loc)
	return l.Hour()*60 + l.Minute(), l.Second() == 0 && l.Nanosecond() == 0
}

func inSpans(minute int, hours []scoring.Span) bool {
	return slices.ContainsFunc(hours, func(s scoring.Span) bool { return minute >= s.From && minute < s.To })
}

// spread is max − min of the values of counts over keys.
func spread[K comparable](counts map[K]int, keys []K) int {
	if len(keys) == 0 {
		return 0
	}
	lo, hi := counts[keys[0]], counts[keys[0]]
	for _, k := range keys {
		lo, hi = min(lo, counts[k]), max(hi, counts[k])
	}
	return hi - lo
}
