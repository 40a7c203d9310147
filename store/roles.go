package store

import (
	"context"
	"database/sql"
	"errors"
)

// ErrForbidden is returned when the actor (Store.As) is an auditor whose role does not allow
// what was asked: the error names what was refused. A refusal for want of the lead's role is a
// *RoleError; ui and the commands word it for the clerk.
var ErrForbidden = errors.New("not allowed for an auditor: only a lead may")

// RoleError is a refusal of what only a lead may do, asked by an actor whose role is auditor:
// Action is what was refused. It is ErrForbidden to errors.Is; ui and the commands word it.
type RoleError struct {
	Actor  string
	Action Action
}

func (e *RoleError) Error() string {
	return e.Actor + " may not " + string(e.Action) + ": " + ErrForbidden.Error()
}
func (e *RoleError) Unwrap() error { return ErrForbidden }

// Action is something only a lead may do. Its value is a key, not wording: the screens and
// commands word each one in the user's language.
type Action string

// The actions only a lead may do.
const (
	ActionAcceptMean              Action = "accept-mean"
	ActionAddCalls                Action = "add-calls"
	ActionAmendResult             Action = "amend-result"
	ActionAmendSheet              Action = "amend-sheet"
	ActionAttachRecording         Action = "attach-recording"
	ActionBackup                  Action = "backup"
	ActionChangeAuditors          Action = "change-auditors"
	ActionChangeNotice            Action = "change-notice"
	ActionChangeOffices           Action = "change-offices"
	ActionChangeScenarios         Action = "change-scenarios"
	ActionCloseRound              Action = "close-round"
	ActionCreateRound             Action = "create-round"
	ActionDropSheet               Action = "drop-sheet"
	ActionExportResults           Action = "export-results"
	ActionImportAuditors          Action = "import-auditors"
	ActionImportOffices           Action = "import-offices"
	ActionImportResults           Action = "import-results"
	ActionImportScenarios         Action = "import-scenarios"
	ActionListUnfinished          Action = "list-unfinished"
	ActionLoadCalendar            Action = "load-calendar"
	ActionLoadRubric              Action = "load-rubric"
	ActionMoveCall                Action = "move-call"
	ActionOpenRound               Action = "open-round"
	ActionPlanRound               Action = "plan-round"
	ActionPublishRound            Action = "publish-round"
	ActionReadAmendments          Action = "read-amendments"
	ActionReadChanges             Action = "read-changes"
	ActionReadFlaggedOffices      Action = "read-flagged-offices"
	ActionReadFlags               Action = "read-flags"
	ActionReadHistory             Action = "read-history"
	ActionReadNotices             Action = "read-notices"
	ActionReadOfficeResults       Action = "read-office-results"
	ActionReadPastAudits          Action = "read-past-audits"
	ActionReadPersonFlags         Action = "read-person-flags"
	ActionReadPlan                Action = "read-plan"
	ActionReadTrend               Action = "read-trend"
	ActionReadUnpublishedBulletin Action = "read-unpublished-bulletin"
	ActionReadUnpublishedResults  Action = "read-unpublished-results"
	ActionRecordConsensus         Action = "record-consensus"
	ActionReopenRound             Action = "reopen-round"
	ActionSetTimeZone             Action = "set-time-zone"
	ActionWriteBulkRound          Action = "write-bulk-round"
)

// Actions lists every Action, for the tests that check each is worded.
var Actions = []Action{
	ActionAcceptMean, ActionAddCalls, ActionAmendResult, ActionAmendSheet, ActionAttachRecording,
	ActionBackup, ActionChangeAuditors, ActionChangeNotice, ActionChangeOffices, ActionChangeScenarios,
	ActionCloseRound, ActionCreateRound, ActionDropSheet, ActionExportResults, ActionImportAuditors,
	ActionImportOffices, ActionImportResults, ActionImportScenarios, ActionListUnfinished,
	ActionLoadCalendar, ActionLoadRubric, ActionMoveCall, ActionOpenRound, ActionPlanRound,
	ActionPublishRound, ActionReadAmendments, ActionReadChanges, ActionReadFlaggedOffices,
	ActionReadFlags, ActionReadHistory, ActionReadNotices, ActionReadOfficeResults,
	ActionReadPastAudits, ActionReadPersonFlags, ActionReadPlan, ActionReadTrend,
	ActionReadUnpublishedBulletin, ActionReadUnpublishedResults, ActionRecordConsensus,
	ActionReopenRound, ActionSetTimeZone, ActionWriteBulkRound,
}

// actorRole is who the actor of a Store is, read from the auditors table on every call that
// needs it (one indexed lookup), so a role changed by another session counts at once.
type actorRole struct {
	id         int64
	lead       bool
	registered bool // the actor names a registered auditor
}

