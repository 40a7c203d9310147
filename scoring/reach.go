package scoring

import (
	"slices"
	"time"
)

// Reach is how far the dial attempts of a call got.
type Reach struct {
	Reached     bool      // a dial ended 11 or 12 (scoring may start)
	Outcome     Outcome   // the last attempt's outcome, 0 if none
	Immediate   bool      // a dial ended 13 or 14: done at once, a problem
	Counted     int       // failed dials that count for the retry rule
	Unreachable bool      // Counted reached Retry.FailedDials
	NextDial    time.Time // when a further failed dial would count (zero if none needed / no failed dials yet)
}

// Reach applies the retry rule to a call's attempts (in any order; they are
// taken by time). The first decisive attempt settles the call and later ones
// are only logged: a connection (11–14) ends the counting, and the failed
// dial that makes the call unreachable ends it too, so Reached, Immediate and
// Unreachable never hold together.
//
// A failed dial (21, 22, 23) counts when it falls in working time (in loc)
// and at least Retry.MinGap after the last counted one. NextDial is the last
// counted dial plus MinGap, moved to the next working time when that instant
// falls outside it, so a dial at 11:55 points to 14:30.
func (r Rubric) Reach(attempts []Attempt, cal Calendar, loc *time.Location) Reach {
	var rc Reach
	if len(attempts) == 0 {
		return rc
	}
	sorted := slices.Clone(attempts)
	slices.SortStableFunc(sorted, func(a, b Attempt) int { return a.At.Compare(b.At) })
	rc.Outcome = sorted[len(sorted)-1].Outcome

	var lastCounted time.Time
	for _, a := range sorted {
		switch {
		case a.Outcome.connects():
			rc.Reached = a.Outcome.Reached()
			rc.Immediate = a.Outcome.ImmediateProblem()
			return rc
		case !a.Outcome.FailedDial() || !r.WorkingTime(a.At, cal, loc):
			continue
		case rc.Counted > 0 && a.At.Sub(lastCounted) < r.Retry.MinGap:
			continue
		}
		rc.Counted++
		lastCounted = a.At
		if rc.Counted >= r.Retry.FailedDials {
			rc.Unreachable = true
			return rc
		}
	}
	if rc.Counted > 0 {
		rc.NextDial = r.nextWorkingTime(lastCounted.Add(r.Retry.MinGap), cal, loc)
	}
	return rc
}
