// Package store keeps phoneaudit's data in one SQLite file (modernc.org/sqlite, no cgo):
// the schema and its embedded migrations, the queries, imports, exports and backups.
package store

import (
	"context"
	"database/sql"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
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
	ErrIO           = errors.New("the database file could not be read or written (an I/O error)")
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
	ids      *fileIDs       // likewise
	files    Files          // the recordings
	session  Session        // whose leases its writes hold (InSession); zero for the command line

	// Now is the clock; tests replace it to be deterministic.
	Now func() time.Time
}

// DefaultPath is where the database lives unless --db or PHONEAUDIT_DB says otherwise:
// $XDG_DATA_HOME/phoneaudit/phoneaudit.db where XDG_DATA_HOME is set; else on Windows
// %LOCALAPPDATA%\phoneaudit\phoneaudit.db (the profile's own folder, never roamed), unless only
// the database of an older phoneaudit, %USERPROFILE%\.local\share\phoneaudit\phoneaudit.db,
// exists: that one is kept, not replaced by a new empty one; elsewhere
// ~/.local/share/phoneaudit/phoneaudit.db.
func DefaultPath() (string, error) {
	return defaultPath(runtime.GOOS, os.Getenv, os.UserHomeDir, func(p string) bool {
		_, err := os.Stat(p)
		return err == nil
	})
}

