package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"phoneaudit/internal/proc"
)

// One live editor per score sheet (DESIGN, "Result of a call"): the session that has a rater's sheet
// of a call open holds its lease, and every write on it from elsewhere is refused (LeaseError).
// A lease is keyed by call and rater, so it holds before the first answer makes the draft; for
// the caller's sheet it also guards the call's own record (timer, dials, seconds, who answered,
// notes, recording). Leases are not evidence (migration 010).

// LeaseExpiry is how long a lease stays live after its last heartbeat. The screens renew it
// several times within it, so a busy moment does not lose it; a session that crashed holds it no
// longer than this (and not at all on its own machine, once its process is gone).
const LeaseExpiry = 10 * time.Second

// Place is where a session runs: a terminal of a machine, or an SSH session of a server.
type Place struct {
	SSH    bool
	Host   string // the machine of the process
	PID    int    // the process: the TUI's, or the server's for SSH
	TTY    string // a terminal: its device ("/dev/pts/3"), when known
	Remote string // SSH: the client's address, without its port
	Login  string // SSH: the user the client logged in as
}

// Session is one program showing the screens, where it runs. Its ID is random, so two SSH
// sessions of one server process are told apart.
type Session struct {
	ID    string
	Place Place
}

// NewSession makes a session at p with a new random id.
func NewSession(p Place) Session {
	var b [12]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on the systems Go supports
	}
	return Session{ID: hex.EncodeToString(b[:]), Place: p}
}

// LocalPlace is a terminal of this machine in this process; tty is its device, when known.
func LocalPlace(tty string) Place {
	return Place{Host: thisHost(), PID: os.Getpid(), TTY: tty}
}

var thisHost = sync.OnceValue(func() string {
	h, _ := os.Hostname()
	return h
})

// InSession returns a Store whose writes are this session's: the leases it takes are its own,
// and the writes it makes pass where it holds the lease. It shares the pools.
func (s *Store) InSession(sess Session) *Store {
	c := *s
	c.session = sess
	return &c
}

// Session is the session of the store's writes (zero for the command line).
func (s *Store) Session() Session { return s.session }

// Lease is who has a rater's sheet of a call open.
type Lease struct {
	CallID    int64
	RaterID   int64
	Rater     string
	Session   string // "" when nobody holds it
	Place     Place
	Since     time.Time
	Heartbeat time.Time
	Mine      bool // the asking session holds it
}

// Held says whether a session holds the lease.
func (l Lease) Held() bool { return l.Session != "" }

// live says whether the lease still holds at now.
func (l Lease) live(now time.Time) bool {
	return l.Held() && now.Sub(l.Heartbeat) < LeaseExpiry
}

// LeaseError refuses a write on a score sheet that another live session has open: the other
// session is Lease, with where it runs and since when. ui words it.
type LeaseError struct {
	Lease Lease
}

func (e *LeaseError) Error() string {
	l := e.Lease
	where := "a terminal"
	switch {
	case l.Place.SSH:
		where = "an SSH session from " + l.Place.Remote
	case l.Place.TTY != "":
		where = "the terminal " + l.Place.TTY
	}
	return fmt.Sprintf("the score sheet of %s on call %d is open in another session (%s, pid %d, since %s): take it over first",
		l.Rater, l.CallID, where, l.Place.PID, l.Since.UTC().Format(time.DateTime+" UTC"))
}

const leaseColumns = `l.call_id, l.rater_id, coalesce(a.name, ''), l.session, l.ssh, l.host, l.pid, l.tty, l.remote,
	l.login, l.since, l.heartbeat`

func scanLease(sc scanner) (Lease, error) {
	var l Lease
	var since, beat string
	err := sc.Scan(&l.CallID, &l.RaterID, &l.Rater, &l.Session, &l.Place.SSH, &l.Place.Host, &l.Place.PID, &l.Place.TTY,
		&l.Place.Remote, &l.Place.Login, &since, &beat)
	l.Since, _ = parseTime(since)
	l.Heartbeat, _ = parseTime(beat)
	return l, err
}

// leaseOf reads the lease of a rater's sheet of a call; a zero Lease (with the call and rater)
// when none is stored.
func (s *Store) leaseOf(ctx context.Context, q querier, callID, raterID int64) (Lease, error) {
	l, err := scanLease(q.QueryRowContext(ctx, "SELECT "+leaseColumns+
		" FROM sheet_leases l LEFT JOIN auditors a ON a.id = l.rater_id WHERE l.call_id = ? AND l.rater_id = ?", callID, raterID))
	if errors.Is(err, sql.ErrNoRows) {
		return Lease{CallID: callID, RaterID: raterID}, nil
	}
	l.Mine = l.Session == s.session.ID && s.session.ID != ""
	return l, err
}

// leaseFree refuses a write on the rater's sheet of a call when another session holds its lease
// live. Every write on a sheet (and the caller's on the call) calls it inside its transaction.
func (s *Store) leaseFree(ctx context.Context, tx *txn, callID, raterID int64) error {
	if raterID == 0 {
		return nil // a call no auditor holds has no caller's sheet
	}
	l, err := s.leaseOf(ctx, tx, callID, raterID)
	if err != nil {
		return err
	}
	if l.Mine || !l.live(s.Now()) {
		return nil
	}
	return &LeaseError{Lease: l}
}

// sheetLeaseFree is leaseFree for the sheet with id.
func (s *Store) sheetLeaseFree(ctx context.Context, tx *txn, sheetID int64) error {
	var callID, raterID int64
	err := tx.QueryRowContext(ctx, "SELECT call_id, rater_id FROM sheets WHERE id = ?", sheetID).Scan(&callID, &raterID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // the write's own query says the sheet is missing
	}
	if err != nil {
		return err
	}
	return s.leaseFree(ctx, tx, callID, raterID)
}

