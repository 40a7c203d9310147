package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Round statuses.
const (
	RoundPlanning  = "planning"
	RoundOpen      = "open"
	RoundClosed    = "closed"
	RoundPublished = "published"
)

// Round is an audit campaign.
type Round struct {
	ID            int64
	Number        int
	Name          string
	Status        string
	RubricVersion int // 0 for rounds made by a results import
	Imported      bool
	From, To      string // city dates 2006-01-02, "" when not set
	CreatedAt     time.Time

	// Counts, filled by Rounds and FindRound.
	Planned  int // calls in the round
	Finished int // calls done or unreachable
	Problems int // offices with a problem
}

const roundColumns = `r.id, r.number, r.name, r.status, coalesce(r.rubric_version, 0), r.imported,
	coalesce(r.date_from, ''), coalesce(r.date_to, ''), r.created_at,
	(SELECT count(*) FROM calls c WHERE c.round_id = r.id),
	(SELECT count(*) FROM calls c WHERE c.round_id = r.id AND c.status IN ('done', 'unreachable')),
	(SELECT count(*) FROM audits a WHERE a.round_number = r.number AND a.problem = 1)`

func scanRound(sc scanner) (Round, error) {
	var r Round
	var created string
	err := sc.Scan(&r.ID, &r.Number, &r.Name, &r.Status, &r.RubricVersion, &r.Imported,
		&r.From, &r.To, &created, &r.Planned, &r.Finished, &r.Problems)
	r.CreatedAt, _ = parseTime(created)
	return r, err
}

// Rounds lists every round in number order, with its counts.
//
// An auditor (a restricted actor) sees every round's progress but no result of a round not yet
// published: its Problems count is 0 for them, as results stay secret until publication.
func (s *Store) Rounds(ctx context.Context) ([]Round, error) {
	role, err := s.role(ctx, s.r)
	if err != nil {
		return nil, err
	}
	return queryAll(ctx, s.r, func(sc scanner) (Round, error) {
		r, err := scanRound(sc)
		return role.hideResults(r), err
	}, "SELECT "+roundColumns+" FROM rounds r ORDER BY r.number")
}

// hideResults keeps an auditor from the results of a round not yet published (see Rounds).
func (r actorRole) hideResults(round Round) Round {
	if r.restricted() && round.Status != RoundPublished {
		round.Problems = 0
	}
	return round
}

// FindRound finds a round by its number or its exact name (its results hidden as Rounds hides
// them).
func (s *Store) FindRound(ctx context.Context, ref string) (Round, error) {
	role, err := s.role(ctx, s.r)
	if err != nil {
		return Round{}, err
	}
	r, err := findRound(ctx, s.r, ref)
	return role.hideResults(r), err
}

func findRound(ctx context.Context, q querier, ref string) (Round, error) {
	ref = strings.TrimSpace(ref)
	var row *sql.Row
	if n, err := strconv.Atoi(ref); err == nil && allDigits(ref) {
		row = q.QueryRowContext(ctx, "SELECT "+roundColumns+" FROM rounds r WHERE r.number = ?", n)
	} else {
		row = q.QueryRowContext(ctx, "SELECT "+roundColumns+" FROM rounds r WHERE r.name = ?", ref)
	}
	r, err := scanRound(row)
	if errors.Is(err, sql.ErrNoRows) {
		return r, fault(ErrNotFound, "no round %q (give its number or its exact name; `round list` shows them)", ref)
	}
	return r, mapErr(err)
}

// OpenRound is the round that is open now; ok is false when none is.
func (s *Store) OpenRound(ctx context.Context) (r Round, ok bool, err error) {
	role, err := s.role(ctx, s.r)
	if err != nil {
		return r, false, err
	}
	r, err = scanRound(s.r.QueryRowContext(ctx, "SELECT "+roundColumns+" FROM rounds r WHERE r.status = 'open'"))
	if errors.Is(err, sql.ErrNoRows) {
		return r, false, nil
	}
	return role.hideResults(r), err == nil, mapErr(err)
}

// LatestAuditedRound is the number of the latest round with any audit (0 if none).
func (s *Store) LatestAuditedRound(ctx context.Context) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, "SELECT coalesce(max(round_number), 0) FROM audits").Scan(&n)
	return n, mapErr(err)
}

