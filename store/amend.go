package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"maps"
	"strings"
	"time"

	"phoneaudit/lang"
	"phoneaudit/scoring"
)

// Amendment is a lead's correction of a finished call: a submitted score sheet given new answers,
// or an imported result given new values, always with a reason. The original stays as it was
// recorded; the call's result becomes the latest amendment's.
type Amendment struct {
	ID        int64
	CallID    int64
	SheetID   int64  // 0 for an imported result
	Rater     string // whose sheet was amended; "" for an imported result
	Consensus bool   // the sheet amended is a lead's consensus sheet
	At        time.Time
	By        string
	Reason    string

	// A sheet's new answers, and its answers just before this amendment.
	Answers, Previous scoring.Answers
	// An imported result's new values: 是否存在问题, 得分 (nil: none given) and 问题描述.
	Problem     bool
	Total       *float64
	ReasonsText string

	// The call's result just before this amendment and after it.
	Before, After scoring.Result
	// Made after the round was published: the bulletin as published still shows Before.
	AfterPublication bool
}

// AmendSheet gives a submitted score sheet of a finished, scored call new answers, for a reason.
// The answers must be complete on the round's rubric (the seconds criterion keeps the call's
// timer). The call's result is worked out again with the amended sheet in place of the original
// and every other sheet as it stands (amended where it was); it becomes the call's result, the
// office's audit and streaks follow, and the change is recorded with who made it.
//
// Rounds that are open, closed or published take amendments: a finished call's sheets are
// immutable, so an amendment is the only way to correct one, even while its round runs. After
// publication the amendment is marked so, and the stored bulletin stays as published. A call
// that needs review is settled with a consensus first. A lead who amends has looked at the call,
// so the amended sheets stand as an accepted aggregate: an amendment never puts a call back
// under review.
func (s *Store) AmendSheet(ctx context.Context, sheetID int64, answers scoring.Answers, reason string) (Amendment, error) {
	return s.amendSheet(ctx, nil, sheetID, answers, reason)
}

// AmendSheetAt is AmendSheet made only while the ledger head is still head, the one its preview
// was worked out at (AmendPreview.Head): when other records were written since, nothing is
// written and the error is ErrLedgerMoved, so what the lead confirmed is what is saved.
func (s *Store) AmendSheetAt(ctx context.Context, head string, sheetID int64, answers scoring.Answers, reason string) (Amendment, error) {
	return s.amendSheet(ctx, &head, sheetID, answers, reason)
}

func (s *Store) amendSheet(ctx context.Context, head *string, sheetID int64, answers scoring.Answers, reason string) (Amendment, error) {
	if err := s.leadOnly(ctx, ActionAmendSheet); err != nil {
		return Amendment{}, err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return Amendment{}, fault(ErrInvalid, "an amendment needs a reason")
	}
	var id int64
	err := s.inTx(ctx, func(tx *txn) error {
		if err := headIs(ctx, tx, head); err != nil {
			return err
		}
		return s.amendSheetTx(ctx, tx, sheetID, answers, reason, &id)
	})
	if err != nil {
		return Amendment{}, err
	}
	return s.amendment(ctx, id)
}

