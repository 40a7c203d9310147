// Package store keeps phoneaudit's data in one SQLite file (modernc.org/sqlite, no cgo):
// the schema and its embedded migrations, the queries, imports, exports and backups.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"phoneaudit/scoring"

	sqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Errors callers may test for with errors.Is. Their text is shown to clerks.
var (
	ErrNotFound     = errors.New("not found")
	ErrReadOnly     = errors.New("the database file is read-only: this command needs to write")
	ErrBusy         = errors.New("the database is busy (locked by another phoneaudit): try again in a moment")
	ErrNewerSchema  = errors.New("this database was written by a newer phoneaudit: update phoneaudit")
	ErrImmutable    = errors.New("submitted scores and imported results cannot be changed: record an amendment instead")
	ErrNotDatabase  = errors.New("not a phoneaudit database (the file is not SQLite or is damaged)")
	ErrDiskFull     = errors.New("the disk is full: nothing was written")
	ErrInvalid      = errors.New("invalid")
	ErrNotEmpty     = errors.New("the database is not empty")
	ErrRoundState   = errors.New("the round is not in a state that allows this")
	ErrPermission   = errors.New("not allowed")
	ErrAlreadyExist = errors.New("already exists")
	ErrNoFiles      = errors.New("this database was opened without access to recording files")
)

// Store is an open phoneaudit database: one writer connection and a pool of readers.
type Store struct {
	w        *sql.DB
	r        *sql.DB
	path     string
	readOnly bool
	actor    string
	hot      *hotStatements // shared by the copies As makes
	watch    *watchConn     // likewise
	files    Files          // the recordings
	session  Session        // whose leases its writes hold (InSession); zero for the command line

	// Now is the clock; tests replace it to be deterministic.
	Now func() time.Time
}

// DefaultPath is where the database lives unless --db or PHONEAUDIT_DB says otherwise:
// $XDG_DATA_HOME/phoneaudit/phoneaudit.db, or ~/.local/share/phoneaudit/phoneaudit.db.
func DefaultPath() (string, error) {
	base := os.Getenv("XDG_DATA_HOME")
	if base == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("cannot find the home folder for the database: %w", err)
		}
		base = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(base, "phoneaudit", "phoneaudit.db"), nil
}

// Open opens the database at path, creating it (mode 0600) and its folder when missing, and
// brings its schema up to date. A file this user may not write is opened read-only: reads work,
// writes fail with ErrReadOnly.
func Open(ctx context.Context, path string) (*Store, error) {
	return OpenWith(ctx, path, Options{})
}

// Options change how a database is opened.
type Options struct {
	// ReadOnly opens the file for reading only, as commands that only read do: they then work on
	// a file this user may not write, and can never change it. The file must exist.
	ReadOnly bool
	// Files reads the recording files calls name, for the commands and screens that link, hash and
	// verify them (recording.Files for the file system). Without it the store refuses every look
	// at a recording with ErrNoFiles.
	Files Files
}

