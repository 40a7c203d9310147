package scoring

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"

	"phoneaudit/lang"
)

// SummaryCall is one finished call of a round, or one imported result, as the
// store loads it: names as recorded when the call finished, the result as
// stored. Times are in the city's zone. The store computes nothing.
type SummaryCall struct {
	OfficeID        int64 // as merged: an office that joined another is given the other's id
	Department      string
	Office          string
	Category        string
	Imported        bool      // read from a results file: no dials, no times, no persona
	At              time.Time // the first dial; zero for imported results
	Auditor         string    // the caller; "" for imported
	Persona         Persona   // "" for imported
	Note            string
	Recording       string         // file name, "" if none
	RecordingOffset *time.Duration // where the call starts in the recording; nil when not known
	StaffNo         string         // who answered: 工号, optional
	StaffName       string         // and 姓名, optional
	Reached         bool           // a dial ended 11 or 12
	// Status Done or Unreachable. For imported results Grade is empty exactly
	// when no total was given, as ImportedResult makes it.
	Result Result
}

// RoundInfo is a round and its finished calls, as the store loads it.
type RoundInfo struct {
	Number   int
	Name     string
	From, To time.Time // city dates at 00:00 in the city's zone; zero when unknown
	Imported bool
	Calls    []SummaryCall // finished calls: those without Result.Finished are ignored
	// Streaks holds the streak as of this round of each office audited in it,
	// from the store's maintained streaks (merged offices folded in).
	Streaks map[int64]int
	Planned int // calls planned (0 for imported)
}

// Summarize computes the bulletin's numbers for round cur, compared with
// prev (nil when there is no earlier round with audits). r is the round's
// rubric (DefaultRubric for imported rounds): its grades and pass mark.
func Summarize(cur RoundInfo, prev *RoundInfo, r Rubric) Summary {
	calls := finished(cur.Calls)
	s := Summary{
		Round: cur.Number, Name: cur.Name, From: cur.From, To: cur.To,
		Imported: cur.Imported, Planned: cur.Planned, PassMark: r.PassMark,
	}
	if s.From.IsZero() || s.To.IsZero() {
		s.From, s.To = dateSpan(calls)
	}
	s.countCalls(calls)
	s.countGrades(calls, r)
	offices := groupOffices(calls, cur.Streaks)
	s.OfficesAudited = len(offices)
	for _, o := range offices {
		if len(o.Calls) > 0 {
			s.ProblemOffices++
			s.OfficesWithProblems = append(s.OfficesWithProblems, o)
		}
	}
	s.ProblemRate = ratio(s.ProblemOffices, s.OfficesAudited)
	s.Red, s.Yellow = flagged(offices)
	s.ProblemsByType = groupProblems(s.OfficesWithProblems)
	s.DepartmentRanking = rankDepartments(calls)
	s.Departments = len(s.DepartmentRanking)
	s.Provisional = s.NeedsReview > 0
	if prev != nil {
		s.Previous = s.compare(*prev)
	}
	return s
}

func finished(calls []SummaryCall) []SummaryCall {
	var out []SummaryCall
	for _, c := range calls {
		if c.Result.Finished {
			out = append(out, c)
		}
	}
	return out
}

// dateSpan is the first and last date of the calls' first dials, for a round
// whose dates are not recorded; zero when no call has a time.
func dateSpan(calls []SummaryCall) (from, to time.Time) {
	for _, c := range calls {
		if c.At.IsZero() {
			continue
		}
		d := startOfDay(c.At)
		if from.IsZero() || d.Before(from) {
			from = d
		}
		if to.IsZero() || d.After(to) {
			to = d
		}
	}
	return from, to
}

