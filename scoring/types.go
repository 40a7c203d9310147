package scoring

import "time"

// Persona is who the caller poses as. Stored as its English key.
type Persona string

const (
	Farmer     Persona = "farmer"
	Resident   Persona = "resident"
	Business   Persona = "business"
	Grassroots Persona = "grassroots"
)

// Personas lists every persona in display order.
var Personas = []Persona{Farmer, Resident, Business, Grassroots}

// ProblemType names the kind of problem a call has, as the practice names them.
// Stored as its English key.
type ProblemType string

const (
	Access   ProblemType = "access"   // 门难进: the phone is never answered, wrong number
	Handling ProblemType = "handling" // 事难办: passing the buck, wrong answer
	Manner   ProblemType = "manner"   // 话难听: rude, cold, hung up
	Other    ProblemType = "other"    // 其他
)

// ProblemTypes lists the problem types in the order the bulletin groups them.
var ProblemTypes = []ProblemType{Access, Handling, Manner, Other}

// Outcome is the code of one dial attempt, as used in published spot checks.
type Outcome int

const (
	Connected     Outcome = 11 // connected, the right office
	ConnectedDept Outcome = 12 // right department, not the published line for this business
	WrongNumber   Outcome = 13 // not that department at all: a problem at once (门难进)
	HungUp        Outcome = 14 // picked up, hung up without serving: a problem at once (话难听)
	NoAnswer      Outcome = 21 // a failed dial
	Busy          Outcome = 22 // a failed dial
	Invalid       Outcome = 23 // number invalid or out of service: a failed dial
)

// Outcomes lists every outcome code in order.
var Outcomes = []Outcome{Connected, ConnectedDept, WrongNumber, HungUp, NoAnswer, Busy, Invalid}

// Kind is how a criterion is answered.
type Kind string

const (
	YesNo       Kind = "yesno"   // yes = 1, no = 0
	YesPartlyNo Kind = "ypn"     // yes = 2, partly = 1, no = 0; partly earns half
	Scale       Kind = "scale"   // 0..Max, Max ≤ 9 so one key sets it
	Seconds     Kind = "seconds" // seconds until answered, from the call's timer
)

// Values of yes/partly/no answers.
const (
	No     = 0
	Partly = 1
	Yes    = 2 // for a YesNo criterion, yes is 1: use Criterion.YesValue
)

// Criterion is one line of a rubric.
type Criterion struct {
	Key     string  `toml:"key"`
	LabelZH string  `toml:"label_zh"`
	LabelEN string  `toml:"label_en"`
	HintZH  string  `toml:"hint_zh"` // a few words on what earns the points
	HintEN  string  `toml:"hint_en"`
	Kind    Kind    `toml:"kind"`
	Max     int     `toml:"max"`    // Scale only: the top of the scale (1..9)
	Points  float64 `toml:"points"` // points at full marks

	// Seconds only: full points at or under FullWithin, half at or under HalfWithin.
	FullWithin int `toml:"full_within"`
	HalfWithin int `toml:"half_within"`

	// Critical criteria make a call a problem whatever its total when the answer
	// is at or below FailAt (Scale: a level, YesNo/YesPartlyNo: 0 = no, 1 = partly).
	Critical bool        `toml:"critical"`
	FailAt   int         `toml:"fail_at"`
	Problem  ProblemType `toml:"problem"` // the problem a critical failure names
	// The reason in words when this criterion fails, e.g. 推诿扯皮.
	ReasonZH string `toml:"reason_zh"`
	ReasonEN string `toml:"reason_en"`
}

// Grade is a named band of totals: a call with Total ≥ Min gets it (the
// highest band that fits).
type Grade struct {
	Key string  `toml:"key"` // excellent, good, pass, fail
	ZH  string  `toml:"zh"`
	EN  string  `toml:"en"`
	Min float64 `toml:"min"`
}

