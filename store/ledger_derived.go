package store

import (
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"phoneaudit/scoring"
)

// Beside the chain, verify works out again everything a flag or a bulletin is read from, from the
// primary records only — calls with their status and attempts as chained, sheets, answers,
// imported results, amendments, reviews and merges — and compares what is stored with it:
//
//   - every submitted sheet's total, from its answers on its round's rubric;
//   - every finished call's result (status, total, grade, problem, reasons, needs review), from
//     its sheets and reviews, with the reach decision its chained status records (never today's
//     calendar and time zone, which may have changed since);
//   - every amendment's result, and the effective result the call holds from the latest one;
//   - the offices' and the persons' audits and streaks (audits, latest_audits, person_audits,
//     latest_person_audits), from those results with scoring;
//   - every publication's and correction's 数据校验码: an entry of the chain, before the record's
//     own entry and in the order they were made; and every text and snapshot they stored
//     against its SHA-256.
//
// The office and person tables are the ones the flags are read from, so a streak edited by hand
// fails verify as a changed score does.

// What else a VerifyProblem may be about: the records worked out again.
const (
	// A stored result does not fit the records it is worked out from: Kind is "sheet" (its total),
	// "call" (its result, or its effective result: "amended_…" fields) or "amendment"; Field the
	// field, Was the value the records give, Now the value stored.
	ProblemResult = "result"
	// A maintained audit differs from what the calls give: Kind is its table (audits,
	// latest_audits, person_audits, latest_person_audits), Round its round's number, Field the
	// column ("problem", "streak", "round", "round_id"), Was the value the calls give, Now the
	// value stored.
	ProblemAudit = "audit"
	// The calls give an audit (Kind, Round, Was: its problem and streak) that is not stored.
	ProblemAuditMissing = "audit_missing"
	// An audit is stored (Kind, Round, Now: its problem and streak) that no finished call gives.
	ProblemAuditExtra = "audit_extra"
	// A publication's or a correction's stored 数据校验码 (Now) is no entry of the chain.
	ProblemHead = "head"
	// A publication's or a correction's stored 数据校验码 (Now) is an entry of the chain (Was: its
	// seq), but not the one just before the record's own entry (a publication is written at the
	// head it prints, and appended next), or before that of one made earlier.
	ProblemHeadOrder = "head_order"
	// A stored text differs from the SHA-256 stored beside it: Kind publication or correction,
	// Field "zh/text" (a rendering) or "snapshot"; Was the SHA-256 stored, Now the text's.
	ProblemText = "text"
)

// heads notes, while the chain is walked, the seq of every entry a publication or a correction
// names as its 数据校验码.
func (v *verifier) loadHeads(ctx context.Context) error {
	heads, err := queryAll(ctx, v.q, scanOne[string], `SELECT ledger_head FROM publications WHERE coalesce(ledger_head, '') <> ''
		UNION SELECT ledger_head FROM corrections WHERE coalesce(ledger_head, '') <> ''`)
	if err != nil {
		return err
	}
	v.headSeq = map[string]int64{}
	for _, h := range heads {
		v.headSeq[h] = 0
	}
	return nil
}

// noteHead records the seq of a walked entry that a publication or a correction names.
func (v *verifier) noteHead(e ledgerRow) {
	if _, ok := v.headSeq[e.hash]; ok && v.headSeq[e.hash] == 0 {
		v.headSeq[e.hash] = e.seq
	}
}

// auditKey is one office's (as merged) audit in one round; personKey one person's.
type auditKey struct {
	office int64
	round  int
}

type personAuditKey struct {
	department, person string
	round              int
}

type auditVal struct {
	roundID int64
	problem bool
	streak  int
}

// worked is what the results pass gives the audits pass.
type worked struct {
	offices map[auditKey]auditVal
	persons map[personAuditKey]auditVal
}

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

// eachRow runs query and hands every row to fn.
func eachRow(ctx context.Context, q querier, fn func(sc scanner) error, query string, args ...any) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
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

func sameNumber(a, b float64) bool { d := a - b; return d < 1e-9 && d > -1e-9 }

func number(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func nullNumber(f sql.NullFloat64) string {
	if !f.Valid {
		return ""
	}
	return number(f.Float64)
}

func nullBool(b sql.NullBool) string {
	if !b.Valid {
		return ""
	}
	return strconv.FormatBool(b.Bool)
}

func nullInt(i sql.NullInt64) string {
	if !i.Valid {
		return ""
	}
	return strconv.FormatInt(i.Int64, 10)
}

// streaks gives each audit of a series its streak, in round order, and returns each series'
// latest audit.
func streaks[K comparable, S comparable](m map[K]auditVal, series func(K) S, less func(a, b K) int) map[S]K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, less)
	latest := map[S]K{}
	prev, have := 0, false
	var cur S
	for _, k := range keys {
		s := series(k)
		if !have || s != cur {
			prev, cur, have = 0, s, true
		}
		a := m[k]
		prev = scoring.NextStreak(prev, a.problem)
		a.streak = prev
		m[k] = a
		latest[s] = k
	}
	return latest
}