func (s *Summary) countCalls(calls []SummaryCall) {
	auditors, personas := map[string]bool{}, map[Persona]bool{}
	for _, c := range calls {
		s.CallsAudited++
		if c.Auditor != "" {
			auditors[c.Auditor] = true
		}
		personas[c.Persona] = true
		if c.Recording != "" {
			s.RecordedCalls++
		}
		if !c.Imported {
			s.DialedCalls++
			if c.Reached {
				s.Connected++
			}
		}
		if c.Result.Problem {
			s.ProblemCalls++
		}
		if c.Result.NeedsReview {
			s.NeedsReview++
		}
	}
	s.Auditors = len(auditors)
	for _, p := range Personas {
		if personas[p] {
			s.Personas = append(s.Personas, p)
		}
	}
	s.HasConnection = s.DialedCalls > 0
	s.ConnectionRate = ratio(s.Connected, s.DialedCalls)
}

// countGrades counts the calls with a total by the rubric's grades. A grade
// the rubric does not know (an imported result graded on the default bands
// in a round with its own rubric) is regraded from the total.
func (s *Summary) countGrades(calls []SummaryCall, r Rubric) {
	s.Grades = make([]GradeCount, len(r.Grades))
	for i, g := range r.Grades {
		s.Grades[i] = GradeCount{Key: g.Key, ZH: g.ZH, EN: g.EN, Min: g.Min}
	}
	for _, c := range calls {
		total, ok := callTotal(c)
		switch {
		case !ok && c.Imported:
			s.NoTotal++
		case !c.Result.Scored && !c.Imported:
			s.NotScored++
		default:
			key := c.Result.Grade
			if !slices.ContainsFunc(r.Grades, func(g Grade) bool { return g.Key == key }) {
				key = r.GradeOf(total).Key
			}
			for i := range s.Grades {
				if s.Grades[i].Key == key {
					s.Grades[i].Count++
					s.Graded++
				}
			}
		}
	}
}

// callTotal is the total a call counts with in means: its score, 0 for an
// unreachable or 13/14 call; false for an imported result without a total.
func callTotal(c SummaryCall) (float64, bool) {
	switch {
	case c.Result.Scored:
		return c.Result.Total, true
	case !c.Imported:
		return 0, true
	case c.Result.Grade != "":
		return c.Result.Total, true
	default:
		return 0, false
	}
}

// compare summarises the previous round just enough for the changes.
func (s *Summary) compare(prev RoundInfo) *PreviousRound {
	calls := finished(prev.Calls)
	if len(calls) == 0 {
		return nil
	}
	var ps Summary
	ps.countCalls(calls)
	offices := groupOffices(calls, nil)
	p := &PreviousRound{
		Round: prev.Number, Name: prev.Name, Imported: prev.Imported,
		OfficesAudited: len(offices), ConnectionRate: ps.ConnectionRate, HasConnection: ps.HasConnection,
	}
	for _, o := range offices {
		if len(o.Calls) > 0 {
			p.ProblemOffices++
		}
	}
	p.ProblemRate = ratio(p.ProblemOffices, p.OfficesAudited)
	p.ProblemRateChange = pointsChange(s.ProblemRate, p.ProblemRate)
	p.HasConnectionChange = s.HasConnection && p.HasConnection
	if p.HasConnectionChange {
		p.ConnectionRateChange = pointsChange(s.ConnectionRate, p.ConnectionRate)
	}
	return p
}

// pointsChange is cur − prev in percentage points, each rate first rounded
// to one decimal of a percent as the bulletin prints it.
func pointsChange(cur, prev float64) float64 {
	return math.Round((RoundPercent(cur)-RoundPercent(prev))*10) / 10
}

// RoundPercent is a fraction as a percentage rounded to one decimal, half
// away from zero: 0.86 → 86.0, 1/3 → 33.3. Templates print rates with it, so
// printed rates and changes agree.
func RoundPercent(f float64) float64 {
	return math.Round(snap(f*100)*10) / 10
}

