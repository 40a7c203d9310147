package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
)

// The auditors and the scenarios of the registry.

// UpsertAuditors adds new auditors and updates the role and affiliation of known ones.
func (s *Store) UpsertAuditors(ctx context.Context, in []Auditor, lines []int) (ImportReport, error) {
	if err := s.leadOnly(ctx, ActionChangeAuditors); err != nil {
		return ImportReport{}, err
	}
	var rep ImportReport
	seen := map[string]int{}
	for i, a := range in {
		if a.Role != "auditor" && a.Role != "lead" {
			return rep, fault(ErrInvalid, "line %d: role %q must be auditor or lead", lineAt(lines, i), a.Role)
		}
		if first, dup := seen[a.Name]; dup {
			return rep, fault(ErrInvalid, "line %d: %s is already on line %d (names are the key: write 张伟(人社) and 张伟(城管))", lineAt(lines, i), a.Name, first)
		}
		seen[a.Name] = lineAt(lines, i)
	}
	err := s.inTx(ctx, func(tx *txn) error {
		rep = ImportReport{}
		for i, a := range in {
			if err := s.upsertAuditor(ctx, tx, a, &rep); err != nil {
				return fault(err, "line %d", lineAt(lines, i))
			}
		}
		return nil
	})
	return rep, err
}

func lineAt(lines []int, i int) int {
	if i < len(lines) {
		return lines[i]
	}
	return i + 1
}

func (s *Store) upsertAuditor(ctx context.Context, tx *txn, a Auditor, rep *ImportReport) error {
	var id int64
	var role, aff string
	err := tx.QueryRowContext(ctx, "SELECT id, role, affiliation FROM auditors WHERE name = ?", a.Name).Scan(&id, &role, &aff)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		res, err := tx.ExecContext(ctx, "INSERT INTO auditors(name, role, affiliation) VALUES(?, ?, ?)", a.Name, a.Role, a.Affiliation)
		if err != nil {
			return err
		}
		id, _ = res.LastInsertId()
		rep.Added++
		return s.recordChange(ctx, tx, "auditor", id, "add", a)
	case err != nil:
		return err
	case role == a.Role && aff == a.Affiliation:
		rep.Unchanged++
		return nil
	}
	if _, err := tx.ExecContext(ctx, "UPDATE auditors SET role = ?, affiliation = ? WHERE id = ?", a.Role, a.Affiliation, id); err != nil {
		return err
	}
	rep.Updated++
	return s.recordChange(ctx, tx, "auditor", id, "update", map[string]string{
		"role_was": role, "role": a.Role, "affiliation_was": aff, "affiliation": a.Affiliation})
}

// Auditors lists every auditor by name.
func (s *Store) Auditors(ctx context.Context) ([]Auditor, error) {
	return queryAll(ctx, s.r, func(sc scanner) (Auditor, error) {
		var a Auditor
		err := sc.Scan(&a.ID, &a.Name, &a.Role, &a.Affiliation, &a.Active)
		return a, err
	}, "SELECT id, name, role, affiliation, active FROM auditors ORDER BY name")
}

// FindAuditor finds an auditor by name.
func (s *Store) FindAuditor(ctx context.Context, name string) (Auditor, error) {
	var a Auditor
	err := s.r.QueryRowContext(ctx, "SELECT id, name, role, affiliation, active FROM auditors WHERE name = ?",
		strings.TrimSpace(name)).Scan(&a.ID, &a.Name, &a.Role, &a.Affiliation, &a.Active)
	if errors.Is(err, sql.ErrNoRows) {
		return a, fault(ErrNotFound, "no auditor named %s", name)
	}
	return a, mapErr(err)
}

// AddScenarios adds scenarios; ones already stored are counted as unchanged.
func (s *Store) AddScenarios(ctx context.Context, in []Scenario, lines []int) (ImportReport, error) {
	if err := s.leadOnly(ctx, ActionChangeScenarios); err != nil {
		return ImportReport{}, err
	}
	var rep ImportReport
	err := s.inTx(ctx, func(tx *txn) error {
		rep = ImportReport{}
		for i, sc := range in {
			res, err := tx.ExecContext(ctx,
				"INSERT INTO scenarios(category, persona, question) VALUES(?, ?, ?) ON CONFLICT DO NOTHING",
				sc.Category, string(sc.Persona), sc.Question)
			if err != nil {
				return fault(err, "line %d", lineAt(lines, i))
			}
			if n, _ := res.RowsAffected(); n == 1 {
				rep.Added++
			} else {
				rep.Unchanged++
			}
		}
		return nil
	})
	return rep, err
}

// Scenarios lists every scenario by category, persona and question.
func (s *Store) Scenarios(ctx context.Context) ([]Scenario, error) {
	return queryAll(ctx, s.r, func(row scanner) (Scenario, error) {
		var sc Scenario
		err := row.Scan(&sc.ID, &sc.Category, &sc.Persona, &sc.Question)
		return sc, err
	}, "SELECT id, category, persona, question FROM scenarios ORDER BY category, persona, question")
}
