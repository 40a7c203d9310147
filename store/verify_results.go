package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strconv"
	"strings"

	"phoneaudit/scoring"
)

// The results verify works out again: each finished call's sheets' totals and result from its
// sheets, answers and reviews, and each amendment's result, a round at a time (ledger_derived.go).

// verifyCall is a finished call as stored.
type verifyCall struct {
	id, office            int64
	status                string
	imported              bool
	seconds               *int
	scored                bool
	total                 sql.NullFloat64
	grade                 sql.NullString
	problem               sql.NullBool
	reasons               string
	needsReview           bool
	department, name      string
	staffNo, answeredName string
	amendmentID           sql.NullInt64
	amendedTotal          sql.NullFloat64
	amendedGrade          sql.NullString
	amendedProblem        sql.NullBool
	amendedReasons        sql.NullString
	sheets                []verifySheet
	attempts              []scoring.Attempt
	accepted              bool
	amendments            []verifyAmendment
	facts                 RecordFacts
}

type verifySheet struct {
	id          int64
	rater, kind string
	status      string
	total       sql.NullFloat64
	answers     scoring.Answers
}

type verifyAmendment struct {
	id, sheet  int64
	answers    sql.NullString
	newProblem sql.NullBool
	newTotal   sql.NullFloat64
	newReasons sql.NullString
	scored     bool
	total      sql.NullFloat64
	grade      sql.NullString
	problem    bool
	reasons    string
}

// results works out every finished call's result again, a round at a time, and the audits they
// give.
func (v *verifier) results(ctx context.Context) (worked, error) {
	w := worked{offices: map[auditKey]auditVal{}, persons: map[personAuditKey]auditVal{}}
	merged := map[int64]int64{}
	type pair struct{ id, into int64 }
	ms, err := queryAll(ctx, v.q, func(sc scanner) (pair, error) {
		var p pair
		err := sc.Scan(&p.id, &p.into)
		return p, err
	}, "SELECT id, merged_into FROM offices WHERE merged_into IS NOT NULL")
	if err != nil {
		return w, err
	}
	for _, m := range ms {
		merged[m.id] = m.into
	}
	canonical := func(id int64) int64 {
		for range 64 {
			next, ok := merged[id]
			if !ok {
				return id
			}
			id = next
		}
		return id
	}
	type round struct {
		id      int64
		number  int
		name    string
		version sql.NullInt64
	}
	rounds, err := queryAll(ctx, v.q, func(sc scanner) (round, error) {
		var r round
		err := sc.Scan(&r.id, &r.number, &r.name, &r.version)
		return r, err
	}, "SELECT id, number, name, rubric_version FROM rounds ORDER BY number")
	if err != nil {
		return w, err
	}
	for _, r := range rounds {
		calls, err := v.roundCalls(ctx, r.id)
		if err != nil {
			return w, err
		}
		if len(calls) == 0 {
			continue
		}
		var rub scoring.Rubric
		hasRubric := r.version.Valid
		if hasRubric {
			if rub, err = v.s.rubricVersion(ctx, v.q, int(r.version.Int64)); err != nil {
				return w, err
			}
		}
		for _, c := range calls {
			c.facts = RecordFacts{RoundName: r.name, Department: c.department, Office: c.name}
			problem := c.problem.Bool
			if !c.imported && hasRubric {
				problem = v.callResult(c, rub)
			}
			if p, ok := v.amendedResults(c, rub, hasRubric); ok {
				problem = p
			}
			k := auditKey{canonical(c.office), r.number}
			a := w.offices[k]
			w.offices[k] = auditVal{roundID: r.id, problem: a.problem || problem}
			if person := personOf(c.staffNo, c.answeredName); person != "" {
				pk := personAuditKey{c.department, person, r.number}
				a := w.persons[pk]
				w.persons[pk] = auditVal{roundID: r.id, problem: a.problem || problem}
			}
		}
	}
	return w, nil
}

