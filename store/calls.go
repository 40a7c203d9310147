package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"

	"phoneaudit/lang"
	"phoneaudit/scoring"
)

// Call is one phone audit of one office in one round.
type Call struct {
	ID          int64
	RoundID     int64
	RoundNumber int
	RoundName   string
	OfficeID    int64
	Department  string // as stored on the call when it finished, else the office's current names
	Office      string
	Phone       string
	Category    string
	AuditorID   int64
	Auditor     string
	Persona     scoring.Persona
	ScenarioID  int64
	Question    string
	Planned     time.Time
	Status      scoring.CallStatus

	TimerStarted    time.Time
	AnswerSeconds   *int
	AnsweredStaffNo string
	AnsweredName    string
	RecordingFile   string
	RecordingOffset *float64
	RecordingSHA256 string
	Notes           string
	Finished        time.Time
	Imported        bool
	// LastActivity is when the caller last did something on the call while it ran (the timer
	// mark, a dial, an answer, the seconds, who answered, the notes, the recording); zero
	// when nothing was done.
	LastActivity time.Time

	// The result that counts, meaningful when the call is done or unreachable: the latest
	// amendment's when the call was amended (Amended), else the one recorded when it finished,
	// which Original always holds.
	Result   scoring.Result
	Original scoring.Result
	Amended  bool
}

// CallPlan is one planned call of a round.
type CallPlan struct {
	OfficeID   int64
	AuditorID  int64
	Persona    scoring.Persona
	ScenarioID int64 // 0: none
	Planned    time.Time
}

