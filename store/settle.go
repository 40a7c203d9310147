package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"phoneaudit/scoring"
)

// settle recomputes a live call's result from its attempts and sheets; when the call is
// finished it stores the result with the office's names, appends the call and its sheets to the
// ledger and refreshes the office's audit.
func (s *Store) settle(ctx context.Context, tx *txn, c Call) (scoring.Result, error) {
	res, err := s.workOut(ctx, tx, c)
	if err != nil {
		return res, err
	}
	if res.Status != scoring.Done && res.Status != scoring.Unreachable {
		return res, nil
	}
	_, err = tx.ExecContext(ctx, `UPDATE calls SET status = ?, finished_at = ?,
		office_name = (SELECT name FROM offices WHERE id = calls.office_id),
		department_name = (SELECT d.name FROM offices o JOIN departments d ON d.id = o.department_id WHERE o.id = calls.office_id),
		scored = ?, total = ?, grade = nullif(?, ''), problem = ?, reasons = ?, needs_review = ? WHERE id = ?`,
		string(res.Status), tx.now, res.Scored, nullTotal(res), res.Grade, res.Problem, encodeReasons(res.Reasons),
		res.NeedsReview, c.ID)
	if err != nil {
		return res, err
	}
	// A call that finished without being scored (unreachable, 13, 14) keeps no live draft: drafts
	// stay in the history as abandoned and can no longer change.
	if !res.Scored {
		if _, err := tx.ExecContext(ctx, "UPDATE sheets SET status = 'abandoned' WHERE call_id = ? AND status = 'draft'", c.ID); err != nil {
			return res, err
		}
	}
	if err := appendCallEntries(ctx, tx, c.ID, s.actor); err != nil {
		return res, err
	}
	return res, refreshAudit(ctx, tx, c.OfficeID, c.RoundID)
}

// workOut is a call's result from its attempts and sheets as the transaction sees them, on its
// round's rubric and the city's calendar.
func (s *Store) workOut(ctx context.Context, tx *txn, c Call) (scoring.Result, error) {
	rub, err := s.roundRubric(ctx, tx, c.RoundID)
	if err != nil {
		return scoring.Result{}, err
	}
	in, err := callInput(ctx, tx, c)
	if err != nil {
		return scoring.Result{}, err
	}
	cal, loc, err := s.calendarTx(ctx, tx)
	if err != nil {
		return scoring.Result{}, err
	}
	return rub.Result(in, cal, loc), nil
}

func nullTotal(r scoring.Result) any {
	if !r.Scored && r.Total == 0 {
		return nil
	}
	return r.Total
}

func callInput(ctx context.Context, q querier, c Call) (scoring.CallInput, error) {
	in := scoring.CallInput{AnswerSeconds: c.AnswerSeconds}
	// A lead's acceptance of the aggregate stands for every later settle.
	err := q.QueryRowContext(ctx, "SELECT EXISTS(SELECT 1 FROM reviews WHERE call_id = ? AND kind = 'accept')", c.ID).
		Scan(&in.AcceptedAggregate)
	if err != nil {
		return in, err
	}
	if in.Attempts, err = attempts(ctx, q, c.ID); err != nil {
		return in, err
	}
	sheets, err := sheetsOf(ctx, q, c.ID)
	if err != nil {
		return in, err
	}
	for _, sh := range sheets {
		if sh.Status != "draft" && sh.Status != "submitted" {
			continue
		}
		sheet := scoring.Sheet{Rater: sh.Rater, Answers: sh.Answers, Submitted: sh.Status == "submitted"}
		if sh.Kind == "consensus" {
			in.Consensus = &sheet
			continue
		}
		in.Sheets = append(in.Sheets, sheet)
	}
	return in, nil
}

// roundRubric is the rubric version of a round (read once per version and kept: versions never change).
func (s *Store) roundRubric(ctx context.Context, q querier, roundID int64) (scoring.Rubric, error) {
	var v sql.NullInt64
	if err := q.QueryRowContext(ctx, "SELECT rubric_version FROM rounds WHERE id = ?", roundID).Scan(&v); err != nil {
		return scoring.Rubric{}, err
	}
	if !v.Valid {
		return scoring.Rubric{}, fault(ErrRoundState, "the round was made by a results import and has no rubric")
	}
	return s.rubricVersion(ctx, q, int(v.Int64))
}

func (s *Store) rubricVersion(ctx context.Context, q querier, v int) (scoring.Rubric, error) {
	if r, ok := rubricCache.get(s.path, v); ok {
		return r, nil
	}
	r, err := readRubric(ctx, q, v)
	if err == nil {
		rubricCache.put(s.path, v, r)
	}
	return r, err
}

func (s *Store) calendarTx(ctx context.Context, tx *txn) (scoring.Calendar, *time.Location, error) {
	cal := scoring.Calendar{Off: map[string]bool{}, On: map[string]bool{}}
	rows, err := tx.QueryContext(ctx, "SELECT day, kind FROM calendar")
	if err != nil {
		return cal, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var day, kind string
		if err := rows.Scan(&day, &kind); err != nil {
			return cal, nil, err
		}
		if kind == "off" {
			cal.Off[day] = true
		} else {
			cal.On[day] = true
		}
	}
	if err := rows.Err(); err != nil {
		return cal, nil, err
	}
	name := DefaultZone
	err = tx.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = 'tz'").Scan(&name)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return cal, nil, err
	}
	loc, err := time.LoadLocation(name)
	return cal, loc, err
}