// Span is a stretch of working time inside a day, in minutes after midnight.
type Span struct {
	From int // e.g. 8*60+30
	To   int // exclusive end, e.g. 12*60
}

// RetryRule says when a call becomes unreachable.
type RetryRule struct {
	FailedDials int           // qualifying failed dials that make a call unreachable (2)
	MinGap      time.Duration // the least time between two counted failed dials (10 min)
}

// Rubric is one immutable version of the criteria and the rules around them.
type Rubric struct {
	Version  int // set by the store when the rubric is loaded; 0 for the built-in default
	Name     string
	Criteria []Criterion
	PassMark float64
	Grades   []Grade // highest Min first
	Retry    RetryRule
	Hours    []Span // working hours on a working day
	// ReviewSpread: several sheets need review when max − min of their totals
	// is greater than this (20).
	ReviewSpread float64
	// StaleAfter: a running call whose caller has done nothing on it for longer than this is
	// stale: not offered for joining, shown to leads. 0 (a rubric that leaves stale_minutes out,
	// the built-in one among them) means DefaultStaleAfter.
	StaleAfter time.Duration
}

// DefaultStaleAfter is how long a running call may go without activity before it is stale.
const DefaultStaleAfter = 30 * time.Minute

// Stale is r.StaleAfter, or the default when the rubric leaves it out.
func (r Rubric) Stale() time.Duration {
	if r.StaleAfter == 0 {
		return DefaultStaleAfter
	}
	return r.StaleAfter
}

// Answers maps a criterion key to the value set on a sheet. A missing key is unset.
type Answers map[string]int

// Attempt is one dial: when, and how it ended.
type Attempt struct {
	At      time.Time
	Outcome Outcome
}

// Sheet is one rater's score sheet for a call.
type Sheet struct {
	Rater     string
	Answers   Answers
	Submitted bool
}

// CallInput is everything the result of one call depends on.
type CallInput struct {
	Attempts      []Attempt
	AnswerSeconds *int // seconds until answered: scores every sheet's Seconds criterion
	Sheets        []Sheet
	// A lead's resolution of a call that needs review: a consensus sheet, or
	// acceptance of the aggregate. Either one makes the result stand.
	Consensus         *Sheet
	AcceptedAggregate bool
}

// CallStatus is where a call stands.
type CallStatus string

const (
	ToCall      CallStatus = "to_call"
	InProgress  CallStatus = "in_progress"
	Done        CallStatus = "done"
	Unreachable CallStatus = "unreachable"
	NotAudited  CallStatus = "not_audited" // set at round close on calls neither done nor unreachable
)

// Reason is one reason a call has a problem.
type Reason struct {
	Type ProblemType
	// Code says where the reason comes from: a criterion key, "unreachable",
	// "wrong_number", "hung_up", "below_pass", or "imported".
	Code string
	ZH   string // in words, e.g. 推诿扯皮, 总分低于60
	EN   string
}

// SheetResult is the score of one sheet.
type SheetResult struct {
	Total    float64
	Points   map[string]float64 // per criterion that is set
	Missing  []string           // keys of criteria not yet set, in rubric order
	Complete bool
	Failed   []string // keys of critical criteria that fail on this sheet
}

// Result is the outcome of a call: what the bulletin, flags and export use.
type Result struct {
	Status      CallStatus
	Finished    bool // done or unreachable: the call counts as an audit
	Scored      bool // scored on the rubric (reached 11 or 12 and sheets are in)
	Total       float64
	Grade       string // a Grade.Key; empty when not scored
	Problem     bool
	Reasons     []Reason
	NeedsReview bool // several sheets disagree and no lead has resolved it
	Spread      float64
}

// Audit is one office's (or person's) audit in one round, for streaks.
type Audit struct {
	Round   int // the round's number: the order streaks follow
	Problem bool
}

// Level is the flag of a streak.
type Level string

const (
	NoFlag Level = ""
	Yellow Level = "yellow" // two audits in a row with a problem
	Red    Level = "red"    // three or more: 通报批评
)
