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