// AddCalls adds planned calls to a round in planning or open.
func (s *Store) AddCalls(ctx context.Context, roundID int64, plans []CallPlan) error {
	if err := s.leadOnly(ctx, ActionAddCalls); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *txn) error {
		var status string
		if err := tx.QueryRowContext(ctx, "SELECT status FROM rounds WHERE id = ?", roundID).Scan(&status); err != nil {
			return err
		}
		if status != RoundPlanning && status != RoundOpen {
			return fault(ErrRoundState, "calls can be added only to a round in planning or open")
		}
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO calls(round_id, office_id, auditor_id, persona, scenario_id, planned_at)
			VALUES(?, ?, ?, ?, nullif(?, 0), ?)`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, p := range plans {
			if _, err := stmt.ExecContext(ctx, roundID, p.OfficeID, p.AuditorID, string(p.Persona), p.ScenarioID, fmtTime(p.Planned)); err != nil {
				return err
			}
		}
		return nil
	})
}

const callColumns = `c.id, c.round_id, r.number, r.name, c.office_id,
	coalesce(c.department_name, d.name), coalesce(c.office_name, o.name), o.phone, o.category,
	coalesce(c.auditor_id, 0), coalesce(a.name, ''), coalesce(c.persona, ''), coalesce(c.scenario_id, 0),
	coalesce(sc.question, ''), coalesce(c.planned_at, ''), c.status, coalesce(c.timer_started_at, ''),
	c.answer_seconds, c.answered_staff_no, c.answered_name, c.recording_file, c.recording_offset,
	c.recording_sha256, c.notes, coalesce(c.finished_at, ''), c.imported,
	c.scored, c.total, coalesce(c.grade, ''), coalesce(c.problem, 0), c.reasons, c.needs_review,
	c.amendment_id IS NOT NULL, c.amended_total, coalesce(c.amended_grade, ''), coalesce(c.amended_problem, 0),
	coalesce(c.amended_reasons, '[]'), coalesce(c.last_activity_at, '')`

// The effective result of a call (alias c) in SQL: its latest amendment's when it has one. An
// amendment may remove a total, so total and grade follow amendment_id rather than coalesce.
const (
	effTotal   = "CASE WHEN c.amendment_id IS NULL THEN c.total ELSE c.amended_total END"
	effGrade   = "CASE WHEN c.amendment_id IS NULL THEN c.grade ELSE c.amended_grade END"
	effProblem = "coalesce(c.amended_problem, c.problem)"
	effReasons = "coalesce(c.amended_reasons, c.reasons)"
)

const callJoins = ` FROM calls c JOIN rounds r ON r.id = c.round_id
	JOIN offices o ON o.id = c.office_id JOIN departments d ON d.id = o.department_id
	LEFT JOIN auditors a ON a.id = c.auditor_id LEFT JOIN scenarios sc ON sc.id = c.scenario_id`

func scanCall(sc scanner) (Call, error) {
	var c Call
	var planned, timer, finished, reasons, status, amendedReasons, activity string
	var secs sql.NullInt64
	var offset, total, amendedTotal sql.NullFloat64
	amended := scoring.Result{}
	err := sc.Scan(&c.ID, &c.RoundID, &c.RoundNumber, &c.RoundName, &c.OfficeID,
		&c.Department, &c.Office, &c.Phone, &c.Category,
		&c.AuditorID, &c.Auditor, &c.Persona, &c.ScenarioID,
		&c.Question, &planned, &status, &timer,
		&secs, &c.AnsweredStaffNo, &c.AnsweredName, &c.RecordingFile, &offset,
		&c.RecordingSHA256, &c.Notes, &finished, &c.Imported,
		&c.Original.Scored, &total, &c.Original.Grade, &c.Original.Problem, &reasons, &c.Original.NeedsReview,
		&c.Amended, &amendedTotal, &amended.Grade, &amended.Problem, &amendedReasons, &activity)
	if err != nil {
		return c, err
	}
	c.Status = scoring.CallStatus(status)
	c.Planned, _ = parseTime(planned)
	c.TimerStarted, _ = parseTime(timer)
	c.Finished, _ = parseTime(finished)
	c.LastActivity, _ = parseTime(activity)
	if secs.Valid {
		v := int(secs.Int64)
		c.AnswerSeconds = &v
	}
	if offset.Valid {
		c.RecordingOffset = &offset.Float64
	}
	c.Original.Status = c.Status
	c.Original.Total = total.Float64
	if c.Original.Reasons, err = decodeReasons(reasons); err != nil {
		return c, err
	}
	c.Result = c.Original
	if c.Amended {
		c.Result.Total, c.Result.Grade, c.Result.Problem = amendedTotal.Float64, amended.Grade, amended.Problem
		c.Result.Reasons, err = decodeReasons(amendedReasons)
	}
	return c, err
}

type storedReason struct {
	Type string `json:"type"`
	Code string `json:"code"`
	ZH   string `json:"zh"`
	EN   string `json:"en"`
}

func encodeReasons(rs []scoring.Reason) string {
	out := make([]storedReason, len(rs))
	for i, r := range rs {
		out[i] = storedReason{string(r.Type), r.Code, r.ZH, r.EN}
	}
	b, _ := json.Marshal(out)
	return string(b)
}

func decodeReasons(s string) ([]scoring.Reason, error) {
	var in []storedReason
	if err := json.Unmarshal([]byte(s), &in); err != nil {
		return nil, fault(err, "stored reasons are damaged")
	}
	out := make([]scoring.Reason, len(in))
	for i, r := range in {
		out[i] = scoring.Reason{Type: scoring.ProblemType(r.Type), Code: r.Code, ZH: r.ZH, EN: r.EN}
	}
	return out, nil
}

// CallFilter selects calls of a round.
type CallFilter struct {
	RoundID   int64
	AuditorID int64 // 0: every auditor's
}

// Calls lists the calls of a round by department and office.
//
// An auditor (a restricted actor) gets only their own calls, whatever f.AuditorID says.
func (s *Store) Calls(ctx context.Context, f CallFilter) ([]Call, error) {
	r, err := s.role(ctx, s.r)
	if err != nil {
		return nil, err
	}
	if r.restricted() {
		f.AuditorID = r.id
	}
	q := "SELECT " + callColumns + callJoins + " WHERE c.round_id = ?"
	args := []any{f.RoundID}
	if f.AuditorID != 0 {
		q += " AND c.auditor_id = ?"
		args = append(args, f.AuditorID)
	}
	return queryAll(ctx, s.r, scanCall, q+" ORDER BY c.planned_at, d.name, o.name, c.id", args...)
}

// GetCall reads one call. An auditor (a restricted actor) reads their own calls, calls they have
// a sheet on and the running calls of the open round (which they may join); others are ErrForbidden.
func (s *Store) GetCall(ctx context.Context, id int64) (Call, error) {
	if _, err := s.canReadCall(ctx, id); err != nil {
		return Call{}, err
	}
	return getCall(ctx, s.r, id)
}

func getCall(ctx context.Context, q querier, id int64) (Call, error) {
	c, err := scanCall(q.QueryRowContext(ctx, "SELECT "+callColumns+callJoins+" WHERE c.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, fault(ErrNotFound, "no call %d", id)
	}
	return c, mapErr(err)
}

// Attempts lists a call's dial attempts in time order.
func (s *Store) Attempts(ctx context.Context, callID int64) ([]scoring.Attempt, error) {
	if _, err := s.canReadCall(ctx, callID); err != nil {
		return nil, err
	}
	return attempts(ctx, s.r, callID)
}

func attempts(ctx context.Context, q querier, callID int64) ([]scoring.Attempt, error) {
	return queryAll(ctx, q, func(sc scanner) (scoring.Attempt, error) {
		var at string
		var a scoring.Attempt
		err := sc.Scan(&at, &a.Outcome)
		a.At, _ = parseTime(at)
		return a, err
	}, "SELECT at, outcome FROM attempts WHERE call_id = ? ORDER BY at, id", callID)
}

// callerCall is liveCall for a change only the call's caller (or a lead) makes, and only where
// the caller's sheet is not open in another session: the call's record is the caller's sheet's.
func (s *Store) callerCall(ctx context.Context, tx *txn, callID int64) (Call, error) {
	c, err := liveCall(ctx, tx, callID)
	if err != nil {
		return c, err
	}
	if err := s.ownCallTx(ctx, tx, c); err != nil {
		return c, err
	}
	return c, s.leaseFree(ctx, tx, callID, c.AuditorID)
}

// liveCall loads a call for a change made while it runs: the round must be open and the call
// neither finished nor not audited.
func liveCall(ctx context.Context, tx *txn, callID int64) (Call, error) {
	c, err := getCall(ctx, tx, callID)
	if err != nil {
		return c, err
	}
	var status string
	if err := tx.QueryRowContext(ctx, "SELECT status FROM rounds WHERE id = ?", c.RoundID).Scan(&status); err != nil {
		return c, err
	}
	if status != RoundOpen {
		return c, fault(ErrRoundState, "round %s is %s, not open", c.RoundName, status)
	}
	if c.Status != scoring.ToCall && c.Status != scoring.InProgress {
		return c, fault(ErrImmutable, "the call to %s · %s is already %s", c.Department, c.Office, c.Status.Label(lang.EN))
	}
	return c, nil
}

// StartTimer records when the caller started dialling (the timer mark).
func (s *Store) StartTimer(ctx context.Context, callID int64, at time.Time) error {
	return s.inTx(ctx, func(tx *txn) error {
		if _, err := s.callerCall(ctx, tx, callID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "UPDATE calls SET timer_started_at = ?, status = 'in_progress', last_activity_at = ? WHERE id = ?",
			fmtTime(at), tx.now, callID)
		return err
	})
}

// AddAttempt logs one dial. A 13 or 14 finishes the call at once (a problem); a failed dial
// that makes the call unreachable finishes it too. It returns the call's status after the dial.
func (s *Store) AddAttempt(ctx context.Context, callID int64, at time.Time, outcome scoring.Outcome) (scoring.CallStatus, error) {
	if !outcome.Valid() {
		return "", fault(ErrInvalid, "outcome code %d is not one of 11, 12, 13, 14, 21, 22, 23", outcome)
	}
	var status scoring.CallStatus
	err := s.inTx(ctx, func(tx *txn) error {
		c, err := s.callerCall(ctx, tx, callID)
		if err != nil {
			return err
		}
		prev, err := attempts(ctx, tx, callID)
		if err != nil {
			return err
		}
		if i := slices.IndexFunc(prev, func(a scoring.Attempt) bool { return a.Outcome.Reached() || a.Outcome.ImmediateProblem() }); i >= 0 {
			return fault(ErrInvalid, "the call was already answered (%d); no more dials", prev[i].Outcome)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO attempts(call_id, at, outcome, by) VALUES(?, ?, ?, ?)",
			callID, fmtTime(at), int(outcome), s.actor); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE calls SET status = 'in_progress', last_activity_at = ? WHERE id = ?", tx.now, callID); err != nil {
			return err
		}
		res, err := s.settle(ctx, tx, c)
		status = res.Status
		return err
	})
	return status, err
}

// UndoAttempt removes the last attempt of a call that is still open. Once a sheet of the call is
// submitted, or while a draft holds answers given after the call was reached, there is nothing
// to undo here: the answers come first.
func (s *Store) UndoAttempt(ctx context.Context, callID int64) error {
	return s.inTx(ctx, func(tx *txn) error {
		if _, err := s.callerCall(ctx, tx, callID); err != nil {
			return err
		}
		var submitted, answered int
		if err := tx.QueryRowContext(ctx, `SELECT
				(SELECT count(*) FROM sheets WHERE call_id = ? AND status = 'submitted'),
				(SELECT count(*) FROM answers a JOIN sheets s ON s.id = a.sheet_id WHERE s.call_id = ? AND s.status = 'draft')`,
			callID, callID).Scan(&submitted, &answered); err != nil {
			return err
		}
		if submitted > 0 {
			return fault(ErrImmutable, "a score sheet of this call is already submitted; its attempts stand")
		}
		if answered > 0 {
			return fault(ErrInvalid, "the call has answers on its score sheet; undo them before the dial")
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM attempts WHERE id =
			(SELECT id FROM attempts WHERE call_id = ? ORDER BY at DESC, id DESC LIMIT 1)`, callID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fault(ErrNotFound, "the call has no attempt to undo")
		}
		return touchCall(ctx, tx, callID)
	})
}

