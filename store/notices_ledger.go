package store

import (
	"context"
	"database/sql"
)

// noticeRecord is one event of a notice's life as the ledger holds it. The office is named by
// its id: its names change with a rename, and the notice stays the same. Empty fields are left
// out.
type noticeRecord struct {
	Event       int64  `json:"event"`
	Notice      int64  `json:"notice"`
	Number      string `json:"number"`
	Round       int    `json:"round"`
	RoundName   string `json:"round_name"`
	OfficeID    int64  `json:"office_id"`
	Action      string `json:"action"`
	At          string `json:"at"`
	By          string `json:"by"`
	Detail      string `json:"detail,omitempty"`
	Deadline    string `json:"deadline,omitempty"`
	NewDeadline string `json:"new_deadline,omitempty"`
	ReportedOn  string `json:"reported_on,omitempty"`
	Late        *bool  `json:"late,omitempty"`
	CheckedBy   string `json:"checked_by,omitempty"`
}

func readNoticeRecord(ctx context.Context, q querier, id int64) (noticeRecord, error) {
	var r noticeRecord
	var late sql.NullBool
	err := q.QueryRowContext(ctx, `SELECT e.id, n.id, n.number, r.number, r.name, n.office_id, e.action, e.at, e.by, e.detail,
		coalesce(e.deadline, ''), coalesce(e.new_deadline, ''), coalesce(e.reported_on, ''), e.late, coalesce(e.checked_by, '')
		FROM notice_events e JOIN notices n ON n.id = e.notice_id JOIN rounds r ON r.id = n.round_id WHERE e.id = ?`, id).
		Scan(&r.Event, &r.Notice, &r.Number, &r.Round, &r.RoundName, &r.OfficeID, &r.Action, &r.At, &r.By, &r.Detail,
			&r.Deadline, &r.NewDeadline, &r.ReportedOn, &late, &r.CheckedBy)
	if late.Valid {
		r.Late = &late.Bool
	}
	return r, err
}

// chainNoticeEvents appends to the ledger the notice events a database kept before they were
// chained, oldest first.
func chainNoticeEvents(ctx context.Context, tx *sql.Tx, actor string) error {
	ids, err := queryAll(ctx, tx, scanOne[int64], `SELECT id FROM notice_events e
		WHERE NOT EXISTS (SELECT 1 FROM ledger l WHERE l.kind = 'notice' AND l.ref = e.id) ORDER BY id`)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := appendRecord(ctx, tx, kindNotice, id, actor); err != nil {
			return err
		}
	}
	return nil
}