func defaultPath(goos string, getenv func(string) string, home func() (string, error), exists func(string) bool) (string, error) {
	join := filepath.Join
	if goos == "windows" {
		join = func(parts ...string) string {
			for i := range parts[:len(parts)-1] {
				parts[i] = strings.TrimRight(parts[i], `\/`)
			}
			return strings.Join(parts, `\`)
		}
	}
	if base := getenv("XDG_DATA_HOME"); base != "" {
		return join(base, "phoneaudit", "phoneaudit.db"), nil
	}
	dir, err := home()
	if goos == "windows" {
		local := getenv("LOCALAPPDATA")
		if local == "" && err == nil {
			local = join(dir, "AppData", "Local")
		}
		if local != "" {
			p := join(local, "phoneaudit", "phoneaudit.db")
			if err == nil && !exists(p) {
				if old := join(dir, ".local", "share", "phoneaudit", "phoneaudit.db"); exists(old) {
					return old, nil
				}
			}
			return p, nil
		}
	}
	if err != nil {
		return "", fault(err, "cannot find the home folder for the database")
	}
	return join(dir, ".local", "share", "phoneaudit", "phoneaudit.db"), nil
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
	s := &Store{path: path, Now: time.Now, actor: "phoneaudit", hot: &hotStatements{}, watch: &watchConn{}, ids: &fileIDs{}, readOnly: opt.ReadOnly, files: opt.Files}
	if s.files == nil {
		s.files = noFiles{}
	}
	if opt.ReadOnly {
		if st, err := os.Stat(path); err != nil {
			return nil, fault(err, "cannot open the database %s", path)
		} else if st.IsDir() {
			return nil, fmt.Errorf("%s is a folder, not a database file", path)
		}
		if err := checkHeader(path); err != nil {
			return nil, err
		}
	} else if err := s.prepareFile(); err != nil {
		return nil, err
	}
	// A file SQLite finds damaged is left as it was: without the -wal and -shm files opening it
	// made (those that were there stay).
	var made []string
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Lstat(path + suffix); errors.Is(err, fs.ErrNotExist) {
			made = append(made, path+suffix)
		}
	}
	s, err := s.openChecked(ctx)
	if errors.Is(err, ErrNotDatabase) {
		for _, p := range made {
			os.Remove(p)
		}
	}
	return s, err
}

func (s *Store) openChecked(ctx context.Context) (*Store, error) {
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
	s.noteFiles()
	return s, nil
}

func (s *Store) prepareFile() error {
	st, err := os.Stat(s.path)
	switch {
	case err == nil && st.IsDir():
		return fmt.Errorf("%s is a folder, not a database file", s.path)
	case err == nil:
		if err := checkHeader(s.path); err != nil {
			return err
		}
		f, err := os.OpenFile(s.path, os.O_RDWR, 0)
		if err != nil {
			if errors.Is(err, fs.ErrPermission) || isReadOnlyFS(err) {
				s.readOnly = true
				return nil
			}
			return fault(err, "cannot open the database %s", s.path)
		}
		return f.Close()
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(filepath.Dir(s.path), 0o700); err != nil {
			return fault(err, "cannot create the folder for the database %s", s.path)
		}
		return s.createFile()
	default:
		return fault(err, "cannot open the database %s", s.path)
	}
}

// FileError is an existing file that is not a phoneaudit database: empty, not SQLite, or the
// SQLite database of another program. The store refuses it before SQLite opens it, so it stays
// byte for byte as it was: only a missing file becomes a new database. It is ErrNotDatabase.
type FileError struct {
	Path string
	What FileWhat
	Size int64
}

// FileWhat says what a refused file is.
type FileWhat int

const (
	FileEmpty       FileWhat = iota + 1 // 0 bytes
	FileNotSQLite                       // it does not begin as an SQLite file does
	FileOtherSQLite                     // an SQLite database with tables, but no phoneaudit schema
)

func (e *FileError) Error() string {
	switch e.What {
	case FileEmpty:
		return fmt.Sprintf("%s is an empty file (0 bytes), not a phoneaudit database", e.Path)
	case FileOtherSQLite:
		return fmt.Sprintf("%s is the SQLite database of another program, not a phoneaudit database", e.Path)
	}
	return fmt.Sprintf("%s is not an SQLite file (%d bytes), not a phoneaudit database", e.Path, e.Size)
}

func (e *FileError) Unwrap() error { return ErrNotDatabase }

// sqliteMagic begins every SQLite database file.
const sqliteMagic = "SQLite format 3\x00"

// checkHeader refuses an existing file that is not a phoneaudit database, reading only its
// first 100 bytes (SQLite's header). A header with tables (a schema cookie) but no schema version
// is another program's database: phoneaudit writes its tables and its version in one
// transaction, so its own files never look like that, even before a checkpoint. A header without
// tables and without a version is a phoneaudit database whose first run stopped before its
// schema was written, and is brought up to date.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrPermission) {
			return nil // SQLite says what it can of a file it cannot read
		}
		return fault(err, "cannot open the database %s", path)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fault(err, "cannot open the database %s", path)
	}
	if st.Size() == 0 {
		return &FileError{Path: path, What: FileEmpty}
	}
	head := make([]byte, 100)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return fault(err, "cannot read the database %s", path)
	}
	if n < len(sqliteMagic) || string(head[:len(sqliteMagic)]) != sqliteMagic {
		return &FileError{Path: path, What: FileNotSQLite, Size: st.Size()}
	}
	if n < 100 {
		return nil // SQLite names the damage
	}
	cookie, version := binary.BigEndian.Uint32(head[40:]), binary.BigEndian.Uint32(head[60:])
	if cookie != 0 && version == 0 {
		return &FileError{Path: path, What: FileOtherSQLite, Size: st.Size()}
	}
	return nil
}

// createFile makes the new database file: an SQLite header (WAL) written under a temporary name
// beside it, then linked to its name. The name never holds an empty file, so a first run killed
// at any moment leaves no file there, or an SQLite file without tables that the next run brings
// up to date; and two programs starting at once on a missing file both find a database.
func (s *Store) createFile() error {
	tmp := fmt.Sprintf("%s.phoneaudit-new-%d", s.path, os.Getpid())
	defer os.Remove(tmp)
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fault(err, "cannot create the database %s", s.path)
	}
	f.Close()
	db, err := sql.Open("sqlite", dsn(tmp, "_pragma=journal_mode(WAL)"))
	if err == nil {
		var mode string
		err = db.QueryRow("PRAGMA journal_mode").Scan(&mode)
		if cerr := db.Close(); err == nil {
			err = cerr
		}
	}
	os.Remove(tmp + "-wal")
	os.Remove(tmp + "-shm")
	if err == nil { // the header reaches the disk before the name does
		if f, err = os.OpenFile(tmp, os.O_RDWR, 0); err == nil {
			err = f.Sync()
			f.Close()
		}
	}
	if err != nil {
		return fmt.Errorf("cannot create the database %s: %w", s.path, mapErr(err))
	}
	if err := os.Link(tmp, s.path); err == nil || errors.Is(err, fs.ErrExist) {
		return nil // made, or made by another program meanwhile
	}
	// A file system without links (FAT on a USB stick): renamed, unless a file appeared.
	if _, err := os.Lstat(s.path); err == nil {
		return nil
	}
	if err := os.Rename(tmp, s.path); err != nil {
		return fault(err, "cannot create the database %s", s.path)
	}
	return nil
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
			return fault(err, "cannot open the database %s", s.path)
		}
		s.w, err = sql.Open("sqlite", dsn(s.path, "mode=ro"))
		if err != nil {
			return fault(err, "cannot open the database %s", s.path)
		}
		s.w.SetMaxOpenConns(1)
		return nil
	}
	s.w, err = sql.Open("sqlite", dsn(s.path, "_pragma=journal_mode(WAL)", "_txlock=immediate"))
	if err != nil {
		return fault(err, "cannot open the database %s", s.path)
	}
	// One writer: writes queue in Go instead of fighting over SQLite's lock.
	s.w.SetMaxOpenConns(1)
	s.w.SetConnMaxIdleTime(0)
	s.r, err = sql.Open("sqlite", dsn(s.path, "_pragma=journal_mode(WAL)"))
	if err != nil {
		s.w.Close()
		return fault(err, "cannot open the database %s", s.path)
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
		return mapErr(fault(err, "cannot read the database %s", s.path))
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
		return mapErr(fault(err, "cannot read the database %s", s.path))
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
		return mapErr(fault(err, "cannot read the database %s", s.path))
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
			return fault(err, "%s: cannot apply %s", s.path, filepath.Base(names[i]))
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
	if err := s.CheckFiles(); err != nil {
		return err
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return mapErr(err)
	}
	defer tx.Rollback()
	if err := fn(&txn{Tx: tx, now: s.now()}); err != nil {
		return mapErr(err)
	}
	if err := tx.Commit(); err != nil {
		return mapErr(err)
	}
	// A -wal removed while the transaction ran took the commit with it: say so now, not at the
	// next write.
	return s.CheckFiles()
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
		return &IOError{Code: se.Code(), err: err}
	case sqlite3.SQLITE_CONSTRAINT:
		if strings.Contains(msg, "immutable:") {
			return fmt.Errorf("%w (%v)", ErrImmutable, err)
		}
	}
	return err
}

// IOError is SQLite's I/O error (SQLITE_IOERR and its extended codes), named by its code: a
// failed write, read, fsync, lock… It is ErrIO, and never ErrDiskFull (that is SQLITE_FULL).
type IOError struct {
	Code int // the extended result code
	err  error
}

// Name is the extended code's name: "SQLITE_IOERR_WRITE".
func (e *IOError) Name() string {
	if e.Code&0xff != sqlite3.SQLITE_IOERR {
		return "SQLITE_IOERR"
	}
	if name, ok := ioErrNames[e.Code>>8]; ok {
		return "SQLITE_IOERR_" + name
	}
	if e.Code>>8 == 0 {
		return "SQLITE_IOERR"
	}
	return fmt.Sprintf("SQLITE_IOERR (%d)", e.Code)
}

func (e *IOError) Error() string {
	return fmt.Sprintf("%v: %s (%v)", ErrIO, e.Name(), e.err)
}

// Detail is SQLite's own words for the error: "disk I/O error (778)".
func (e *IOError) Detail() string {
	var se *sqlite.Error
	if errors.As(e.err, &se) {
		return se.Error()
	}
	return e.err.Error()
}

func (e *IOError) Unwrap() []error { return []error{ErrIO, e.err} }

// ioErrNames are SQLite's extended I/O error codes (the code >> 8), from sqlite3.h.
var ioErrNames = map[int]string{
	1: "READ", 2: "SHORT_READ", 3: "WRITE", 4: "FSYNC", 5: "DIR_FSYNC", 6: "TRUNCATE", 7: "FSTAT",
	8: "UNLOCK", 9: "RDLOCK", 10: "DELETE", 11: "BLOCKED", 12: "NOMEM", 13: "ACCESS",
	14: "CHECKRESERVEDLOCK", 15: "LOCK", 16: "CLOSE", 17: "DIR_CLOSE", 18: "SHMOPEN", 19: "SHMSIZE",
	20: "SHMLOCK", 21: "SHMMAP", 22: "SEEK", 23: "DELETE_NOENT", 24: "MMAP", 25: "GETTEMPPATH",
	26: "CONVPATH", 27: "VNODE", 28: "AUTH", 29: "BEGIN_ATOMIC", 30: "COMMIT_ATOMIC",
	31: "ROLLBACK_ATOMIC", 32: "DATA", 33: "CORRUPTFS", 34: "IN_PAGE",
}

func isReadOnlyFS(err error) bool {
	return err != nil && strings.Contains(err.Error(), "read-only file system")
}
