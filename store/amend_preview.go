package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"time"

	"phoneaudit/scoring"
)

// AmendPreview is what an amendment would do, worked out by making it in a transaction that is
// then rolled back: the call's result before and after, and the office's streak as of the
// call's round before and after (its flag is scoring.LevelOf the streak).
type AmendPreview struct {
	CallID                    int64
	RoundNumber               int
	Before, After             scoring.Result
	StreakBefore, StreakAfter int
	Head                      string    // the ledger head the preview was worked out at (AmendSheetAt)
	Published                 bool      // the call's round is published
	PublishedAt               time.Time // when, if it is
	// Corrections are the published rounds (the call's, and later ones whose streaks it moves)
	// whose data would then differ from what was last published of them: what the correction
	// would say, and what it would do to the notices.
	Corrections []CorrectionState
}

// errPreviewed ends a preview's transaction so that it rolls back.
var errPreviewed = errors.New("amendment previewed")

// PreviewAmendSheet is what AmendSheet with these arguments would do, refused where it would be
// refused; nothing is written.
func (s *Store) PreviewAmendSheet(ctx context.Context, sheetID int64, answers scoring.Answers, reason string) (AmendPreview, error) {
	if err := s.leadOnly(ctx, ActionAmendSheet); err != nil {
		return AmendPreview{}, err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return AmendPreview{}, fault(ErrInvalid, "an amendment needs a reason")
	}
	return s.preview(ctx, func(tx *txn) (int64, error) {
		var callID int64
		err := tx.QueryRowContext(ctx, "SELECT call_id FROM sheets WHERE id = ?", sheetID).Scan(&callID)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, fault(ErrNotFound, "no score sheet %d", sheetID)
		}
		return callID, err
	}, func(tx *txn) error {
		var id int64
		return s.amendSheetTx(ctx, tx, sheetID, answers, reason, &id)
	})
}

// PreviewAmendResult is what AmendResult with these arguments would do, refused where it would
// be refused; nothing is written.
func (s *Store) PreviewAmendResult(ctx context.Context, callID int64, problem bool, total *float64, reasons, why string) (AmendPreview, error) {
	if err := s.leadOnly(ctx, ActionAmendResult); err != nil {
		return AmendPreview{}, err
	}
	why = strings.TrimSpace(why)
	if why == "" {
		return AmendPreview{}, fault(ErrInvalid, "an amendment needs a reason")
	}
	if total != nil && (*total < 0 || *total > 100) {
		return AmendPreview{}, fault(ErrInvalid, "得分 %s is not a number from 0 to 100", scoring.FormatTotal(*total))
	}
	reasons = strings.TrimSpace(reasons)
	return s.preview(ctx, func(*txn) (int64, error) { return callID, nil }, func(tx *txn) error {
		var id int64
		return s.amendResultTx(ctx, tx, callID, problem, total, reasons, why, &id)
	})
}

// preview reads the call (found by call) and its office's streak, makes the amendment (amend),
// reads them again and rolls everything back.
func (s *Store) preview(ctx context.Context, call func(tx *txn) (int64, error), amend func(tx *txn) error) (AmendPreview, error) {
	var p AmendPreview
	err := s.inTx(ctx, func(tx *txn) error {
		id, err := call(tx)
		if err != nil {
			return err
		}
		if p.Head, err = ledgerHead(ctx, tx); err != nil {
			return err
		}
		if p.Head == zeroHash {
			p.Head = ""
		}
		c, err := getCall(ctx, tx, id)
		if err != nil {
			return err
		}
		p.CallID, p.RoundNumber, p.Before = c.ID, c.RoundNumber, c.Result
		if p.StreakBefore, err = streakAsOf(ctx, tx, c.OfficeID, c.RoundNumber); err != nil {
			return err
		}
		before, err := officeStreaks(ctx, tx, c.OfficeID)
		if err != nil {
			return err
		}
		if err := amend(tx); err != nil {
			return err
		}
		if c, err = getCall(ctx, tx, id); err != nil {
			return err
		}
		p.After = c.Result
		if p.StreakAfter, err = streakAsOf(ctx, tx, c.OfficeID, c.RoundNumber); err != nil {
			return err
		}
		after, err := officeStreaks(ctx, tx, c.OfficeID)
		if err != nil {
			return err
		}
		for _, round := range touchedRounds(c.RoundID, before, after) {
			st, err := correctionState(ctx, tx, round)
			if errors.Is(err, ErrRoundState) || errors.Is(err, ErrNotFound) { // not published
				continue
			}
			if err != nil {
				return err
			}
			if st.Pending() {
				p.Corrections = append(p.Corrections, st)
			}
		}
		var status string
		var at sql.NullString
		if err := tx.QueryRowContext(ctx, "SELECT status, published_at FROM rounds WHERE id = ?", c.RoundID).Scan(&status, &at); err != nil {
			return err
		}
		p.Published = status == RoundPublished
		if at.Valid {
			p.PublishedAt, _ = parseTime(at.String)
		}
		return errPreviewed
	})
	if errors.Is(err, errPreviewed) {
		return p, nil
	}
	return AmendPreview{}, err
}

// streakAsOf is an office's (as merged) streak as of round number: that of its latest audit at
// or before it; 0 when it has none.
func streakAsOf(ctx context.Context, q querier, officeID int64, number int) (int, error) {
	target, err := canonicalOffice(ctx, q, officeID)
	if err != nil {
		return 0, err
	}
	var streak int
	err = q.QueryRowContext(ctx, `SELECT streak FROM audits WHERE office_id = ? AND round_number <= ?
		ORDER BY round_number DESC LIMIT 1`, target, number).Scan(&streak)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return streak, err
}

// MayAmend says whether the actor may amend calls (a lead): nil, else the RoleError that
// AmendSheet would give.
func (s *Store) MayAmend(ctx context.Context) error {
	return s.leadOnly(ctx, ActionAmendSheet)
}

// officeStreaks is the maintained streak of an office (as merged) in each round it was audited
// in, by round id.
func officeStreaks(ctx context.Context, q querier, officeID int64) (map[int64]int, error) {
	target, err := canonicalOffice(ctx, q, officeID)
	if err != nil {
		return nil, err
	}
	type audit struct {
		round  int64
		streak int
	}
	rows, err := queryAll(ctx, q, func(sc scanner) (audit, error) {
		var a audit
		err := sc.Scan(&a.round, &a.streak)
		return a, err
	}, "SELECT round_id, streak FROM audits WHERE office_id = ?", target)
	out := map[int64]int{}
	for _, a := range rows {
		out[a.round] = a.streak
	}
	return out, err
}

// touchedRounds is the amended call's round and every round whose streak of the office moved,
// by id, in id order.
func touchedRounds(callRound int64, before, after map[int64]int) []int64 {
	out := []int64{callRound}
	for id, streak := range after {
		if id != callRound && before[id] != streak {
			out = append(out, id)
		}
	}
	for id := range before {
		if _, ok := after[id]; !ok && id != callRound {
			out = append(out, id)
		}
	}
	slices.Sort(out[1:])
	return out
}
