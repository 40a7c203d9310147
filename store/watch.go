package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
)

// watchConn is the connection DataVersion asks on, opened on first use and shared by every copy
// of the store (every SSH session of a server asks the same one).
type watchConn struct {
	mu     sync.Mutex
	db     *sql.DB
	conn   *sql.Conn
	closed bool // the store is closed: a late tick must not open the file again
}

// DataVersion is a number that changes whenever anything is committed to the database file: by
// another process, another SSH session or this store's own writer. SQLite's PRAGMA data_version
// is per connection and changes when any other connection commits, so the store keeps one
// connection for this question alone. Asking costs one cheap pragma: screens poll it on a tick
// and read again when it moves.
func (s *Store) DataVersion(ctx context.Context) (int64, error) {
	w := s.watch
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return 0, fmt.Errorf("the database %s is closed", s.path)
	}
	if w.conn == nil {
		if err := w.open(ctx, s); err != nil {
			return 0, fmt.Errorf("cannot watch the database %s: %w", s.path, mapErr(err))
		}
	}
	var v int64
	if err := w.conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
		return 0, mapErr(err)
	}
	return v, nil
}

func (w *watchConn) open(ctx context.Context, s *Store) error {
	mode := "_pragma=journal_mode(WAL)"
	if s.readOnly {
		mode = "mode=ro"
	}
	db, err := sql.Open("sqlite", dsn(s.path, mode))
	if err != nil {
		return err
	}
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return err
	}
	w.db, w.conn = db, conn
	return nil
}

func (w *watchConn) close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.closed = true
	if w.db == nil {
		return nil
	}
	w.conn.Close()
	err := w.db.Close()
	w.db, w.conn = nil, nil
	return err
}
