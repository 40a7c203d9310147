package plan

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"phoneaudit/scoring"
)

// minutesPerDay bounds the minutes of working hours: a span must lie inside one day.
const minutesPerDay = 24 * 60

// Streams keep the stages of planning independent: a change to the persona
// table must not reshuffle who calls whom or when.
const (
	streamAuditors uint64 = 0x61756469746f7273 // "auditors"
	streamPersonas uint64 = 0x706572736f6e6173 // "personas"
	streamSlots    uint64 = 0x736c6f7473000000 // "slots"
)

// setup is an Input made ready to plan and check: zone, gap, distinct days and
// auditors, the working minutes of a day, and the scenarios by category and persona.
type setup struct {
	Input
	loc      *time.Location
	gap      time.Duration
	gapMin   int            // the gap in whole minutes, rounded up: slots are whole minutes
	days     []time.Time    // distinct dates at 00:00 in loc, ascending
	dayIndex map[string]int // "2006-01-02" → index into days
	minutes  []int          // the minutes of a day a call may be planned at (after midnight), ascending
	badSpans []scoring.Span // spans of Hours that are no stretch of one day
	auditors []int64        // Input.Auditors without zeros and repeats, in order
	offices  map[int64]Office
	byID     map[int64]Scenario
	byFit    map[string]map[scoring.Persona][]int64 // scenario ids, in Input order
}

// prepare reads an Input. It never fails, so Check can work on any input;
// validate says what keeps Make from planning.
func prepare(in Input) *setup {
	s := &setup{Input: in, loc: in.Loc, gap: in.Gap, dayIndex: map[string]int{},
		offices: map[int64]Office{}, byID: map[int64]Scenario{}, byFit: map[string]map[scoring.Persona][]int64{}}
	if s.gap <= 0 {
		s.gap = DefaultGap
	}
	s.gapMin = max(1, int((s.gap+time.Minute-1)/time.Minute))
	if s.loc == nil {
		s.loc = time.UTC
		if len(in.Days) > 0 {
			s.loc = in.Days[0].Location()
		}
	}
	s.readDays()
	s.readHours()
	for _, a := range in.Auditors {
		if a != 0 && !slices.Contains(s.auditors, a) {
			s.auditors = append(s.auditors, a)
		}
	}
	for _, o := range in.Offices {
		if _, dup := s.offices[o.ID]; !dup {
			s.offices[o.ID] = o
		}
	}
	for _, sc := range in.Scenarios {
		s.byID[sc.ID] = sc
		if s.byFit[sc.Category] == nil {
			s.byFit[sc.Category] = map[scoring.Persona][]int64{}
		}
		s.byFit[sc.Category][sc.Persona] = append(s.byFit[sc.Category][sc.Persona], sc.ID)
	}
	return s
}

// readDays keeps each day's date (in the day's own zone, so a UTC midnight
// standing for a date keeps its date) as midnight in the city.
func (s *setup) readDays() {
	for _, d := range s.Days {
		y, m, dd := d.Date()
		day := time.Date(y, m, dd, 0, 0, 0, 0, s.loc)
		if _, dup := s.dayIndex[dateKey(day)]; !dup {
			s.dayIndex[dateKey(day)] = 0
			s.days = append(s.days, day)
		}
	}
	slices.SortFunc(s.days, func(a, b time.Time) int { return a.Compare(b) })
	for i, d := range s.days {
		s.dayIndex[dateKey(d)] = i
	}
}

// readHours lists the minutes a call may be planned at; overlapping spans
// count once. A span longer than the gap loses its last gap's worth of
// minutes: a call planned just before closing would leave no room for the
// retry the gap later, so an office not answering would lose a day.
func (s *setup) readHours() {
	var working [minutesPerDay]bool
	for _, sp := range s.Hours {
		if sp.From < 0 || sp.To > minutesPerDay || sp.From >= sp.To {
			s.badSpans = append(s.badSpans, sp)
			continue
		}
		end := sp.To
		if sp.To-sp.From > s.gapMin {
			end = sp.To - s.gapMin
		}
		for m := sp.From; m < end; m++ {
			working[m] = true
		}
	}
	for m, ok := range working {
		if ok {
			s.minutes = append(s.minutes, m)
		}
	}
}

// validate says why no plan can be made, in words a clerk understands.
func (s *setup) validate() error {
	switch {
	case len(s.auditors) == 0:
		return fmt.Errorf("%w: there is no auditor to place the calls (import auditors first)", ErrCannotPlan)
	case len(s.days) == 0:
		return fmt.Errorf("%w: the round has no working day to place calls on", ErrCannotPlan)
	case len(s.badSpans) > 0:
		sp := s.badSpans[0]
		return fmt.Errorf("%w: working hours %s–%s in the rubric are not a stretch of one day", ErrCannotPlan, clock(sp.From), clock(sp.To))
	case len(s.minutes) == 0:
		return fmt.Errorf("%w: the rubric has no working hours to place calls in", ErrCannotPlan)
	}
	return nil
}

// rng is the random source of one stage of planning.
func (s *setup) rng(stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(s.Seed), stream))
}

// personasFor lists the personas a call to an office of category may take:
// those with a scenario for it, or every persona when it has no scenario.
func (s *setup) personasFor(category string) []scoring.Persona {
	var out []scoring.Persona
	for _, p := range scoring.Personas {
		if len(s.byFit[category][p]) > 0 {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return scoring.Personas
	}
	return out
}

// hasScenarios says whether any persona has a scenario for category.
func (s *setup) hasScenarios(category string) bool {
	return slices.ContainsFunc(scoring.Personas, func(p scoring.Persona) bool { return len(s.byFit[category][p]) > 0 })
}

// slot is minute (after midnight) of day as a UTC instant.
func (s *setup) slot(day time.Time, minute int) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), 0, minute, 0, 0, s.loc).UTC()
}

func dateKey(t time.Time) string { return t.Format(time.DateOnly) }

// clock writes minutes after midnight as 08:30.
func clock(minute int) string { return fmt.Sprintf("%02d:%02d", minute/60, minute%60) }
