package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"phoneaudit/scoring"
)

// SheetInfo is one score sheet of a call.
type SheetInfo struct {
	ID        int64
	CallID    int64
	RaterID   int64
	Rater     string
	Kind      string // "rater" or "consensus"
	Status    string // draft, submitted, abandoned, dropped
	Submitted time.Time
	Answers   scoring.Answers
	Reason    string // why a consensus was recorded or the sheet dropped
}

// Draft returns the rater's live sheet of a call, creating a draft when there is none. An auditor
// (a restricted actor) opens only their own sheet: on their own call, or as a panel member.
func (s *Store) Draft(ctx context.Context, callID int64, rater string) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx *txn) error {
		if _, err := liveCall(ctx, tx, callID); err != nil {
			return err
		}
		var raterID int64
		if err := tx.QueryRowContext(ctx, "SELECT id FROM auditors WHERE name = ?", rater).Scan(&raterID); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return fault(ErrNotFound, "no auditor named %s", rater)
			}
			return err
		}
		r, err := s.role(ctx, tx)
		if err != nil {
			return err
		}
		if r.restricted() && r.id != raterID {
			return fault(ErrForbidden, "%s may not open a score sheet for %s", s.actor, rater)
		}
		if err := s.leaseFree(ctx, tx, callID, raterID); err != nil {
			return err
		}
		if id, err = s.draftTx(ctx, tx, callID, raterID); err != nil {
			return err
		}
		return touchSheetCall(ctx, tx, id)
	})
	return id, err
}

