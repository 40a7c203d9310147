package demo_test

import (
	"errors"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"phoneaudit/demo"
	"phoneaudit/scoring"
)

var provincePhone = regexp.MustCompile(`^0\d{3}-555\d{4}$`).MatchString

func TestNewProvinceRegistry(t *testing.T) {
	c := demo.NewProvince(1)
	if len(c.Offices) != 2000 || len(c.Departments) != 200 {
		t.Errorf("%d offices in %d departments, want 2,000 in 200", len(c.Offices), len(c.Departments))
	}
	if n := len(c.Auditors); n < 55 || n > 65 {
		t.Errorf("%d auditors, want about 60", n)
	}
	if c.Rounds != nil {
		t.Errorf("NewProvince returned %d rounds, want none", len(c.Rounds))
	}
	checkRegistryUnique(t, c, provincePhone)
}

// collect runs ProvinceRounds and keeps every round.
func collect(t *testing.T, seed int64, c demo.City, n int) []demo.Round {
	t.Helper()
	var out []demo.Round
	if err := demo.ProvinceRounds(seed, c, n, func(r demo.Round) error { out = append(out, r); return nil }); err != nil {
		t.Fatalf("ProvinceRounds: %v", err)
	}
	return out
}

func TestProvinceRounds(t *testing.T) {
	c := demo.NewProvince(7)
	rounds := collect(t, 7, c, 3)
	if len(rounds) != 3 {
		t.Fatalf("%d rounds, want 3", len(rounds))
	}
	wantFrom := []string{"2026-11-09", "2026-11-16", "2026-11-23"}
	for i, r := range rounds {
		if want := "第" + string(rune('1'+i)) + "轮"; r.Name != want || !r.Closed {
			t.Errorf("round %d: %q closed %v, want %q closed", i+1, r.Name, r.Closed, want)
		}
		if got := r.From.Format(time.DateOnly); got != wantFrom[i] || r.To.Sub(r.From) != 4*24*time.Hour {
			t.Errorf("%s: %s–%s, want the week from %s", r.Name, got, r.To.Format(time.DateOnly), wantFrom[i])
		}
		if len(r.Calls) != len(c.Offices) {
			t.Errorf("%s: %d calls, want %d", r.Name, len(r.Calls), len(c.Offices))
		}
		for i, rs := range judge(t, c, r) {
			call := r.Calls[i]
			if rs.Status != scoring.Done || !rs.Scored || !call.Submitted || len(call.Dials) == 0 {
				t.Fatalf("%s office %d: status %s scored %v submitted %v dials %d, want a scored call with one submitted sheet",
					r.Name, call.Office, rs.Status, rs.Scored, call.Submitted, len(call.Dials))
			}
		}
		checkCallerSpread(t, c, r)
		checkDials(t, r)
	}
}