// amendSheetTx is AmendSheet's work inside its transaction: it checks the sheet and its new
// answers, works out the call's result and stores the amendment, whose id it sets.
func (s *Store) amendSheetTx(ctx context.Context, tx *txn, sheetID int64, answers scoring.Answers, reason string, id *int64) error {
	c, kind, err := amendableSheet(ctx, tx, sheetID)
	if err != nil {
		return err
	}
	published, err := amendableRound(ctx, tx, c)
	if err != nil {
		return err
	}
	rub, err := s.roundRubric(ctx, tx, c.RoundID)
	if err != nil {
		return err
	}
	answers = withoutSeconds(rub, answers)
	if err := checkAnswers(rub, answers); err != nil {
		return err
	}
	if sr := rub.ScoreSheet(answers, c.AnswerSeconds); !sr.Complete {
		return fault(ErrInvalid, "the amended sheet is not complete: %s not set", s.labels(rub, sr.Missing))
	}
	in, now, err := amendedInput(ctx, tx, c, sheetID, answers)
	if err != nil {
		return err
	}
	if maps.Equal(withoutSeconds(rub, now), answers) {
		return fault(ErrInvalid, "these are the sheet's answers already: nothing to amend")
	}
	cal, loc, err := s.calendarTx(ctx, tx)
	if err != nil {
		return err
	}
	res := rub.Result(in, cal, loc)
	if !res.Scored {
		return fault(ErrInvalid, "the amended call to %s · %s does not score", c.Department, c.Office)
	}
	body, _ := json.Marshal(answers)
	row := amendmentRow{call: c, sheetID: sheetID, reason: reason, answers: string(body), result: res,
		published: published, detail: map[string]any{"sheet": sheetID, "kind": kind}}
	*id, err = s.insertAmendment(ctx, tx, row)
	return err
}

// AmendResult gives an imported result new values, for a reason: whether it had a problem, its
// total (nil: none) and the problem description, read as an import reads them
// (scoring.ImportedResult). The rest is as AmendSheet.
func (s *Store) AmendResult(ctx context.Context, callID int64, problem bool, total *float64, reasons, why string) (Amendment, error) {
	return s.amendResult(ctx, nil, callID, problem, total, reasons, why)
}

// AmendResultAt is AmendResult made only while the ledger head is still head, as AmendSheetAt.
func (s *Store) AmendResultAt(ctx context.Context, head string, callID int64, problem bool, total *float64, reasons, why string) (Amendment, error) {
	return s.amendResult(ctx, &head, callID, problem, total, reasons, why)
}

func (s *Store) amendResult(ctx context.Context, head *string, callID int64, problem bool, total *float64, reasons, why string) (Amendment, error) {
	if err := s.leadOnly(ctx, ActionAmendResult); err != nil {
		return Amendment{}, err
	}
	why = strings.TrimSpace(why)
	if why == "" {
		return Amendment{}, fault(ErrInvalid, "an amendment needs a reason")
	}
	if total != nil && (*total < 0 || *total > 100) {
		return Amendment{}, fault(ErrInvalid, "得分 %s is not a number from 0 to 100", scoring.FormatTotal(*total))
	}
	reasons = strings.TrimSpace(reasons)
	var id int64
	err := s.inTx(ctx, func(tx *txn) error {
		if err := headIs(ctx, tx, head); err != nil {
			return err
		}
		return s.amendResultTx(ctx, tx, callID, problem, total, reasons, why, &id)
	})
	if err != nil {
		return Amendment{}, err
	}
	return s.amendment(ctx, id)
}

// amendResultTx is AmendResult's work inside its transaction, as amendSheetTx.
func (s *Store) amendResultTx(ctx context.Context, tx *txn, callID int64, problem bool, total *float64, reasons, why string, id *int64) error {
	c, err := getCall(ctx, tx, callID)
	if err != nil {
		return err
	}
	if !c.Imported || c.Status != scoring.Done {
		return fault(ErrInvalid, "the call to %s · %s is not an imported result; amend its score sheet instead", c.Department, c.Office)
	}
	published, err := amendableRound(ctx, tx, c)
	if err != nil {
		return err
	}
	res := scoring.ImportedResult(problem, total, reasons)
	if sameImported(c.Result, res, total != nil) {
		return fault(ErrInvalid, "these are the result's values already: nothing to amend")
	}
	row := amendmentRow{call: c, reason: why, problem: &problem, total: total, reasons: reasons, result: res,
		published: published, detail: map[string]any{"imported": true}}
	*id, err = s.insertAmendment(ctx, tx, row)
	return err
}

