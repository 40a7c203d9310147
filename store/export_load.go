package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"slices"
	"time"

	"phoneaudit/scoring"
)

// RoundExport is everything an export of a round lays out (package imports words it as a
// table), read in one transaction so the rows agree.
type RoundExport struct {
	Round    Round
	Rubric   scoring.Rubric // zero for an imported round
	Loc      *time.Location
	Calls    []Call // by department, office and id
	HasTotal map[int64]bool
	Attempts map[int64][]scoring.Attempt
	Sheets   map[int64][]ExportSheet
	Amends   map[int64][]ExportAmendment // by call, oldest first
}

// ExportSheet is one score sheet of a call, as the export needs it.
type ExportSheet struct {
	ID        int64
	Rater     string
	Consensus bool
	Submitted bool
	Status    string // draft, submitted, abandoned, dropped
	Total     *float64
	Answers   scoring.Answers
	Amended   bool // answers are the latest amendment's; total is to be worked out from them
}

// ExportAmendment is one amendment of a call, for the 修正 column.
type ExportAmendment struct {
	Reason, By       string
	At               time.Time // zero if the stored time does not parse
	AfterPublication bool
}

// ExportRound reads a round for an export: the round, its rubric, its calls with their
// attempts, sheets and amendments.
func (s *Store) ExportRound(ctx context.Context, roundID int64) (RoundExport, error) {
	if err := s.leadOnly(ctx, ActionExportResults); err != nil {
		return RoundExport{}, err
	}
	d, err := s.exportData(ctx, roundID)
	if err != nil {
		return RoundExport{}, err
	}
	return d.RoundExport, nil
}

// exportData is a RoundExport being read.
type exportData struct{ RoundExport }

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
	d := &exportData{RoundExport{Loc: loc}}
	d.Round, err = scanRound(tx.QueryRowContext(ctx, "SELECT "+roundColumns+" FROM rounds r WHERE r.id = ?", roundID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fault(ErrNotFound, "no round with id %d", roundID)
	}
	if err != nil {
		return nil, mapErr(err)
	}
	if d.Round.RubricVersion != 0 {
		if d.Rubric, err = s.rubricVersion(ctx, tx, d.Round.RubricVersion); err != nil {
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
	rows, err := tx.QueryContext(ctx, "SELECT "+callColumns+", ("+effTotal+") IS NOT NULL"+callJoins+" WHERE c.round_id = ?", d.Round.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	d.HasTotal = map[int64]bool{}
	for rows.Next() {
		var has bool
		c, err := scanCall(extraColumns{rows, []any{&has}})
		if err != nil {
			return err
		}
		d.HasTotal[c.ID] = has
		d.Calls = append(d.Calls, c)
	}
	slices.SortStableFunc(d.Calls, func(a, b Call) int {
		return cmp.Or(cmp.Compare(a.Department, b.Department), cmp.Compare(a.Office, b.Office), cmp.Compare(a.ID, b.ID))
	})
	return rows.Err()
}

// extraColumns lets scanCall read a row that has more columns after the call's.
type extraColumns struct {
	rows  scanner
	extra []any
}

func (e extraColumns) Scan(dest ...any) error { return e.rows.Scan(append(dest, e.extra...)...) }

func (d *exportData) loadAttempts(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT a.call_id, a.at, a.outcome FROM attempts a JOIN calls c ON c.id = a.call_id
		WHERE c.round_id = ? ORDER BY a.call_id, a.at, a.id`, d.Round.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	d.Attempts = map[int64][]scoring.Attempt{}
	for rows.Next() {
		var id int64
		var at string
		var a scoring.Attempt
		if err := rows.Scan(&id, &at, &a.Outcome); err != nil {
			return err
		}
		a.At, _ = parseTime(at)
		d.Attempts[id] = append(d.Attempts[id], a)
	}
	return rows.Err()
}

// loadSheets reads every sheet of the round's calls with its answers: live and submitted ones,
// and those abandoned or dropped, which the sheet export lists marked.
func (d *exportData) loadSheets(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT s.id, s.call_id, a.name, s.kind, s.status, s.total
		FROM sheets s JOIN auditors a ON a.id = s.rater_id JOIN calls c ON c.id = s.call_id
		WHERE c.round_id = ? ORDER BY s.call_id, s.id`, d.Round.ID)
	if err != nil {
		return err
	}
	d.Sheets = map[int64][]ExportSheet{}
	for rows.Next() {
		var sh ExportSheet
		var callID int64
		var kind, status string
		var total sql.NullFloat64
		if err := rows.Scan(&sh.ID, &callID, &sh.Rater, &kind, &status, &total); err != nil {
			rows.Close()
			return err
		}
		if total.Valid {
			sh.Total = &total.Float64
		}
		sh.Consensus, sh.Submitted, sh.Status, sh.Answers = kind == "consensus", status == "submitted", status, scoring.Answers{}
		d.Sheets[callID] = append(d.Sheets[callID], sh)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	byID := map[int64]*ExportSheet{}
	for _, list := range d.Sheets {
		for i := range list {
			byID[list[i].ID] = &list[i]
		}
	}
	return d.loadAnswers(ctx, tx, byID)
}

func (d *exportData) loadAnswers(ctx context.Context, tx *sql.Tx, byID map[int64]*ExportSheet) error {
	rows, err := tx.QueryContext(ctx, `SELECT an.sheet_id, an.criterion, an.value FROM answers an
		JOIN sheets s ON s.id = an.sheet_id JOIN calls c ON c.id = s.call_id
		WHERE c.round_id = ?`, d.Round.ID)
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
			sh.Answers[k] = v
		}
	}
	return rows.Err()
}

// loadAmendments reads the round's amendments, and puts each amended sheet's latest answers in
// place of its original ones.
func (d *exportData) loadAmendments(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT m.call_id, coalesce(m.sheet_id, 0), coalesce(m.answers, ''), m.reason, m.by, m.at,
			m.after_publication
		FROM amendments m JOIN calls c ON c.id = m.call_id WHERE c.round_id = ? ORDER BY m.id`, d.Round.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	d.Amends = map[int64][]ExportAmendment{}
	for rows.Next() {
		var callID, sheetID int64
		var answers, reason, by, at string
		var after bool
		if err := rows.Scan(&callID, &sheetID, &answers, &reason, &by, &at, &after); err != nil {
			return err
		}
		m := ExportAmendment{Reason: reason, By: by, AfterPublication: after}
		m.At, _ = parseTime(at)
		d.Amends[callID] = append(d.Amends[callID], m)
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
	for i, sh := range d.Sheets[callID] {
		if sh.ID == sheetID {
			d.Sheets[callID][i].Answers, d.Sheets[callID][i].Amended = a, true
		}
	}
	return nil
}
