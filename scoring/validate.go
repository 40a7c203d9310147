package scoring

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
)

// Validate checks that a rubric makes sense before any call is scored on it.
// It returns the first problem found, naming the field as the rubric file
// spells it, with criteria and grades counted from 1 as a clerk counts the
// [[criteria]] tables: `rubric: criteria[3].points: must be > 0`.
func (r Rubric) Validate() error {
	checks := []func() error{
		r.validateName,
		r.validateCriteria,
		r.validatePassMark,
		r.validateGrades,
		r.validateRetry,
		r.validateHours,
		r.validateSpread,
	}
	for _, check := range checks {
		if err := check(); err != nil {
			return fmt.Errorf("rubric: %w", err)
		}
	}
	return nil
}

// pointsTolerance absorbs float noise when points like 33.3 + 66.7 are summed.
const pointsTolerance = 1e-6

// maxMinGap keeps the gap inside a day: longer would be meaningless, and far
// longer would overflow time.Duration.
const maxMinGap = 24 * time.Hour

func (r Rubric) validateName() error {
	if strings.TrimSpace(r.Name) == "" {
		return errors.New("name: must not be empty")
	}
	return nil
}

func (r Rubric) validateCriteria() error {
	if len(r.Criteria) == 0 {
		return errors.New("criteria: none given; a rubric needs at least one [[criteria]]")
	}
	seen := map[string]int{}
	seconds := 0
	sum := 0.0
	for i, c := range r.Criteria {
		field := fmt.Sprintf("criteria[%d]", i+1)
		if err := validateKey(c.Key); err != nil {
			return fmt.Errorf("%s.key: %w", field, err)
		}
		if first, dup := seen[c.Key]; dup {
			return fmt.Errorf("%s.key: %q is already the key of criteria[%d]", field, c.Key, first)
		}
		seen[c.Key] = i + 1
		if err := c.validate(); err != nil {
			return fmt.Errorf("%s.%w", field, err)
		}
		if c.Kind == Seconds {
			seconds++
			if seconds > 1 {
				return fmt.Errorf("%s.kind: only one criterion may be seconds (the call has one timer)", field)
			}
		}
		sum += c.Points
	}
	if math.Abs(sum-100) > pointsTolerance {
		return fmt.Errorf("criteria: points add up to %s, must be 100", formatNumber(sum))
	}
	return nil
}

// validate checks one criterion; the error begins with the field's name.
func (c Criterion) validate() error {
	if !(c.Points > 0) {
		return fmt.Errorf("points: must be > 0, not %s", formatNumber(c.Points))
	}
	if err := c.validateKind(); err != nil {
		return err
	}
	return c.validateCritical()
}

func (c Criterion) validateKind() error {
	switch c.Kind {
	case YesNo, YesPartlyNo, Scale, Seconds:
	default:
		return fmt.Errorf("kind: %q is not a kind; use yesno, ypn, scale or seconds", string(c.Kind))
	}
	if c.Kind == Scale && (c.Max < 1 || c.Max > 9) {
		return fmt.Errorf("max: a scale goes up to 1..9 (one key sets it), not %d", c.Max)
	}
	if c.Kind != Scale && c.Max != 0 {
		return fmt.Errorf("max: only a scale criterion has one; remove it for kind %s", c.Kind)
	}
	if c.Kind == Seconds {
		if !(c.FullWithin > 0 && c.FullWithin <= c.HalfWithin) {
			return fmt.Errorf("full_within: must be > 0 and no more than half_within (%d), not %d", c.HalfWithin, c.FullWithin)
		}
	} else if c.FullWithin != 0 || c.HalfWithin != 0 {
		return fmt.Errorf("full_within: only a seconds criterion has thresholds; remove them for kind %s", c.Kind)
	}
	return nil
}