// sameImported says whether an imported result already is res. A stored result has a total
// exactly when it has a grade (ImportedResult grades every total it is given).
func sameImported(cur, res scoring.Result, hasTotal bool) bool {
	had := cur.Grade != ""
	return cur.Problem == res.Problem && had == hasTotal && (!had || cur.Total == res.Total) &&
		encodeReasons(cur.Reasons) == encodeReasons(res.Reasons)
}

// amendableSheet loads a submitted sheet and its call, which must be finished, scored and not
// waiting for review.
func amendableSheet(ctx context.Context, tx *txn, sheetID int64) (Call, string, error) {
	var callID int64
	var kind, status string
	err := tx.QueryRowContext(ctx, "SELECT call_id, kind, status FROM sheets WHERE id = ?", sheetID).Scan(&callID, &kind, &status)
	if errors.Is(err, sql.ErrNoRows) {
		return Call{}, "", fault(ErrNotFound, "no score sheet %d", sheetID)
	}
	if err != nil {
		return Call{}, "", err
	}
	c, err := getCall(ctx, tx, callID)
	if err != nil {
		return c, kind, err
	}
	switch {
	case status != "submitted":
		return c, kind, fault(ErrInvalid, "the score sheet is %s; only a submitted sheet is amended (a draft is still edited)", status)
	case c.Status != scoring.Done || !c.Result.Scored:
		return c, kind, fault(ErrInvalid, "the call to %s · %s is %s and was not scored: there is no score to amend", c.Department, c.Office, c.Status.Label(lang.EN))
	case c.Result.NeedsReview:
		return c, kind, fault(ErrRoundState, "the call to %s · %s needs review: settle it with a consensus first", c.Department, c.Office)
	}
	return c, kind, nil
}

// amendableRound checks that the call's round takes amendments and says whether it is published.
func amendableRound(ctx context.Context, tx *txn, c Call) (published bool, err error) {
	var status string
	if err := tx.QueryRowContext(ctx, "SELECT status FROM rounds WHERE id = ?", c.RoundID).Scan(&status); err != nil {
		return false, err
	}
	switch status {
	case RoundOpen, RoundClosed, RoundPublished:
		return status == RoundPublished, nil
	default:
		return false, fault(ErrRoundState, "round %s is %s: nothing in it can be amended yet", c.RoundName, status)
	}
}

// withoutSeconds drops answers to seconds criteria: those take the call's timer, which an
// amendment does not change.
func withoutSeconds(r scoring.Rubric, a scoring.Answers) scoring.Answers {
	out := scoring.Answers{}
	for k, v := range a {
		if c, ok := r.Criterion(k); !ok || c.Kind != scoring.Seconds {
			out[k] = v
		}
	}
	return out
}

// amendedInput is the call's input with every sheet as it stands now (its latest amendment's
// answers, where it has one) and sheetID given answers. now is sheetID's answers as they stand.
func amendedInput(ctx context.Context, q querier, c Call, sheetID int64, answers scoring.Answers) (in scoring.CallInput, now scoring.Answers, err error) {
	in = scoring.CallInput{AnswerSeconds: c.AnswerSeconds, AcceptedAggregate: true}
	if in.Attempts, err = attempts(ctx, q, c.ID); err != nil {
		return in, nil, err
	}
	sheets, err := sheetsOf(ctx, q, c.ID)
	if err != nil {
		return in, nil, err
	}
	latest, err := amendedAnswers(ctx, q, c.ID)
	if err != nil {
		return in, nil, err
	}
	for _, sh := range sheets {
		if sh.Status != "submitted" {
			continue
		}
		a := sh.Answers
		if l, ok := latest[sh.ID]; ok {
			a = l
		}
		if sh.ID == sheetID {
			now, a = a, answers
		}
		sheet := scoring.Sheet{Rater: sh.Rater, Answers: a, Submitted: true}
		if sh.Kind == "consensus" {
			in.Consensus = &sheet
			continue
		}
		in.Sheets = append(in.Sheets, sheet)
	}
	return in, now, nil
}

