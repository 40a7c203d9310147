package demo_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"phoneaudit/demo"
	"phoneaudit/store"
)

// TestLedgerIsInTimeOrder: the demo city's ledger is written in the order things happened, so
// the 数据校验码 printed in a round's bulletin covers only what came before its publication:
// every entry is dated no earlier than the one before it, and each publication's stored head is
// the entry just before its own, with each later round's calls after it.
func TestLedgerIsInTimeOrder(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "demo.db")
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.Load(ctx, s, 1); err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	type entry struct {
		seq            int64
		at, kind, hash string
	}
	// The open round is created when the demo is loaded (its running calls are live), so its
	// creation is left out of the order: every other entry is checked.
	rows, err := db.QueryContext(ctx, `SELECT seq, at, kind, hash FROM ledger
		WHERE NOT (kind = 'registry' AND body LIKE '%"create"%' AND body LIKE '%2026年第6轮%') ORDER BY seq`)
	if err != nil {
		t.Fatal(err)
	}
	var entries []entry
	bySeq := map[string]int{} // hash → index
	for rows.Next() {
		var e entry
		if err := rows.Scan(&e.seq, &e.at, &e.kind, &e.hash); err != nil {
			t.Fatal(err)
		}
		bySeq[e.hash] = len(entries)
		entries = append(entries, e)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	out := 0
	for i := 1; i < len(entries); i++ {
		if entries[i].at < entries[i-1].at {
			if out++; out <= 5 {
				t.Errorf("ledger entry %d (%s) is dated %s, before entry %d (%s) of %s",
					entries[i].seq, entries[i].kind, entries[i].at, entries[i-1].seq, entries[i-1].kind, entries[i-1].at)
			}
		}
	}
	if out > 5 {
		t.Errorf("and %d more entries out of time order", out-5)
	}

	pubs, err := db.QueryContext(ctx, `SELECT r.number, p.published_at, p.ledger_head, l.seq
		FROM publications p JOIN rounds r ON r.id = p.round_id
		JOIN ledger l ON l.kind = 'publication' AND l.ref = p.id ORDER BY r.number`)
	if err != nil {
		t.Fatal(err)
	}
	defer pubs.Close()
	n := 0
	for pubs.Next() {
		var number int
		var publishedAt, head string
		var seq int64
		if err := pubs.Scan(&number, &publishedAt, &head, &seq); err != nil {
			t.Fatal(err)
		}
		n++
		i, ok := bySeq[head]
		switch {
		case !ok:
			t.Errorf("round %d: its publication's head %s is no entry of the ledger", number, head)
		case entries[i].at > publishedAt:
			t.Errorf("round %d published %s prints the head of entry %d, dated %s: after its publication",
				number, publishedAt, entries[i].seq, entries[i].at)
		}
		for _, e := range entries[:i+1] {
			if e.at > publishedAt {
				t.Errorf("round %d published %s: its head covers entry %d (%s) of %s", number, publishedAt, e.seq, e.kind, e.at)
				break
			}
		}
		t.Logf("round %d published %s as ledger entry %d, its head entry %d of %d", number, publishedAt, seq, entries[i].seq, len(entries))
	}
	if n != 4 {
		t.Errorf("%d publications, want 4", n)
	}
}
