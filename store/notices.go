package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Notice statuses. Overdue is not stored: it is an issued notice past its deadline.
const (
	NoticeIssued    = "issued"
	NoticeReported  = "reported"
	NoticeVerified  = "verified"
	NoticeWithdrawn = "withdrawn"
	NoticeOverdue   = "overdue"
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
	Status      string // issued, reported, verified, withdrawn
	Overdue     bool   // issued and not reported by the deadline
	Response    string
	ReportedAt  time.Time
	ReportedOn  string // the city date of the report ("" before one)
	Late        bool   // reported after the deadline in force at the time
	VerifiedAt  time.Time
	WithdrawnAt time.Time
}

// NoticeFilter selects notices; zero fields select all.
type NoticeFilter struct {
	RoundID  int64
	OfficeID int64
	Status   string // issued, reported, verified, withdrawn or overdue
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
			n.status, n.response, coalesce(n.reported_at, ''), coalesce(n.verified_at, ''), coalesce(n.withdrawn_at, '')
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
	case NoticeIssued, NoticeReported, NoticeVerified, NoticeWithdrawn:
		q += " AND n.status = ?"
		args = append(args, f.Status)
	default:
		return nil, fault(ErrInvalid, "notice status %q is not issued, reported, verified, withdrawn or overdue", f.Status)
	}
	return queryAll(ctx, s.r, func(sc scanner) (Notice, error) {
		var n Notice
		var issued, reported, verified, withdrawn string
		err := sc.Scan(&n.ID, &n.Number, &n.RoundID, &n.RoundNumber, &n.RoundName, &n.OfficeID, &n.Department, &n.Office,
			&issued, &n.Deadline, &n.Status, &n.Response, &reported, &verified, &withdrawn)
		n.IssuedAt, _ = parseTime(issued)
		n.ReportedAt, _ = parseTime(reported)
		n.VerifiedAt, _ = parseTime(verified)
		n.WithdrawnAt, _ = parseTime(withdrawn)
		if !n.ReportedAt.IsZero() {
			// A deadline moves only while the notice is issued, so the one it has now is the one
			// that was in force when the report came.
			n.ReportedOn = n.ReportedAt.In(loc).Format(time.DateOnly)
			n.Late = n.ReportedOn > n.Deadline
		}
		n.Overdue = n.Status == NoticeIssued && n.Deadline < today
		return n, err
	}, q+" ORDER BY r.number, d.name, o.name, n.id", args...)
}

// Kinds of notice event, in the order a notice's life can have them.
const (
	EventIssue    = "issue"
	EventReport   = "report"
	EventExtend   = "extend"
	EventVerify   = "verify"
	EventWithdraw = "withdraw"
)

// NoticeEvent is one event of a notice's life, as kept.
type NoticeEvent struct {
	Kind string // issue, report, extend, verify, withdraw
	At   time.Time
	By   string // who recorded it
	// Deadline is the deadline in force before the event: for an issue the deadline given, for a
	// report the one its lateness is measured against, for an extension the old one.
	Deadline    string
	NewDeadline string // extend
	ReportedOn  string // report: the city date of the report
	Late        bool   // report: after the deadline in force
	Response    string // report: what the office reported
	CheckedBy   string // verify: who checked the rectification
	How         string // verify: how it was checked ("" when not said)
	Reason      string // extend, withdraw
}

// NoticeEvents is every event of a notice, oldest first.
func (s *Store) NoticeEvents(ctx context.Context, noticeID int64) ([]NoticeEvent, error) {
	if err := s.leadOnly(ctx, ActionReadNotices); err != nil {
		return nil, err
	}
	loc, err := s.Location(ctx)
	if err != nil {
		return nil, err
	}
	return queryAll(ctx, s.r, func(sc scanner) (NoticeEvent, error) {
		var e NoticeEvent
		var at, detail string
		var late sql.NullBool
		err := sc.Scan(&e.Kind, &at, &e.By, &detail, &e.Deadline, &e.NewDeadline, &e.ReportedOn, &late, &e.CheckedBy)
		e.At, _ = parseTime(at)
		switch e.Kind {
		case EventReport:
			e.Response = detail
			if e.ReportedOn == "" { // recorded before reports kept their date
				e.ReportedOn = e.At.In(loc).Format(time.DateOnly)
			}
			e.Late = late.Bool
			if !late.Valid {
				e.Late = e.Deadline != "" && e.ReportedOn > e.Deadline
			}
		case EventVerify:
			e.How = detail
		case EventExtend, EventWithdraw:
			e.Reason = detail
		}
		return e, err
	}, `SELECT action, at, by, detail, coalesce(deadline, ''), coalesce(new_deadline, ''), coalesce(reported_on, ''),
			late, coalesce(checked_by, '')
		FROM notice_events WHERE notice_id = ? ORDER BY id`, noticeID)
}

// NoticeStateError refuses a step on a notice in a status that does not allow it.
type NoticeStateError struct {
	Number string
	Status string   // the notice's status
	Want   []string // the statuses the step needs
	Step   string   // the step: report, extend, verify, withdraw
}

func (e *NoticeStateError) Error() string {
	return fmt.Sprintf("notice %s is %s; to %s it, it must be %s", e.Number, e.Status, e.Step, strings.Join(e.Want, " or "))
}

// Is makes a NoticeStateError an ErrInvalid for the callers that only tell errors apart by kind.
func (e *NoticeStateError) Is(target error) bool { return target == ErrInvalid }

