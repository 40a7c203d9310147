package store

import (
	"context"
	"database/sql"
	"slices"

	"phoneaudit/scoring"
)

// Amendments lists the amendments of a call, oldest first, each with the call's result before
// and after it and, for a sheet, its answers before and after.
func (s *Store) Amendments(ctx context.Context, callID int64) ([]Amendment, error) {
	if err := s.leadOnly(ctx, ActionReadAmendments); err != nil {
		return nil, err
	}
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, mapErr(err)
	}
	defer tx.Rollback()
	c, err := getCall(ctx, tx, callID)
	if err != nil {
		return nil, err
	}
	out, err := amendmentsOf(ctx, tx, c)
	return out, mapErr(err)
}

func (s *Store) amendment(ctx context.Context, id int64) (Amendment, error) {
	var callID int64
	if err := s.r.QueryRowContext(ctx, "SELECT call_id FROM amendments WHERE id = ?", id).Scan(&callID); err != nil {
		return Amendment{}, mapErr(err)
	}
	all, err := s.Amendments(ctx, callID)
	if err != nil {
		return Amendment{}, err
	}
	if i := slices.IndexFunc(all, func(a Amendment) bool { return a.ID == id }); i >= 0 {
		return all[i], nil
	}
	return Amendment{}, fault(ErrNotFound, "amendment %d", id)
}

// amendmentsOf reads a call's amendments and chains them: each one's Before is the one before's
// After, the first one's the call's original result.
func amendmentsOf(ctx context.Context, q querier, c Call) ([]Amendment, error) {
	out, err := queryAll(ctx, q, func(sc scanner) (Amendment, error) { return scanAmendment(sc, c) },
		`SELECT m.id, coalesce(m.sheet_id, 0), coalesce(a.name, ''), coalesce(s.kind, '') = 'consensus',
			m.at, m.by, m.reason, coalesce(m.answers, ''), coalesce(m.new_problem, 0), m.new_total, coalesce(m.new_reasons, ''),
			m.scored, m.total, coalesce(m.grade, ''), m.problem, m.reasons, m.after_publication
		FROM amendments m LEFT JOIN sheets s ON s.id = m.sheet_id LEFT JOIN auditors a ON a.id = s.rater_id
		WHERE m.call_id = ? ORDER BY m.id`, c.ID)
	if err != nil {
		return nil, err
	}
	return out, chainAmendments(ctx, q, c, out)
}

func scanAmendment(rows scanner, c Call) (Amendment, error) {
	a := Amendment{CallID: c.ID}
	var at, answers, reasons string
	var newTotal, total sql.NullFloat64
	err := rows.Scan(&a.ID, &a.SheetID, &a.Rater, &a.Consensus, &at, &a.By, &a.Reason, &answers, &a.Problem,
		&newTotal, &a.ReasonsText, &a.After.Scored, &total, &a.After.Grade, &a.After.Problem, &reasons, &a.AfterPublication)
	if err != nil {
		return a, err
	}
	a.At, _ = parseTime(at)
	if newTotal.Valid {
		a.Total = &newTotal.Float64
	}
	a.After.Status, a.After.Total = c.Status, total.Float64
	if a.After.Reasons, err = decodeReasons(reasons); err != nil {
		return a, err
	}
	if a.SheetID != 0 {
		a.Answers, err = decodeAnswers(answers)
	}
	return a, err
}

// chainAmendments fills in what each amendment replaced.
func chainAmendments(ctx context.Context, q querier, c Call, as []Amendment) error {
	before := c.Original
	sheetAnswers := map[int64]scoring.Answers{}
	for i := range as {
		as[i].Before, before = before, as[i].After
		id := as[i].SheetID
		if id == 0 {
			continue
		}
		prev, ok := sheetAnswers[id]
		if !ok {
			var err error
			if prev, err = answersOf(ctx, q, id); err != nil {
				return err
			}
		}
		as[i].Previous, sheetAnswers[id] = prev, as[i].Answers
	}
	return nil
}
