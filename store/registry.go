package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"phoneaudit/scoring"
)

// Office is one key office (科室/岗位) of a department.
type Office struct {
	ID         int64
	Department string
	Name       string
	Phone      string
	Category   string
	Active     bool
	MergedInto int64 // 0 unless merged into another office
}

// Label is "department · office".
func (o Office) Label() string { return o.Department + " · " + o.Name }

// OfficeInput is one office of an import or an edit. Line is its line in the file (0 if none).
type OfficeInput struct {
	Line       int
	Department string
	Name       string
	Phone      string
	Category   string
}

// Auditor is a person who calls or leads.
type Auditor struct {
	ID          int64
	Name        string
	Role        string // "auditor" or "lead"
	Affiliation string
	Active      bool
}

// Scenario is what a caller asks, for an office category and a persona.
type Scenario struct {
	ID       int64
	Category string
	Persona  scoring.Persona
	Question string
}

// ImportReport says what an import did.
type ImportReport struct {
	Added     int
	Updated   int
	Unchanged int
	Skipped   int      // rows left out on purpose (e.g. results of calls not finished)
	Missing   []string // registry entries the file lacks (nothing is deleted)
	Rounds    []string // rounds a results import created
	Hidden    []int    // lines of the file hidden in the workbook, imported all the same (set by imports)
}

// recordChange writes one registry edit with who and when, and appends it to the ledger.
func (s *Store) recordChange(ctx context.Context, tx *txn, entity string, id int64, action string, detail any) error {
	b, err := json.Marshal(detail)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx,
		"INSERT INTO changes(at, by, entity, entity_id, action, detail) VALUES(?, ?, ?, ?, ?, ?)",
		tx.now, s.actor, entity, id, action, string(b))
	if err != nil {
		return err
	}
	change, err := res.LastInsertId()
	if err != nil {
		return err
	}
	return appendRecord(ctx, tx, changeKind(entity, action), change, s.actor)
}

func departmentID(ctx context.Context, tx *txn, s *Store, name string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, "SELECT id FROM departments WHERE name = ?", name).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	res, err := tx.ExecContext(ctx, "INSERT INTO departments(name) VALUES(?)", name)
	if err != nil {
		return 0, err
	}
	id, err = res.LastInsertId()
	if err != nil {
		return 0, err
	}
	return id, s.recordChange(ctx, tx, "department", id, "add", map[string]string{"name": name})
}

// officeKey is how an office is identified: trimmed department name + office name.
func officeKey(dept, name string) string {
	return strings.TrimSpace(dept) + "\x00" + strings.TrimSpace(name)
}

// UpsertOffices adds the offices that are new and updates the phone and category of the
// others, in one transaction: one bad row and nothing is written. It reports the offices of
// the database that the input lacks; it deletes nothing.
func (s *Store) UpsertOffices(ctx context.Context, in []OfficeInput) (ImportReport, error) {
	if err := s.leadOnly(ctx, ActionChangeOffices); err != nil {
		return ImportReport{}, err
	}
	var rep ImportReport
	seen := map[string]int{}
	for _, o := range in {
		if o.Department == "" || o.Name == "" {
			return rep, fault(ErrInvalid, "line %d: department and office must not be empty", o.Line)
		}
		k := officeKey(o.Department, o.Name)
		if first, dup := seen[k]; dup {
			return rep, fault(ErrInvalid, "line %d: %s · %s is the same office as line %d", o.Line, o.Department, o.Name, first)
		}
		seen[k] = o.Line
	}
	err := s.inTx(ctx, func(tx *txn) error {
		rep = ImportReport{}
		for _, o := range in {
			if err := s.upsertOffice(ctx, tx, o, &rep); err != nil {
				return fault(err, "line %d", o.Line)
			}
		}
		rows, err := tx.QueryContext(ctx, `SELECT d.name, o.name FROM offices o JOIN departments d ON d.id = o.department_id
			WHERE o.active = 1 AND o.merged_into IS NULL ORDER BY d.name, o.name`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var d, n string
			if err := rows.Scan(&d, &n); err != nil {
				return err
			}
			if _, ok := seen[officeKey(d, n)]; !ok {
				rep.Missing = append(rep.Missing, d+" · "+n)
			}
		}
		return rows.Err()
	})
	return rep, err
}