// storedAudit is one row of an audits table as stored.
type storedAudit struct {
	round   int
	roundID int64
	problem bool
	streak  int
}

// compareAudit reports the first column of a stored audit that differs from the worked-out one.
func compareAudit(want auditVal, wantRound int, got storedAudit) (field, was, now string, differs bool) {
	switch {
	case wantRound != got.round:
		return "round", strconv.Itoa(wantRound), strconv.Itoa(got.round), true
	case want.roundID != got.roundID:
		return "round_id", strconv.FormatInt(want.roundID, 10), strconv.FormatInt(got.roundID, 10), true
	case want.problem != got.problem:
		return "problem", strconv.FormatBool(want.problem), strconv.FormatBool(got.problem), true
	case want.streak != got.streak:
		return "streak", strconv.Itoa(want.streak), strconv.Itoa(got.streak), true
	}
	return "", "", "", false
}

// auditShown is an audit's problem and streak, for a missing or an extra one.
func auditShown(problem bool, streak int) string {
	return fmt.Sprintf("problem=%t streak=%d", problem, streak)
}

// audits compares the four tables the flags are read from with the audits the calls give.
func (v *verifier) audits(ctx context.Context, w worked) error {
	type names struct{ department, office string }
	offices := map[int64]names{}
	err := eachRow(ctx, v.q, func(sc scanner) error {
		var id int64
		var n names
		if err := sc.Scan(&id, &n.department, &n.office); err != nil {
			return err
		}
		offices[id] = n
		return nil
	}, "SELECT o.id, d.name, o.name FROM offices o JOIN departments d ON d.id = o.department_id")
	if err != nil {
		return err
	}
	roundNames := map[int]string{}
	err = eachRow(ctx, v.q, func(sc scanner) error {
		var n int
		var name string
		if err := sc.Scan(&n, &name); err != nil {
			return err
		}
		roundNames[n] = name
		return nil
	}, "SELECT number, name FROM rounds")
	if err != nil {
		return err
	}
	officeFacts := func(office int64, round int) RecordFacts {
		n := offices[office]
		return RecordFacts{RoundName: roundNames[round], Department: n.department, Office: n.office}
	}
	personFacts := func(k personAuditKey, round int) RecordFacts {
		return RecordFacts{RoundName: roundNames[round], Department: k.department,
			Office: strings.TrimPrefix(strings.TrimPrefix(k.person, "no:"), "name:")}
	}

	latestOffice := streaks(w.offices, func(k auditKey) int64 { return k.office },
		func(a, b auditKey) int { return cmp.Or(cmp.Compare(a.office, b.office), cmp.Compare(a.round, b.round)) })
	latestPerson := streaks(w.persons, func(k personAuditKey) [2]string { return [2]string{k.department, k.person} },
		func(a, b personAuditKey) int {
			return cmp.Or(cmp.Compare(a.department, b.department), cmp.Compare(a.person, b.person), cmp.Compare(a.round, b.round))
		})

	// audits: one row per office and round.
	seen := map[auditKey]bool{}
	err = eachRow(ctx, v.q, func(sc scanner) error {
		var office int64
		var got storedAudit
		if err := sc.Scan(&office, &got.round, &got.roundID, &got.problem, &got.streak); err != nil {
			return err
		}
		k := auditKey{office, got.round}
		want, ok := w.offices[k]
		seen[k] = true
		p := VerifyProblem{Kind: "audits", Ref: office, Round: got.round, Record: officeFacts(office, got.round)}
		if !ok {
			p.What, p.Now = ProblemAuditExtra, auditShown(got.problem, got.streak)
			v.add(p)
			return nil
		}
		if field, was, now, differs := compareAudit(want, got.round, got); differs {
			p.What, p.Field, p.Was, p.Now = ProblemAudit, []string{field}, was, now
			v.add(p)
		}
		return nil
	}, "SELECT office_id, round_number, round_id, problem, streak FROM audits ORDER BY office_id, round_number")
	if err != nil {
		return err
	}
	for _, k := range sortedMissing(w.offices, seen, func(a, b auditKey) int {
		return cmp.Or(cmp.Compare(a.office, b.office), cmp.Compare(a.round, b.round))
	}) {
		a := w.offices[k]
		v.add(VerifyProblem{What: ProblemAuditMissing, Kind: "audits", Ref: k.office, Round: k.round, Record: officeFacts(k.office, k.round),
			Was: auditShown(a.problem, a.streak)})
	}

	// latest_audits: one row per office, its latest audit.
	seenLatest := map[int64]bool{}
	err = eachRow(ctx, v.q, func(sc scanner) error {
		var office int64
		var got storedAudit
		if err := sc.Scan(&office, &got.round, &got.roundID, &got.problem, &got.streak); err != nil {
			return err
		}
		seenLatest[office] = true
		p := VerifyProblem{Kind: "latest_audits", Ref: office, Round: got.round, Record: officeFacts(office, got.round)}
		k, ok := latestOffice[office]
		if !ok {
			p.What, p.Now = ProblemAuditExtra, auditShown(got.problem, got.streak)
			v.add(p)
			return nil
		}
		if field, was, now, differs := compareAudit(w.offices[k], k.round, got); differs {
			p.What, p.Field, p.Was, p.Now = ProblemAudit, []string{field}, was, now
			v.add(p)
		}
		return nil
	}, "SELECT office_id, round_number, round_id, problem, streak FROM latest_audits ORDER BY office_id")
	if err != nil {
		return err
	}
	for _, office := range sortedMissing(latestOffice, seenLatest, cmp.Compare[int64]) {
		k := latestOffice[office]
		a := w.offices[k]
		v.add(VerifyProblem{What: ProblemAuditMissing, Kind: "latest_audits", Ref: office, Round: k.round, Record: officeFacts(office, k.round),
			Was: auditShown(a.problem, a.streak)})
	}

	// person_audits: one row per person and round.
	seenPerson := map[personAuditKey]bool{}
	err = eachRow(ctx, v.q, func(sc scanner) error {
		var got storedAudit
		var k personAuditKey
		if err := sc.Scan(&k.department, &k.person, &got.round, &got.roundID, &got.problem, &got.streak); err != nil {
			return err
		}
		k.round = got.round
		seenPerson[k] = true
		p := VerifyProblem{Kind: "person_audits", Round: got.round, Person: k.person, Record: personFacts(k, got.round)}
		want, ok := w.persons[k]
		if !ok {
			p.What, p.Now = ProblemAuditExtra, auditShown(got.problem, got.streak)
			v.add(p)
			return nil
		}
		if field, was, now, differs := compareAudit(want, got.round, got); differs {
			p.What, p.Field, p.Was, p.Now = ProblemAudit, []string{field}, was, now
			v.add(p)
		}
		return nil
	}, "SELECT department, person, round_number, round_id, problem, streak FROM person_audits ORDER BY department, person, round_number")
	if err != nil {
		return err
	}
	for _, k := range sortedMissing(w.persons, seenPerson, func(a, b personAuditKey) int {
		return cmp.Or(cmp.Compare(a.department, b.department), cmp.Compare(a.person, b.person), cmp.Compare(a.round, b.round))
	}) {
		a := w.persons[k]
		v.add(VerifyProblem{What: ProblemAuditMissing, Kind: "person_audits", Round: k.round, Person: k.person, Record: personFacts(k, k.round),
			Was: auditShown(a.problem, a.streak)})
	}

	// latest_person_audits: one row per person, their latest audit.
	seenLatestPerson := map[[2]string]bool{}
	err = eachRow(ctx, v.q, func(sc scanner) error {
		var got storedAudit
		var s [2]string
		if err := sc.Scan(&s[0], &s[1], &got.round, &got.roundID, &got.problem, &got.streak); err != nil {
			return err
		}
		seenLatestPerson[s] = true
		pk := personAuditKey{s[0], s[1], got.round}
		p := VerifyProblem{Kind: "latest_person_audits", Round: got.round, Person: s[1], Record: personFacts(pk, got.round)}
		k, ok := latestPerson[s]
		if !ok {
			p.What, p.Now = ProblemAuditExtra, auditShown(got.problem, got.streak)
			v.add(p)
			return nil
		}
		if field, was, now, differs := compareAudit(w.persons[k], k.round, got); differs {
			p.What, p.Field, p.Was, p.Now = ProblemAudit, []string{field}, was, now
			v.add(p)
		}
		return nil
	}, "SELECT department, person, round_number, round_id, problem, streak FROM latest_person_audits ORDER BY department, person")
	if err != nil {
		return err
	}
	for _, s := range sortedMissing(latestPerson, seenLatestPerson, func(a, b [2]string) int {
		return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
	}) {
		k := latestPerson[s]
		a := w.persons[k]
		v.add(VerifyProblem{What: ProblemAuditMissing, Kind: "latest_person_audits", Round: k.round, Person: k.person, Record: personFacts(k, k.round),
			Was: auditShown(a.problem, a.streak)})
	}
	return nil
}