// draftTx returns the rater's live sheet of a call, inserting a draft when there is none.
func (s *Store) draftTx(ctx context.Context, tx *txn, callID, raterID int64) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM sheets WHERE call_id = ? AND rater_id = ? AND kind = 'rater'
		AND status IN ('draft', 'submitted')`, callID, raterID).Scan(&id)
	if err == nil || !errors.Is(err, sql.ErrNoRows) {
		return id, err
	}
	res, err := tx.ExecContext(ctx, "INSERT INTO sheets(call_id, rater_id, created_at) VALUES(?, ?, ?)", callID, raterID, tx.now)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// hotStatements holds the statements of the call screen's hot path, prepared once on the writer.
type hotStatements struct {
	mu     sync.Mutex
	answer *sql.Stmt
}

func (h *hotStatements) saveAnswer(ctx context.Context, w *sql.DB) (*sql.Stmt, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.answer != nil {
		return h.answer, nil
	}
	// The role check rides in the same statement (two indexed lookups, no extra round trip): an
	// actor who is a registered auditor with role auditor writes only on their own sheet. So does
	// the lease (one more): no other session (?6) may hold the sheet with a heartbeat after ?7.
	st, err := w.PrepareContext(ctx, `INSERT INTO answers(sheet_id, criterion, value, set_at)
		SELECT ?1, ?2, ?3, ?4 WHERE (NOT EXISTS(SELECT 1 FROM auditors WHERE name = ?5 AND role = 'auditor')
			OR EXISTS(SELECT 1 FROM sheets s JOIN auditors a ON a.id = s.rater_id WHERE s.id = ?1 AND a.name = ?5))
			AND NOT EXISTS(SELECT 1 FROM sheets s JOIN sheet_leases l ON l.call_id = s.call_id AND l.rater_id = s.rater_id
				WHERE s.id = ?1 AND l.session <> ?6 AND l.heartbeat > ?7)
		ON CONFLICT(sheet_id, criterion) DO UPDATE SET value = excluded.value, set_at = excluded.set_at`)
	if err != nil {
		return nil, err
	}
	h.answer = st
	return st, nil
}

func (h *hotStatements) close() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.answer == nil {
		return nil
	}
	err := h.answer.Close()
	h.answer = nil
	return err
}

// SaveAnswer sets one answer of a draft sheet and commits it at once: the hot path of the call
// screen, one statement. c is the criterion of the call's rubric; the value is checked against it.
// A trigger refuses the change if the sheet is no longer a draft. An auditor (a restricted actor)
// saves only on their own sheet (ErrForbidden otherwise), and nobody on a sheet another session
// has open (LeaseError).
func (s *Store) SaveAnswer(ctx context.Context, sheetID int64, c scoring.Criterion, value int) error {
	if !c.ValidValue(value) {
		return fault(ErrInvalid, "%d is not a value of %s", value, c.LabelZH)
	}
	if s.readOnly {
		return ErrReadOnly
	}
	st, err := s.hot.saveAnswer(ctx, s.w)
	if err != nil {
		return mapErr(err)
	}
	now := s.Now()
	res, err := st.ExecContext(ctx, sheetID, c.Key, value, fmtTime(now), s.actor, s.session.ID, fmtTime(now.Add(-LeaseExpiry)))
	if err != nil {
		return mapErr(err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return s.answerRefused(ctx, sheetID)
	}
	return nil
}

// answerRefused says why SaveAnswer wrote nothing: another session has the sheet open, or it is
// not the actor's.
func (s *Store) answerRefused(ctx context.Context, sheetID int64) error {
	var callID, raterID int64
	err := s.r.QueryRowContext(ctx, "SELECT call_id, rater_id FROM sheets WHERE id = ?", sheetID).Scan(&callID, &raterID)
	if err == nil {
		var l Lease
		if l, err = s.leaseOf(ctx, s.r, callID, raterID); err == nil && !l.Mine && l.live(s.Now()) {
			return &LeaseError{Lease: l}
		}
	}
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return mapErr(err)
	}
	return fault(ErrForbidden, "score sheet %d is not %s's", sheetID, s.actor)
}

// ClearAnswer unsets one answer of a draft sheet.
func (s *Store) ClearAnswer(ctx context.Context, sheetID int64, key string) error {
	return s.inTx(ctx, func(tx *txn) error {
		if err := s.ownSheetTx(ctx, tx, sheetID); err != nil {
			return err
		}
		if err := s.sheetLeaseFree(ctx, tx, sheetID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM answers WHERE sheet_id = ? AND criterion = ?", sheetID, key); err != nil {
			return err
		}
		return touchSheetCall(ctx, tx, sheetID)
	})
}

// Sheets lists the sheets of a call with their answers, oldest first.
// An auditor (a restricted actor) sees them blind, as PanelSheets shows them.
func (s *Store) Sheets(ctx context.Context, callID int64) ([]SheetInfo, error) {
	r, err := s.role(ctx, s.r)
	if err != nil {
		return nil, err
	}
	if r.restricted() {
		return s.PanelSheets(ctx, callID)
	}
	out, err := sheetsOf(ctx, s.r, callID)
	return out, mapErr(err)
}

func sheetsOf(ctx context.Context, q querier, callID int64) ([]SheetInfo, error) {
	out, err := queryAll(ctx, q, func(sc scanner) (SheetInfo, error) {
		var sh SheetInfo
		var at string
		err := sc.Scan(&sh.ID, &sh.CallID, &sh.RaterID, &sh.Rater, &sh.Kind, &sh.Status, &at, &sh.Reason)
		sh.Submitted, _ = parseTime(at)
		return sh, err
	}, `SELECT s.id, s.call_id, s.rater_id, a.name, s.kind, s.status, coalesce(s.submitted_at, ''), s.reason
		FROM sheets s JOIN auditors a ON a.id = s.rater_id WHERE s.call_id = ? ORDER BY s.id`, callID)
	if err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Answers, err = answersOf(ctx, q, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Answers reads the answers of one sheet. An auditor (a restricted actor) reads their own
// sheets, and the submitted sheets of a call on which they have submitted theirs (blind).
func (s *Store) Answers(ctx context.Context, sheetID int64) (scoring.Answers, error) {
	if err := s.canReadSheet(ctx, sheetID); err != nil {
		return nil, err
	}
	a, err := answersOf(ctx, s.r, sheetID)
	return a, mapErr(err)
}

func (s *Store) canReadSheet(ctx context.Context, sheetID int64) error {
	r, err := s.role(ctx, s.r)
	if err != nil || !r.restricted() {
		return err
	}
	var ok bool
	err = s.r.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM sheets t WHERE t.id = ?1 AND (t.rater_id = ?2
		OR (t.status = 'submitted' AND EXISTS(SELECT 1 FROM sheets m WHERE m.call_id = t.call_id AND m.rater_id = ?2
			AND m.kind = 'rater' AND m.status = 'submitted'))))
		OR NOT EXISTS(SELECT 1 FROM sheets WHERE id = ?1)`, sheetID, r.id).Scan(&ok)
	if err != nil {
		return mapErr(err)
	}
	if !ok {
		return fault(ErrForbidden, "score sheet %d is another rater's: %s may not read it (sheets are blind)", sheetID, s.actor)
	}
	return nil
}

