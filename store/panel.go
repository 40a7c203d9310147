package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"phoneaudit/lang"
	"phoneaudit/scoring"
)

// LiveCall is a call of the open round that is running (being dialled or answered), as a panel
// member sees it in the list of calls to join.
type LiveCall struct {
	Call
	// The actor's own rater sheet on the call: 0 and "" when they have not joined; "draft" or
	// "submitted" when they have; "dropped" when a lead dropped it (they cannot join again).
	Sheet       int64
	SheetStatus string
	Panel       int // live rater sheets on the call: the caller's and the panel members'
}

// Joined says whether the actor already scores the call.
func (l LiveCall) Joined() bool { return l.SheetStatus == "draft" || l.SheetStatus == "submitted" }

// LiveCalls lists the running calls of the open round that the actor may join as a panel
// member, oldest start first: every in-progress call except the actor's own and the stale ones
// (see StaleCalls). Calls the actor has already joined are listed too, stale or not, marked by
// Sheet and SheetStatus, so a panel member finds their way back to a call they left.
func (s *Store) LiveCalls(ctx context.Context) ([]LiveCall, error) {
	r, err := s.role(ctx, s.r)
	if err != nil {
		return nil, err
	}
	all, err := queryAll(ctx, s.r, func(sc scanner) (LiveCall, error) {
		var l LiveCall
		var err error
		l.Call, err = scanCall(extraColumns{sc, []any{&l.Sheet, &l.SheetStatus, &l.Panel}})
		return l, err
	}, "SELECT "+callColumns+`,
		coalesce(ms.id, 0), coalesce(ms.status, ''),
		(SELECT count(*) FROM sheets p WHERE p.call_id = c.id AND p.kind = 'rater' AND p.status IN ('draft', 'submitted'))`+
		callJoins+`
		LEFT JOIN sheets ms ON ms.id = (SELECT max(id) FROM sheets m WHERE m.call_id = c.id AND m.rater_id = ?1
			AND m.kind = 'rater' AND m.status <> 'abandoned')
		WHERE r.status = 'open' AND c.status = 'in_progress' AND c.auditor_id IS NOT ?1
		ORDER BY coalesce(c.timer_started_at, (SELECT min(at) FROM attempts t WHERE t.call_id = c.id)), c.id`, r.id)
	if err != nil {
		return nil, err
	}
	out := make([]LiveCall, 0, len(all))
	limits := staleLimits{s: s}
	for _, l := range all {
		stale, err := limits.stale(ctx, s.r, l.Call)
		if err != nil {
			return nil, err
		}
		if !stale || l.Joined() {
			out = append(out, l)
		}
	}
	return out, nil
}

// JoinCall gives the actor their own rater sheet on a running call of the open round (a draft,
// or the sheet they already have) and returns it. The caller joining their own call gets their
// sheet as Draft gives it, whatever the call's state. Others may join only a call in progress,
// and not again once a lead dropped their sheet; their joining also opens the caller's draft, so
// the call waits for the caller's sheet. The actor must be a registered auditor.
func (s *Store) JoinCall(ctx context.Context, callID int64) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx *txn) error {
		r, err := s.role(ctx, tx)
		if err != nil {
			return err
		}
		if !r.registered {
			return fault(ErrNotFound, "no auditor named %s: only a registered auditor can join a call", s.actor)
		}
		c, err := liveCall(ctx, tx, callID)
		if err != nil {
			return err
		}
		if err := s.leaseFree(ctx, tx, callID, r.id); err != nil {
			return err
		}
		if c.AuditorID != r.id {
			if err := s.joinable(ctx, tx, c, r.id); err != nil {
				return err
			}
			// The call is final only when the caller's sheet is in too: open it now, or a panel
			// member who submits first would finish the call alone.
			if c.AuditorID != 0 {
				if _, err := s.draftTx(ctx, tx, callID, c.AuditorID); err != nil {
					return err
				}
			}
		}
		if id, err = s.draftTx(ctx, tx, callID, r.id); err != nil {
			return err
		}
		return touchSheetCall(ctx, tx, id)
	})
	return id, err
}

