package plan_test

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"phoneaudit/demo"
	"phoneaudit/plan"
	"phoneaudit/scoring"
)

// TestMakeDemoCity plans the demo city after its round 5 for several seeds
// and checks every property, then has Check agree.
func TestMakeDemoCity(t *testing.T) {
	for seed := int64(1); seed <= 8; seed++ {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			in, c := cityInput(t, seed)
			calls := mustMake(t, in)
			assertPlan(t, in, calls)
			// Every demo category has two scenarios for every persona and
			// round 5 dealt every caller ten offices: nothing need repeat.
			if a, p, s := sameAs(in, calls); a+p+s > 0 {
				t.Errorf("repeats of last time: %d auditors, %d personas, %d scenarios", a, p, s)
			}
			assertRandomOrder(t, in, c, calls)
			assertRoomForRetry(t, in, calls)
			assertAuditorDays(t, in, calls)
			if ps := plan.Check(in, calls); len(ps) > 0 {
				t.Errorf("Check finds problems in Make's plan:%s", describe(ps))
			}
		})
	}
}

// assertRandomOrder: in slot order, offices follow neither the office list
// nor their departments.
func assertRandomOrder(t *testing.T, in plan.Input, c demo.City, calls []plan.Call) {
	t.Helper()
	ascents, sameDept := 0, 0
	for i := 1; i < len(calls); i++ {
		a, b := calls[i-1].Office-officeBase, calls[i].Office-officeBase
		if b > a {
			ascents++
		}
		if c.Offices[a].Department == c.Offices[b].Department {
			sameDept++
		}
	}
	// A random order ascends about half the time; 100 offices in 32
	// departments put about 3 neighbours in the same department.
	if share := float64(ascents) / float64(len(calls)-1); share < 0.3 || share > 0.7 {
		t.Errorf("slot order ascends the office list %.0f%% of the time: not random", 100*share)
	}
	if sameDept > 12 {
		t.Errorf("%d neighbours in slot order share a department: grouped by department", sameDept)
	}
}

// assertRoomForRetry: no call is planned in the last gap of a span, where a
// retry the gap later would fall after closing.
func assertRoomForRetry(t *testing.T, in plan.Input, calls []plan.Call) {
	t.Helper()
	for _, c := range calls {
		m, _ := localMinute(c.Slot, in.Loc)
		if !inSpans(m+int(in.Gap/time.Minute), in.Hours) {
			t.Errorf("office %d planned at %s leaves no room for a retry", c.Office, c.Slot.In(in.Loc))
		}
	}
}

// assertAuditorDays: each auditor's calls are spread over the days, not
// heaped on a few (the city's callers have ten calls for ten days).
func assertAuditorDays(t *testing.T, in plan.Input, calls []plan.Call) {
	t.Helper()
	perDay := map[[2]int64]int{}
	for _, c := range calls {
		d := c.Slot.In(in.Loc)
		perDay[[2]int64{c.Auditor, int64(d.YearDay())}]++
	}
	for k, n := range perDay {
		if n > 2 {
			t.Errorf("auditor %d has %d calls on day %d of the year", k[0], n, k[1])
		}
	}
}

// TestMakeReproducible: the same input gives the same plan; another seed
// another one.
func TestMakeReproducible(t *testing.T) {
	in, _ := cityInput(t, 3)
	a, b := mustMake(t, in), mustMake(t, in)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same input gave two different plans")
	}
	in.Seed = 4
	c := mustMake(t, in)
	sameAuditor, sameSlot := 0, 0
	byOffice := map[int64]plan.Call{}
	for _, x := range a {
		byOffice[x.Office] = x
	}
	for _, y := range c {
		if byOffice[y.Office].Auditor == y.Auditor {
			sameAuditor++
		}
		if byOffice[y.Office].Slot.Equal(y.Slot) {
			sameSlot++
		}
	}
	// Ten callers: by chance about a tenth keep their auditor; slots hardly ever repeat.
	if sameAuditor > 30 || sameSlot > 5 {
		t.Errorf("seeds 3 and 4 agree on %d auditors and %d slots of 100", sameAuditor, sameSlot)
	}
}

// TestPersonaWeights draws many offices without a previous audit and checks
// that personas come in the odds of PersonaWeights (the default row for an
// unknown category).
func TestPersonaWeights(t *testing.T) {
	cats := []string{"涉企", "农业", "民生", "未知类别"}
	var scen []plan.Scenario
	for i, cat := range cats {
		for j, p := range scoring.Personas {
			scen = append(scen, plan.Scenario{ID: int64(10*i + j + 1), Category: cat, Persona: p})
		}
	}
	const n = 1200
	tests := []struct {
		cat     string
		persona scoring.Persona
		want    float64 // share expected from the table
	}{
		{"涉企", scoring.Business, 6.0 / 11},
		{"涉企", scoring.Farmer, 1.0 / 11},
		{"农业", scoring.Farmer, 6.0 / 12},
		{"农业", scoring.Resident, 1.0 / 12},
		{"民生", scoring.Resident, 5.0 / 12},
		{"未知类别", scoring.Resident, 3.0 / 9},
	}
	for _, tt := range tests {
		t.Run(tt.cat+"/"+string(tt.persona), func(t *testing.T) {
			in := weightInput(t, tt.cat, n, scen)
			got := 0
			for _, c := range mustMake(t, in) {
				if c.Persona == tt.persona {
					got++
				}
			}
			// Three standard deviations of a binomial share of 1,200 is under 0.045.
			if share := float64(got) / n; share < tt.want-0.045 || share > tt.want+0.045 {
				t.Errorf("%s gets %s %.3f of the time, want about %.3f", tt.cat, tt.persona, share, tt.want)
			}
		})
	}
}

func weightInput(t *testing.T, cat string, n int, scen []plan.Scenario) plan.Input {
	in := plan.Input{
		Auditors:  []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20},
		Scenarios: scen,
		Days:      scoring.WorkingDaysFrom(time.Date(2026, 12, 7, 0, 0, 0, 0, shanghai(t)), 10, scoring.Calendar{}),
		Hours:     scoring.DefaultRubric().Hours,
		Loc:       shanghai(t),
		Seed:      int64(len(cat)),
	}
	for i := range n {
		in.Offices = append(in.Offices, plan.Office{ID: int64(i + 1), Category: cat})
	}
	return in
}

// TestMakeProvince plans 2,000 offices after a province round and checks every
// property; BenchmarkMake measures the time.
func TestMakeProvince(t *testing.T) {
	in := provinceInput(t, 11)
	start := time.Now()
	calls := mustMake(t, in)
	took := time.Since(start)
	assertPlan(t, in, calls)
	if a, p, s := sameAs(in, calls); a+p+s > 0 {
		t.Errorf("repeats of last time: %d auditors, %d personas, %d scenarios", a, p, s)
	}
	if ps := plan.Check(in, calls); len(ps) > 0 {
		t.Errorf("Check finds %d problems in Make's plan:%s", len(ps), describe(ps[:min(5, len(ps))]))
	}
	t.Logf("planned 2,000 offices in %v (BenchmarkMake has the figure)", took)
}

func BenchmarkMakeProvince(b *testing.B) {
	in := provinceInput(b, 11)
	for b.Loop() {
		if _, err := plan.Make(in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCheckProvince(b *testing.B) {
	in := provinceInput(b, 11)
	calls, err := plan.Make(in)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		plan.Check(in, calls)
	}
}
