package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"phoneaudit/scoring"
)

// BulkCall is one call of a round written in bulk (the demo city and the province benchmark):
// its attempts, its caller's sheet and, when submitted, the result package scoring gives it.
type BulkCall struct {
	OfficeID      int64
	AuditorID     int64
	ScenarioID    int64
	Persona       scoring.Persona
	Planned       time.Time
	Attempts      []scoring.Attempt
	AnswerSeconds *int
	StaffNo, Name string // who answered
	Notes         string
	Answers       scoring.Answers // nil: no sheet
	Submitted     bool
	SubmittedAt   time.Time
}

// BulkRound is a whole round written in one transaction.
type BulkRound struct {
	Name     string
	From, To string // city dates
	Close    bool   // close the round once written (unfinished calls become not audited)
	Open     bool   // open it (ignored when Close)
	Calls    []BulkCall
}

// officeNames maps office ids to their department and office names.
func (s *Store) officeNames(ctx context.Context, q querier) (map[int64][2]string, error) {
	rows, err := q.QueryContext(ctx, "SELECT o.id, d.name, o.name FROM offices o JOIN departments d ON d.id = o.department_id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[int64][2]string{}
	for rows.Next() {
		var id int64
		var d, n string
		if err := rows.Scan(&id, &d, &n); err != nil {
			return nil, err
		}
		m[id] = [2]string{d, n}
	}
	return m, rows.Err()
}

// WriteBulkRound writes a round with all its calls in one transaction, scoring each finished call
// with the round's rubric (the current one) exactly as a submit would, and maintaining the audits.
func (s *Store) WriteBulkRound(ctx context.Context, in BulkRound) (Round, error) {
	if err := s.leadOnly(ctx, ActionWriteBulkRound); err != nil {
		return Round{}, err
	}
	if err := ValidRoundName(in.Name); err != nil {
		return Round{}, err
	}
	rub, err := s.Rubric(ctx, 0)
	if err != nil {
		return Round{}, err
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return Round{}, err
	}
	loc, err := s.Location(ctx)
	if err != nil {
		return Round{}, err
	}
	raters, err := s.auditorNames(ctx)
	if err != nil {
		return Round{}, err
	}
	err = s.inTx(ctx, func(tx *txn) error {
		names, err := s.officeNames(ctx, tx)
		if err != nil {
			return err
		}
		roundID, err := insertRound(ctx, tx, s, in.Name, RoundPlanning, false, in.From, in.To)
		if err != nil {
			return err
		}
		w, err := newBulkWriter(ctx, tx)
		if err != nil {
			return err
		}
		defer w.close()
		problems := map[int64]bool{} // office → problem in this round, for offices audited
		persons := map[person]bool{} // the same for the persons who answered
		for i, c := range in.Calls {
			nm, ok := names[c.OfficeID]
			if !ok {
				return fault(ErrNotFound, "call %d: no office %d", i+1, c.OfficeID)
			}
			res := rub.Result(bulkInput(c, raters[c.AuditorID]), cal, loc)
			callID, err := w.writeCall(ctx, roundID, c, res, nm, tx.now)
			if err != nil {
				return fault(err, "call %d", i+1)
			}
			if res.Status == scoring.Done || res.Status == scoring.Unreachable {
				problems[c.OfficeID] = problems[c.OfficeID] || res.Problem
				if key := personOf(c.StaffNo, c.Name); key != "" {
					p := person{nm[0], key}
					persons[p] = persons[p] || res.Problem
				}
				if err := appendCallEntries(ctx, w.chain, callID, s.actor); err != nil {
					return fault(err, "call %d", i+1)
				}
			}
		}
		number, err := bulkAudits(ctx, tx, roundID, problems)
		if err != nil {
			return err
		}
		if err := bulkPersonAudits(ctx, tx, roundID, number, persons); err != nil {
			return err
		}
		return s.finishBulkRound(ctx, tx, roundID, in)
	})
	if err != nil {
		return Round{}, err
	}
	return s.FindRound(ctx, in.Name)
}

func (s *Store) auditorNames(ctx context.Context) (map[int64]string, error) {
	as, err := s.Auditors(ctx)
	m := map[int64]string{}
	for _, a := range as {
		m[a.ID] = a.Name
	}
	return m, err
}

func bulkInput(c BulkCall, rater string) scoring.CallInput {
	in := scoring.CallInput{Attempts: c.Attempts, AnswerSeconds: c.AnswerSeconds}
	if c.Answers != nil {
		in.Sheets = []scoring.Sheet{{Rater: rater, Answers: c.Answers, Submitted: c.Submitted}}
	}
	return in
}

func (s *Store) finishBulkRound(ctx context.Context, tx *txn, roundID int64, in BulkRound) error {
	switch {
	case in.Close:
		if _, err := tx.ExecContext(ctx, `UPDATE sheets SET status = 'abandoned' WHERE status = 'draft'
			AND call_id IN (SELECT id FROM calls WHERE round_id = ? AND status IN ('to_call', 'in_progress'))`, roundID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE calls SET status = 'not_audited'
			WHERE round_id = ? AND status IN ('to_call', 'in_progress')`, roundID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE rounds SET status = 'closed', opened_at = created_at, closed_at = ? WHERE id = ?", tx.now, roundID); err != nil {
			return err
		}
		// Recorded as CloseRound records a close, so the ledger has the close with its counts.
		var done, unreachable, notAudited int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE status = 'done'), count(*) FILTER (WHERE status = 'unreachable'),
			count(*) FILTER (WHERE status = 'not_audited') FROM calls WHERE round_id = ?`, roundID).Scan(&done, &unreachable, &notAudited); err != nil {
			return err
		}
		return s.recordChange(ctx, tx, "round", roundID, "close", map[string]any{"name": in.Name, "not_audited": notAudited,
			"done": done, "unreachable": unreachable})
	case in.Open:
		if err := noOpenRound(ctx, tx); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "UPDATE rounds SET status = 'open', opened_at = ? WHERE id = ?", tx.now, roundID)
		return err
	}
	return nil
}

