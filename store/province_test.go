package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"phoneaudit/demo"
	"phoneaudit/store"
)

// The province data set (2,000 offices × N rounds, one call with one sheet each) takes minutes
// to build, so benchmarks build it once and keep it in the user's cache folder between runs.
// PHONEAUDIT_BENCH_ROUNDS sets N (default 500: 1M calls); PHONEAUDIT_BENCH_DIR the folder.

var provinceOnce sync.Map // path → *sync.Once

func provinceRounds() int {
	if n, err := strconv.Atoi(os.Getenv("PHONEAUDIT_BENCH_ROUNDS")); err == nil && n > 0 {
		return n
	}
	return 500
}

// provincePath returns the cached province database for rounds, building it when missing.
func provincePath(tb testing.TB, rounds int) string {
	tb.Helper()
	dir := os.Getenv("PHONEAUDIT_BENCH_DIR")
	if dir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			cache = os.TempDir()
		}
		dir = filepath.Join(cache, "phoneaudit-bench")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		tb.Fatal(err)
	}
	// The schema version is in the name, so a migration never meets a stale cache.
	path := filepath.Join(dir, fmt.Sprintf("province-r%d-s1-v%d.db", rounds, schemaVersion(tb)))
	once, _ := provinceOnce.LoadOrStore(path, &sync.Once{})
	once.(*sync.Once).Do(func() {
		if _, err := os.Stat(path); err == nil {
			return
		}
		tmp := path + ".building"
		os.Remove(tmp)
		start := time.Now()
		s, err := store.Open(context.Background(), tmp)
		if err != nil {
			tb.Fatal(err)
		}
		err = demo.LoadProvince(context.Background(), s, 1, rounds, nil)
		s.Close()
		if err != nil {
			tb.Fatal(err)
		}
		if err := os.Rename(tmp, path); err != nil {
			tb.Fatal(err)
		}
		tb.Logf("built the province database (%d rounds) in %v: %s", rounds, time.Since(start).Round(time.Second), path)
	})
	return path
}

func schemaVersion(tb testing.TB) int {
	s, _ := mustOpen(tb)
	v, err := s.SchemaVersion(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return v
}

// BenchmarkFlagsProvince measures the flags of all offices as of the latest round at province
// scale (goal: under 100 ms).
func BenchmarkFlagsProvince(b *testing.B) {
	path := provincePath(b, provinceRounds())
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