// restricted says whether the actor is limited to their own calls: a registered auditor whose
// role is auditor. A lead, and an actor that is no registered auditor (the command line, run by
// the file's owner, whose permissions are the boundary), are not.
func (r actorRole) restricted() bool { return r.registered && !r.lead }

// role reads the actor's role.
func (s *Store) role(ctx context.Context, q querier) (actorRole, error) {
	var r actorRole
	if s.actor == "" {
		return r, nil
	}
	var role string
	err := q.QueryRowContext(ctx, "SELECT id, role FROM auditors WHERE name = ?", s.actor).Scan(&r.id, &role)
	if errors.Is(err, sql.ErrNoRows) {
		return r, nil
	}
	if err != nil {
		return r, mapErr(fault(err, "reading the role of %s", s.actor))
	}
	r.registered, r.lead = true, role == "lead"
	return r, nil
}

// leadOnly refuses what (e.g. ActionReadFlags) to a restricted actor.
func (s *Store) leadOnly(ctx context.Context, what Action) error {
	r, err := s.role(ctx, s.r)
	if err != nil {
		return err
	}
	if r.restricted() {
		return &RoleError{Actor: s.actor, Action: what}
	}
	return nil
}

// leadOnlyTx is leadOnly inside a transaction, so the check and the change see the same role.
func (s *Store) leadOnlyTx(ctx context.Context, tx *txn, what Action) error {
	r, err := s.role(ctx, tx)
	if err != nil {
		return err
	}
	if r.restricted() {
		return &RoleError{Actor: s.actor, Action: what}
	}
	return nil
}

// callAccess says whether a restricted actor may read a call: it is their own call, they have
// a sheet on it, or it is a live call of the open round they may join as a panel member.
func callAccess(ctx context.Context, q querier, callID, auditorID int64) (bool, error) {
	var ok bool
	err := q.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM calls c JOIN rounds r ON r.id = c.round_id
		WHERE c.id = ?1 AND (c.auditor_id = ?2
			OR EXISTS(SELECT 1 FROM sheets s WHERE s.call_id = c.id AND s.rater_id = ?2)
			OR (c.status = 'in_progress' AND r.status = 'open')))`, callID, auditorID).Scan(&ok)
	return ok, err
}

// canReadCall refuses a restricted actor a call that is not theirs (callAccess). Missing calls
// are left to the caller's own query, which says they are missing.
func (s *Store) canReadCall(ctx context.Context, callID int64) (actorRole, error) {
	r, err := s.role(ctx, s.r)
	if err != nil || !r.restricted() {
		return r, err
	}
	ok, err := callAccess(ctx, s.r, callID, r.id)
	if err != nil {
		return r, mapErr(err)
	}
	if !ok {
		var exists bool
		if err := s.r.QueryRowContext(ctx, "SELECT EXISTS(SELECT 1 FROM calls WHERE id = ?)", callID).Scan(&exists); err != nil {
			return r, mapErr(err)
		}
		if exists {
			return r, fault(ErrForbidden, "call %d is another auditor's: %s may not read it", callID, s.actor)
		}
	}
	return r, nil
}

// ownCallTx refuses a restricted actor a change to a call they are not the caller of: the
// attempts, timer, notes and recording are the caller's (panel members see them read-only).
func (s *Store) ownCallTx(ctx context.Context, tx *txn, c Call) error {
	r, err := s.role(ctx, tx)
	if err != nil || !r.restricted() || c.AuditorID == r.id {
		return err
	}
	return fault(ErrForbidden, "the call to %s · %s is %s's: only its caller or a lead may change it", c.Department, c.Office, c.Auditor)
}

// ownSheetTx refuses a restricted actor a change to a score sheet that is not theirs.
func (s *Store) ownSheetTx(ctx context.Context, q querier, sheetID int64) error {
	r, err := s.role(ctx, q)
	if err != nil || !r.restricted() {
		return err
	}
	var mine bool
	if err := q.QueryRowContext(ctx, "SELECT EXISTS(SELECT 1 FROM sheets WHERE id = ? AND rater_id = ?)", sheetID, r.id).Scan(&mine); err != nil {
		return err
	}
	if !mine {
		return fault(ErrForbidden, "score sheet %d is not %s's", sheetID, s.actor)
	}
	return nil
}

// publishedOrLead refuses a restricted actor what (reading a round's bulletin or its summary)
// unless the round is published: a published bulletin is public, an unpublished one is the
// leads' alone.
func (s *Store) publishedOrLead(ctx context.Context, roundID int64, what Action) error {
	r, err := s.role(ctx, s.r)
	if err != nil || !r.restricted() {
		return err
	}
	var status string
	err = s.r.QueryRowContext(ctx, "SELECT status FROM rounds WHERE id = ?", roundID).Scan(&status)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return mapErr(err)
	}
	if status != RoundPublished {
		return &RoleError{Actor: s.actor, Action: what}
	}
	return nil
}
