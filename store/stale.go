package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"phoneaudit/scoring"
)

// Idle is how long a call has gone without its caller's activity at now: since its last
// activity, or its timer mark when it has none recorded.
func (c Call) Idle(now time.Time) time.Duration {
	last := c.LastActivity
	if last.IsZero() {
		last = c.TimerStarted
	}
	if last.IsZero() {
		return 0
	}
	return max(now.Sub(last), 0)
}

// StaleCallError refuses joining a stale call: a running call whose caller has done nothing on it
// for longer than the round's rubric allows (stale_minutes).
type StaleCallError struct {
	Call        Call
	Idle, Limit time.Duration
}

func (e *StaleCallError) Error() string {
	return fmt.Sprintf("the call to %s · %s by %s has had no activity for %d minutes (stale after %d): it cannot be joined",
		e.Call.Department, e.Call.Office, e.Call.Auditor, int(e.Idle.Minutes()), int(e.Limit.Minutes()))
}

// NotStaleError refuses handing on a call that is not stale: not running (Running false), or
// running with activity within the rubric's stale_minutes.
type NotStaleError struct {
	Call        Call
	Running     bool
	Idle, Limit time.Duration
}

func (e *NotStaleError) Error() string {
	if !e.Running {
		return fmt.Sprintf("the call to %s · %s is %s, not running: only a stale running call is handed on",
			e.Call.Department, e.Call.Office, e.Call.Status.Label("en"))
	}
	return fmt.Sprintf("the call to %s · %s had activity %d minutes ago (stale after %d): it is not stale",
		e.Call.Department, e.Call.Office, int(e.Idle.Minutes()), int(e.Limit.Minutes()))
}

// HandOnSubmittedError refuses to hand on a call on which a panel member has already submitted a
// sheet: the new caller's try would finish on the old try's score.
type HandOnSubmittedError struct {
	Call   Call
	Sheets int // submitted sheets of the call
}

func (e *HandOnSubmittedError) Error() string {
	return fmt.Sprintf("the call to %s · %s has %d submitted score sheet(s) of its panel: it cannot be handed on",
		e.Call.Department, e.Call.Office, e.Sheets)
}

// staleLimit is how long a call of the round may go without activity before it is stale. A round
// without a rubric (made by a results import) has no running calls; it gets the default.
func (s *Store) staleLimit(ctx context.Context, q querier, roundID int64) (time.Duration, error) {
	r, err := s.roundRubric(ctx, q, roundID)
	if errors.Is(err, ErrRoundState) {
		return scoring.DefaultStaleAfter, nil
	}
	return r.Stale(), err
}

// staleness says how long c has been idle and whether that makes it stale.
func (s *Store) staleness(ctx context.Context, q querier, c Call) (idle, limit time.Duration, stale bool, err error) {
	if limit, err = s.staleLimit(ctx, q, c.RoundID); err != nil {
		return 0, 0, false, err
	}
	idle = c.Idle(s.Now())
	return idle, limit, c.Status == scoring.InProgress && idle > limit, nil
}

// staleLimits reads each round's stale_minutes once for a list of calls.
type staleLimits struct {
	s      *Store
	rounds map[int64]time.Duration
}

func (l *staleLimits) stale(ctx context.Context, q querier, c Call) (bool, error) {
	limit, ok := l.rounds[c.RoundID]
	if !ok {
		var err error
		if limit, err = l.s.staleLimit(ctx, q, c.RoundID); err != nil {
			return false, err
		}
		if l.rounds == nil {
			l.rounds = map[int64]time.Duration{}
		}
		l.rounds[c.RoundID] = limit
	}
	return c.Status == scoring.InProgress && c.Idle(l.s.Now()) > limit, nil
}

// StaleCall is a running call of the open round that has gone stale, as a lead sees it.
type StaleCall struct {
	Call
	Idle  time.Duration // since the caller's last activity
	Limit time.Duration // the round's stale_minutes
}

// StaleCalls lists the stale calls of the open round, the longest idle first: calls in progress
// whose caller has done nothing on them for longer than the round's rubric allows. Only a lead
// sees them (to hand them on).
func (s *Store) StaleCalls(ctx context.Context) ([]StaleCall, error) {
	if err := s.leadOnly(ctx, ActionMoveCall); err != nil {
		return nil, err
	}
	running, err := queryAll(ctx, s.r, scanCall, "SELECT "+callColumns+callJoins+
		" WHERE r.status = 'open' AND c.status = 'in_progress' ORDER BY coalesce(c.last_activity_at, c.timer_started_at, ''), c.id")
	if err != nil {
		return nil, err
	}
	out := []StaleCall{}
	limits := staleLimits{s: s}
	for _, c := range running {
		stale, err := limits.stale(ctx, s.r, c)
		if err != nil {
			return nil, err
		}
		if stale {
			out = append(out, StaleCall{Call: c, Idle: c.Idle(s.Now()), Limit: limits.rounds[c.RoundID]})
		}
	}
	return out, nil
}

