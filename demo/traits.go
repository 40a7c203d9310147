package demo

import (
	"math/rand/v2"

	"phoneaudit/scoring"
)

// vice is what goes wrong when a call to an office goes wrong. Each office has
// one, so its problems look alike from round to round, as real ones do.
type vice int

const (
	viceHandling    vice = iota // 事难办: passes the buck, or cannot answer
	viceManner                  // 话难听: curt, impatient
	viceLowScore                // slack all round: below the pass mark
	viceUnreachable             // 门难进: nobody picks up
	viceWrongNumber             // the published number rings elsewhere (13)
	viceHungUp                  // picks up and hangs up (14)
)

// problemType is the problem a sheet of this vice is drawn with.
func (v vice) problemType() scoring.ProblemType {
	switch v {
	case viceHandling:
		return scoring.Handling
	case viceManner:
		return scoring.Manner
	default:
		return scoring.Other
	}
}

// ordinaryVices weights the vices of offices without a story: mostly the
// buck-passing and curtness that bulletins report most.
var ordinaryVices = []vice{
	viceHandling, viceHandling, viceHandling, viceHandling, viceHandling, viceHandling, viceHandling, viceHandling,
	viceManner, viceManner, viceManner, viceManner,
	viceLowScore, viceLowScore, viceLowScore, viceLowScore,
	viceUnreachable, viceUnreachable, viceUnreachable,
	viceHungUp,
}

// sheetVices are the vices that show on a score sheet: the province's calls
// always reach the office and are scored.
var sheetVices = []vice{viceHandling, viceHandling, viceManner, viceLowScore}

// traits are an office's hidden character, drawn once and kept over rounds.
type traits struct {
	quality  float64 // 0 bad … 1 excellent: the marks it earns and how often it slips
	vice     vice
	staff    []Staff
	culprit  int  // the member of staff behind most of its problems
	deadLine bool // when unreachable: the number is dead (23) rather than unanswered
}

// drawTraits draws an office's character; staff numbers are kept unique inside
// its department through deptNumbers.
func drawTraits(rng *rand.Rand, quality float64, v vice, deptNumbers map[string]bool) traits {
	t := traits{quality: quality, vice: v, staff: officeStaff(rng, deptNumbers)}
	t.culprit = rng.IntN(len(t.staff))
	t.deadLine = v == viceUnreachable && chance(rng, 0.25)
	return t
}

// goodQuality is the quality of an office with no story: mostly good.
func goodQuality(rng *rand.Rand) float64 {
	u := rng.Float64()
	return 0.6 + 0.4*(1-u*u)
}

// between draws uniformly in [lo, hi).
func between(rng *rand.Rand, lo, hi float64) float64 { return lo + (hi-lo)*rng.Float64() }
