package store_test

import (
	"context"
	"testing"

	"phoneaudit/internal/benchdb"
	"phoneaudit/store"
)

// BenchmarkFlagsProvince measures the flags of all offices as of the latest round at province
// scale (goal: under 100 ms).
func BenchmarkFlagsProvince(b *testing.B) {
	path := benchdb.Path(b, benchdb.Rounds())
	s, err := store.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	flags, err := s.Flags(ctx, 0)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(flags)), "flags")
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.Flags(ctx, 0); err != nil {
			b.Fatal(err)
		}
	}
}

// provinceStore opens the cached province database.
func provinceStore(b *testing.B) *store.Store {
	b.Helper()
	s, err := store.Open(context.Background(), benchdb.Path(b, benchdb.Rounds()))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// BenchmarkFlagRowsProvince measures loading tab 2's rows as of the latest round at province
// scale: the flags, their streak rounds, latest reasons and notices (goal: under 100 ms).
func BenchmarkFlagRowsProvince(b *testing.B) {
	s := provinceStore(b)
	ctx := context.Background()
	rows, err := s.FlagRows(ctx, 0)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := s.FlagRows(ctx, 0); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(rows)), "rows")
}

// BenchmarkPersonFlagsProvince measures tab 2's persons view (v) as of the latest round at
// province scale: the red and yellow persons who answered (goal: under 100 ms).
func BenchmarkPersonFlagsProvince(b *testing.B) {
	s := provinceStore(b)
	ctx := context.Background()
	flags, err := s.PersonFlags(ctx, 0)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := s.PersonFlags(ctx, 0); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(flags)), "flags")
}

// BenchmarkOfficeHistoryProvince measures opening an office's history at province scale, as
// the screen does: the newest page of 20 audits and the trend of the last 24 (goal: under
// 100 ms). The office is the first of tab 2, one with 500 audits.
func BenchmarkOfficeHistoryProvince(b *testing.B) {
	s := provinceStore(b)
	ctx := context.Background()
	flags, err := s.Flags(ctx, 0)
	if err != nil || len(flags) == 0 {
		b.Fatalf("no flagged office to open: %v", err)
	}
	office := flags[0].OfficeID
	page, err := s.OfficeHistory(ctx, office, 0, 20)
	if err != nil || len(page) == 0 {
		b.Fatalf("history: %d entries, %v", len(page), err)
	}
	for b.Loop() {
		if _, err := s.OfficeHistory(ctx, office, 0, 20); err != nil {
			b.Fatal(err)
		}
		if _, err := s.OfficeTrend(ctx, office, 24); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(page)), "entries")
}

// BenchmarkOfficeSummariesProvince measures tab 4's rows at province scale: every office with
// its latest total, grade and streak.
func BenchmarkOfficeSummariesProvince(b *testing.B) {
	s := provinceStore(b)
	ctx := context.Background()
	var n int
	for b.Loop() {
		sums, err := s.OfficeSummaries(ctx, 0)
		if err != nil {
			b.Fatal(err)
		}
		n = len(sums)
	}
	b.ReportMetric(float64(n), "offices")
}