// gone says whether the session that holds l has ended without releasing it: its process, on
// this machine, is no longer running (a killed or crashed program). Another machine's process
// cannot be seen: its lease expires with its heartbeat.
func gone(l Lease) bool {
	p := l.Place
	if p.PID <= 0 || p.Host == "" || p.Host != thisHost() || p.PID == os.Getpid() {
		return false
	}
	return !proc.Running(p.PID)
}

// actorID is the registered auditor the store acts as, whose sheets its leases are.
func (s *Store) actorID(ctx context.Context, q querier) (int64, error) {
	r, err := s.role(ctx, q)
	if err != nil {
		return 0, err
	}
	if !r.registered {
		return 0, fault(ErrNotFound, "no auditor named %s: only a registered auditor opens a score sheet", s.actor)
	}
	return r.id, nil
}

// OpenSheet takes the lease of the actor's sheet of a running call for the store's session, unless
// another session holds it live, and returns the lease as it then stands: Mine, or the other
// session's (where it runs, since when). A lease that expired, or whose process on this machine
// has ended, is taken. A call that no longer runs needs no lease: a zero Lease.
func (s *Store) OpenSheet(ctx context.Context, callID int64) (Lease, error) {
	return s.takeLease(ctx, callID, false)
}

// TakeOver takes the lease of the actor's sheet of a running call for the store's session, from
// whichever session held it: that one turns read-only (its writes are refused). It returns the
// lease as it was before, so the screen can say from where it was taken.
func (s *Store) TakeOver(ctx context.Context, callID int64) (Lease, error) {
	return s.takeLease(ctx, callID, true)
}

func (s *Store) takeLease(ctx context.Context, callID int64, force bool) (Lease, error) {
	if s.session.ID == "" {
		return Lease{}, fault(ErrInvalid, "a score sheet is opened by a session of the screens")
	}
	var out Lease
	err := s.inTx(ctx, func(tx *txn) error {
		rater, err := s.actorID(ctx, tx)
		if err != nil {
			return err
		}
		if _, err := liveCall(ctx, tx, callID); errors.Is(err, ErrImmutable) || errors.Is(err, ErrRoundState) {
			return nil // over, or its round closed: nothing to guard
		} else if err != nil {
			return err
		}
		was, err := s.leaseOf(ctx, tx, callID, rater)
		if err != nil {
			return err
		}
		if !force && !was.Mine && was.live(s.Now()) && !gone(was) {
			out = was
			return nil
		}
		since := tx.now
		if was.Mine {
			since = fmtTime(was.Since)
		}
		p := s.session.Place
		if _, err := tx.ExecContext(ctx, `INSERT INTO sheet_leases(call_id, rater_id, session, ssh, host, pid, tty, remote, login, since, heartbeat)
			VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
			ON CONFLICT(call_id, rater_id) DO UPDATE SET session = ?3, ssh = ?4, host = ?5, pid = ?6, tty = ?7, remote = ?8,
				login = ?9, since = ?10, heartbeat = ?11`,
			callID, rater, s.session.ID, p.SSH, p.Host, p.PID, p.TTY, p.Remote, p.Login, since, tx.now); err != nil {
			return err
		}
		if force {
			out = was
			return nil
		}
		out, err = s.leaseOf(ctx, tx, callID, rater)
		return err
	})
	return out, err
}

// Heartbeat renews the store's session's lease of the actor's sheet of a call, and returns the
// lease as it stands: Mine when renewed; another session's when it was taken over; a zero Lease
// when nobody holds it any more.
func (s *Store) Heartbeat(ctx context.Context, callID int64) (Lease, error) {
	var out Lease
	err := s.inTx(ctx, func(tx *txn) error {
		rater, err := s.actorID(ctx, tx)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE sheet_leases SET heartbeat = ? WHERE call_id = ? AND rater_id = ? AND session = ?",
			tx.now, callID, rater, s.session.ID); err != nil {
			return err
		}
		out, err = s.leaseOf(ctx, tx, callID, rater)
		return err
	})
	return out, err
}

// SheetLease reads the lease of the actor's sheet of a call, as the screens show it: Mine, another
// session's while it is live, or a zero Lease when nobody holds it live.
func (s *Store) SheetLease(ctx context.Context, callID int64) (Lease, error) {
	rater, err := s.actorID(ctx, s.r)
	if err != nil {
		return Lease{}, err
	}
	l, err := s.leaseOf(ctx, s.r, callID, rater)
	if err != nil {
		return l, mapErr(err)
	}
	if !l.Mine && !l.live(s.Now()) {
		return Lease{CallID: callID, RaterID: rater}, nil
	}
	return l, nil
}

// ReleaseSheet gives up the store's session's lease of the actor's sheet of a call: the screen
// left it.
func (s *Store) ReleaseSheet(ctx context.Context, callID int64) error {
	return s.inTx(ctx, func(tx *txn) error {
		rater, err := s.actorID(ctx, tx)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "DELETE FROM sheet_leases WHERE call_id = ? AND rater_id = ? AND session = ?",
			callID, rater, s.session.ID)
		return err
	})
}

// ReleaseSession gives up every lease of the store's session: the program ended.
func (s *Store) ReleaseSession(ctx context.Context) error {
	if s.session.ID == "" {
		return nil
	}
	return s.inTx(ctx, func(tx *txn) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM sheet_leases WHERE session = ?", s.session.ID)
		return err
	})
}