// SetAnswerSeconds records the seconds until the call was answered (from the timer).
func (s *Store) SetAnswerSeconds(ctx context.Context, callID int64, secs int) error {
	if secs < 0 {
		return fault(ErrInvalid, "seconds to answer cannot be negative")
	}
	return s.updateLive(ctx, callID, "UPDATE calls SET answer_seconds = ? WHERE id = ?", secs, callID)
}

// SetAnsweredBy records who answered: staff number (工号) and name (姓名), each optional.
func (s *Store) SetAnsweredBy(ctx context.Context, callID int64, staffNo, name string) error {
	return s.updateLive(ctx, callID, "UPDATE calls SET answered_staff_no = ?, answered_name = ? WHERE id = ?",
		strings.TrimSpace(staffNo), strings.TrimSpace(name), callID)
}

// SetNotes stores the caller's notes.
func (s *Store) SetNotes(ctx context.Context, callID int64, notes string) error {
	return s.updateLive(ctx, callID, "UPDATE calls SET notes = ? WHERE id = ?", notes, callID)
}

func (s *Store) updateLive(ctx context.Context, callID int64, q string, args ...any) error {
	return s.inTx(ctx, func(tx *txn) error {
		if _, err := s.callerCall(ctx, tx, callID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return err
		}
		return touchCall(ctx, tx, callID)
	})
}

// touchCall records the caller's activity on a running call at the transaction's time.
func touchCall(ctx context.Context, tx *txn, callID int64) error {
	_, err := tx.ExecContext(ctx, "UPDATE calls SET last_activity_at = ? WHERE id = ? AND status IN ('to_call', 'in_progress')",
		tx.now, callID)
	return err
}

// touchSheetCall is touchCall for a change on a sheet, when the sheet is the caller's own.
func touchSheetCall(ctx context.Context, tx *txn, sheetID int64) error {
	_, err := tx.ExecContext(ctx, `UPDATE calls SET last_activity_at = ?1 WHERE id = (SELECT c.id FROM sheets s
		JOIN calls c ON c.id = s.call_id AND c.auditor_id = s.rater_id
		WHERE s.id = ?2 AND s.kind = 'rater' AND c.status IN ('to_call', 'in_progress'))`, tx.now, sheetID)
	return err
}
