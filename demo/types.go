package demo

import (
	"time"

	"phoneaudit/scoring"
)

// Roles of auditors, as stored.
const (
	RoleAuditor = "auditor"
	RoleLead    = "lead"
)

// Office categories. Every category has a scenario for every persona.
const (
	CatBusiness   = "涉企" // offices that serve companies: registration, permits, tax
	CatLivelihood = "民生" // social insurance, schooling, welfare, health
	CatCounter    = "窗口" // service counters: ID, passports, housing fund, property registry
	CatFarming    = "农业" // farming, forestry, water for villages
	CatUrban      = "城建" // building, city management, roads and rivers
)

// Categories lists the office categories in display order.
var Categories = []string{CatBusiness, CatLivelihood, CatCounter, CatFarming, CatUrban}

// Department is a department (单位) of the city.
type Department struct{ Name string }

// Office is a key office (重点科室/岗位) of a department. Every demo office is active.
type Office struct{ Department, Name, Phone, Category string }

// Auditor is an evaluator: Role is RoleAuditor or RoleLead.
type Auditor struct{ Name, Role, Affiliation string }

// Scenario is a question a caller asks an office of a category, posing as a persona.
type Scenario struct {
	Category string
	Persona  scoring.Persona
	Question string
}

// Dial is one dial attempt. At is in UTC.
type Dial struct {
	At      time.Time
	Outcome scoring.Outcome
}

// Staff is who answered a call, as far as the caller learnt it: a staff
// number (工号) and/or a name, either of which may be empty.
type Staff struct{ StaffNo, Name string }

// Call is one phone audit of one office in one round.
type Call struct {
	Office   int // index into City.Offices
	Auditor  int // index into City.Auditors: the caller
	Persona  scoring.Persona
	Scenario int       // index into City.Scenarios
	Planned  time.Time // UTC
	Dials    []Dial
	// AnswerSeconds is set when a dial reached the office (11 or 12).
	AnswerSeconds *int
	AnsweredBy    Staff
	// Answers is the caller's one sheet (the seconds criterion is not in it:
	// it comes from AnswerSeconds); nil when the call has no sheet.
	Answers scoring.Answers
	// Submitted: the sheet was submitted. False for a draft and for calls
	// without a sheet (unreachable, 13/14, not reached yet).
	Submitted bool
	// SubmittedAt is when the call was finished: its sheet submitted, or its
	// last dial for a call that ended unreachable or in 13/14. Zero while open.
	SubmittedAt time.Time
	Notes       string // the caller's note, in Chinese; often empty
}

// Attempts returns the dials as scoring attempts.
func (c Call) Attempts() []scoring.Attempt {
	if len(c.Dials) == 0 {
		return nil
	}
	out := make([]scoring.Attempt, len(c.Dials))
	for i, d := range c.Dials {
		out[i] = scoring.Attempt{At: d.At, Outcome: d.Outcome}
	}
	return out
}

// Input is what scoring needs to judge the call, with rater as the name on its sheet.
func (c Call) Input(rater string) scoring.CallInput {
	in := scoring.CallInput{Attempts: c.Attempts(), AnswerSeconds: c.AnswerSeconds}
	if c.Answers != nil {
		in.Sheets = []scoring.Sheet{{Rater: rater, Answers: c.Answers, Submitted: c.Submitted}}
	}
	return in
}

// Round is an audit round with one call per office. From and To are
// calendar dates (midnight UTC stands for the city's date, not an instant).
type Round struct {
	Name     string
	From, To time.Time
	Closed   bool
	Calls    []Call
}

// City is the whole demo: the registry and, for NewCity, its rounds.
type City struct {
	Departments []Department
	Offices     []Office
	Auditors    []Auditor
	Scenarios   []Scenario
	Rounds      []Round
}
