package demo_test

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"phoneaudit/demo"
	"phoneaudit/scoring"
)

var seeds = []int64{1, 2, 42, 2026, -7}

var cityPhone = regexp.MustCompile(`^0391-555\d{4}$`).MatchString

func TestNewCityRegistry(t *testing.T) {
	for _, seed := range seeds {
		c := demo.NewCity(seed)
		if n := len(c.Departments); n < 28 || n > 34 {
			t.Errorf("seed %d: %d departments, want about 30", seed, n)
		}
		if n := len(c.Offices); n != 100 {
			t.Errorf("seed %d: %d offices, want 100", seed, n)
		}
		checkRegistryUnique(t, c, cityPhone)

		roles := map[string]int{}
		names := map[string]bool{}
		for _, a := range c.Auditors {
			roles[a.Role]++
			names[a.Name] = true
			if a.Affiliation == "" {
				t.Errorf("seed %d: auditor %s has no affiliation", seed, a.Name)
			}
		}
		if roles[demo.RoleAuditor] != 10 || roles[demo.RoleLead] != 2 {
			t.Errorf("seed %d: roles %v, want 10 auditors and 2 leads", seed, roles)
		}
		for _, want := range []string{"张伟(人社)", "张伟(城管)"} {
			if !names[want] {
				t.Errorf("seed %d: no auditor %s", seed, want)
			}
		}
		if names["张伟"] {
			t.Errorf("seed %d: a plain 张伟 besides the two told apart", seed)
		}
	}
}

func TestCategoriesHaveOfficesAndScenarios(t *testing.T) {
	c := demo.NewCity(1)
	offices := map[string]int{}
	for _, o := range c.Offices {
		offices[o.Category]++
	}
	scen := map[string]int{}
	for _, s := range c.Scenarios {
		if strings.TrimSpace(s.Question) == "" {
			t.Errorf("empty question for %s/%s", s.Category, s.Persona)
		}
		scen[s.Category+"/"+string(s.Persona)]++
	}
	if n := len(c.Scenarios); n < 35 || n > 45 {
		t.Errorf("%d scenarios, want about 40", n)
	}
	for _, cat := range demo.Categories {
		if offices[cat] < 5 {
			t.Errorf("category %s has %d offices, want at least 5", cat, offices[cat])
		}
		for _, p := range scoring.Personas {
			if scen[cat+"/"+string(p)] == 0 {
				t.Errorf("no scenario for %s × %s", cat, p)
			}
		}
	}
}

func TestNewCityRounds(t *testing.T) {
	for _, seed := range seeds {
		c := demo.NewCity(seed)
		if len(c.Rounds) != 6 {
			t.Fatalf("seed %d: %d rounds, want 6", seed, len(c.Rounds))
		}
		for i, r := range c.Rounds {
			if want := "2026年第" + string(rune('1'+i)) + "轮"; r.Name != want {
				t.Errorf("seed %d: round %d named %q, want %q", seed, i+1, r.Name, want)
			}
			if closed := i < 5; r.Closed != closed {
				t.Errorf("seed %d: %s closed = %v, want %v", seed, r.Name, r.Closed, closed)
			}
			if r.From.After(r.To) || r.From.Hour() != 0 || r.From.Location() != time.UTC {
				t.Errorf("seed %d: %s dates %s–%s are not a UTC date range", seed, r.Name, r.From, r.To)
			}
			if i > 0 && !r.From.After(c.Rounds[i-1].To) {
				t.Errorf("seed %d: %s starts before %s ends", seed, r.Name, c.Rounds[i-1].Name)
			}
			seen := map[int]bool{}
			for _, call := range r.Calls {
				seen[call.Office] = true
				s := c.Scenarios[call.Scenario]
				if s.Persona != call.Persona || s.Category != c.Offices[call.Office].Category {
					t.Errorf("seed %d: %s office %d: scenario %s/%s does not fit %s/%s", seed, r.Name, call.Office,
						s.Category, s.Persona, c.Offices[call.Office].Category, call.Persona)
				}
				if i > 0 && c.Rounds[i-1].Calls[call.Office].Persona == call.Persona {
					t.Errorf("seed %d: %s office %d: persona %s not rotated", seed, r.Name, call.Office, call.Persona)
				}
			}
			if len(r.Calls) != len(c.Offices) || len(seen) != len(c.Offices) {
				t.Errorf("seed %d: %s has %d calls to %d offices, want one per office", seed, r.Name, len(r.Calls), len(seen))
			}
			checkCallerSpread(t, c, r)
			checkDials(t, r)
		}
	}
}

// cityTally is what scoring makes of a city as of round 5, and of its open round.
type cityTally struct {
	red, yellow             int
	unreachable, wrong, hup int
	notAudited, review      int
	problemRate             []float64 // per closed round
	open                    map[scoring.CallStatus]int
	drafts                  int
}