func (s *Store) upsertOffice(ctx context.Context, tx *txn, o OfficeInput, rep *ImportReport) error {
	deptID, err := departmentID(ctx, tx, s, o.Department)
	if err != nil {
		return err
	}
	var id int64
	var phone, category string
	err = tx.QueryRowContext(ctx, "SELECT id, phone, category FROM offices WHERE department_id = ? AND name = ?",
		deptID, o.Name).Scan(&id, &phone, &category)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		res, err := tx.ExecContext(ctx, "INSERT INTO offices(department_id, name, phone, category) VALUES(?, ?, ?, ?)",
			deptID, o.Name, o.Phone, o.Category)
		if err != nil {
			return err
		}
		id, _ = res.LastInsertId()
		rep.Added++
		return s.recordChange(ctx, tx, "office", id, "add", o)
	case err != nil:
		return err
	case phone == o.Phone && category == o.Category:
		rep.Unchanged++
		return nil
	}
	if _, err := tx.ExecContext(ctx, "UPDATE offices SET phone = ?, category = ? WHERE id = ?", o.Phone, o.Category, id); err != nil {
		return err
	}
	rep.Updated++
	return s.recordChange(ctx, tx, "office", id, "update", map[string]string{
		"phone_was": phone, "phone": o.Phone, "category_was": category, "category": o.Category})
}

const officeColumns = `o.id, d.name, o.name, o.phone, o.category, o.active, coalesce(o.merged_into, 0)`

func scanOffice(sc scanner) (Office, error) {
	var o Office
	err := sc.Scan(&o.ID, &o.Department, &o.Name, &o.Phone, &o.Category, &o.Active, &o.MergedInto)
	return o, err
}

// Offices lists every office, merged ones included, by department and name.
func (s *Store) Offices(ctx context.Context) ([]Office, error) {
	return queryAll(ctx, s.r, scanOffice, `SELECT `+officeColumns+` FROM offices o
		JOIN departments d ON d.id = o.department_id ORDER BY d.name, o.name`)
}

// FindOffice finds an office by department and office name.
func (s *Store) FindOffice(ctx context.Context, dept, name string) (Office, error) {
	return findOffice(ctx, s.r, dept, name)
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func findOffice(ctx context.Context, q querier, dept, name string) (Office, error) {
	o, err := scanOffice(q.QueryRowContext(ctx, `SELECT `+officeColumns+` FROM offices o
		JOIN departments d ON d.id = o.department_id WHERE d.name = ? AND o.name = ?`,
		strings.TrimSpace(dept), strings.TrimSpace(name)))
	if errors.Is(err, sql.ErrNoRows) {
		return o, fault(ErrNotFound, "no office %s · %s", dept, name)
	}
	return o, mapErr(err)
}

// CountOffices counts offices that are not merged away.
func (s *Store) CountOffices(ctx context.Context) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM offices WHERE merged_into IS NULL").Scan(&n)
	return n, mapErr(err)
}

// SetOffice changes an office's phone and/or category (nil leaves a field as it is).
func (s *Store) SetOffice(ctx context.Context, dept, name string, phone, category *string) error {
	if err := s.leadOnly(ctx, ActionChangeOffices); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *txn) error {
		o, err := findOffice(ctx, tx, dept, name)
		if err != nil {
			return err
		}
		next := o
		if phone != nil {
			next.Phone = *phone
		}
		if category != nil {
			next.Category = *category
		}
		if _, err := tx.ExecContext(ctx, "UPDATE offices SET phone = ?, category = ? WHERE id = ?",
			next.Phone, next.Category, o.ID); err != nil {
			return err
		}
		return s.recordChange(ctx, tx, "office", o.ID, "set", map[string]string{
			"phone_was": o.Phone, "phone": next.Phone, "category_was": o.Category, "category": next.Category})
	})
}

