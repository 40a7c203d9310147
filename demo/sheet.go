package demo

import (
	"math/rand/v2"

	"phoneaudit/scoring"
)

// sheetModel draws score sheets that a rubric judges as intended: clean sheets
// that pass, and sheets with the one problem the office is prone to. It works
// from the rubric's criteria rather than the default keys, and checks its draws
// with scoring itself, so the demo never disagrees with the rules.
type sheetModel struct {
	rubric     scoring.Rubric
	seconds    scoring.Criterion // the seconds criterion, if hasSeconds
	hasSeconds bool
	rated      []scoring.Criterion // the criteria set by keys, in rubric order
}

// defaultModel draws sheets for the built-in rubric, which the demo uses.
var defaultModel = newSheetModel(scoring.DefaultRubric())

func newSheetModel(r scoring.Rubric) *sheetModel {
	m := &sheetModel{rubric: r}
	for _, c := range r.Criteria {
		if c.Kind == scoring.Seconds {
			m.seconds, m.hasSeconds = c, true
			continue
		}
		m.rated = append(m.rated, c)
	}
	return m
}

func (m *sheetModel) total(a scoring.Answers, secs int) float64 {
	return m.rubric.ScoreSheet(a, &secs).Total
}

// thresholds are the seconds for full and half points (15 and 30 by default).
func (m *sheetModel) thresholds() (full, half int) {
	if !m.hasSeconds {
		return 15, 30
	}
	return max(m.seconds.FullWithin, 2), max(m.seconds.HalfWithin, m.seconds.FullWithin+1)
}

// answerSeconds draws how long an office of quality q took to pick up.
func (m *sheetModel) answerSeconds(rng *rand.Rand, q float64, slow bool) int {
	full, half := m.thresholds()
	switch {
	case slow:
		return half + 1 + rng.IntN(20)
	case chance(rng, 0.55+0.45*q):
		return 2 + rng.IntN(full-1)
	case chance(rng, 0.7):
		return full + 1 + rng.IntN(half-full)
	default:
		return half + 1 + rng.IntN(15)
	}
}

// floor is the lowest value a clean sheet may give c: above its failing level.
func floor(c scoring.Criterion) int {
	if c.Critical {
		return c.FailAt + 1
	}
	return 0
}

// value draws an answer for c from an office of quality q: the top mark,
// dropping a step (and on a scale maybe another) the more often the worse the
// office is. Even the best offices drop a mark now and then: a demo full of
// 100s would not look like a city.
func value(rng *rand.Rand, c scoring.Criterion, q float64) int {
	v := c.MaxValue()
	for v > floor(c) && chance(rng, 0.12+0.5*(1-q)) {
		v--
		if c.Kind != scoring.Scale {
			break
		}
	}
	return v
}

// clean draws a sheet with no problem: every critical criterion above its
// failing level and the total at or above the pass mark.
func (m *sheetModel) clean(rng *rand.Rand, q float64) (scoring.Answers, int) {
	a := make(scoring.Answers, len(m.rated))
	for _, c := range m.rated {
		a[c.Key] = value(rng, c, q)
	}
	secs := m.answerSeconds(rng, q, false)
	m.lift(a, &secs)
	return a, secs
}

// lift raises the answer that gains the most until the sheet passes.
func (m *sheetModel) lift(a scoring.Answers, secs *int) {
	for m.total(a, *secs) < m.rubric.PassMark {
		best, gain := -1, 0.0
		for i, c := range m.rated {
			v := a[c.Key]
			if g := c.PointsFor(v+1) - c.PointsFor(v); v < c.MaxValue() && g > gain {
				best, gain = i, g
			}
		}
		if best < 0 {
			full, _ := m.thresholds()
			if *secs <= full {
				return // every mark is full: the rubric cannot pass
			}
			*secs = full
			continue
		}
		a[m.rated[best].Key]++
	}
}

// failing draws a sheet with a problem of type t: a critical criterion of that
// type fails, or (for Other, or when the rubric has none) the total falls just
// below the pass mark. failedKey names the failed criterion, "" for a low total.
func (m *sheetModel) failing(rng *rand.Rand, q float64, t scoring.ProblemType) (a scoring.Answers, secs int, failedKey string) {
	a, secs = m.clean(rng, q*0.8)
	if t == scoring.Handling || t == scoring.Manner {
		var fit []scoring.Criterion
		for _, c := range m.rated {
			if c.Critical && c.Problem == t {
				fit = append(fit, c)
			}
		}
		if len(fit) > 0 {
			c := oneOf(rng, fit)
			a[c.Key] = rng.IntN(c.FailAt + 1)
			m.drag(rng, a, c.Key)
			return a, secs, c.Key
		}
	}
	return m.lower(rng, a, secs)
}

// drag lowers the other marks of a sheet that failed on failed by a step now
// and then: a curt or unhelpful call is seldom faultless otherwise. Critical
// marks stay above their failing level, so the call keeps the one problem.
func (m *sheetModel) drag(rng *rand.Rand, a scoring.Answers, failed string) {
	for _, c := range m.rated {
		if c.Key != failed && a[c.Key] > floor(c) && chance(rng, 0.4) {
			a[c.Key]--
		}
	}
}

// lower takes a sheet step by step to just below the pass mark without failing
// a critical criterion: the slack call that is a problem only by its total.
func (m *sheetModel) lower(rng *rand.Rand, a scoring.Answers, secs int) (scoring.Answers, int, string) {
	full, half := m.thresholds()
	if secs <= full && chance(rng, 0.5) {
		secs = full + 1 + rng.IntN(half-full)
	}
	for m.total(a, secs) >= m.rubric.PassMark {
		var lowerable []scoring.Criterion
		for _, c := range m.rated {
			if a[c.Key] > floor(c) {
				lowerable = append(lowerable, c)
			}
		}
		if len(lowerable) == 0 {
			if secs <= half {
				secs = half + 1 + rng.IntN(20)
				continue
			}
			return m.failAny(rng, a, secs)
		}
		a[oneOf(rng, lowerable).Key]--
	}
	return a, secs, ""
}

// failAny fails the first critical criterion, for a rubric whose pass mark
// cannot be missed otherwise. A rubric without critical criteria stays clean.
func (m *sheetModel) failAny(rng *rand.Rand, a scoring.Answers, secs int) (scoring.Answers, int, string) {
	for _, c := range m.rated {
		if c.Critical {
			a[c.Key] = rng.IntN(c.FailAt + 1)
			return a, secs, c.Key
		}
	}
	return a, secs, ""
}

// partial keeps the first n answers in rubric order: a draft interrupted mid-call.
func (m *sheetModel) partial(a scoring.Answers, n int) scoring.Answers {
	out := scoring.Answers{}
	for _, c := range m.rated[:min(n, len(m.rated))] {
		out[c.Key] = a[c.Key]
	}
	return out
}