func answersOf(ctx context.Context, q querier, sheetID int64) (scoring.Answers, error) {
	rows, err := q.QueryContext(ctx, "SELECT criterion, value FROM answers WHERE sheet_id = ?", sheetID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	a := scoring.Answers{}
	for rows.Next() {
		var k string
		var v int
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		a[k] = v
	}
	return a, rows.Err()
}

// SubmitSheet submits a complete draft sheet as it stands. When every sheet of the call is in, the
// call is done and its result is stored. It returns the call's result as it stands after the
// submit. The screens submit with SubmitConfirmed.
func (s *Store) SubmitSheet(ctx context.Context, sheetID int64) (scoring.Result, error) {
	return s.submit(ctx, sheetID, nil)
}

// Confirmed is what a submit's confirmation showed: the sheet's answers and the call's seconds to
// answer (which score the seconds criterion of every sheet).
type Confirmed struct {
	Answers scoring.Answers
	Seconds *int
}

// SheetChangedError refuses a submit whose confirmation showed other values than the sheet and
// the call hold when it is stored (another session's write, the caller's seconds changed after a
// panel member's confirmation): nothing is submitted. Answers and Seconds are the values as they
// stand; Changed names the criteria that differ, in the rubric's order.
type SheetChangedError struct {
	SheetID int64
	Answers scoring.Answers
	Seconds *int
	Changed []string // criterion keys
}

func (e *SheetChangedError) Error() string {
	return fmt.Sprintf("score sheet %d changed after its confirmation was shown (%s): nothing was submitted",
		e.SheetID, strings.Join(e.Changed, ", "))
}

// SubmitConfirmed submits a draft sheet as SubmitSheet does, provided its answers and the call's
// seconds are still what the confirmation showed; else nothing is stored (SheetChangedError, with
// the values as they stand). The comparison is made in the submit's transaction.
func (s *Store) SubmitConfirmed(ctx context.Context, sheetID int64, shown Confirmed) (scoring.Result, error) {
	return s.submit(ctx, sheetID, &shown)
}

// changed lists the criteria whose values differ between what a confirmation showed and what is
// stored, in the rubric's order.
func changed(rub scoring.Rubric, shown Confirmed, answers scoring.Answers, seconds *int) []string {
	var out []string
	for _, c := range rub.Criteria {
		if c.Kind == scoring.Seconds {
			if (shown.Seconds == nil) != (seconds == nil) || (seconds != nil && *shown.Seconds != *seconds) {
				out = append(out, c.Key)
			}
			continue
		}
		a, had := shown.Answers[c.Key]
		b, has := answers[c.Key]
		if had != has || a != b {
			out = append(out, c.Key)
		}
	}
	return out
}

func (s *Store) submit(ctx context.Context, sheetID int64, shown *Confirmed) (scoring.Result, error) {
	var res scoring.Result
	// The recording is hashed before the write lock is taken: a long file must not hold it.
	file, sum, err := s.sheetRecordingHash(ctx, sheetID)
	if err != nil {
		return res, err
	}
	err = s.inTx(ctx, func(tx *txn) error {
		var callID int64
		var status string
		if err := tx.QueryRowContext(ctx, "SELECT call_id, status FROM sheets WHERE id = ?", sheetID).Scan(&callID, &status); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return fault(ErrNotFound, "no score sheet %d", sheetID)
			}
			return err
		}
		if status != "draft" {
			return fault(ErrImmutable, "the score sheet is %s, not a draft", status)
		}
		if err := s.ownSheetTx(ctx, tx, sheetID); err != nil {
			return err
		}
		if err := s.sheetLeaseFree(ctx, tx, sheetID); err != nil {
			return err
		}
		c, err := liveCall(ctx, tx, callID)
		if err != nil {
			return err
		}
		rub, err := s.roundRubric(ctx, tx, c.RoundID)
		if err != nil {
			return err
		}
		answers, err := answersOf(ctx, tx, sheetID)
		if err != nil {
			return err
		}
		if shown != nil {
			if diff := changed(rub, *shown, answers, c.AnswerSeconds); len(diff) > 0 {
				return &SheetChangedError{SheetID: sheetID, Answers: answers, Seconds: c.AnswerSeconds, Changed: diff}
			}
		}
		if err := checkAnswers(rub, answers); err != nil {
			return err
		}
		sr := rub.ScoreSheet(answers, c.AnswerSeconds)
		if !sr.Complete {
			return fault(ErrInvalid, "the sheet is not complete: %s not set", s.labels(rub, sr.Missing))
		}
		if _, err := tx.ExecContext(ctx, "UPDATE sheets SET status = 'submitted', submitted_at = ?, total = ? WHERE id = ?",
			tx.now, sr.Total, sheetID); err != nil {
			return err
		}
		if file != "" {
			if _, err := tx.ExecContext(ctx, "UPDATE calls SET recording_sha256 = ? WHERE id = ? AND recording_file = ?",
				sum, callID, file); err != nil {
				return err
			}
		}
		res, err = s.settle(ctx, tx, c)
		return err
	})
	return res, err
}