// TestProvinceFlags checks that a dozen rounds grow red flags in some offices
// but not in many: streaks come from weak offices, not from noise.
func TestProvinceFlags(t *testing.T) {
	c := demo.NewProvince(3)
	rub, loc := scoring.DefaultRubric(), shanghai(t)
	streak := make([]int, len(c.Offices))
	problems, calls := 0, 0
	err := demo.ProvinceRounds(3, c, 12, func(r demo.Round) error {
		for _, call := range r.Calls {
			rs := rub.Result(call.Input(""), scoring.Calendar{}, loc)
			streak[call.Office] = scoring.NextStreak(streak[call.Office], rs.Problem)
			calls++
			if rs.Problem {
				problems++
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	red := 0
	for _, s := range streak {
		if scoring.LevelOf(s) == scoring.Red {
			red++
		}
	}
	if red < 5 || red > 100 {
		t.Errorf("%d red offices after 12 rounds, want some but under 5%%", red)
	}
	if rate := float64(problems) / float64(calls); rate < 0.02 || rate > 0.15 {
		t.Errorf("%.1f%% of calls with a problem, want 2–15%%", rate*100)
	}
}

func TestProvinceRoundsIsDeterministic(t *testing.T) {
	tests := []struct {
		a, b int64
		same bool
	}{
		{5, 5, true},
		{5, 6, false},
	}
	for _, tt := range tests {
		ca, cb := demo.NewProvince(tt.a), demo.NewProvince(tt.b)
		if got := reflect.DeepEqual(ca, cb); got != tt.same {
			t.Errorf("NewProvince(%d) equal to NewProvince(%d): %v, want %v", tt.a, tt.b, got, tt.same)
		}
		ra, rb := collect(t, tt.a, ca, 2), collect(t, tt.b, cb, 2)
		if got := reflect.DeepEqual(ra, rb); got != tt.same {
			t.Errorf("rounds of seed %d equal to those of seed %d: %v, want %v", tt.a, tt.b, got, tt.same)
		}
	}
}

func TestProvinceRoundsStopsOnError(t *testing.T) {
	stop := errors.New("disk full")
	calls := 0
	err := demo.ProvinceRounds(1, demo.NewProvince(1), 5, func(r demo.Round) error {
		calls++
		if calls == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || !strings.Contains(err.Error(), "第2轮") {
		t.Errorf("err = %v, want the callback's error naming 第2轮", err)
	}
	if calls != 2 {
		t.Errorf("callback ran %d times, want 2", calls)
	}
}

func TestProvinceRoundsRejectsUnplannableRegistry(t *testing.T) {
	good := demo.NewCity(1)
	good.Rounds = nil
	tests := []struct {
		name   string
		change func(*demo.City)
		want   string
	}{
		{"no offices", func(c *demo.City) { c.Offices = nil }, "office list is empty"},
		{"only leads", func(c *demo.City) {
			for i := range c.Auditors {
				c.Auditors[i].Role = demo.RoleLead
			}
		}, "no auditor"},
		{"category without scenarios", func(c *demo.City) { c.Offices[3].Category = "殡葬" }, "category 殡葬"},
		{"persona without a scenario", func(c *demo.City) {
			var keep []demo.Scenario
			for _, s := range c.Scenarios {
				if s.Category != demo.CatBusiness || s.Persona != scoring.Farmer {
					keep = append(keep, s)
				}
			}
			c.Scenarios = keep
		}, "no scenario for persona 农民"},
	}
	for _, tt := range tests {
		c := demo.NewCity(1)
		c.Rounds = nil
		tt.change(&c)
		called := false
		err := demo.ProvinceRounds(1, c, 2, func(demo.Round) error { called = true; return nil })
		if err == nil || !strings.Contains(err.Error(), tt.want) || called {
			t.Errorf("%s: err = %v (callback ran: %v), want an error containing %q before any round", tt.name, err, called, tt.want)
		}
	}
	// The city's own registry is plannable: the checks above fail for their reason only.
	if err := demo.ProvinceRounds(1, good, 1, func(demo.Round) error { return nil }); err != nil {
		t.Errorf("city registry: %v", err)
	}
}

// TestProvinceSoak generates a whole province history of 500 rounds (a million
// calls) as a stream. Only with PHONEAUDIT_SOAK=1.
func TestProvinceSoak(t *testing.T) {
	if os.Getenv("PHONEAUDIT_SOAK") != "1" {
		t.Skip("set PHONEAUDIT_SOAK=1 to generate 500 province rounds")
	}
	c := demo.NewProvince(1)
	start, calls := time.Now(), 0
	if err := demo.ProvinceRounds(1, c, 500, func(r demo.Round) error { calls += len(r.Calls); return nil }); err != nil {
		t.Fatal(err)
	}
	if calls != 1_000_000 {
		t.Errorf("%d calls, want 1,000,000", calls)
	}
	t.Logf("500 province rounds generated in %s", time.Since(start))
}

func BenchmarkProvinceRound(b *testing.B) {
	c := demo.NewProvince(1)
	b.ReportAllocs()
	b.ResetTimer()
	// One run of b.N rounds, as a loader would stream them.
	if err := demo.ProvinceRounds(1, c, b.N, func(demo.Round) error { return nil }); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(b.N*len(c.Offices))/b.Elapsed().Seconds(), "calls/s")
}