// SetOfficeActive activates or deactivates an office (only active offices are planned).
func (s *Store) SetOfficeActive(ctx context.Context, dept, name string, active bool) error {
	if err := s.leadOnly(ctx, ActionChangeOffices); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *txn) error {
		o, err := findOffice(ctx, tx, dept, name)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE offices SET active = ? WHERE id = ?", active, o.ID); err != nil {
			return err
		}
		action := "deactivate"
		if active {
			action = "activate"
		}
		return s.recordChange(ctx, tx, "office", o.ID, action, map[string]bool{"active_was": o.Active})
	})
}

// RenameOffice gives an office a new department and/or name. Calls already recorded keep the
// names stored on them.
func (s *Store) RenameOffice(ctx context.Context, dept, name, newDept, newName string) error {
	if err := s.leadOnly(ctx, ActionChangeOffices); err != nil {
		return err
	}
	newDept, newName = strings.TrimSpace(newDept), strings.TrimSpace(newName)
	if newDept == "" || newName == "" {
		return fault(ErrInvalid, "the new department and office names must not be empty")
	}
	return s.inTx(ctx, func(tx *txn) error {
		o, err := findOffice(ctx, tx, dept, name)
		if err != nil {
			return err
		}
		if _, err := findOffice(ctx, tx, newDept, newName); err == nil {
			return fault(ErrAlreadyExist, "%s · %s already exists (use merge to join two offices)", newDept, newName)
		}
		deptID, err := departmentID(ctx, tx, s, newDept)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE offices SET department_id = ?, name = ? WHERE id = ?", deptID, newName, o.ID); err != nil {
			return err
		}
		return s.recordChange(ctx, tx, "office", o.ID, "rename", map[string]string{
			"department_was": o.Department, "name_was": o.Name, "department": newDept, "name": newName})
	})
}

// MergeOffice joins office from into office into: from is deactivated and points to into, and
// into's audits and streaks are recomputed over both histories.
func (s *Store) MergeOffice(ctx context.Context, fromDept, fromName, intoDept, intoName string) error {
	if err := s.leadOnly(ctx, ActionChangeOffices); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *txn) error {
		from, err := findOffice(ctx, tx, fromDept, fromName)
		if err != nil {
			return err
		}
		into, err := findOffice(ctx, tx, intoDept, intoName)
		if err != nil {
			return err
		}
		if from.ID == into.ID {
			return fault(ErrInvalid, "an office cannot be merged into itself")
		}
		if from.MergedInto != 0 {
			return fault(ErrInvalid, "%s was already merged", from.Label())
		}
		target, err := canonicalOffice(ctx, tx, into.ID)
		if err != nil {
			return err
		}
		if target == from.ID {
			return fault(ErrInvalid, "%s was merged into %s: merging back would make a loop", into.Label(), from.Label())
		}
		if _, err := tx.ExecContext(ctx, "UPDATE offices SET merged_into = ?, active = 0 WHERE id = ?", target, from.ID); err != nil {
			return err
		}
		// Offices merged into from now follow it to the target.
		if _, err := tx.ExecContext(ctx, "UPDATE offices SET merged_into = ? WHERE merged_into = ?", target, from.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM audits WHERE office_id = ?", from.ID); err != nil {
			return err
		}
		if err := rebuildAudits(ctx, tx, target); err != nil {
			return err
		}
		return s.recordChange(ctx, tx, "office", from.ID, "merge", map[string]string{
			"from": from.Label(), "into": into.Label()})
	})
}

// Change is one recorded registry edit.
type Change struct {
	At, By, Entity, Action, Detail string
	EntityID                       int64
}

// Changes lists registry edits, newest first.
func (s *Store) Changes(ctx context.Context, limit int) ([]Change, error) {
	if err := s.leadOnly(ctx, ActionReadChanges); err != nil {
		return nil, err
	}
	return queryAll(ctx, s.r, func(sc scanner) (Change, error) {
		var c Change
		err := sc.Scan(&c.At, &c.By, &c.Entity, &c.EntityID, &c.Action, &c.Detail)
		return c, err
	}, "SELECT at, by, entity, coalesce(entity_id, 0), action, detail FROM changes ORDER BY id DESC LIMIT ?", limit)
}
