package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"phoneaudit/scoring"
)

// exportData reads the round, its rubric, its calls with their attempts and sheets.
func (s *Store) exportData(ctx context.Context, roundID int64) (*exportData, error) {
	loc, err := s.Location(ctx)
	if err != nil {
		return nil, err
	}
	tx, err := s.r.BeginTx(ctx, nil)
	if err != nil {
		return nil, mapErr(err)
	}
	defer tx.Rollback()
	d := &exportData{loc: loc}
	d.round, err = scanRound(tx.QueryRowContext(ctx, "SELECT "+roundColumns+" FROM rounds r WHERE r.id = ?", roundID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("no round with id %d: %w", roundID, ErrNotFound)
	}
	if err != nil {
		return nil, mapErr(err)
	}
	if d.round.RubricVersion != 0 {
		if d.rubric, err = s.rubricVersion(ctx, tx, d.round.RubricVersion); err != nil {
			return nil, err
		}
	}
	for _, load := range []func(context.Context, *sql.Tx) error{d.loadCalls, d.loadAttempts, d.loadSheets, d.loadAmendments} {
		if err := load(ctx, tx); err != nil {
			return nil, mapErr(err)
		}
	}
	return d, nil
}

func (d *exportData) loadCalls(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, "SELECT "+callColumns+", ("+effTotal+") IS NOT NULL"+callJoins+" WHERE c.round_id = ?", d.round.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	d.hasTotal = map[int64]bool{}
	for rows.Next() {
		var has bool
		c, err := scanCall(extraColumns{rows, []any{&has}})
		if err != nil {
			return err
		}
		d.hasTotal[c.ID] = has
		d.calls = append(d.calls, c)
	}
	slices.SortStableFunc(d.calls, func(a, b Call) int {
		return cmp.Or(cmp.Compare(a.Department, b.Department), cmp.Compare(a.Office, b.Office), cmp.Compare(a.ID, b.ID))
	})
	return rows.Err()
}

// extraColumns lets scanCall read a row that has more columns after the call's.
type extraColumns struct {
	rows  *sql.Rows
	extra []any
}

func (e extraColumns) Scan(dest ...any) error { return e.rows.Scan(append(dest, e.extra...)...) }

func (d *exportData) loadAttempts(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT a.call_id, a.at, a.outcome FROM attempts a JOIN calls c ON c.id = a.call_id
		WHERE c.round_id = ? ORDER BY a.call_id, a.at, a.id`, d.round.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	d.attempts = map[int64][]scoring.Attempt{}
	for rows.Next() {
		var id int64
		var at string
		var a scoring.Attempt
		if err := rows.Scan(&id, &at, &a.Outcome); err != nil {
			return err
		}
		a.At, _ = parseTime(at)
		d.attempts[id] = append(d.attempts[id], a)
	}
	return rows.Err()
}

// loadSheets reads every sheet of the round's calls with its answers: live and submitted ones,
// and those abandoned or dropped, which the sheet export lists marked.
func (d *exportData) loadSheets(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT s.id, s.call_id, a.name, s.kind, s.status, s.total
		FROM sheets s JOIN auditors a ON a.id = s.rater_id JOIN calls c ON c.id = s.call_id
		WHERE c.round_id = ? ORDER BY s.call_id, s.id`, d.round.ID)
	if err != nil {
		return err
	}
	d.sheets = map[int64][]exportSheet{}
	for rows.Next() {
		var sh exportSheet
		var callID int64
		var kind, status string
		if err := rows.Scan(&sh.id, &callID, &sh.rater, &kind, &status, &sh.total); err != nil {
			rows.Close()
			return err
		}
		sh.consensus, sh.submitted, sh.status, sh.answers = kind == "consensus", status == "submitted", status, scoring.Answers{}
		d.sheets[callID] = append(d.sheets[callID], sh)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	byID := map[int64]*exportSheet{}
	for _, list := range d.sheets {
		for i := range list {
			byID[list[i].id] = &list[i]
		}
	}
	return d.loadAnswers(ctx, tx, byID)
}

func (d *exportData) loadAnswers(ctx context.Context, tx *sql.Tx, byID map[int64]*exportSheet) error {
	rows, err := tx.QueryContext(ctx, `SELECT an.sheet_id, an.criterion, an.value FROM answers an
		JOIN sheets s ON s.id = an.sheet_id JOIN calls c ON c.id = s.call_id
		WHERE c.round_id = ?`, d.round.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var k string
		var v int
		if err := rows.Scan(&id, &k, &v); err != nil {
			return err
		}
		if sh, ok := byID[id]; ok {
			sh.answers[k] = v
		}
	}
	return rows.Err()
}

// loadAmendments reads the round's amendments: the words of the 修正 column, and each amended
// sheet's latest answers in place of its original ones.
func (d *exportData) loadAmendments(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT m.call_id, coalesce(m.sheet_id, 0), coalesce(m.answers, ''), m.reason, m.by, m.at,
			m.after_publication
		FROM amendments m JOIN calls c ON c.id = m.call_id WHERE c.round_id = ? ORDER BY m.id`, d.round.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	d.amends = map[int64][]string{}
	for rows.Next() {
		var callID, sheetID int64
		var answers, reason, by, at string
		var after bool
		if err := rows.Scan(&callID, &sheetID, &answers, &reason, &by, &at, &after); err != nil {
			return err
		}
		note := reason + "（" + by
		if t, err := parseTime(at); err == nil {
			note += " " + t.In(d.loc).Format(time.DateOnly)
		}
		note += "）"
		if after {
			note += "（发布后）"
		}
		d.amends[callID] = append(d.amends[callID], note)
		if sheetID != 0 {
			if err := d.amendSheet(callID, sheetID, answers); err != nil {
				return err
			}
		}
	}
	return rows.Err()
}

func (d *exportData) amendSheet(callID, sheetID int64, body string) error {
	a, err := decodeAnswers(body)
	if err != nil {
		return err
	}
	for i, sh := range d.sheets[callID] {
		if sh.id == sheetID {
			d.sheets[callID][i].answers, d.sheets[callID][i].amended = a, true
		}
	}
	return nil
}