// ValidRoundName checks a round name: not empty, and never all digits (so a number always
// means a round's number).
func ValidRoundName(name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return fault(ErrInvalid, "a round needs a name, e.g. 2026年第3轮")
	}
	if strings.IndexFunc(name, func(r rune) bool { return !unicode.IsDigit(r) }) < 0 {
		return fault(ErrInvalid, "round name %q is all digits; give a name such as 2026年第3轮", name)
	}
	return nil
}

// NewRound creates a round in planning with the current rubric version. from and to are city
// dates (2006-01-02) or empty.
func (s *Store) NewRound(ctx context.Context, name, from, to string) (Round, error) {
	if err := s.leadOnly(ctx, ActionCreateRound); err != nil {
		return Round{}, err
	}
	name = strings.TrimSpace(name)
	if err := ValidRoundName(name); err != nil {
		return Round{}, err
	}
	if err := checkDates(from, to); err != nil {
		return Round{}, err
	}
	err := s.inTx(ctx, func(tx *txn) error {
		var exists int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM rounds WHERE name = ?", name).Scan(&exists); err != nil {
			return err
		}
		if exists > 0 {
			return fault(ErrAlreadyExist, "a round named %s already exists", name)
		}
		_, err := insertRound(ctx, tx, s, name, RoundPlanning, false, from, to)
		return err
	})
	if err != nil {
		return Round{}, err
	}
	return s.FindRound(ctx, name)
}

func checkDates(from, to string) error {
	for _, d := range []string{from, to} {
		if d == "" {
			continue
		}
		if _, err := time.Parse("2006-01-02", d); err != nil {
			return fault(ErrInvalid, "date %q is not a date like 2026-11-27", d)
		}
	}
	if from != "" && to != "" && to < from {
		return fault(ErrInvalid, "the round ends (%s) before it starts (%s)", to, from)
	}
	return nil
}