func (s *Store) labels(r scoring.Rubric, keys []string) string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k
		if c, ok := r.Criterion(k); ok {
			out[i] = c.LabelZH
		}
	}
	return strings.Join(out, "、")
}

// checkAnswers refuses answers for criteria the rubric lacks or values outside their range.
func checkAnswers(r scoring.Rubric, a scoring.Answers) error {
	for k, v := range a {
		c, ok := r.Criterion(k)
		if !ok {
			return fault(ErrInvalid, "answer for %q, which the round's rubric does not have", k)
		}
		if !c.ValidValue(v) {
			return fault(ErrInvalid, "%d is not a value of %s", v, c.LabelZH)
		}
	}
	return nil
}

// AbandonDraft gives up a draft sheet; it stays in the history as abandoned. The call is settled
// again: a call waiting only for that sheet is now done.
func (s *Store) AbandonDraft(ctx context.Context, sheetID int64) error {
	return s.inTx(ctx, func(tx *txn) error {
		var callID int64
		if err := tx.QueryRowContext(ctx, "SELECT call_id FROM sheets WHERE id = ? AND status = 'draft'", sheetID).Scan(&callID); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return fault(ErrInvalid, "score sheet %d is not a draft", sheetID)
			}
			return err
		}
		if err := s.ownSheetTx(ctx, tx, sheetID); err != nil {
			return err
		}
		if err := s.sheetLeaseFree(ctx, tx, sheetID); err != nil {
			return err
		}
		c, err := liveCall(ctx, tx, callID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE sheets SET status = 'abandoned' WHERE id = ?", sheetID); err != nil {
			return err
		}
		_, err = s.settle(ctx, tx, c)
		return err
	})
}