// roundCalls reads a round's finished calls with their attempts, sheets, answers, accepted
// aggregates and amendments, in a few queries.
func (v *verifier) roundCalls(ctx context.Context, roundID int64) ([]*verifyCall, error) {
	calls, err := queryAll(ctx, v.q, func(sc scanner) (*verifyCall, error) {
		c := &verifyCall{}
		var seconds sql.NullInt64
		err := sc.Scan(&c.id, &c.office, &c.status, &c.imported, &seconds, &c.scored, &c.total, &c.grade, &c.problem,
			&c.reasons, &c.needsReview, &c.department, &c.name, &c.staffNo, &c.answeredName,
			&c.amendmentID, &c.amendedTotal, &c.amendedGrade, &c.amendedProblem, &c.amendedReasons)
		if seconds.Valid {
			s := int(seconds.Int64)
			c.seconds = &s
		}
		return c, err
	}, `SELECT id, office_id, status, imported, answer_seconds, scored, total, grade, problem, reasons, needs_review,
		coalesce(department_name, ''), coalesce(office_name, ''), answered_staff_no, answered_name,
		amendment_id, amended_total, amended_grade, amended_problem, amended_reasons
		FROM calls WHERE round_id = ? AND status IN ('done', 'unreachable') ORDER BY id`, roundID)
	if err != nil || len(calls) == 0 {
		return calls, err
	}
	byID := make(map[int64]*verifyCall, len(calls))
	for _, c := range calls {
		byID[c.id] = c
	}
	err = eachRow(ctx, v.q, func(sc scanner) error {
		var id int64
		var at string
		var a scoring.Attempt
		if err := sc.Scan(&id, &at, &a.Outcome); err != nil {
			return err
		}
		a.At, _ = parseTime(at)
		if c := byID[id]; c != nil {
			c.attempts = append(c.attempts, a)
		}
		return nil
	}, `SELECT a.call_id, a.at, a.outcome FROM calls c JOIN attempts a ON a.call_id = c.id
		WHERE c.round_id = ? ORDER BY a.call_id, a.at, a.id`, roundID)
	if err != nil {
		return nil, err
	}
	err = eachRow(ctx, v.q, func(sc scanner) error {
		var call int64
		sh := verifySheet{answers: scoring.Answers{}}
		if err := sc.Scan(&sh.id, &call, &sh.rater, &sh.kind, &sh.status, &sh.total); err != nil {
			return err
		}
		if c := byID[call]; c != nil {
			c.sheets = append(c.sheets, sh)
		}
		return nil
	}, `SELECT s.id, s.call_id, a.name, s.kind, s.status, s.total FROM calls c JOIN sheets s ON s.call_id = c.id
		JOIN auditors a ON a.id = s.rater_id WHERE c.round_id = ? ORDER BY s.call_id, s.id`, roundID)
	if err != nil {
		return nil, err
	}
	sheets := map[int64]*verifySheet{}
	for _, c := range calls {
		for i := range c.sheets {
			sheets[c.sheets[i].id] = &c.sheets[i]
		}
	}
	err = eachRow(ctx, v.q, func(sc scanner) error {
		var id int64
		var k string
		var value int
		if err := sc.Scan(&id, &k, &value); err != nil {
			return err
		}
		if sh := sheets[id]; sh != nil {
			sh.answers[k] = value
		}
		return nil
	}, `SELECT w.sheet_id, w.criterion, w.value FROM calls c JOIN sheets s ON s.call_id = c.id
		JOIN answers w ON w.sheet_id = s.id WHERE c.round_id = ?`, roundID)
	if err != nil {
		return nil, err
	}
	err = eachRow(ctx, v.q, func(sc scanner) error {
		var id int64
		if err := sc.Scan(&id); err != nil {
			return err
		}
		if c := byID[id]; c != nil {
			c.accepted = true
		}
		return nil
	}, `SELECT r.call_id FROM calls c JOIN reviews r ON r.call_id = c.id WHERE c.round_id = ? AND r.kind = 'accept'`, roundID)
	if err != nil {
		return nil, err
	}
	err = eachRow(ctx, v.q, func(sc scanner) error {
		var call int64
		var m verifyAmendment
		if err := sc.Scan(&m.id, &call, &m.sheet, &m.answers, &m.newProblem, &m.newTotal, &m.newReasons,
			&m.scored, &m.total, &m.grade, &m.problem, &m.reasons); err != nil {
			return err
		}
		if c := byID[call]; c != nil {
			c.amendments = append(c.amendments, m)
		}
		return nil
	}, `SELECT m.id, m.call_id, coalesce(m.sheet_id, 0), m.answers, m.new_problem, m.new_total, m.new_reasons,
		m.scored, m.total, m.grade, m.problem, m.reasons
		FROM calls c JOIN amendments m ON m.call_id = c.id WHERE c.round_id = ? ORDER BY m.id`, roundID)
	return calls, err
}

