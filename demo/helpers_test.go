package demo_test

import (
	"testing"
	"time"
	_ "time/tzdata" // the tests judge times in the real Asia/Shanghai zone

	"phoneaudit/demo"
	"phoneaudit/scoring"
)

// shanghai is the real zone, against which the demo's fixed UTC+8 is checked.
func shanghai(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatalf("load Asia/Shanghai: %v", err)
	}
	return loc
}

// judge scores every call of a round with the default rubric, as the store would.
func judge(t testing.TB, c demo.City, r demo.Round) []scoring.Result {
	t.Helper()
	rub, loc := scoring.DefaultRubric(), shanghai(t)
	out := make([]scoring.Result, len(r.Calls))
	for i, call := range r.Calls {
		out[i] = rub.Result(call.Input(c.Auditors[call.Auditor].Name), scoring.Calendar{}, loc)
	}
	return out
}

// finished says whether a result counts as an audit.
func finished(r scoring.Result) bool {
	return r.Status == scoring.Done || r.Status == scoring.Unreachable
}

// officeKey identifies an office as DESIGN.md does.
func officeKey(o demo.Office) string { return o.Department + "\x00" + o.Name }

// lastOutcome is the outcome of a call's last dial, 0 if none.
func lastOutcome(c demo.Call) scoring.Outcome {
	if len(c.Dials) == 0 {
		return 0
	}
	return c.Dials[len(c.Dials)-1].Outcome
}

// checkRegistryUnique fails on duplicate departments, offices, phones or
// auditor names, offices of unknown departments and unknown categories.
func checkRegistryUnique(t *testing.T, c demo.City, phone func(string) bool) {
	t.Helper()
	depts := map[string]bool{}
	for _, d := range c.Departments {
		if depts[d.Name] {
			t.Errorf("department %s twice", d.Name)
		}
		depts[d.Name] = true
	}
	cats := map[string]bool{}
	for _, k := range demo.Categories {
		cats[k] = true
	}
	offices, phones := map[string]bool{}, map[string]bool{}
	for _, o := range c.Offices {
		if offices[officeKey(o)] {
			t.Errorf("office %s %s twice", o.Department, o.Name)
		}
		offices[officeKey(o)] = true
		if phones[o.Phone] {
			t.Errorf("phone %s twice", o.Phone)
		}
		phones[o.Phone] = true
		if !phone(o.Phone) {
			t.Errorf("office %s %s: phone %q is not a fictitious demo number", o.Department, o.Name, o.Phone)
		}
		if !depts[o.Department] {
			t.Errorf("office %s: department %s is not in the list", o.Name, o.Department)
		}
		if !cats[o.Category] {
			t.Errorf("office %s %s: unknown category %q", o.Department, o.Name, o.Category)
		}
	}
	names := map[string]bool{}
	for _, a := range c.Auditors {
		if names[a.Name] {
			t.Errorf("auditor %s twice", a.Name)
		}
		names[a.Name] = true
		if a.Role != demo.RoleAuditor && a.Role != demo.RoleLead {
			t.Errorf("auditor %s: role %q", a.Name, a.Role)
		}
	}
}

// checkCallerSpread fails unless every call is placed by a non-lead auditor and
// every such auditor places the same number of calls, give or take one.
func checkCallerSpread(t *testing.T, c demo.City, r demo.Round) {
	t.Helper()
	count := map[int]int{}
	for i, a := range c.Auditors {
		if a.Role == demo.RoleAuditor {
			count[i] = 0
		}
	}
	for _, call := range r.Calls {
		if _, ok := count[call.Auditor]; !ok {
			t.Fatalf("%s: call to office %d placed by %s, who is not an auditor", r.Name, call.Office, c.Auditors[call.Auditor].Name)
		}
		count[call.Auditor]++
	}
	lo, hi := len(r.Calls), 0
	for _, n := range count {
		lo, hi = min(lo, n), max(hi, n)
	}
	if hi-lo > 1 {
		t.Errorf("%s: calls per auditor range from %d to %d, want an even spread", r.Name, lo, hi)
	}
}

// checkDials fails on a dial or planned time outside working time or outside
// the round's dates, dials out of order, or times not in UTC.
func checkDials(t *testing.T, r demo.Round) {
	t.Helper()
	rub, loc := scoring.DefaultRubric(), shanghai(t)
	inRound := func(at time.Time) bool {
		d := at.In(loc).Format(time.DateOnly)
		return d >= r.From.Format(time.DateOnly) && d <= r.To.Format(time.DateOnly)
	}
	for _, c := range r.Calls {
		if !rub.WorkingTime(c.Planned, scoring.Calendar{}, loc) || !inRound(c.Planned) {
			t.Errorf("%s office %d: planned at %s, outside working time or the round", r.Name, c.Office, c.Planned.In(loc))
		}
		for i, d := range c.Dials {
			if d.At.Location() != time.UTC {
				t.Errorf("%s office %d: dial %d not in UTC", r.Name, c.Office, i+1)
			}
			if !rub.WorkingTime(d.At, scoring.Calendar{}, loc) || !inRound(d.At) {
				t.Errorf("%s office %d: dial %d at %s, outside working time or the round", r.Name, c.Office, i+1, d.At.In(loc))
			}
			if i > 0 && !d.At.After(c.Dials[i-1].At) {
				t.Errorf("%s office %d: dial %d is not after dial %d", r.Name, c.Office, i+1, i)
			}
		}
		if n := len(c.Dials); c.Submitted && n > 0 && c.SubmittedAt.Before(c.Dials[n-1].At) {
			t.Errorf("%s office %d: submitted before its last dial", r.Name, c.Office)
		}
	}
}