func (c Criterion) validateCritical() error {
	if !c.Critical {
		if c.Problem != "" || c.FailAt != 0 {
			return errors.New("critical: problem and fail_at are set but critical is not; add critical = true or remove them")
		}
		return nil
	}
	if c.Kind == Seconds {
		return errors.New("critical: a seconds criterion cannot be critical; a slow answer only costs points")
	}
	if _, ok := problemNames[c.Problem]; !ok {
		return fmt.Errorf("problem: a critical criterion names its problem type: access, handling, manner or other, not %q", string(c.Problem))
	}
	// At the top value every answer would fail, which is surely a mistake.
	if top := c.MaxValue(); c.FailAt < 0 || c.FailAt >= top {
		return fmt.Errorf("fail_at: must be from 0 to %d for kind %s, not %d", top-1, c.Kind, c.FailAt)
	}
	return nil
}

// validateKey accepts keys of lower-case letters and underscores, which read
// well in a file and in export column names.
func validateKey(k string) error {
	if k == "" {
		return errors.New("must not be empty")
	}
	if strings.ContainsFunc(k, func(r rune) bool { return (r < 'a' || r > 'z') && r != '_' }) {
		return fmt.Errorf("%q may only hold a-z and _", k)
	}
	return nil
}

func (r Rubric) validatePassMark() error {
	if !(r.PassMark >= 0 && r.PassMark <= 100) {
		return fmt.Errorf("pass_mark: must be from 0 to 100, not %s", formatNumber(r.PassMark))
	}
	return nil
}

func (r Rubric) validateGrades() error {
	if len(r.Grades) == 0 {
		return errors.New("grades: none given; a rubric needs at least one [[grades]] with min = 0")
	}
	seen := map[string]int{}
	for i, g := range r.Grades {
		field := fmt.Sprintf("grades[%d]", i+1)
		if err := validateKey(g.Key); err != nil {
			return fmt.Errorf("%s.key: %w", field, err)
		}
		if first, dup := seen[g.Key]; dup {
			return fmt.Errorf("%s.key: %q is already the key of grades[%d]", field, g.Key, first)
		}
		seen[g.Key] = i + 1
		if !(g.Min >= 0 && g.Min <= 100) {
			return fmt.Errorf("%s.min: must be from 0 to 100, not %s", field, formatNumber(g.Min))
		}
		if i > 0 && !(g.Min < r.Grades[i-1].Min) {
			return fmt.Errorf("%s.min: grades go from the highest min down, so %s must be below %s", field, formatNumber(g.Min), formatNumber(r.Grades[i-1].Min))
		}
	}
	if last := r.Grades[len(r.Grades)-1]; last.Min != 0 {
		return fmt.Errorf("grades[%d].min: the last grade must have min = 0, so every total gets a grade", len(r.Grades))
	}
	return nil
}

func (r Rubric) validateRetry() error {
	if r.Retry.FailedDials < 1 {
		return fmt.Errorf("failed_dials: must be 1 or more, not %d", r.Retry.FailedDials)
	}
	g := r.Retry.MinGap
	if g < 0 || g > maxMinGap || g%time.Minute != 0 {
		return fmt.Errorf("min_gap_minutes: must be whole minutes from 0 to %d, not %v", int(maxMinGap/time.Minute), g)
	}
	// 0 is the default (a rubric written before the field, or built without it).
	if st := r.StaleAfter; st < 0 || st > maxMinGap || st%time.Minute != 0 {
		return fmt.Errorf("stale_minutes: must be whole minutes from 1 to %d, not %v", int(maxMinGap/time.Minute), st)
	}
	return nil
}

func (r Rubric) validateHours() error {
	if len(r.Hours) == 0 {
		return errors.New("hours: none given; without working hours no failed dial would count")
	}
	for i, s := range r.Hours {
		field := fmt.Sprintf("hours[%d]", i+1)
		if s.From < 0 || s.To > 24*60 || s.From >= s.To {
			return fmt.Errorf("%s: %s must start before it ends, inside the day", field, formatSpan(s))
		}
		if i > 0 && s.From < r.Hours[i-1].To {
			return fmt.Errorf("%s: %s must start after %s ends", field, formatSpan(s), formatSpan(r.Hours[i-1]))
		}
	}
	return nil
}

func (r Rubric) validateSpread() error {
	if !(r.ReviewSpread >= 0 && r.ReviewSpread <= 100) {
		return fmt.Errorf("review_spread: must be from 0 to 100, not %s", formatNumber(r.ReviewSpread))
	}
	return nil
}