// input is the call's input as callInput reads it when the call settles; answers, when not
// nil, replace a sheet's own (an amendment's).
func (c *verifyCall) input(answers map[int64]scoring.Answers, onlySubmitted, accepted bool) scoring.CallInput {
	in := scoring.CallInput{AnswerSeconds: c.seconds, AcceptedAggregate: accepted, Attempts: c.attempts}
	for _, sh := range c.sheets {
		if sh.status != "submitted" && (onlySubmitted || sh.status != "draft") {
			continue
		}
		a := sh.answers
		if x, ok := answers[sh.id]; ok {
			a = x
		}
		sheet := scoring.Sheet{Rater: sh.rater, Answers: a, Submitted: sh.status == "submitted"}
		if sh.kind == "consensus" {
			in.Consensus = &sheet
			continue
		}
		in.Sheets = append(in.Sheets, sheet)
	}
	return in
}

// callResult checks a finished call's sheets' totals and its result against what its sheets
// give on the rubric, and returns whether the call had a problem as worked out.
func (v *verifier) callResult(c *verifyCall, rub scoring.Rubric) bool {
	for _, sh := range c.sheets {
		if sh.status != "submitted" {
			continue
		}
		want := rub.ScoreSheet(sh.answers, c.seconds).Total
		if !sh.total.Valid || !sameNumber(sh.total.Float64, want) {
			facts := c.facts
			facts.Rater = sh.rater
			v.add(VerifyProblem{What: ProblemResult, Kind: kindSheet, Ref: sh.id, Record: facts, Field: []string{"total"},
				Was: number(want), Now: nullNumber(sh.total)})
		}
	}
	res := rub.SettledResult(c.input(nil, false, c.accepted), scoring.CallStatus(c.status))
	stored := storedResult{status: c.status, scored: c.scored, total: c.total, grade: c.grade, problem: c.problem,
		reasons: c.reasons, needsReview: &c.needsReview}
	var total sql.NullFloat64 // as settle stores it
	if nullTotal(res) != nil {
		total = sql.NullFloat64{Float64: res.Total, Valid: true}
	}
	if field, was, now, differs := stored.differs(res, total, false); differs {
		v.add(VerifyProblem{What: ProblemResult, Kind: kindCall, Ref: c.id, Record: c.facts, Field: []string{field}, Was: was, Now: now})
	}
	return res.Problem
}

