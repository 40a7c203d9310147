package scoring

import (
	"maps"
	"slices"
)

// AuditOf folds one office's results in one round (its calls, or imported
// rows) into its audit. Only finished results count; the office was audited
// if any is, and had a problem if any finished one did. false: not audited.
func AuditOf(round int, results []Result) (Audit, bool) {
	a := Audit{Round: round}
	audited := false
	for _, r := range results {
		if r.Finished {
			audited = true
			a.Problem = a.Problem || r.Problem
		}
	}
	return a, audited
}

// Streak is the number of most recent consecutive audits up to round asOf
// that had a problem. Audits may come in any order; several with one round
// are one audit, with a problem if any has one. Rounds without an audit
// neither break nor extend a streak: only audits are counted.
func Streak(audits []Audit, asOf int) int {
	return len(StreakRounds(audits, asOf))
}

// StreakRounds is the rounds of that streak, oldest first.
func StreakRounds(audits []Audit, asOf int) []int {
	problem := map[int]bool{}
	for _, a := range audits {
		if a.Round <= asOf {
			problem[a.Round] = problem[a.Round] || a.Problem
		}
	}
	rounds := slices.Sorted(maps.Keys(problem))
	start := len(rounds)
	for start > 0 && problem[rounds[start-1]] {
		start--
	}
	return rounds[start:]
}

// NextStreak carries a streak over one more audit, for a streak kept audit
// by audit in round order.
func NextStreak(prev int, problem bool) int {
	if problem {
		return prev + 1
	}
	return 0
}

// LevelOf is the flag a streak earns: red from three, yellow at two.
func LevelOf(streak int) Level {
	switch {
	case streak >= 3:
		return Red
	case streak == 2:
		return Yellow
	default:
		return NoFlag
	}
}