// bulkAudits writes the audits of a round that is newer than every audit already stored, each
// office's streak following from its previous audit (one index lookup per office), and gives
// the round's number.
func bulkAudits(ctx context.Context, tx *txn, roundID int64, problems map[int64]bool) (number int, err error) {
	if err := tx.QueryRowContext(ctx, "SELECT number FROM rounds WHERE id = ?", roundID).Scan(&number); err != nil {
		return 0, err
	}
	prevStmt, err := tx.PrepareContext(ctx, `SELECT streak FROM audits WHERE office_id = ? AND round_number < ?
		ORDER BY round_number DESC LIMIT 1`)
	if err != nil {
		return 0, err
	}
	defer prevStmt.Close()
	ins, err := tx.PrepareContext(ctx, "INSERT INTO audits(office_id, round_number, round_id, problem, streak) VALUES(?, ?, ?, ?, ?)")
	if err != nil {
		return 0, err
	}
	defer ins.Close()
	// Calls of a merged office count for the office it joined: fold them first, so each
	// office gets one audit.
	folded := map[int64]bool{}
	for office, problem := range problems {
		target, err := canonicalOffice(ctx, tx, office)
		if err != nil {
			return 0, err
		}
		folded[target] = folded[target] || problem
	}
	for office, problem := range folded {
		prev := 0
		if err := prevStmt.QueryRowContext(ctx, office, number).Scan(&prev); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return 0, err
		}
		if _, err := ins.ExecContext(ctx, office, number, roundID, problem, scoring.NextStreak(prev, problem)); err != nil {
			return 0, err
		}
	}
	return number, nil
}