func ratio(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

// groupOffices folds the calls into one ProblemOffice per office, in order
// of department and office name; Calls holds only the problem calls, so an
// office had a problem exactly when Calls is not empty.
func groupOffices(calls []SummaryCall, streaks map[int64]int) []ProblemOffice {
	byID := map[int64]*ProblemOffice{}
	var order []int64
	for _, c := range calls {
		o, ok := byID[c.OfficeID]
		if !ok {
			o = &ProblemOffice{OfficeID: c.OfficeID, Department: c.Department, Office: c.Office,
				Category: c.Category, Streak: streaks[c.OfficeID]}
			o.Level = LevelOf(o.Streak)
			byID[c.OfficeID] = o
			order = append(order, c.OfficeID)
		}
		o.CallsAudited++
		if c.Result.Problem {
			o.Calls = append(o.Calls, problemCall(c))
		}
	}
	out := make([]ProblemOffice, 0, len(order))
	for _, id := range order {
		o := byID[id]
		slices.SortStableFunc(o.Calls, func(a, b ProblemCall) int { return a.At.Compare(b.At) })
		o.Types, o.Reasons = officeProblems(o.Calls)
		out = append(out, *o)
	}
	slices.SortFunc(out, func(a, b ProblemOffice) int {
		return cmp.Or(strings.Compare(a.Department, b.Department), strings.Compare(a.Office, b.Office),
			cmp.Compare(a.OfficeID, b.OfficeID))
	})
	return out
}

func problemCall(c SummaryCall) ProblemCall {
	total, ok := callTotal(c)
	return ProblemCall{
		OfficeID: c.OfficeID, Department: c.Department, Office: c.Office, Imported: c.Imported,
		At: c.At, Auditor: c.Auditor, Note: c.Note, Recording: c.Recording, RecordingOffset: c.RecordingOffset,
		StaffNo: c.StaffNo, StaffName: c.StaffName, HasTotal: ok, Total: total,
		Types: c.Result.ProblemTypes(), Reasons: c.Result.Reasons, Provisional: c.Result.NeedsReview,
	}
}

// officeProblems is the problem types of an office's problem calls, in
// bulletin order, and their reasons, each distinct one once.
func officeProblems(calls []ProblemCall) ([]ProblemType, []Reason) {
	has := map[ProblemType]bool{}
	var reasons []Reason
	for _, c := range calls {
		for _, t := range c.Types {
			has[t] = true
		}
		for _, r := range c.Reasons {
			if !slices.Contains(reasons, r) {
				reasons = append(reasons, r)
			}
		}
	}
	var types []ProblemType
	for _, t := range ProblemTypes {
		if has[t] {
			types = append(types, t)
		}
	}
	return types, reasons
}

// flagged lists the offices whose streak earns a red or a yellow flag, the
// longest streaks first.
func flagged(offices []ProblemOffice) (red, yellow []FlaggedOffice) {
	for _, o := range offices {
		f := FlaggedOffice{OfficeID: o.OfficeID, Department: o.Department, Office: o.Office, Streak: o.Streak, Level: o.Level}
		switch o.Level {
		case Red:
			red = append(red, f)
		case Yellow:
			yellow = append(yellow, f)
		}
	}
	slices.SortStableFunc(red, func(a, b FlaggedOffice) int { return cmp.Compare(b.Streak, a.Streak) })
	return red, yellow
}

// groupProblems lists each problem call under each of its types, in office
// order and then by time.
func groupProblems(offices []ProblemOffice) []ProblemGroup {
	groups := make([]ProblemGroup, len(ProblemTypes))
	for i, t := range ProblemTypes {
		groups[i] = ProblemGroup{Type: t, ZH: t.Label(lang.ZH), EN: t.Label(lang.EN)}
		for _, o := range offices {
			for _, c := range o.Calls {
				if slices.Contains(c.Types, t) {
					groups[i].Items = append(groups[i].Items, ProblemItem{ProblemCall: c, TypeReasons: reasonsOf(c.Reasons, t)})
				}
			}
		}
	}
	return groups
}

func reasonsOf(rs []Reason, t ProblemType) []Reason {
	var out []Reason
	for _, r := range rs {
		if r.Type == t {
			out = append(out, r)
		}
	}
	return out
}