// ReportNotice records the office's report on its rectification, with the date it was recorded
// and whether that was after the deadline.
func (s *Store) ReportNotice(ctx context.Context, id int64, response string) error {
	if err := s.leadOnly(ctx, ActionChangeNotice); err != nil {
		return err
	}
	response = strings.TrimSpace(response)
	if response == "" {
		return fault(ErrInvalid, "a report needs the office's response")
	}
	loc, err := s.Location(ctx)
	if err != nil {
		return err
	}
	return s.noticeStep(ctx, id, EventReport, []string{NoticeIssued}, func(tx *txn, n noticeRow) (noticeEvent, error) {
		now, _ := parseTime(tx.now)
		on := now.In(loc).Format(time.DateOnly)
		late := on > n.deadline
		_, err := tx.ExecContext(ctx, "UPDATE notices SET status = 'reported', response = ?, reported_at = ? WHERE id = ?", response, tx.now, id)
		return noticeEvent{detail: response, deadline: n.deadline, reportedOn: on, late: &late}, err
	})
}

// VerifyNotice records that checkedBy (the acting user when empty) checked the rectification,
// and how ("" when not said).
func (s *Store) VerifyNotice(ctx context.Context, id int64, checkedBy, how string) error {
	if err := s.leadOnly(ctx, ActionChangeNotice); err != nil {
		return err
	}
	checkedBy = strings.TrimSpace(checkedBy)
	if checkedBy == "" {
		checkedBy = s.actor
	}
	how = strings.TrimSpace(how)
	return s.noticeStep(ctx, id, EventVerify, []string{NoticeReported}, func(tx *txn, n noticeRow) (noticeEvent, error) {
		_, err := tx.ExecContext(ctx, "UPDATE notices SET status = 'verified', verified_at = ? WHERE id = ?", tx.now, id)
		return noticeEvent{detail: how, checkedBy: checkedBy}, err
	})
}

// ExtendNotice moves an issued notice's deadline later, for a reason that is recorded.
func (s *Store) ExtendNotice(ctx context.Context, id int64, deadline time.Time, reason string) error {
	if err := s.leadOnly(ctx, ActionChangeNotice); err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return fault(ErrInvalid, "extending a deadline needs a reason")
	}
	d := deadline.Format(time.DateOnly)
	return s.noticeStep(ctx, id, EventExtend, []string{NoticeIssued}, func(tx *txn, n noticeRow) (noticeEvent, error) {
		if d <= n.deadline {
			return noticeEvent{}, fault(ErrInvalid, "the new deadline %s must be later than the current one, %s", d, n.deadline)
		}
		_, err := tx.ExecContext(ctx, "UPDATE notices SET deadline = ? WHERE id = ?", d, id)
		return noticeEvent{detail: reason, deadline: n.deadline, newDeadline: d}, err
	})
}

// WithdrawNotice withdraws an issued or reported notice, for a reason that is recorded. A
// verified notice stays: its rectification was done and checked, and that is history.
func (s *Store) WithdrawNotice(ctx context.Context, id int64, reason string) error {
	if err := s.leadOnly(ctx, ActionChangeNotice); err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return fault(ErrInvalid, "withdrawing a notice needs a reason")
	}
	return s.noticeStep(ctx, id, EventWithdraw, []string{NoticeIssued, NoticeReported}, func(tx *txn, n noticeRow) (noticeEvent, error) {
		_, err := tx.ExecContext(ctx, "UPDATE notices SET status = 'withdrawn', withdrawn_at = ? WHERE id = ?", tx.now, id)
		return noticeEvent{detail: reason, deadline: n.deadline}, err
	})
}

// noticeRow is what a step reads of its notice.
type noticeRow struct{ number, status, deadline string }

// noticeEvent is the columns of one notice_events row besides who and when.
type noticeEvent struct {
	detail, deadline, newDeadline, reportedOn, checkedBy string
	late                                                 *bool
}

// noticeStep moves a notice that is in one of the statuses want with change, and keeps the
// event change returns, with who and when.
func (s *Store) noticeStep(ctx context.Context, id int64, action string, want []string, change func(tx *txn, n noticeRow) (noticeEvent, error)) error {
	return s.inTx(ctx, func(tx *txn) error {
		var n noticeRow
		err := tx.QueryRowContext(ctx, "SELECT number, status, deadline FROM notices WHERE id = ?", id).Scan(&n.number, &n.status, &n.deadline)
		if errors.Is(err, sql.ErrNoRows) {
			return fault(ErrNotFound, "no notice %d", id)
		}
		if err != nil {
			return err
		}
		if !slices.Contains(want, n.status) {
			return &NoticeStateError{Number: n.number, Status: n.status, Want: want, Step: action}
		}
		e, err := change(tx, n)
		if err != nil {
			return err
		}
		return insertNoticeEvent(ctx, tx, id, action, s.actor, e)
	})
}

// insertNoticeEvent keeps an event of notice id and chains it in the ledger.
func insertNoticeEvent(ctx context.Context, tx *txn, id int64, action, by string, e noticeEvent) error {
	res, err := tx.ExecContext(ctx, `INSERT INTO notice_events(notice_id, at, by, action, detail, deadline, new_deadline, reported_on, late, checked_by)
		VALUES(?, ?, ?, ?, ?, nullif(?, ''), nullif(?, ''), nullif(?, ''), ?, nullif(?, ''))`,
		id, tx.now, by, action, e.detail, e.deadline, e.newDeadline, e.reportedOn, e.late, e.checkedBy)
	if err != nil {
		return err
	}
	ref, err := res.LastInsertId()
	if err != nil {
		return err
	}
	return appendRecord(ctx, tx, kindNotice, ref, by)
}
