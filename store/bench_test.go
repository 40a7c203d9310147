package store_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"phoneaudit/scoring"
)

// BenchmarkSaveAnswer measures one answer saved through the store (an upsert, committed
// durably) beside its baseline: a raw single-row INSERT commit on a file with the same pragmas,
// in the same run. The goal is within 1.3× of the baseline.
func BenchmarkSaveAnswer(b *testing.B) {
	// "store" acts as the command line (no registered auditor); "store-auditor" as the caller,
	// an auditor, whose every answer is checked to be on their own sheet.
	for _, actor := range []string{"", "王芳"} {
		name := "store"
		if actor != "" {
			name = "store-auditor"
		}
		b.Run(name, func(b *testing.B) {
			fx := newFixture(b)
			s := fx.s
			if actor != "" {
				s = s.As(actor)
			}
			ctx := context.Background()
			if _, err := s.AddAttempt(ctx, fx.calls[0].ID, s.Now(), scoring.Connected); err != nil {
				b.Fatal(err)
			}
			sheet, err := s.Draft(ctx, fx.calls[0].ID, fx.caller.Name)
			if err != nil {
				b.Fatal(err)
			}
			crit := []scoring.Criterion{}
			for _, c := range fx.rubric.Criteria {
				if c.Kind != scoring.Seconds {
					crit = append(crit, c)
				}
			}
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				c := crit[i%len(crit)]
				if err := s.SaveAnswer(ctx, sheet, c, i%(c.MaxValue()+1)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("raw-insert", func(b *testing.B) {
		path := filepath.Join(b.TempDir(), "raw.db")
		db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=foreign_keys(1)&_txlock=immediate")
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		db.SetMaxOpenConns(1)
		if _, err := db.Exec("CREATE TABLE t(sheet_id INTEGER, criterion TEXT, value INTEGER, set_at TEXT)"); err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for i := 0; b.Loop(); i++ {
			if _, err := db.Exec("INSERT INTO t VALUES(?, ?, ?, ?)", 1, "attitude", i%6, "2026-11-27T02:00:00Z"); err != nil {
				b.Fatal(err)
			}
		}
	})
}