// insertRound adds a round after every existing one. Imported rounds are closed and have no rubric.
func insertRound(ctx context.Context, tx *txn, s *Store, name, status string, imported bool, from, to string) (int64, error) {
	var rubric any
	if !imported {
		var v int
		if err := tx.QueryRowContext(ctx, "SELECT max(version) FROM rubrics").Scan(&v); err != nil {
			return 0, err
		}
		rubric = v
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO rounds(number, name, status, rubric_version, imported, date_from, date_to, created_at, created_by)
		VALUES((SELECT coalesce(max(number), 0) + 1 FROM rounds), ?, ?, ?, ?, nullif(?, ''), nullif(?, ''), ?, ?)`,
		name, status, rubric, imported, from, to, tx.now, s.actor)
	if err != nil {
		return 0, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	return id, s.recordChange(ctx, tx, "round", id, "create", map[string]any{"name": name, "imported": imported})
}

// StartRound opens a round in planning, so auditors see its calls. One round is open at a time.
func (s *Store) StartRound(ctx context.Context, ref string) error {
	if err := s.leadOnly(ctx, ActionOpenRound); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *txn) error {
		r, err := findRound(ctx, tx, ref)
		if err != nil {
			return err
		}
		if r.Status != RoundPlanning {
			return fault(ErrRoundState, "round %s is %s; only a round in planning can be opened", r.Name, r.Status)
		}
		if err := noOpenRound(ctx, tx); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE rounds SET status = 'open', opened_at = ? WHERE id = ?", tx.now, r.ID); err != nil {
			return err
		}
		return s.recordChange(ctx, tx, "round", r.ID, "open", map[string]string{"name": r.Name})
	})
}

// CloseReport says what closing a round did.
type CloseReport struct {
	Round      Round
	NotAudited []CallRef // calls that were neither done nor unreachable
}

// CallRef names a call for a message.
type CallRef struct {
	ID         int64
	Department string
	Office     string
	Auditor    string
	Status     string
}

// UnfinishedCalls lists the calls of a round that are neither done nor unreachable.
func (s *Store) UnfinishedCalls(ctx context.Context, roundID int64) ([]CallRef, error) {
	if err := s.leadOnly(ctx, ActionListUnfinished); err != nil {
		return nil, err
	}
	return unfinishedCalls(ctx, s.r, roundID)
}

func unfinishedCalls(ctx context.Context, q querier, roundID int64) ([]CallRef, error) {
	return queryAll(ctx, q, func(sc scanner) (CallRef, error) {
		var c CallRef
		err := sc.Scan(&c.ID, &c.Department, &c.Office, &c.Auditor, &c.Status)
		return c, err
	}, `SELECT c.id, d.name, o.name, coalesce(a.name, ''), c.status FROM calls c
		JOIN offices o ON o.id = c.office_id JOIN departments d ON d.id = o.department_id
		LEFT JOIN auditors a ON a.id = c.auditor_id
		WHERE c.round_id = ? AND c.status IN ('to_call', 'in_progress') ORDER BY d.name, o.name`, roundID)
}

// CloseRound closes an open round. Calls neither done nor unreachable become not audited and
// their drafts are kept as abandoned; without force, a round with such calls is not closed and
// the error lists how many there are (the report lists them).
func (s *Store) CloseRound(ctx context.Context, ref string, force bool) (CloseReport, error) {
	if err := s.leadOnly(ctx, ActionCloseRound); err != nil {
		return CloseReport{}, err
	}
	var rep CloseReport
	err := s.inTx(ctx, func(tx *txn) error {
		r, err := findRound(ctx, tx, ref)
		if err != nil {
			return err
		}
		rep.Round = r
		if r.Status != RoundOpen {
			return fault(ErrRoundState, "round %s is %s; only an open round can be closed", r.Name, r.Status)
		}
		rep.NotAudited, err = unfinishedCalls(ctx, tx, r.ID)
		if err != nil {
			return err
		}
		if len(rep.NotAudited) > 0 && !force {
			return fault(ErrRoundState, "round %s has %d calls neither done nor unreachable; they would become not audited (use --force to close anyway)", r.Name, len(rep.NotAudited))
		}
		if _, err := tx.ExecContext(ctx, `UPDATE sheets SET status = 'abandoned' WHERE status = 'draft'
			AND call_id IN (SELECT id FROM calls WHERE round_id = ? AND status IN ('to_call', 'in_progress'))`, r.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE calls SET status = 'not_audited'
			WHERE round_id = ? AND status IN ('to_call', 'in_progress')`, r.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE rounds SET status = 'closed', closed_at = ? WHERE id = ?", tx.now, r.ID); err != nil {
			return err
		}
		// The close's ledger entry carries the round's counts as they were at the close.
		var done, unreachable int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE status = 'done'), count(*) FILTER (WHERE status = 'unreachable')
			FROM calls WHERE round_id = ?`, r.ID).Scan(&done, &unreachable); err != nil {
			return err
		}
		return s.recordChange(ctx, tx, "round", r.ID, "close", map[string]any{"name": r.Name, "not_audited": len(rep.NotAudited),
			"done": done, "unreachable": unreachable})
	})
	if err == nil {
		rep.Round, err = s.FindRound(ctx, strconv.Itoa(rep.Round.Number))
	}
	return rep, err
}

// ReopenRound opens a closed round again, for a reason that is recorded. Its not-audited calls
// can then be made; drafts abandoned at the close stay abandoned. A published round is final.
func (s *Store) ReopenRound(ctx context.Context, ref, reason string) error {
	if err := s.leadOnly(ctx, ActionReopenRound); err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return fault(ErrInvalid, "re-opening a closed round needs a reason")
	}
	return s.inTx(ctx, func(tx *txn) error {
		r, err := findRound(ctx, tx, ref)
		if err != nil {
			return err
		}
		if r.Status != RoundClosed || r.Imported {
			return fault(ErrRoundState, "round %s is %s; only a closed round of phoneaudit's own calls can be re-opened", r.Name, r.Status)
		}
		if err := noOpenRound(ctx, tx); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE calls SET status = CASE WHEN EXISTS (SELECT 1 FROM attempts a WHERE a.call_id = calls.id)
			THEN 'in_progress' ELSE 'to_call' END WHERE round_id = ? AND status = 'not_audited'`, r.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE rounds SET status = 'open', closed_at = NULL WHERE id = ?", r.ID); err != nil {
			return err
		}
		return s.recordChange(ctx, tx, "round", r.ID, "reopen", map[string]string{"name": r.Name, "reason": reason})
	})
}

// allDigits says whether s is a round number: ASCII digits only (strconv also reads "+1").
func allDigits(s string) bool {
	return s != "" && !strings.ContainsFunc(s, func(r rune) bool { return r < '0' || r > '9' })
}

// noOpenRound refuses when a round is open: one round is open at a time.
func noOpenRound(ctx context.Context, tx *txn) error {
	var other string
	err := tx.QueryRowContext(ctx, "SELECT name FROM rounds WHERE status = 'open'").Scan(&other)
	if err == nil {
		return fault(ErrRoundState, "round %s is still open; close it first (one round is open at a time)", other)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	return err
}