// OpenWith opens the database at path as Open does, with options.
func OpenWith(ctx context.Context, path string, opt Options) (*Store, error) {
	s := &Store{path: path, Now: time.Now, actor: "phoneaudit", hot: &hotStatements{}, watch: &watchConn{}, readOnly: opt.ReadOnly, files: opt.Files}
	if s.files == nil {
		s.files = noFiles{}
	}
	if opt.ReadOnly {
		if st, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("cannot open the database %s: %w", path, err)
		} else if st.IsDir() {
			return nil, fmt.Errorf("%s is a folder, not a database file", path)
		}
	} else if err := s.prepareFile(); err != nil {
		return nil, err
	}
	if err := s.openPools(); err != nil {
		return nil, err
	}
	if s.readOnly {
		if err := s.checkReadable(ctx); err != nil {
			s.Close()
			return nil, err
		}
	}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.seedDefaults(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func (s *Store) prepareFile() error {
	st, err := os.Stat(s.path)
	switch {
	case err == nil && st.IsDir():
		return fmt.Errorf("%s is a folder, not a database file", s.path)
	case err == nil:
		f, err := os.OpenFile(s.path, os.O_RDWR, 0)
		if err != nil {
			if errors.Is(err, fs.ErrPermission) || isReadOnlyFS(err) {
				s.readOnly = true
				return nil
			}
			return fmt.Errorf("cannot open the database %s: %w", s.path, err)
		}
		return f.Close()
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(filepath.Dir(s.path), 0o700); err != nil {
			return fmt.Errorf("cannot create the folder for the database %s: %w", s.path, err)
		}
		f, err := os.OpenFile(s.path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil && !errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("cannot create the database %s: %w", s.path, err)
		}
		if f != nil {
			return f.Close()
		}
		return nil
	default:
		return fmt.Errorf("cannot open the database %s: %w", s.path, err)
	}
}

func dsn(path string, extra ...string) string {
	q := []string{
		"_pragma=busy_timeout(5000)",
		"_pragma=foreign_keys(1)",
		"_pragma=synchronous(FULL)",
	}
	q = append(q, extra...)
	u := url.URL{Scheme: "file", Opaque: (&url.URL{Path: path}).EscapedPath()}
	return u.String() + "?" + strings.Join(q, "&")
}

func (s *Store) openPools() error {
	var err error
	if s.readOnly {
		// A read-only file cannot switch to WAL; readers see it as it is.
		s.r, err = sql.Open("sqlite", dsn(s.path, "mode=ro"))
		if err != nil {
			return fmt.Errorf("cannot open the database %s: %w", s.path, err)
		}
		s.w, err = sql.Open("sqlite", dsn(s.path, "mode=ro"))
		if err != nil {
			return fmt.Errorf("cannot open the database %s: %w", s.path, err)
		}
		s.w.SetMaxOpenConns(1)
		return nil
	}
	s.w, err = sql.Open("sqlite", dsn(s.path, "_pragma=journal_mode(WAL)", "_txlock=immediate"))
	if err != nil {
		return fmt.Errorf("cannot open the database %s: %w", s.path, err)
	}
	// One writer: writes queue in Go instead of fighting over SQLite's lock.
	s.w.SetMaxOpenConns(1)
	s.w.SetConnMaxIdleTime(0)
	s.r, err = sql.Open("sqlite", dsn(s.path, "_pragma=journal_mode(WAL)"))
	if err != nil {
		s.w.Close()
		return fmt.Errorf("cannot open the database %s: %w", s.path, err)
	}
	s.r.SetMaxOpenConns(4)
	return nil
}

// checkReadable makes sure a read-only file can be read. A WAL database needs its -shm file,
// which SQLite cannot create in a folder this user may not write: then nobody can be writing the
// file, and it is opened as immutable.
func (s *Store) checkReadable(ctx context.Context) error {
	var n int
	err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&n)
	if err == nil {
		return nil
	}
	if !errors.Is(mapErr(err), ErrReadOnly) && !strings.Contains(err.Error(), "unable to open") {
		return mapErr(fmt.Errorf("cannot read the database %s: %w", s.path, err))
	}
	s.r.Close()
	s.w.Close()
	if s.r, err = sql.Open("sqlite", dsn(s.path, "mode=ro", "immutable=1")); err != nil {
		return err
	}
	if s.w, err = sql.Open("sqlite", dsn(s.path, "mode=ro", "immutable=1")); err != nil {
		return err
	}
	s.w.SetMaxOpenConns(1)
	if err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&n); err != nil {
		return mapErr(fmt.Errorf("cannot read the database %s: %w", s.path, err))
	}
	return nil
}

// Close closes both pools.
func (s *Store) Close() error {
	var errs []error
	errs = append(errs, s.hot.close(), s.watch.close())
	if s.r != nil {
		errs = append(errs, s.r.Close())
	}
	if s.w != nil {
		errs = append(errs, s.w.Close())
	}
	return errors.Join(errs...)
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// ReadOnly reports whether the file was opened read-only.
func (s *Store) ReadOnly() bool { return s.readOnly }

// As returns a Store that records name as the one who makes each change. It shares the pools.
func (s *Store) As(name string) *Store {
	c := *s
	c.actor = name
	return &c
}

// Actor is the name recorded with changes.
func (s *Store) Actor() string { return s.actor }

func (s *Store) now() string { return fmtTime(s.Now()) }

const timeLayout = "2006-01-02T15:04:05Z"

func fmtTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) (time.Time, error) { return time.Parse(timeLayout, s) }