// joinable refuses a panel member a call that is not running, one whose lead dropped their sheet,
// or a stale one they have no sheet on (StaleCallError).
func (s *Store) joinable(ctx context.Context, tx *txn, c Call, raterID int64) error {
	if c.Status != scoring.InProgress {
		return fault(ErrRoundState, "the call to %s · %s is not running (%s): a panel joins a call being dialled or answered", c.Department, c.Office, c.Status.Label(lang.EN))
	}
	var status string
	err := tx.QueryRowContext(ctx, `SELECT status FROM sheets WHERE call_id = ? AND rater_id = ? AND kind = 'rater'
		AND status <> 'abandoned' ORDER BY id DESC LIMIT 1`, c.ID, raterID).Scan(&status)
	if errors.Is(err, sql.ErrNoRows) {
		idle, limit, stale, err := s.staleness(ctx, tx, c)
		if err == nil && stale {
			err = &StaleCallError{Call: c, Idle: idle, Limit: limit}
		}
		return err
	}
	if err != nil {
		return err
	}
	if status == "dropped" {
		return fault(ErrInvalid, "a lead dropped your score sheet on the call to %s · %s: you cannot join it again", c.Department, c.Office)
	}
	return nil
}

// PanelSheets lists a call's sheets as the actor may see them, oldest first. Sheets are blind:
//   - a rater (the caller or a panel member with a live sheet) sees who else is on the panel and
//     how far they are, but no answer of another sheet until they have submitted their own; then
//     the others' answers once those are submitted too (a draft, dropped or abandoned sheet of
//     another shows its status, no answers);
//   - a lead not on the panel sees every sheet with its answers, read-only, as they come in;
//   - an actor that is no registered auditor (the command line) sees every sheet;
//   - an auditor not on the panel sees no sheet of a call they may read, and is refused (ErrForbidden)
//     a call that is not theirs nor running.
func (s *Store) PanelSheets(ctx context.Context, callID int64) ([]SheetInfo, error) {
	r, err := s.canReadCall(ctx, callID)
	if err != nil {
		return nil, err
	}
	if _, err := getCall(ctx, s.r, callID); err != nil {
		return nil, err
	}
	all, err := sheetsOf(ctx, s.r, callID)
	if err != nil || !r.registered {
		return all, mapErr(err)
	}
	return blind(all, r), nil
}

// blind keeps what a registered rater may see of a call's sheets (see PanelSheets).
func blind(all []SheetInfo, r actorRole) []SheetInfo {
	var mine *SheetInfo
	for i, sh := range all {
		if sh.RaterID == r.id && sh.Kind == "rater" && (sh.Status == "draft" || sh.Status == "submitted") {
			mine = &all[i]
		}
	}
	switch {
	case mine == nil && r.lead:
		return all
	case mine == nil:
		return []SheetInfo{}
	}
	out := make([]SheetInfo, 0, len(all))
	for _, sh := range all {
		if sh.ID != mine.ID && (sh.Status != "submitted" || mine.Status == "draft") {
			sh.Answers = scoring.Answers{}
		}
		out = append(out, sh)
	}
	return out
}

// DropSheet lets a lead drop a panel member's sheet that was never submitted, for a reason: the
// sheet stays in the history as dropped with the reason, who and when, and the call is settled
// again (it is done now if it waited only for that sheet). The caller's own sheet is not a panel
// sheet: the caller abandons it instead. It returns the call's result after the drop.
func (s *Store) DropSheet(ctx context.Context, sheetID int64, reason string) (scoring.Result, error) {
	var res scoring.Result
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return res, fault(ErrInvalid, "dropping a score sheet needs a reason")
	}
	err := s.inTx(ctx, func(tx *txn) error {
		if err := s.leadOnlyTx(ctx, tx, ActionDropSheet); err != nil {
			return err
		}
		var callID, raterID int64
		var kind, status string
		err := tx.QueryRowContext(ctx, "SELECT call_id, rater_id, kind, status FROM sheets WHERE id = ?", sheetID).
			Scan(&callID, &raterID, &kind, &status)
		if errors.Is(err, sql.ErrNoRows) {
			return fault(ErrNotFound, "no score sheet %d", sheetID)
		}
		if err != nil {
			return err
		}
		c, err := liveCall(ctx, tx, callID)
		if err != nil {
			return err
		}
		if err := droppable(c, raterID, kind, status); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE sheets SET status = 'dropped', reason = ?, dropped_at = ?, dropped_by = ? WHERE id = ?",
			reason, tx.now, s.actor, sheetID); err != nil {
			return err
		}
		res, err = s.settle(ctx, tx, c)
		return err
	})
	return res, err
}

// droppable says why a sheet cannot be dropped, if it cannot.
func droppable(c Call, raterID int64, kind, status string) error {
	switch {
	case kind != "rater":
		return fault(ErrInvalid, "a consensus sheet is not a panel sheet and cannot be dropped")
	case status == "submitted":
		return fault(ErrImmutable, "the score sheet is already submitted and stands")
	case status != "draft":
		return fault(ErrInvalid, "the score sheet is already %s", status)
	case raterID == c.AuditorID:
		return fault(ErrInvalid, "the sheet of the caller %s is not a panel sheet: the caller abandons it instead", c.Auditor)
	}
	return nil
}