// sortedMissing is the keys of m not seen, in order.
func sortedMissing[K comparable, V any](m map[K]V, seen map[K]bool, less func(a, b K) int) []K {
	var out []K
	for k := range m {
		if !seen[k] {
			out = append(out, k)
		}
	}
	slices.SortFunc(out, less)
	return out
}

// published checks every publication and correction: the 数据校验码 it stored is the entry of the
// chain just before its own entry, and not before that of one made earlier, and every text and
// snapshot it stored has the SHA-256 stored beside it.
func (v *verifier) published(ctx context.Context) error {
	type made struct {
		kind        string
		id, seq     int64
		head        string
		round, name string
	}
	all, err := queryAll(ctx, v.q, func(sc scanner) (made, error) {
		var m made
		var seq sql.NullInt64
		err := sc.Scan(&m.kind, &m.id, &m.head, &m.name, &seq)
		m.seq = seq.Int64
		return m, err
	}, `SELECT 'publication', p.id, coalesce(p.ledger_head, ''), r.name,
			(SELECT min(l.seq) FROM ledger l WHERE l.kind = 'publication' AND l.ref = p.id)
		FROM publications p JOIN rounds r ON r.id = p.round_id
		UNION ALL
		SELECT 'correction', c.id, coalesce(c.ledger_head, ''), r.name,
			(SELECT min(l.seq) FROM ledger l WHERE l.kind = 'correction' AND l.ref = c.id)
		FROM corrections c JOIN rounds r ON r.id = c.round_id`)
	if err != nil {
		return err
	}
	// In the order they were made: by their own entries (a record with none is reported as
	// unchained already, and is checked last).
	slices.SortStableFunc(all, func(a, b made) int {
		if (a.seq == 0) != (b.seq == 0) {
			return cmp.Compare(b.seq, a.seq)
		}
		return cmp.Or(cmp.Compare(a.seq, b.seq), cmp.Compare(a.kind, b.kind), cmp.Compare(a.id, b.id))
	})
	var last int64 // the latest head seq of the ones made before
	for _, m := range all {
		p := VerifyProblem{Seq: m.seq, Kind: m.kind, Ref: m.id, Record: RecordFacts{RoundName: m.name}, Field: []string{"ledger_head"}}
		if m.head == "" {
			// Made before the ledger (the backfill leaves it empty) or on an empty ledger: never
			// after one that printed a code.
			if last > 0 {
				p.What = ProblemHeadOrder
				v.add(p)
			}
			continue
		}
		seq := v.headSeq[m.head]
		switch {
		case seq == 0:
			p.What, p.Now = ProblemHead, m.head
			v.add(p)
			continue
		case (m.seq != 0 && seq != m.seq-1) || seq < last:
			p.What, p.Was, p.Now = ProblemHeadOrder, strconv.FormatInt(seq, 10), m.head
			v.add(p)
		}
		last = max(last, seq)
	}
	return v.texts(ctx)
}

