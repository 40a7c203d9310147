package store

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
)

// afterMigration are Go steps that run right after a migration's SQL, in its transaction.
var afterMigration = map[int]func(ctx context.Context, tx *sql.Tx, actor string) error{
	5: backfillLedger,
	7: chainNoticeEvents,
	9: snapshotPublications,
}

// pendingEntry is a record that existed before the ledger, to be appended in time order.
type pendingEntry struct {
	at   string
	rank int // within one second, the order the writes themselves follow
	kind string
	ref  int64
}

// backfillLedger starts the chain over every record a database held before the ledger existed,
// oldest first, so `verify` covers them as it covers new ones. It does nothing on a database
// whose ledger already has entries.
func backfillLedger(ctx context.Context, tx *sql.Tx, actor string) error {
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM ledger").Scan(&n); err != nil || n > 0 {
		return err
	}
	pending, err := existingRecords(ctx, tx)
	if err != nil {
		return err
	}
	slices.SortFunc(pending, func(a, b pendingEntry) int {
		return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.rank, b.rank), cmp.Compare(a.ref, b.ref))
	})
	q := newStmtCache(tx)
	defer q.close()
	for _, p := range pending {
		var err error
		if p.kind == kindCall {
			err = appendCallEntries(ctx, q, p.ref, actor)
		} else {
			err = appendRecord(ctx, q, p.kind, p.ref, actor)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// existingRecords lists every record the ledger covers. A finished call stands for its sheets
// too (appendCallEntries), as it does when a call finishes.
func existingRecords(ctx context.Context, tx *sql.Tx) ([]pendingEntry, error) {
	queries := []struct {
		rank int
		sql  string
	}{
		{1, `SELECT coalesce(finished_at, ''), CASE imported WHEN 1 THEN 'import' ELSE 'call' END, id FROM calls
			WHERE status IN ('done', 'unreachable')`},
		{2, "SELECT at, kind, id FROM reviews"},
		{3, "SELECT at, 'amendment', id FROM amendments"},
		{4, "SELECT published_at, 'publication', id FROM publications"},
		{5, "SELECT at, CASE WHEN entity = 'round' AND action = 'close' THEN 'close' ELSE 'registry' END, id FROM changes"},
	}
	var out []pendingEntry
	for _, qr := range queries {
		recs, err := queryAll(ctx, tx, func(sc scanner) (pendingEntry, error) {
			p := pendingEntry{rank: qr.rank}
			err := sc.Scan(&p.at, &p.kind, &p.ref)
			return p, err
		}, qr.sql)
		if err != nil {
			return nil, err
		}
		out = append(out, recs...)
	}
	return out, nil
}
