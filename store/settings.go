package store

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"time"
)

// Setting reads one setting; ok is false when it was never set.
func (s *Store) Setting(ctx context.Context, key string) (value string, ok bool, err error) {
	err = s.r.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&value)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return value, err == nil, mapErr(err)
}

// SetSetting stores one setting.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	return s.inTx(ctx, func(tx *txn) error {
		_, err := tx.ExecContext(ctx,
			"INSERT INTO settings(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
			key, value)
		return err
	})
}

// DefaultZone is the city's time zone unless `settings tz` changes it.
const DefaultZone = "Asia/Shanghai"

// Location is the city's time zone, in which times are shown and working hours apply.
func (s *Store) Location(ctx context.Context) (*time.Location, error) {
	name, ok, err := s.Setting(ctx, "tz")
	if err != nil {
		return nil, err
	}
	if !ok {
		name = DefaultZone
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fault(err, "the stored time zone %q is unknown", name)
	}
	return loc, nil
}

// SetTimeZone checks and stores the city's time zone.
func (s *Store) SetTimeZone(ctx context.Context, name string) error {
	if err := s.leadOnly(ctx, ActionSetTimeZone); err != nil {
		return err
	}
	if _, err := time.LoadLocation(name); err != nil || name == "" || name == "Local" {
		return fault(ErrInvalid, "unknown time zone %q: use a name such as Asia/Shanghai", name)
	}
	return s.SetSetting(ctx, "tz", name)
}

// RememberedUser is the auditor an OS user chose on a first start; ok is false when none was.
func (s *Store) RememberedUser(ctx context.Context, osUser string) (name string, ok bool, err error) {
	return s.Setting(ctx, "user:"+osUser)
}

// RememberUser records which auditor an OS user is, so the next start needs no picker.
func (s *Store) RememberUser(ctx context.Context, osUser, name string) error {
	if _, err := s.FindAuditor(ctx, name); err != nil {
		return err
	}
	return s.SetSetting(ctx, "user:"+osUser, name)
}

// LatestSchema is the schema version this phoneaudit writes: the number of its migrations.
func LatestSchema() int {
	names, _ := fs.Glob(migrationFiles, "migrations/*.sql")
	return len(names)
}