// bulkPersonAudits writes the persons' audits of a round that is newer than every audit already
// stored, each person's streak following from their previous audit.
func bulkPersonAudits(ctx context.Context, tx *txn, roundID int64, number int, problems map[person]bool) error {
	prev, err := tx.PrepareContext(ctx, `SELECT streak FROM latest_person_audits WHERE department = ? AND person = ?`)
	if err != nil {
		return err
	}
	defer prev.Close()
	ins, err := tx.PrepareContext(ctx, `INSERT INTO person_audits(department, person, round_number, round_id, problem, streak)
		VALUES(?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	for p, problem := range problems {
		streak := 0
		if err := prev.QueryRowContext(ctx, p.department, p.key).Scan(&streak); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if _, err := ins.ExecContext(ctx, p.department, p.key, number, roundID, problem, scoring.NextStreak(streak, problem)); err != nil {
			return err
		}
	}
	return nil
}

// bulkWriter holds the prepared statements of a bulk round.
type bulkWriter struct {
	ins, attempt, sheet, answer, submit, status *sql.Stmt
	chain                                       *stmtCache // the ledger's reads and appends
}

func newBulkWriter(ctx context.Context, tx *txn) (*bulkWriter, error) {
	w := &bulkWriter{chain: newStmtCache(tx.Tx)}
	var err error
	prep := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = tx.PrepareContext(ctx, q)
		return st
	}
	w.ins = prep(`INSERT INTO calls(round_id, office_id, auditor_id, persona, scenario_id, planned_at, status,
		timer_started_at, answer_seconds, answered_staff_no, answered_name, notes, finished_at, office_name, department_name,
		scored, total, grade, problem, reasons, needs_review)
		VALUES(?, ?, ?, ?, nullif(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, nullif(?, ''), ?, ?, ?)`)
	w.attempt = prep("INSERT INTO attempts(call_id, at, outcome, by) VALUES(?, ?, ?, ?)")
	w.sheet = prep("INSERT INTO sheets(call_id, rater_id, created_at) VALUES(?, ?, ?)")
	w.answer = prep("INSERT INTO answers(sheet_id, criterion, value, set_at) VALUES(?, ?, ?, ?)")
	w.submit = prep("UPDATE sheets SET status = 'submitted', submitted_at = ?, total = ? WHERE id = ?")
	w.status = prep("UPDATE calls SET status = ? WHERE id = ?")
	if err != nil {
		w.close()
	}
	return w, err
}

func (w *bulkWriter) close() {
	w.chain.close()
	for _, st := range []*sql.Stmt{w.ins, w.attempt, w.sheet, w.answer, w.submit, w.status} {
		if st != nil {
			st.Close()
		}
	}
}

func (w *bulkWriter) writeCall(ctx context.Context, roundID int64, c BulkCall, res scoring.Result, names [2]string, now string) (int64, error) {
	finished := res.Status == scoring.Done || res.Status == scoring.Unreachable
	var timer, finishedAt, officeName, deptName, total, problem any
	if len(c.Attempts) > 0 {
		timer = fmtTime(c.Attempts[0].At)
	}
	if finished {
		at := c.SubmittedAt
		if at.IsZero() && len(c.Attempts) > 0 {
			at = c.Attempts[len(c.Attempts)-1].At
		}
		finishedAt, deptName, officeName = fmtTime(at), names[0], names[1]
		problem = res.Problem
		total = nullTotal(res)
	}
	// The call goes in as in progress: the triggers take answers only on a live call. Its final
	// status is set once its sheet is in.
	r, err := w.ins.ExecContext(ctx, roundID, c.OfficeID, c.AuditorID, string(c.Persona), c.ScenarioID, fmtTime(c.Planned),
		string(liveStatus(res.Status)), timer, c.AnswerSeconds, c.StaffNo, c.Name, c.Notes, finishedAt, officeName, deptName,
		finished && res.Scored, total, gradeIf(finished, res), problem, encodeReasons(reasonsIf(finished, res)), finished && res.NeedsReview)
	if err != nil {
		return 0, err
	}
	callID, _ := r.LastInsertId()
	for _, a := range c.Attempts {
		if _, err := w.attempt.ExecContext(ctx, callID, fmtTime(a.At), int(a.Outcome), "demo"); err != nil {
			return callID, err
		}
	}
	if c.Answers != nil {
		if err := w.writeSheet(ctx, callID, c, res, now); err != nil {
			return callID, err
		}
	}
	if res.Status != liveStatus(res.Status) {
		_, err = w.status.ExecContext(ctx, string(res.Status), callID)
	}
	return callID, err
}

// liveStatus is the status a call is written with before its sheet: a finished one is in progress.
func liveStatus(s scoring.CallStatus) scoring.CallStatus {
	if s == scoring.Done || s == scoring.Unreachable {
		return scoring.InProgress
	}
	return s
}

func (w *bulkWriter) writeSheet(ctx context.Context, callID int64, c BulkCall, res scoring.Result, now string) error {
	sr, err := w.sheet.ExecContext(ctx, callID, c.AuditorID, now)
	if err != nil {
		return err
	}
	sheetID, _ := sr.LastInsertId()
	for k, v := range c.Answers {
		if _, err := w.answer.ExecContext(ctx, sheetID, k, v, now); err != nil {
			return err
		}
	}
	if c.Submitted {
		_, err = w.submit.ExecContext(ctx, fmtTime(c.SubmittedAt), res.Total, sheetID)
	}
	return err
}

func gradeIf(finished bool, r scoring.Result) string {
	if finished {
		return r.Grade
	}
	return ""
}

func reasonsIf(finished bool, r scoring.Result) []scoring.Reason {
	if finished {
		return r.Reasons
	}
	return nil
}