// amendedAnswers is the latest amended answers of each amended sheet of a call.
func amendedAnswers(ctx context.Context, q querier, callID int64) (map[int64]scoring.Answers, error) {
	rows, err := q.QueryContext(ctx, `SELECT sheet_id, answers FROM amendments
		WHERE call_id = ? AND sheet_id IS NOT NULL ORDER BY id`, callID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]scoring.Answers{}
	for rows.Next() {
		var id int64
		var body string
		if err := rows.Scan(&id, &body); err != nil {
			return nil, err
		}
		a, err := decodeAnswers(body)
		if err != nil {
			return nil, err
		}
		out[id] = a
	}
	return out, rows.Err()
}

func decodeAnswers(body string) (scoring.Answers, error) {
	a := scoring.Answers{}
	if err := json.Unmarshal([]byte(body), &a); err != nil {
		return nil, fault(err, "the answers stored with an amendment are damaged")
	}
	return a, nil
}

// amendmentRow is what insertAmendment stores.
type amendmentRow struct {
	call      Call
	sheetID   int64  // 0: an imported result
	answers   string // JSON, for a sheet
	problem   *bool  // for an imported result
	total     *float64
	reasons   string
	reason    string
	result    scoring.Result
	published bool
	detail    map[string]any
}

// insertAmendment stores an amendment, points the call's effective result at it, refreshes the
// office's audit and streaks, and records the change.
func (s *Store) insertAmendment(ctx context.Context, tx *txn, m amendmentRow) (int64, error) {
	var answers, reasons any
	if m.sheetID != 0 {
		answers = m.answers
	} else {
		reasons = m.reasons
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO amendments(call_id, sheet_id, at, by, reason, answers,
			new_problem, new_total, new_reasons, scored, total, grade, problem, reasons, after_publication)
		VALUES(?, nullif(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, ?, nullif(?, ''), ?, ?, ?)`,
		m.call.ID, m.sheetID, tx.now, s.actor, m.reason, answers, m.problem, m.total, reasons,
		m.result.Scored, amendedTotal(m), m.result.Grade, m.result.Problem, encodeReasons(m.result.Reasons), m.published)
	if err != nil {
		return 0, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE calls SET amended_total = a.total, amended_grade = a.grade,
			amended_problem = a.problem, amended_reasons = a.reasons, amendment_id = a.id
		FROM (SELECT * FROM amendments WHERE id = ?) AS a WHERE calls.id = a.call_id`, id); err != nil {
		return 0, err
	}
	if err := refreshAudit(ctx, tx, m.call.OfficeID, m.call.RoundID); err != nil {
		return 0, err
	}
	if err := appendRecord(ctx, tx, kindAmendment, id, s.actor); err != nil {
		return 0, err
	}
	detail := map[string]any{"reason": m.reason, "office": m.call.Department + " · " + m.call.Office,
		"round": m.call.RoundName, "amendment": id, "after_publication": m.published}
	maps.Copy(detail, m.detail)
	return id, s.recordChange(ctx, tx, "call", m.call.ID, "amend", detail)
}

// amendedTotal is the total an amendment stores: a scored result's, or an imported one's when
// a total was given.
func amendedTotal(m amendmentRow) any {
	if m.sheetID == 0 && m.total == nil {
		return nil
	}
	return m.result.Total
}

// headIs refuses with ErrLedgerMoved when want is given and the ledger head is another ("" for
// an empty ledger).
func headIs(ctx context.Context, q querier, want *string) error {
	if want == nil {
		return nil
	}
	head, err := ledgerHead(ctx, q)
	if err != nil {
		return err
	}
	if head == zeroHash {
		head = ""
	}
	if head != *want {
		return ErrLedgerMoved
	}
	return nil
}