// amendedResults checks a call's amendments, each against what its new values give, and the
// call's effective result against the latest; ok when the call has any, with the latest's
// problem as worked out.
func (v *verifier) amendedResults(c *verifyCall, rub scoring.Rubric, hasRubric bool) (problem, ok bool) {
	if len(c.amendments) == 0 {
		if c.amendmentID.Valid || c.amendedProblem.Valid || c.amendedTotal.Valid || c.amendedGrade.Valid || c.amendedReasons.Valid {
			v.add(VerifyProblem{What: ProblemResult, Kind: kindCall, Ref: c.id, Record: c.facts, Field: []string{"amended_problem"},
				Was: "", Now: nullBool(c.amendedProblem)})
		}
		return false, false
	}
	latest := map[int64]scoring.Answers{}
	for _, m := range c.amendments {
		var res scoring.Result
		var want sql.NullFloat64 // the total the amendment stores: as given for an imported result, else the result's
		switch {
		case m.sheet == 0:
			var total *float64
			if m.newTotal.Valid {
				total = &m.newTotal.Float64
			}
			res, want = scoring.ImportedResult(m.newProblem.Bool, total, m.newReasons.String), m.newTotal
		case !hasRubric: // a sheet amended in a round with no rubric: nothing to work it out on
			problem = m.problem
			continue
		default:
			a := scoring.Answers{}
			if m.answers.Valid && json.Unmarshal([]byte(m.answers.String), &a) != nil {
				a = nil
			}
			latest[m.sheet] = a
			res = rub.SettledResult(c.input(latest, true, true), scoring.CallStatus(c.status))
			want = sql.NullFloat64{Float64: res.Total, Valid: true}
		}
		stored := storedResult{status: c.status, scored: m.scored, total: m.total, grade: m.grade,
			problem: sql.NullBool{Bool: m.problem, Valid: true}, reasons: m.reasons}
		if field, was, now, differs := stored.differs(res, want, m.sheet == 0); differs {
			v.add(VerifyProblem{What: ProblemResult, Kind: kindAmendment, Ref: m.id, Record: c.facts, Field: []string{field}, Was: was, Now: now})
		}
		problem = res.Problem
	}
	last := c.amendments[len(c.amendments)-1]
	check := []struct{ field, was, now string }{
		{"amendment_id", strconv.FormatInt(last.id, 10), nullInt(c.amendmentID)},
		{"amended_total", nullNumber(last.total), nullNumber(c.amendedTotal)},
		{"amended_grade", last.grade.String, c.amendedGrade.String},
		{"amended_problem", strconv.FormatBool(last.problem), nullBool(c.amendedProblem)},
		{"amended_reasons", last.reasons, c.amendedReasons.String},
	}
	for _, x := range check {
		if x.was != x.now {
			v.add(VerifyProblem{What: ProblemResult, Kind: kindCall, Ref: c.id, Record: c.facts, Field: []string{x.field}, Was: x.was, Now: x.now})
			break
		}
	}
	return problem, true
}

// storedResult is a result as a call or an amendment stores it.
type storedResult struct {
	status      string
	scored      bool
	total       sql.NullFloat64
	grade       sql.NullString
	problem     sql.NullBool
	reasons     string
	needsReview *bool // nil: not stored (an amendment)
}

// differs finds the first field of a stored result that is not the worked-out res (whose total
// is stored as total), with the value of each. imported: the status is not worked out (an
// imported result's amendment).
func (s storedResult) differs(res scoring.Result, total sql.NullFloat64, imported bool) (field, was, now string, differs bool) {
	// The values are worded only for the field that differs: most calls differ in none.
	switch {
	case !imported && string(res.Status) != s.status:
		return "status", string(res.Status), s.status, true
	case res.Scored != s.scored:
		return "scored", strconv.FormatBool(res.Scored), strconv.FormatBool(s.scored), true
	case total.Valid != s.total.Valid || (total.Valid && !sameNumber(total.Float64, s.total.Float64)):
		return "total", nullNumber(total), nullNumber(s.total), true
	case res.Grade != s.grade.String:
		return "grade", res.Grade, s.grade.String, true
	case !s.problem.Valid || res.Problem != s.problem.Bool:
		return "problem", strconv.FormatBool(res.Problem), nullBool(s.problem), true
	case s.needsReview != nil && res.NeedsReview != *s.needsReview:
		return "needs_review", strconv.FormatBool(res.NeedsReview), strconv.FormatBool(*s.needsReview), true
	}
	if want := encodeReasons(res.Reasons); want != s.reasons {
		return "reasons", reasonList(want), reasonList(s.reasons), true
	}
	return "", "", "", false
}

// reasonList shows stored reasons as their Chinese words, "、"-joined ("" for none), or the
// stored text when it is damaged.
func reasonList(stored string) string {
	var rs []storedReason
	if json.Unmarshal([]byte(stored), &rs) != nil {
		return stored
	}
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ZH
	}
	return strings.Join(out, "、")
}