func tally(t *testing.T, c demo.City) cityTally {
	audits := make([][]scoring.Audit, len(c.Offices))
	tl := cityTally{open: map[scoring.CallStatus]int{}}
	for n, r := range c.Rounds {
		res := judge(t, c, r)
		problems, audited := 0, 0
		for i, call := range r.Calls {
			rs := res[i]
			if rs.NeedsReview {
				tl.review++
			}
			if !r.Closed {
				tl.open[rs.Status]++
				if call.Answers != nil && !call.Submitted {
					tl.drafts++
				}
				continue
			}
			if !finished(rs) {
				tl.notAudited++
				continue
			}
			audited++
			if rs.Problem {
				problems++
			}
			audits[call.Office] = append(audits[call.Office], scoring.Audit{Round: n + 1, Problem: rs.Problem})
			switch {
			case rs.Status == scoring.Unreachable:
				tl.unreachable++
			case lastOutcome(call) == scoring.WrongNumber:
				tl.wrong++
			case lastOutcome(call) == scoring.HungUp:
				tl.hup++
			}
		}
		if r.Closed {
			tl.problemRate = append(tl.problemRate, float64(problems)/float64(audited))
		}
	}
	for _, a := range audits {
		switch scoring.LevelOf(scoring.Streak(a, 5)) {
		case scoring.Red:
			tl.red++
		case scoring.Yellow:
			tl.yellow++
		}
	}
	return tl
}

func TestNewCityAgainstRubric(t *testing.T) {
	for _, seed := range seeds {
		c := demo.NewCity(seed)
		tl := tally(t, c)
		checks := []struct {
			what   string
			got    int
			lo, hi int
		}{
			{"red offices as of round 5", tl.red, 3, 8},
			{"yellow offices as of round 5", tl.yellow, 3, 8},
			{"unreachable calls in rounds 1–5", tl.unreachable, 2, 30},
			{"13 calls in rounds 1–5", tl.wrong, 1, 10},
			{"14 calls in rounds 1–5", tl.hup, 1, 10},
			{"not audited calls in rounds 1–5", tl.notAudited, 5, 10},
			{"calls needing review", tl.review, 0, 0},
			{"finished calls of the open round", tl.open[scoring.Done] + tl.open[scoring.Unreachable], 30, 38},
			{"calls in progress in the open round", tl.open[scoring.InProgress], 3, 6},
			{"drafts in the open round", tl.drafts, 1, 3},
			{"calls to make in the open round", tl.open[scoring.ToCall], 55, 70},
		}
		for _, ck := range checks {
			if ck.got < ck.lo || ck.got > ck.hi {
				t.Errorf("seed %d: %s = %d, want %d–%d", seed, ck.what, ck.got, ck.lo, ck.hi)
			}
		}
		for i, rate := range tl.problemRate {
			if rate < 0.04 || rate > 0.25 {
				t.Errorf("seed %d: round %d: %.0f%% of offices with a problem, want a believable 4–25%%", seed, i+1, rate*100)
			}
		}
	}
}

// TestSheetsAreWhole checks every sheet against the rubric: submitted sheets
// are complete and carry the seconds to answer, drafts are partial.
func TestSheetsAreWhole(t *testing.T) {
	rub := scoring.DefaultRubric()
	c := demo.NewCity(3)
	for _, r := range c.Rounds {
		for _, call := range r.Calls {
			reached := false
			for _, d := range call.Dials {
				reached = reached || d.Outcome.Reached()
			}
			if reached != (call.AnswerSeconds != nil) {
				t.Errorf("%s office %d: reached %v but answer seconds set %v", r.Name, call.Office, reached, call.AnswerSeconds != nil)
			}
			if call.Answers == nil {
				if call.Submitted {
					t.Errorf("%s office %d: submitted without a sheet", r.Name, call.Office)
				}
				continue
			}
			if !reached {
				t.Errorf("%s office %d: a sheet for a call that never reached the office", r.Name, call.Office)
			}
			sr := rub.ScoreSheet(call.Answers, call.AnswerSeconds)
			if sr.Complete != call.Submitted {
				t.Errorf("%s office %d: sheet complete %v, submitted %v (missing %v)", r.Name, call.Office, sr.Complete, call.Submitted, sr.Missing)
			}
			if call.Submitted && call.SubmittedAt.IsZero() {
				t.Errorf("%s office %d: submitted with no time", r.Name, call.Office)
			}
		}
	}
}

func TestNewCityIsDeterministic(t *testing.T) {
	tests := []struct {
		a, b int64
		same bool
	}{
		{1, 1, true},
		{2026, 2026, true},
		{1, 2, false},
		{0, -1, false},
	}
	for _, tt := range tests {
		a, b := demo.NewCity(tt.a), demo.NewCity(tt.b)
		if got := reflect.DeepEqual(a, b); got != tt.same {
			t.Errorf("NewCity(%d) equal to NewCity(%d): %v, want %v", tt.a, tt.b, got, tt.same)
		}
		if !tt.same && reflect.DeepEqual(a.Offices, b.Offices) {
			t.Errorf("seeds %d and %d give the same phone numbers", tt.a, tt.b)
		}
	}
}
