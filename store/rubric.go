package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"phoneaudit/scoring"
)

// LoadRubric validates r and stores it as a new version, which becomes current: rounds created
// from now on use it; older rounds keep theirs.
func (s *Store) LoadRubric(ctx context.Context, r scoring.Rubric) (int, error) {
	if err := s.leadOnly(ctx, ActionLoadRubric); err != nil {
		return 0, err
	}
	if err := r.Validate(); err != nil {
		return 0, err
	}
	var version int
	err := s.inTx(ctx, func(tx *txn) error {
		if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(version), 0) + 1 FROM rubrics").Scan(&version); err != nil {
			return err
		}
		r.Version = version
		_, err := tx.ExecContext(ctx, "INSERT INTO rubrics(version, name, body, loaded_at, loaded_by) VALUES(?, ?, ?, ?, ?)",
			version, r.Name, string(scoring.FormatRubric(r)), tx.now, s.actor)
		return err
	})
	return version, err
}

// Rubric reads one rubric version; version 0 means the current one.
func (s *Store) Rubric(ctx context.Context, version int) (scoring.Rubric, error) {
	return readRubric(ctx, s.r, version)
}

func readRubric(ctx context.Context, q querier, version int) (scoring.Rubric, error) {
	var body string
	var err error
	if version == 0 {
		err = q.QueryRowContext(ctx, "SELECT version, body FROM rubrics ORDER BY version DESC LIMIT 1").Scan(&version, &body)
	} else {
		err = q.QueryRowContext(ctx, "SELECT body FROM rubrics WHERE version = ?", version).Scan(&body)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return scoring.Rubric{}, fault(ErrNotFound, "no rubric version %d", version)
	}
	if err != nil {
		return scoring.Rubric{}, mapErr(err)
	}
	r, err := scoring.ParseRubric([]byte(body))
	if err != nil {
		return r, fault(err, "stored rubric version %d is damaged", version)
	}
	r.Version = version
	return r, nil
}

// RubricVersion describes one stored rubric version.
type RubricVersion struct {
	Version  int
	Name     string
	LoadedAt time.Time
	LoadedBy string
}

// RubricVersions lists the stored versions, oldest first.
func (s *Store) RubricVersions(ctx context.Context) ([]RubricVersion, error) {
	return queryAll(ctx, s.r, func(sc scanner) (RubricVersion, error) {
		var v RubricVersion
		var at string
		err := sc.Scan(&v.Version, &v.Name, &at, &v.LoadedBy)
		v.LoadedAt, _ = parseTime(at)
		return v, err
	}, "SELECT version, name, loaded_at, loaded_by FROM rubrics ORDER BY version")
}

// CalendarDay is one loaded calendar entry: a holiday (休, Off) or a make-up working day (班).
type CalendarDay struct {
	Day string // 2006-01-02
	Off bool
}

// LoadCalendar stores calendar days, replacing what was stored for those days.
func (s *Store) LoadCalendar(ctx context.Context, days []CalendarDay) error {
	if err := s.leadOnly(ctx, ActionLoadCalendar); err != nil {
		return err
	}
	for _, d := range days {
		if _, err := time.Parse("2006-01-02", d.Day); err != nil {
			return fault(ErrInvalid, "calendar date %q is not a date like 2026-10-01", d.Day)
		}
	}
	return s.inTx(ctx, func(tx *txn) error {
		for _, d := range days {
			kind := "on"
			if d.Off {
				kind = "off"
			}
			if _, err := tx.ExecContext(ctx, "INSERT INTO calendar(day, kind) VALUES(?, ?) ON CONFLICT(day) DO UPDATE SET kind = excluded.kind",
				d.Day, kind); err != nil {
				return err
			}
		}
		return s.recordChange(ctx, tx, "calendar", 0, "load", map[string]int{"days": len(days)})
	})
}

// CalendarDays lists the loaded days of a year (0: every year).
func (s *Store) CalendarDays(ctx context.Context, year int) ([]CalendarDay, error) {
	q := "SELECT day, kind FROM calendar ORDER BY day"
	args := []any{}
	if year != 0 {
		q = "SELECT day, kind FROM calendar WHERE day >= ? AND day < ? ORDER BY day"
		args = append(args, fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-01-01", year+1))
	}
	return queryAll(ctx, s.r, func(sc scanner) (CalendarDay, error) {
		var d CalendarDay
		var kind string
		err := sc.Scan(&d.Day, &kind)
		d.Off = kind == "off"
		return d, err
	}, q, args...)
}

// Calendar is the loaded calendar as the scoring rules use it.
func (s *Store) Calendar(ctx context.Context) (scoring.Calendar, error) {
	days, err := s.CalendarDays(ctx, 0)
	cal := scoring.Calendar{Off: map[string]bool{}, On: map[string]bool{}}
	for _, d := range days {
		if d.Off {
			cal.Off[d.Day] = true
		} else {
			cal.On[d.Day] = true
		}
	}
	return cal, err
}
