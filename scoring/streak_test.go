package scoring

import (
	"slices"
	"testing"
)

func TestStreak(t *testing.T) {
	tests := []struct {
		name   string
		audits []Audit
		asOf   int
		streak int
		rounds []int
		level  Level
	}{
		{"problems in 1, 2, 3: red as of 3",
			[]Audit{{1, true}, {2, true}, {3, true}}, 3, 3, []int{1, 2, 3}, Red},
		{"problems in 1 and 3 but not 2: streak 1",
			[]Audit{{1, true}, {2, false}, {3, true}}, 3, 1, []int{3}, NoFlag},
		{"problems in 2 and 4, not audited in 3: yellow as of 4",
			[]Audit{{2, true}, {4, true}}, 4, 2, []int{2, 4}, Yellow},
		{"as of an earlier round", []Audit{{1, true}, {2, true}, {3, true}}, 2, 2, []int{1, 2}, Yellow},
		{"as of a round without an audit", []Audit{{1, true}, {2, true}}, 5, 2, []int{1, 2}, Yellow},
		{"latest audit clean", []Audit{{1, true}, {2, true}, {3, false}}, 3, 0, nil, NoFlag},
		{"any order", []Audit{{3, true}, {1, false}, {2, true}}, 3, 2, []int{2, 3}, Yellow},
		{"several calls in one round: a problem if any has one",
			[]Audit{{1, true}, {2, false}, {2, true}, {3, true}, {3, false}}, 3, 3, []int{1, 2, 3}, Red},
		{"four in a row", []Audit{{1, true}, {2, true}, {3, true}, {4, true}}, 4, 4, []int{1, 2, 3, 4}, Red},
		{"no audits", nil, 3, 0, nil, NoFlag},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Streak(tt.audits, tt.asOf); got != tt.streak {
				t.Errorf("Streak = %d, want %d", got, tt.streak)
			}
			if got := StreakRounds(tt.audits, tt.asOf); !slices.Equal(got, tt.rounds) && len(got)+len(tt.rounds) > 0 {
				t.Errorf("StreakRounds = %v, want %v", got, tt.rounds)
			}
			if got := LevelOf(Streak(tt.audits, tt.asOf)); got != tt.level {
				t.Errorf("LevelOf = %q, want %q", got, tt.level)
			}
		})
	}
}

func TestNextStreakAgreesWithStreak(t *testing.T) {
	audits := []Audit{{1, true}, {2, true}, {3, false}, {4, true}, {5, true}, {6, true}}
	s := 0
	for _, a := range audits {
		s = NextStreak(s, a.Problem)
		if want := Streak(audits, a.Round); s != want {
			t.Errorf("round %d: NextStreak gives %d, Streak %d", a.Round, s, want)
		}
	}
}

func TestLevelOf(t *testing.T) {
	for streak, want := range map[int]Level{0: NoFlag, 1: NoFlag, 2: Yellow, 3: Red, 7: Red} {
		if got := LevelOf(streak); got != want {
			t.Errorf("LevelOf(%d) = %q, want %q", streak, got, want)
		}
	}
}

func TestAuditOf(t *testing.T) {
	r := DefaultRubric()
	clean := r.Result(CallInput{Attempts: connected, AnswerSeconds: secs(5), Sheets: []Sheet{sheet(full())}}, Calendar{}, cst)
	problem := r.Result(CallInput{Attempts: dials("2026-01-05 09:00", 13)}, Calendar{}, cst)
	// A call left open at round close, whose draft already shows a failure.
	open := r.Result(CallInput{Attempts: connected, Sheets: []Sheet{draft(Answers{"ownership": 0})}}, Calendar{}, cst)
	if open.Finished || !open.Problem {
		t.Fatalf("test setup: the open call should be unfinished with a live problem, got %+v", open)
	}
	imported := ImportedResult(true, nil, "")
	tests := []struct {
		name    string
		results []Result
		audited bool
		problem bool
	}{
		{"one clean call", []Result{clean}, true, false},
		{"two calls, one a problem", []Result{clean, problem}, true, true},
		{"a not-audited call contributes no audit", []Result{open}, false, false},
		{"a not-audited call beside a clean one", []Result{clean, open}, true, false},
		{"an imported result without a total", []Result{imported}, true, true},
		{"nothing", nil, false, false},
	}
	for _, tt := range tests {
		a, ok := AuditOf(7, tt.results)
		if ok != tt.audited || a.Problem != tt.problem || a.Round != 7 {
			t.Errorf("%s: got %+v, %v; want audited=%v problem=%v", tt.name, a, ok, tt.audited, tt.problem)
		}
	}
}