// texts checks every stored text and snapshot of the publications and corrections against the
// SHA-256 stored beside it.
func (v *verifier) texts(ctx context.Context) error {
	queries := []struct{ kind, sql string }{
		{kindPublication, `SELECT p.id, r.name, t.lang || '/' || t.format, t.body, t.sha256 FROM publication_texts t
			JOIN rounds r ON r.id = t.round_id JOIN publications p ON p.round_id = t.round_id ORDER BY p.id, t.lang, t.format`},
		{kindPublication, `SELECT s.publication_id, r.name, 'snapshot', s.snapshot, s.sha256 FROM publication_snapshots s
			JOIN publications p ON p.id = s.publication_id JOIN rounds r ON r.id = p.round_id ORDER BY s.publication_id`},
		{kindCorrection, `SELECT c.id, r.name, t.lang || '/' || t.format, t.body, t.sha256 FROM correction_texts t
			JOIN corrections c ON c.id = t.correction_id JOIN rounds r ON r.id = c.round_id ORDER BY c.id, t.lang, t.format`},
		{kindCorrection, `SELECT c.id, r.name, 'snapshot', c.snapshot, c.sha256 FROM corrections c
			JOIN rounds r ON r.id = c.round_id ORDER BY c.id`},
	}
	for _, qr := range queries {
		err := eachRow(ctx, v.q, func(sc scanner) error {
			var id int64
			var name, field, body, sum string
			if err := sc.Scan(&id, &name, &field, &body, &sum); err != nil {
				return err
			}
			if now := sha256Hex(body); now != sum {
				v.add(VerifyProblem{What: ProblemText, Kind: qr.kind, Ref: id, Record: RecordFacts{RoundName: name},
					Field: []string{field}, Was: sum, Now: now})
			}
			return nil
		}, qr.sql)
		if err != nil {
			return err
		}
	}
	return nil
}

func sha256Hex(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}