// HandOnCall lets a lead hand a stale call on to an auditor (the same caller or another) for a
// reason: every draft sheet of the call (the caller's and any panel member's) stays in the history
// as abandoned with the reason and its answers; the dials, the timer mark, the seconds, who
// answered, the notes and the recording of the abandoned try are kept in the recorded change and
// cleared from the call, which is back to be called (待拨) by that auditor; a session that still
// had a sheet of it open holds it no longer. A call that is not running, or not stale, is refused
// (NotStaleError).
func (s *Store) HandOnCall(ctx context.Context, callID int64, auditor, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return fault(ErrInvalid, "handing a call on needs a reason")
	}
	return s.inTx(ctx, func(tx *txn) error {
		if err := s.leadOnlyTx(ctx, tx, ActionMoveCall); err != nil {
			return err
		}
		c, err := getCall(ctx, tx, callID)
		if err != nil {
			return err
		}
		var to int64
		if err := tx.QueryRowContext(ctx, "SELECT id FROM auditors WHERE name = ?", auditor).Scan(&to); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return fault(ErrNotFound, "no auditor named %s", auditor)
			}
			return err
		}
		if c.Status != scoring.InProgress {
			return &NotStaleError{Call: c}
		}
		if _, err := liveCall(ctx, tx, callID); err != nil {
			return err
		}
		idle, limit, stale, err := s.staleness(ctx, tx, c)
		if err != nil {
			return err
		}
		if !stale {
			return &NotStaleError{Call: c, Running: true, Idle: idle, Limit: limit}
		}
		var submitted int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sheets WHERE call_id = ? AND status = 'submitted'", callID).Scan(&submitted); err != nil {
			return err
		}
		if submitted > 0 {
			return &HandOnSubmittedError{Call: c, Sheets: submitted}
		}
		tried, err := attempts(ctx, tx, callID)
		if err != nil {
			return err
		}
		sheets, err := queryAll(ctx, tx, func(sc scanner) (int64, error) {
			var id int64
			return id, sc.Scan(&id)
		}, "SELECT id FROM sheets WHERE call_id = ? AND status = 'draft' ORDER BY id", callID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE sheets SET status = 'abandoned', reason = ? WHERE call_id = ? AND status = 'draft'",
			reason, callID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM attempts WHERE call_id = ?", callID); err != nil {
			return err
		}
		// A screen still open on the stale call holds it no longer: the call starts afresh.
		if _, err := tx.ExecContext(ctx, "DELETE FROM sheet_leases WHERE call_id = ?", callID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE calls SET status = 'to_call', auditor_id = ?, timer_started_at = NULL,
			answer_seconds = NULL, answered_staff_no = '', answered_name = '', notes = '',
			recording_file = '', recording_offset = NULL, recording_sha256 = '', last_activity_at = NULL WHERE id = ?`,
			to, callID); err != nil {
			return err
		}
		return s.recordChange(ctx, tx, "call", callID, "hand_on", handOnDetail(c, auditor, reason, idle, tried, sheets))
	})
}

// handOnDetail is what a hand-on records of the abandoned try.
func handOnDetail(c Call, auditor, reason string, idle time.Duration, tried []scoring.Attempt, sheets []int64) map[string]any {
	dials := make([]map[string]any, len(tried))
	for i, a := range tried {
		dials[i] = map[string]any{"at": fmtTime(a.At), "outcome": int(a.Outcome)}
	}
	d := map[string]any{
		"auditor_was": c.Auditor, "auditor": auditor, "reason": reason,
		"idle_minutes": int(idle.Minutes()), "attempts": dials, "abandoned_sheets": sheets,
	}
	if !c.LastActivity.IsZero() {
		d["last_activity"] = fmtTime(c.LastActivity)
	}
	if !c.TimerStarted.IsZero() {
		d["timer_started"] = fmtTime(c.TimerStarted)
	}
	if c.AnswerSeconds != nil {
		d["answer_seconds"] = *c.AnswerSeconds
	}
	if c.RecordingOffset != nil {
		d["recording_offset"] = *c.RecordingOffset
	}
	for k, v := range map[string]string{"answered_staff_no": c.AnsweredStaffNo, "answered_name": c.AnsweredName,
		"notes": c.Notes, "recording_file": c.RecordingFile, "recording_sha256": c.RecordingSHA256} {
		if v != "" {
			d[k] = v
		}
	}
	return d
}
