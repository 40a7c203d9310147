package scoring

import (
	"cmp"
	"slices"
	"strconv"
)

// A Snapshot is what a round's bulletin said, in the terms a correction (更正) compares: the
// counts it printed, and for every office it audited the result of each call, whether the
// office had a problem and with what, and its streak (hence red, yellow or no flag). It is
// stored beside every publication and every correction, so that a later change of the data is
// found by comparing the round's snapshot now with the one last published.
type Snapshot struct {
	Round          int          `json:"round"`
	Name           string       `json:"name"`
	OfficesAudited int          `json:"offices_audited"`
	CallsAudited   int          `json:"calls_audited"`
	Connected      int          `json:"connected"`
	Graded         []SnapCount  `json:"graded"` // calls per grade, in the rubric's order
	NotScored      int          `json:"not_scored"`
	ProblemOffices int          `json:"problem_offices"`
	ProblemCalls   int          `json:"problem_calls"`
	Red            int          `json:"red"`
	Yellow         int          `json:"yellow"`
	Offices        []SnapOffice `json:"offices"` // by department, then office
}

// SnapCount is one count of a snapshot by a key (a grade's key).
type SnapCount struct {
	Key   string `json:"key"`
	ZH    string `json:"zh"`
	EN    string `json:"en"`
	Count int    `json:"count"`
}

// SnapOffice is one audited office in a snapshot.
type SnapOffice struct {
	OfficeID   int64      `json:"office_id"`
	Department string     `json:"department"`
	Office     string     `json:"office"`
	Calls      []SnapCall `json:"calls"` // in the order they were made
	Problem    bool       `json:"problem"`
	Streak     int        `json:"streak"`
}

// Level is the office's flag in the snapshot.
func (o SnapOffice) Level() Level { return LevelOf(o.Streak) }

// SnapCall is one finished call of an office in a snapshot: its total as printed ("" when it
// has none: not scored, or an imported result without one), its grade and its reasons.
type SnapCall struct {
	Status  CallStatus `json:"status"`
	Total   string     `json:"total,omitempty"`
	Grade   string     `json:"grade,omitempty"`
	Problem bool       `json:"problem"`
	Reasons []Reason   `json:"reasons,omitempty"`
}

// SnapshotOf is the snapshot of a round summarised as sum from cur (Summarize(cur, …)).
func SnapshotOf(cur RoundInfo, sum Summary) Snapshot {
	s := Snapshot{
		Round: sum.Round, Name: sum.Name, OfficesAudited: sum.OfficesAudited, CallsAudited: sum.CallsAudited,
		Connected: sum.Connected, NotScored: sum.NotScored, ProblemOffices: sum.ProblemOffices,
		ProblemCalls: sum.ProblemCalls, Red: len(sum.Red), Yellow: len(sum.Yellow),
	}
	for _, g := range sum.Grades {
		s.Graded = append(s.Graded, SnapCount{Key: g.Key, ZH: g.ZH, EN: g.EN, Count: g.Count})
	}
	byID := map[int64]int{}
	for _, c := range finished(cur.Calls) {
		i, ok := byID[c.OfficeID]
		if !ok {
			i = len(s.Offices)
			byID[c.OfficeID] = i
			s.Offices = append(s.Offices, SnapOffice{OfficeID: c.OfficeID, Department: c.Department, Office: c.Office,
				Streak: cur.Streaks[c.OfficeID]})
		}
		sc := SnapCall{Status: c.Result.Status, Grade: c.Result.Grade, Problem: c.Result.Problem, Reasons: c.Result.Reasons}
		if c.Result.Scored && (!c.Imported || c.Result.Grade != "") {
			sc.Total = strconv.FormatFloat(c.Result.Total, 'f', -1, 64)
		}
		o := &s.Offices[i]
		o.Calls = append(o.Calls, sc)
		o.Problem = o.Problem || sc.Problem
	}
	slices.SortStableFunc(s.Offices, func(a, b SnapOffice) int {
		return cmp.Or(cmp.Compare(a.Department, b.Department), cmp.Compare(a.Office, b.Office), cmp.Compare(a.OfficeID, b.OfficeID))
	})
	return s
}

// SnapshotDiff is how a round's snapshot now differs from the one published: the offices whose
// calls, problem or flag changed, and the counts that changed.
type SnapshotDiff struct {
	Offices []OfficeDiff `json:"offices"`
	Counts  []CountDiff  `json:"counts"`
}

// Empty says the snapshots agree.
func (d SnapshotDiff) Empty() bool { return len(d.Offices) == 0 && len(d.Counts) == 0 }

