// Package benchdb builds the province-scale database that benchmarks run on (2,000 offices ×
// N closed rounds, one call with one sheet each) and keeps it in the user's cache folder between
// runs, because building it takes minutes.
//
// PHONEAUDIT_BENCH_ROUNDS sets N (default 500: 1M calls); PHONEAUDIT_BENCH_DIR the folder.
package benchdb

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

var built sync.Map // path → *sync.Once

// Rounds is the number of rounds benchmarks use: PHONEAUDIT_BENCH_ROUNDS, or 500.
func Rounds() int {
	if n, err := strconv.Atoi(os.Getenv("PHONEAUDIT_BENCH_ROUNDS")); err == nil && n > 0 {
		return n
	}
	return 500
}

// Path returns the cached province database of rounds rounds, building it when missing.
func Path(tb testing.TB, rounds int) string {
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
	path := filepath.Join(dir, fmt.Sprintf("province-r%d-s1-v%d.db", rounds, schemaVersion(tb, dir)))
	once, _ := built.LoadOrStore(path, &sync.Once{})
	once.(*sync.Once).Do(func() {
		if _, err := os.Stat(path); err == nil {
			return
		}
		start := time.Now()
		if err := build(path, rounds); err != nil {
			tb.Fatal(err)
		}
		tb.Logf("built the province database (%d rounds) in %v: %s", rounds, time.Since(start).Round(time.Second), path)
	})
	return path
}

func build(path string, rounds int) error {
	tmp := path + ".building"
	for _, p := range []string{tmp, tmp + "-wal", tmp + "-shm"} {
		os.Remove(p)
	}
	ctx := context.Background()
	s, err := store.Open(ctx, tmp)
	if err != nil {
		return err
	}
	err = demo.LoadProvince(ctx, s, 1, rounds, nil)
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// schemaVersion is the schema version this phoneaudit writes, read off a fresh file.
func schemaVersion(tb testing.TB, dir string) int {
	tb.Helper()
	tmp, err := os.MkdirTemp(dir, "schema-")
	if err != nil {
		tb.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	s, err := store.Open(context.Background(), filepath.Join(tmp, "x.db"))
	if err != nil {
		tb.Fatal(err)
	}
	defer s.Close()
	v, err := s.SchemaVersion(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return v
}