// migrate applies the embedded migrations the file lacks, each in its own transaction.
func (s *Store) migrate(ctx context.Context) error {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return err
	}
	slices.Sort(names)
	var current int
	if err := s.r.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return mapErr(fmt.Errorf("cannot read the database %s: %w", s.path, err))
	}
	if current > len(names) {
		return fmt.Errorf("%s: %w (its schema is version %d, this phoneaudit knows %d)",
			s.path, ErrNewerSchema, current, len(names))
	}
	if current == len(names) {
		return nil
	}
	if s.readOnly {
		return fmt.Errorf("%s: %w (it needs its schema brought up to date first)", s.path, ErrReadOnly)
	}
	for i := current; i < len(names); i++ {
		body, err := migrationFiles.ReadFile(names[i])
		if err != nil {
			return err
		}
		if err := s.applyMigration(ctx, i+1, string(body)); err != nil {
			return fmt.Errorf("%s: cannot apply %s: %w", s.path, filepath.Base(names[i]), err)
		}
	}
	return nil
}

func (s *Store) applyMigration(ctx context.Context, version int, body string) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return mapErr(err)
	}
	defer tx.Rollback()
	// Another process may have migrated while we waited for the write lock.
	var current int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return mapErr(err)
	}
	if current >= version {
		return nil
	}
	if _, err := tx.ExecContext(ctx, body); err != nil {
		return mapErr(err)
	}
	if step, ok := afterMigration[version]; ok {
		if err := step(ctx, tx, s.actor); err != nil {
			return mapErr(err)
		}
	}
	if _, err := tx.ExecContext(ctx, "PRAGMA user_version = "+strconv.Itoa(version)); err != nil {
		return mapErr(err)
	}
	return mapErr(tx.Commit())
}

// SchemaVersion is the schema version of the open file.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.r.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, mapErr(err)
}

// seedDefaults stores the built-in rubric as version 1 of a new database.
func (s *Store) seedDefaults(ctx context.Context) error {
	var n int
	if err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM rubrics").Scan(&n); err != nil {
		return mapErr(err)
	}
	if n > 0 || s.readOnly {
		return nil
	}
	_, err := s.LoadRubric(ctx, scoring.DefaultRubric())
	return err
}

// txn is a write transaction with the time it began. Every row it writes is stamped with that
// one time, so the records of one change agree on when it happened.
type txn struct {
	*sql.Tx
	now string
}

// inTx runs fn in a write transaction (BEGIN IMMEDIATE) and commits it. The clock is read once,
// when the transaction begins.
func (s *Store) inTx(ctx context.Context, fn func(tx *txn) error) error {
	if s.readOnly {
		return ErrReadOnly
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return mapErr(err)
	}
	defer tx.Rollback()
	if err := fn(&txn{Tx: tx, now: s.now()}); err != nil {
		return mapErr(err)
	}
	return mapErr(tx.Commit())
}

// mapErr turns driver errors into the store's few domain errors, keeping the cause.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	msg := se.Error()
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return fmt.Errorf("%w (%v)", ErrBusy, err)
	case sqlite3.SQLITE_READONLY:
		return fmt.Errorf("%w (%v)", ErrReadOnly, err)
	case sqlite3.SQLITE_FULL:
		return fmt.Errorf("%w (%v)", ErrDiskFull, err)
	case sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT:
		return fmt.Errorf("%w (%v)", ErrNotDatabase, err)
	case sqlite3.SQLITE_IOERR:
		if strings.Contains(msg, "disk") || strings.Contains(msg, "full") {
			return fmt.Errorf("%w (%v)", ErrDiskFull, err)
		}
	case sqlite3.SQLITE_CONSTRAINT:
		if strings.Contains(msg, "immutable:") {
			return fmt.Errorf("%w (%v)", ErrImmutable, err)
		}
	}
	return err
}

func isReadOnlyFS(err error) bool {
	return err != nil && strings.Contains(err.Error(), "read-only file system")
}
