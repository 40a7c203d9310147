package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Notice statuses. Overdue is not stored: it is an issued notice past its deadline.
const (
	NoticeIssued   = "issued"
	NoticeReported = "reported"
	NoticeVerified = "verified"
	NoticeOverdue  = "overdue"
)

// Notice is a rectification notice (整改通知书) to an office with a problem.
type Notice struct {
	ID          int64
	Number      string
	RoundID     int64
	RoundNumber int
	RoundName   string
	OfficeID    int64
	Department  string
	Office      string
	IssuedAt    time.Time
	Deadline    string // city date
	Status      string // issued, reported, verified
	Overdue     bool   // issued and not reported by the deadline
	Response    string
	ReportedAt  time.Time
	VerifiedAt  time.Time
}

// NoticeFilter selects notices; zero fields select all.
type NoticeFilter struct {
	RoundID  int64
	OfficeID int64
	Status   string // issued, reported, verified or overdue
}

// Notices lists notices by round and office.
func (s *Store) Notices(ctx context.Context, f NoticeFilter) ([]Notice, error) {
	if err := s.leadOnly(ctx, ActionReadNotices); err != nil {
		return nil, err
	}
	loc, err := s.Location(ctx)
	if err != nil {
		return nil, err
	}
	today := s.Now().In(loc).Format(time.DateOnly)
	q := `SELECT n.id, n.number, n.round_id, r.number, r.name, n.office_id, d.name, o.name, n.issued_at, n.deadline,
			n.status, n.response, coalesce(n.reported_at, ''), coalesce(n.verified_at, '')
		FROM notices n JOIN rounds r ON r.id = n.round_id JOIN offices o ON o.id = n.office_id
		JOIN departments d ON d.id = o.department_id WHERE 1 = 1`
	var args []any
	if f.RoundID != 0 {
		q += " AND n.round_id = ?"
		args = append(args, f.RoundID)
	}
	if f.OfficeID != 0 {
		q += " AND n.office_id = ?"
		args = append(args, f.OfficeID)
	}
	switch f.Status {
	case "":
	case NoticeOverdue:
		q += " AND n.status = 'issued' AND n.deadline < ?"
		args = append(args, today)
	case NoticeIssued, NoticeReported, NoticeVerified:
		q += " AND n.status = ?"
		args = append(args, f.Status)
	default:
		return nil, fmt.Errorf("notice status %q is not issued, reported, verified or overdue: %w", f.Status, ErrInvalid)
	}
	return queryAll(ctx, s.r, func(sc scanner) (Notice, error) {
		var n Notice
		var issued, reported, verified string
		err := sc.Scan(&n.ID, &n.Number, &n.RoundID, &n.RoundNumber, &n.RoundName, &n.OfficeID, &n.Department, &n.Office,
			&issued, &n.Deadline, &n.Status, &n.Response, &reported, &verified)
		n.IssuedAt, _ = parseTime(issued)
		n.ReportedAt, _ = parseTime(reported)
		n.VerifiedAt, _ = parseTime(verified)
		n.Overdue = n.Status == NoticeIssued && n.Deadline < today
		return n, err
	}, q+" ORDER BY r.number, d.name, o.name", args...)
}

// ReportNotice records the office's report on its rectification.
func (s *Store) ReportNotice(ctx context.Context, id int64, response string) error {
	if err := s.leadOnly(ctx, ActionChangeNotice); err != nil {
		return err
	}
	response = strings.TrimSpace(response)
	if response == "" {
		return fmt.Errorf("a report needs the office's response: %w", ErrInvalid)
	}
	return s.noticeStep(ctx, id, NoticeIssued, "report", response, func(tx *txn) (sql.Result, error) {
		return tx.ExecContext(ctx, "UPDATE notices SET status = 'reported', response = ?, reported_at = ? WHERE id = ?", response, tx.now, id)
	})
}

// VerifyNotice records that the lead checked the rectification.
func (s *Store) VerifyNotice(ctx context.Context, id int64) error {
	if err := s.leadOnly(ctx, ActionChangeNotice); err != nil {
		return err
	}
	return s.noticeStep(ctx, id, NoticeReported, "verify", "", func(tx *txn) (sql.Result, error) {
		return tx.ExecContext(ctx, "UPDATE notices SET status = 'verified', verified_at = ? WHERE id = ?", tx.now, id)
	})
}

// ExtendNotice moves an issued notice's deadline later, for a reason that is recorded.
func (s *Store) ExtendNotice(ctx context.Context, id int64, deadline time.Time, reason string) error {
	if err := s.leadOnly(ctx, ActionChangeNotice); err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return fmt.Errorf("extending a deadline needs a reason: %w", ErrInvalid)
	}
	d := deadline.Format(time.DateOnly)
	return s.noticeStep(ctx, id, NoticeIssued, "extend", d+" "+reason, func(tx *txn) (sql.Result, error) {
		return tx.ExecContext(ctx, "UPDATE notices SET deadline = ? WHERE id = ? AND deadline < ?", d, id, d)
	})
}

// noticeStep moves a notice from status want with change, recording who and when.
func (s *Store) noticeStep(ctx context.Context, id int64, want, action, detail string, change func(tx *txn) (sql.Result, error)) error {
	return s.inTx(ctx, func(tx *txn) error {
		var status string
		if err := tx.QueryRowContext(ctx, "SELECT status FROM notices WHERE id = ?", id).Scan(&status); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("no notice %d: %w", id, ErrNotFound)
			}
			return err
		}
		if status != want {
			return fmt.Errorf("the notice is %s; this needs one that is %s: %w", status, want, ErrInvalid)
		}
		res, err := change(tx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("the new deadline must be later than the current one: %w", ErrInvalid)
		}
		_, err = tx.ExecContext(ctx, "INSERT INTO notice_events(notice_id, at, by, action, detail) VALUES(?, ?, ?, ?, ?)",
			id, tx.now, s.actor, action, detail)
		return err
	})
}