// OfficeDiff is one office that changed. Was or Now is nil when the office was not audited in
// the round in that snapshot (a merge can move an office's calls).
type OfficeDiff struct {
	OfficeID   int64       `json:"office_id"`
	Department string      `json:"department"`
	Office     string      `json:"office"`
	Was        *SnapOffice `json:"was"`
	Now        *SnapOffice `json:"now"`
}

// ProblemChanged says the office gained or lost its problem (and so its notice).
func (d OfficeDiff) ProblemChanged() bool { return d.Was.hasProblem() != d.Now.hasProblem() }

func (o *SnapOffice) hasProblem() bool { return o != nil && o.Problem }

// CountDiff is one count that changed: Key is a field of Snapshot ("problem_offices", "red" …)
// or "grade:" and a grade's key, with the grade's words.
type CountDiff struct {
	Key    string `json:"key"`
	ZH, EN string `json:"-"`
	Was    int    `json:"was"`
	Now    int    `json:"now"`
}

// CompareSnapshots lists what changed from was (published) to now.
func CompareSnapshots(was, now Snapshot) SnapshotDiff {
	var d SnapshotDiff
	counts := []struct {
		key      string
		was, now int
	}{
		{"offices_audited", was.OfficesAudited, now.OfficesAudited},
		{"calls_audited", was.CallsAudited, now.CallsAudited},
		{"connected", was.Connected, now.Connected},
		{"problem_offices", was.ProblemOffices, now.ProblemOffices},
		{"problem_calls", was.ProblemCalls, now.ProblemCalls},
		{"red", was.Red, now.Red},
		{"yellow", was.Yellow, now.Yellow},
		{"not_scored", was.NotScored, now.NotScored},
	}
	for _, c := range counts {
		if c.was != c.now {
			d.Counts = append(d.Counts, CountDiff{Key: c.key, Was: c.was, Now: c.now})
		}
	}
	grades := map[string]SnapCount{}
	var order []string
	for _, g := range was.Graded {
		grades[g.Key] = SnapCount{Key: g.Key, ZH: g.ZH, EN: g.EN}
		order = append(order, g.Key)
	}
	wasGrade := map[string]int{}
	for _, g := range was.Graded {
		wasGrade[g.Key] = g.Count
	}
	nowGrade := map[string]int{}
	for _, g := range now.Graded {
		nowGrade[g.Key] = g.Count
		if _, ok := grades[g.Key]; !ok {
			grades[g.Key] = SnapCount{Key: g.Key, ZH: g.ZH, EN: g.EN}
			order = append(order, g.Key)
		}
	}
	for _, k := range order {
		if wasGrade[k] != nowGrade[k] {
			g := grades[k]
			d.Counts = append(d.Counts, CountDiff{Key: "grade:" + k, ZH: g.ZH, EN: g.EN, Was: wasGrade[k], Now: nowGrade[k]})
		}
	}
	nowByID := map[int64]*SnapOffice{}
	for i := range now.Offices {
		nowByID[now.Offices[i].OfficeID] = &now.Offices[i]
	}
	seen := map[int64]bool{}
	for i := range was.Offices {
		w := &was.Offices[i]
		seen[w.OfficeID] = true
		n := nowByID[w.OfficeID]
		if n == nil || !sameOffice(*w, *n) {
			d.Offices = append(d.Offices, OfficeDiff{OfficeID: w.OfficeID, Department: w.Department, Office: w.Office, Was: w, Now: n})
		}
	}
	for i := range now.Offices {
		n := &now.Offices[i]
		if !seen[n.OfficeID] {
			d.Offices = append(d.Offices, OfficeDiff{OfficeID: n.OfficeID, Department: n.Department, Office: n.Office, Now: n})
		}
	}
	slices.SortStableFunc(d.Offices, func(a, b OfficeDiff) int {
		return cmp.Or(cmp.Compare(a.Department, b.Department), cmp.Compare(a.Office, b.Office))
	})
	return d
}

// sameOffice compares what a bulletin says of an office: its calls' results, its problem and
// its streak (the bulletin prints it). Its names are not compared: a rename is not a correction.
func sameOffice(a, b SnapOffice) bool {
	if a.Problem != b.Problem || a.Streak != b.Streak || len(a.Calls) != len(b.Calls) {
		return false
	}
	for i := range a.Calls {
		x, y := a.Calls[i], b.Calls[i]
		if x.Status != y.Status || x.Total != y.Total || x.Grade != y.Grade || x.Problem != y.Problem || !sameReasons(x.Reasons, y.Reasons) {
			return false
		}
	}
	return true
}

func sameReasons(a, b []Reason) bool {
	return slices.EqualFunc(a, b, func(x, y Reason) bool { return x.Type == y.Type && x.Code == y.Code })
}
