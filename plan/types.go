package plan

import (
	"errors"
	"time"

	"phoneaudit/lang"
	"phoneaudit/scoring"
)

// Office is an office to plan, with what its previous audit used.
type Office struct {
	ID       int64
	Category string
	// The office's previous audit (zero values when it has none).
	PrevAuditor  int64
	PrevPersona  scoring.Persona
	PrevScenario int64
}

// Scenario is a question that fits a category and a persona.
type Scenario struct {
	ID       int64
	Category string
	Persona  scoring.Persona
}

// Input is everything a plan depends on.
type Input struct {
	Offices   []Office
	Auditors  []int64 // the callers, in a stable order
	Scenarios []Scenario
	Days      []time.Time    // the round's working days: city dates at 00:00 in Loc, ascending
	Hours     []scoring.Span // working hours of a day (rubric)
	Loc       *time.Location // the city's zone; nil means the zone of Days
	Gap       time.Duration  // least time between two calls of one auditor; 0 means DefaultGap
	Seed      int64

	// Names used in Check's messages (optional): an id without a name is
	// written 科室#12 / office #12.
	OfficeNames  map[int64]string
	AuditorNames map[int64]string
}

// DefaultGap is the least time between two calls of one auditor when Input
// leaves Gap at zero: the retry rule's ten minutes.
const DefaultGap = 10 * time.Minute

// Call is one planned call.
type Call struct {
	Office   int64
	Auditor  int64
	Persona  scoring.Persona
	Scenario int64     // 0 when the office's category has no scenario
	Slot     time.Time // UTC, whole minutes
}

// Kind names the property a Problem breaks, so callers and tests can tell
// problems apart without parsing words.
type Kind string

const (
	Unbalanced      Kind = "unbalanced"       // auditors' counts differ by more than one
	NoAuditor       Kind = "no_auditor"       // a call without an auditor
	SameAuditor     Kind = "same_auditor"     // the previous auditor again, though avoidable
	SamePersona     Kind = "same_persona"     // the previous persona again, though avoidable
	UnfitPersona    Kind = "unfit_persona"    // a persona the category has no scenario or weight for
	NoScenario      Kind = "no_scenario"      // no scenario, though the category has one
	UnfitScenario   Kind = "unfit_scenario"   // a scenario of another category or persona
	SameScenario    Kind = "same_scenario"    // the previous scenario again, though avoidable
	OffDay          Kind = "off_day"          // a slot on none of the round's days
	OffHours        Kind = "off_hours"        // a slot outside working hours
	TooClose        Kind = "too_close"        // two calls of one auditor closer than the gap
	UnevenDays      Kind = "uneven_days"      // calls per day differ by more than one
	InOfficeOrder   Kind = "in_office_order"  // slots follow the office list: not random
	MissingCall     Kind = "missing_call"     // an office without a call
	DuplicateCall   Kind = "duplicate_call"   // an office with several calls
	UnplannedOffice Kind = "unplanned_office" // a call to an office the round does not plan
)

// Problem is one property a plan breaks, in words of both languages (its Text,
// p.In(l)). Office is the office concerned, 0 for the plan as a whole.
type Problem struct {
	Office int64
	Kind   Kind
	lang.Text
}

// ErrCannotPlan is wrapped by every error of Make: the input leaves no plan
// possible (nobody to call, no day, no working hours, too many calls).
var ErrCannotPlan = errors.New("cannot plan the round")
