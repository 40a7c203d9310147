package store_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"phoneaudit/internal/stats"
	"phoneaudit/scoring"
)

// BenchmarkSaveAnswerLatency times one answer saved through the store (acting as the auditor,
// as the screens do) beside its baseline, one prepared single-row INSERT committed durably on a
// file with the store's pragmas, each operation on its own. The two alternate within one loop,
// so a busy moment of the machine (fsync on a shared disk) falls on both alike. It reports the
// mean, p50 and p99 of each in microseconds; the goal is the store within 1.3× of the baseline.
func BenchmarkSaveAnswerLatency(b *testing.B) {
	save := storeSaver(b)
	insert := rawInserter(b)
	var saved, inserted []time.Duration
	for b.Loop() {
		saved = append(saved, timed(b, save))
		inserted = append(inserted, timed(b, insert))
	}
	report(b, "store", saved)
	report(b, "raw", inserted)
}

// storeSaver returns a function saving the next answer of a draft sheet through the store.
func storeSaver(b *testing.B) func() error {
	fx := newFixture(b)
	s := fx.s.As(fx.caller.Name)
	ctx := context.Background()
	if _, err := s.AddAttempt(ctx, fx.calls[0].ID, s.Now(), scoring.Connected); err != nil {
		b.Fatal(err)
	}
	sheet, err := s.Draft(ctx, fx.calls[0].ID, fx.caller.Name)
	if err != nil {
		b.Fatal(err)
	}
	var crit []scoring.Criterion
	for _, c := range fx.rubric.Criteria {
		if c.Kind != scoring.Seconds {
			crit = append(crit, c)
		}
	}
	i := 0
	return func() error {
		c := crit[i%len(crit)]
		i++
		return s.SaveAnswer(ctx, sheet, c, i%(c.MaxValue()+1))
	}
}

// rawInserter returns a function committing one row with a prepared INSERT on a new file
// opened with the store's pragmas (store.dsn, writer pool).
func rawInserter(b *testing.B) func() error {
	path := filepath.Join(b.TempDir(), "raw.db")
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)"+
		"&_pragma=synchronous(FULL)&_pragma=journal_mode(WAL)&_txlock=immediate")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	db.SetMaxOpenConns(1)
	if _, err := db.Exec("CREATE TABLE t(sheet_id INTEGER, criterion TEXT, value INTEGER, set_at TEXT, set_by TEXT)"); err != nil {
		b.Fatal(err)
	}
	ins, err := db.Prepare("INSERT INTO t VALUES(?, ?, ?, ?, ?)")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ins.Close() })
	i := 0
	return func() error {
		i++
		_, err := ins.Exec(1, "attitude", i%6, "2026-11-27T02:00:00Z", "王芳")
		return err
	}
}

func timed(b *testing.B, op func() error) time.Duration {
	start := time.Now()
	if err := op(); err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}

// report adds the mean, median and 99th percentile of took as name-mean-us, name-p50-us and
// name-p99-us.
func report(b *testing.B, name string, took []time.Duration) {
	var sum time.Duration
	for _, d := range took {
		sum += d
	}
	slices.Sort(took)
	b.ReportMetric(micros(sum/time.Duration(max(len(took), 1))), name+"-mean-us")
	b.ReportMetric(micros(stats.Percentile(took, 50)), name+"-p50-us")
	b.ReportMetric(micros(stats.Percentile(took, 99)), name+"-p99-us")
}

func micros(d time.Duration) float64 { return float64(d) / float64(time.Microsecond) }

// BenchmarkOfficeHistoryOldestPageProvince measures the last page of an office's history at
// province scale: the 20 oldest audits of the first flagged office, which the screen reaches by
// paging back from the newest. Paging is by round number through the audits index, so the
// oldest page should cost what the newest does (BenchmarkOfficeHistoryProvince).
func BenchmarkOfficeHistoryOldestPageProvince(b *testing.B) {
	s := provinceStore(b)
	ctx := context.Background()
	flags, err := s.Flags(ctx, 0)
	if err != nil || len(flags) == 0 {
		b.Fatalf("no flagged office to open: %v", err)
	}
	office := flags[0].OfficeID
	const pageSize = 20
	before := pageSize + 1 // the page of rounds 1…20
	page, err := s.OfficeHistory(ctx, office, before, pageSize)
	if err != nil || len(page) == 0 {
		b.Fatalf("history before round %d: %d entries, %v", before, len(page), err)
	}
	for b.Loop() {
		if _, err := s.OfficeHistory(ctx, office, before, pageSize); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(page)), "entries")
}
