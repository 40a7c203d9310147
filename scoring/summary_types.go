package scoring

import "time"

// Summary is every number and list of a round's bulletin, computed once so
// that no template computes anything. Rates are fractions (0.25 is 25%).
type Summary struct {
	Round    int       `json:"round"`
	Name     string    `json:"name"`
	From     time.Time `json:"from,omitzero"` // the round's dates, else the span of its calls' dates
	To       time.Time `json:"to,omitzero"`
	Imported bool      `json:"imported"`
	Planned  int       `json:"planned"`
	PassMark float64   `json:"pass_mark"`

	Departments    int       `json:"departments"`     // departments with an audited office
	OfficesAudited int       `json:"offices_audited"` // offices with an audit in the round
	CallsAudited   int       `json:"calls_audited"`   // finished calls and imported results
	Auditors       int       `json:"auditors"`        // distinct callers
	Personas       []Persona `json:"personas"`        // the personas used, in display order
	RecordedCalls  int       `json:"recorded_calls"`  // calls with a recording

	// The connection rate is over the calls whose dials are on record: an
	// imported result does not say whether its call got through.
	DialedCalls    int     `json:"dialed_calls"`
	Connected      int     `json:"connected"` // calls that reached 11 or 12
	ConnectionRate float64 `json:"connection_rate"`
	HasConnection  bool    `json:"has_connection"` // DialedCalls > 0

	Grades    []GradeCount `json:"grades"`     // in the rubric's order, over calls with a total
	Graded    int          `json:"graded"`     // the sum of Grades' counts
	NotScored int          `json:"not_scored"` // unreachable, 13 and 14
	NoTotal   int          `json:"no_total"`   // imported results without a total

	ProblemOffices int     `json:"problem_offices"`
	ProblemCalls   int     `json:"problem_calls"`
	ProblemRate    float64 `json:"problem_rate"` // ProblemOffices ÷ OfficesAudited

	Previous *PreviousRound `json:"previous"` // nil for a first round

	ProblemsByType      []ProblemGroup   `json:"problems_by_type"` // always the four types, in order
	Red                 []FlaggedOffice  `json:"red"`              // streak ≥ 3 as of this round
	Yellow              []FlaggedOffice  `json:"yellow"`           // streak = 2
	OfficesWithProblems []ProblemOffice  `json:"offices_with_problems"`
	DepartmentRanking   []DepartmentRank `json:"department_ranking"`

	NeedsReview int  `json:"needs_review"` // a round cannot be published while > 0
	Provisional bool `json:"provisional"`  // NeedsReview > 0: some numbers may still change
}

// GradeCount is how many calls got one grade.
type GradeCount struct {
	Key   string  `json:"key"`
	ZH    string  `json:"zh"`
	EN    string  `json:"en"`
	Min   float64 `json:"min"`
	Count int     `json:"count"`
}

// PreviousRound is the latest earlier round with audits, and the change
// since it in percentage points. The changes are the differences of the
// rates as printed (rounded to one decimal of a percent), so a reader who
// subtracts the printed rates gets the printed change.
type PreviousRound struct {
	Round                int     `json:"round"`
	Name                 string  `json:"name"`
	Imported             bool    `json:"imported"`
	OfficesAudited       int     `json:"offices_audited"`
	ProblemOffices       int     `json:"problem_offices"`
	ProblemRate          float64 `json:"problem_rate"`
	ConnectionRate       float64 `json:"connection_rate"`
	HasConnection        bool    `json:"has_connection"`
	ProblemRateChange    float64 `json:"problem_rate_change"`    // points; > 0 is a rise
	ConnectionRateChange float64 `json:"connection_rate_change"` // points; meaningful when HasConnectionChange
	HasConnectionChange  bool    `json:"has_connection_change"`  // both rounds have dials on record
}

// ProblemCall is a call with a problem, with its evidence.
type ProblemCall struct {
	OfficeID        int64          `json:"office_id"`
	Department      string         `json:"department"`
	Office          string         `json:"office"`
	Imported        bool           `json:"imported"`
	At              time.Time      `json:"at,omitzero"` // zero for imported results
	Auditor         string         `json:"auditor"`
	Note            string         `json:"note"`
	Recording       string         `json:"recording"`
	RecordingOffset *time.Duration `json:"recording_offset"`
	StaffNo         string         `json:"staff_no"`
	StaffName       string         `json:"staff_name"`
	HasTotal        bool           `json:"has_total"`
	Total           float64        `json:"total"`
	Types           []ProblemType  `json:"types"`   // Result.ProblemTypes
	Reasons         []Reason       `json:"reasons"` // all of the call's reasons
	Provisional     bool           `json:"provisional"`
}

// ProblemItem is a call listed under one problem type, with the reasons of
// that type (a call that passed the buck and was rude shows 推诿扯皮 under
// 事难办 and 态度生硬 under 话难听).
type ProblemItem struct {
	ProblemCall
	TypeReasons []Reason `json:"type_reasons"`
}

// ProblemGroup is the calls listed under one problem type.
type ProblemGroup struct {
	Type  ProblemType   `json:"type"`
	ZH    string        `json:"zh"`
	EN    string        `json:"en"`
	Items []ProblemItem `json:"items"`
}

// FlaggedOffice is an office audited in the round with a streak of two or more.
type FlaggedOffice struct {
	OfficeID   int64  `json:"office_id"`
	Department string `json:"department"`
	Office     string `json:"office"`
	Streak     int    `json:"streak"`
	Level      Level  `json:"level"`
}

// ProblemOffice is an office with a problem in the round: it gets a
// rectification notice, with its problem calls as evidence.
type ProblemOffice struct {
	OfficeID     int64         `json:"office_id"`
	Department   string        `json:"department"`
	Office       string        `json:"office"`
	Category     string        `json:"category"`
	Types        []ProblemType `json:"types"`   // over its problem calls, in bulletin order
	Reasons      []Reason      `json:"reasons"` // each distinct reason once
	Calls        []ProblemCall `json:"calls"`   // its calls with a problem
	CallsAudited int           `json:"calls_audited"`
	Streak       int           `json:"streak"`
	Level        Level         `json:"level"`
}

// DepartmentRank is one line of the department ranking. Mean is over the
// department's calls with a total, unreachable and 13/14 calls counting as 0;
// imported results without a total are left out of it and counted in NoTotal.
// A department none of whose calls has a total is listed last, unranked.
type DepartmentRank struct {
	Rank           int     `json:"rank"` // equal for equal mean and problems; 0 when unranked
	Department     string  `json:"department"`
	Mean           float64 `json:"mean"`
	HasMean        bool    `json:"has_mean"`
	Calls          int     `json:"calls"`
	Counted        int     `json:"counted"` // calls in the mean
	NoTotal        int     `json:"no_total"`
	Offices        int     `json:"offices"`
	Problems       int     `json:"problems"` // calls with a problem
	ProblemOffices int     `json:"problem_offices"`
	Top10          bool    `json:"top10"`
	Bottom3        bool    `json:"bottom3"`
}
