package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"phoneaudit/scoring"
)

// Review is how a lead settled a call that needed review: a consensus sheet, or the aggregate
// of the sheets accepted as it stands.
type Review struct {
	CallID  int64
	Kind    string // "consensus" or "accept"
	SheetID int64  // the consensus sheet; 0 for an accepted aggregate
	At      time.Time
	By      string
	Reason  string
}

// RecordConsensus settles a finished call that needs review with a lead's consensus sheet: the
// actor's own sheet of kind consensus, complete on the round's rubric (the seconds criterion is
// the call's timer), submitted at once with the reason. The call's result becomes the
// consensus's and no longer needs review; the office's audit and streaks follow. The round may
// be open or closed (a closed round accepts consensus sheets); a published round has no call
// needing review. The actor must be a registered lead (or a registered auditor's name given to
// the command line, which has a lead's rights).
func (s *Store) RecordConsensus(ctx context.Context, callID int64, answers scoring.Answers, reason string) (scoring.Result, error) {
	var res scoring.Result
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return res, fault(ErrInvalid, "a consensus needs a reason")
	}
	err := s.inTx(ctx, func(tx *txn) error {
		r, c, err := s.reviewable(ctx, tx, callID, ActionRecordConsensus)
		if err != nil {
			return err
		}
		if !r.registered {
			return fault(ErrNotFound, "no auditor named %s: a consensus sheet is a named lead's (use --as NAME)", s.actor)
		}
		rub, err := s.roundRubric(ctx, tx, c.RoundID)
		if err != nil {
			return err
		}
		answers = withoutSeconds(rub, answers)
		if err := checkAnswers(rub, answers); err != nil {
			return err
		}
		sr := rub.ScoreSheet(answers, c.AnswerSeconds)
		if !sr.Complete {
			return fault(ErrInvalid, "the consensus sheet is not complete: %s not set", s.labels(rub, sr.Missing))
		}
		sheetID, err := s.insertConsensus(ctx, tx, c.ID, r.id, answers, sr.Total, reason)
		if err != nil {
			return err
		}
		res, err = s.settleReview(ctx, tx, c, review{kind: "consensus", sheetID: sheetID, reason: reason})
		return err
	})
	return res, err
}

// AcceptAggregate settles a finished call that needs review by accepting the aggregate of its
// sheets as it stands (the mean, and the critical criteria failed by half or more), for a
// reason. The call no longer needs review; who, when and why are recorded. As RecordConsensus
// for the rest.
func (s *Store) AcceptAggregate(ctx context.Context, callID int64, reason string) (scoring.Result, error) {
	var res scoring.Result
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return res, fault(ErrInvalid, "accepting the aggregate needs a reason")
	}
	err := s.inTx(ctx, func(tx *txn) error {
		_, c, err := s.reviewable(ctx, tx, callID, ActionAcceptMean)
		if err != nil {
			return err
		}
		res, err = s.settleReview(ctx, tx, c, review{kind: "accept", reason: reason})
		return err
	})
	return res, err
}

// Review reads how a call was settled after review; ok is false when it never was.
func (s *Store) Review(ctx context.Context, callID int64) (rv Review, ok bool, err error) {
	if _, err := s.canReadCall(ctx, callID); err != nil {
		return rv, false, err
	}
	var at string
	err = s.r.QueryRowContext(ctx, "SELECT call_id, kind, coalesce(sheet_id, 0), at, by, reason FROM reviews WHERE call_id = ?",
		callID).Scan(&rv.CallID, &rv.Kind, &rv.SheetID, &at, &rv.By, &rv.Reason)
	if errors.Is(err, sql.ErrNoRows) {
		return rv, false, nil
	}
	rv.At, _ = parseTime(at)
	return rv, err == nil, mapErr(err)
}

// reviewable loads a call a lead may settle: the actor is not a restricted auditor, the call is
// done and needs review, and its round is open or closed.
func (s *Store) reviewable(ctx context.Context, tx *txn, callID int64, what Action) (actorRole, Call, error) {
	r, err := s.role(ctx, tx)
	if err != nil {
		return r, Call{}, err
	}
	if r.restricted() {
		return r, Call{}, &RoleError{Actor: s.actor, Action: what}
	}
	c, err := getCall(ctx, tx, callID)
	if err != nil {
		return r, c, err
	}
	if c.Status != scoring.Done || !c.Original.NeedsReview {
		return r, c, fault(ErrInvalid, "the call to %s · %s does not need review", c.Department, c.Office)
	}
	var status string
	if err := tx.QueryRowContext(ctx, "SELECT status FROM rounds WHERE id = ?", c.RoundID).Scan(&status); err != nil {
		return r, c, err
	}
	if status != RoundOpen && status != RoundClosed {
		return r, c, fault(ErrRoundState, "round %s is %s: a review is recorded while it is open or closed", c.RoundName, status)
	}
	return r, c, nil
}

// insertConsensus writes the consensus sheet as a draft with its answers, then submits it: the
// triggers take answers only on a draft.
func (s *Store) insertConsensus(ctx context.Context, tx *txn, callID, raterID int64, answers scoring.Answers, total float64, reason string) (int64, error) {
	res, err := tx.ExecContext(ctx, "INSERT INTO sheets(call_id, rater_id, kind, created_at, reason) VALUES(?, ?, 'consensus', ?, ?)",
		callID, raterID, tx.now, reason)
	if err != nil {
		return 0, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	for k, v := range answers {
		if _, err := tx.ExecContext(ctx, "INSERT INTO answers(sheet_id, criterion, value, set_at) VALUES(?, ?, ?, ?)", id, k, v, tx.now); err != nil {
			return 0, err
		}
	}
	_, err = tx.ExecContext(ctx, "UPDATE sheets SET status = 'submitted', submitted_at = ?, total = ? WHERE id = ?", tx.now, total, id)
	return id, err
}

type review struct {
	kind    string
	sheetID int64
	reason  string
}

// settleReview records the review, works the call's result out again (callInput now reads the
// consensus sheet or the acceptance), stores it and refreshes the office's audit. The call keeps
// its status and finish time: only its result changes.
func (s *Store) settleReview(ctx context.Context, tx *txn, c Call, rv review) (scoring.Result, error) {
	ins, err := tx.ExecContext(ctx, "INSERT INTO reviews(call_id, kind, sheet_id, at, by, reason) VALUES(?, ?, nullif(?, 0), ?, ?, ?)",
		c.ID, rv.kind, rv.sheetID, tx.now, s.actor, rv.reason)
	if err != nil {
		return scoring.Result{}, err
	}
	reviewID, err := ins.LastInsertId()
	if err != nil {
		return scoring.Result{}, err
	}
	res, err := s.workOut(ctx, tx, c)
	if err != nil {
		return res, err
	}
	if res.Status != scoring.Done || res.NeedsReview {
		return res, fault(ErrInvalid, "the call to %s · %s did not settle after the review (%s)", c.Department, c.Office, res.Status)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE calls SET scored = ?, total = ?, grade = nullif(?, ''), problem = ?, reasons = ?,
		needs_review = 0 WHERE id = ?`,
		res.Scored, nullTotal(res), res.Grade, res.Problem, encodeReasons(res.Reasons), c.ID); err != nil {
		return res, err
	}
	// The review's entry holds the result it settled on, so it is appended once that is stored.
	if err := appendRecord(ctx, tx, rv.kind, reviewID, s.actor); err != nil {
		return res, err
	}
	return res, refreshAudit(ctx, tx, c.OfficeID, c.RoundID)
}
