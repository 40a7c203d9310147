// Package benchdb builds the province-scale database that benchmarks run on (2,000 offices ×
// N closed rounds, one call with one sheet each, and one open round of 2,000 planned calls) and
// keeps it in the user's cache folder between runs, because building it takes minutes.
//
// PHONEAUDIT_BENCH_ROUNDS sets N (default 500: 1M calls); PHONEAUDIT_BENCH_DIR the folder.
// Benchmarks ask for it with Path; scripts/bench builds the three sizes it compares with Ensure.
package benchdb

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
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

// Dir is the folder the databases are cached in: PHONEAUDIT_BENCH_DIR, else phoneaudit-bench in
// the user's cache folder.
func Dir() string {
	if dir := os.Getenv("PHONEAUDIT_BENCH_DIR"); dir != "" {
		return dir
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	return filepath.Join(cache, "phoneaudit-bench")
}

// Path returns the cached province database of rounds rounds, building it when missing.
func Path(tb testing.TB, rounds int) string {
	tb.Helper()
	path, took, err := Ensure(context.Background(), rounds, nil)
	if err != nil {
		tb.Fatal(err)
	}
	if took > 0 {
		tb.Logf("built the province database (%d rounds) in %v: %s", rounds, took.Round(time.Second), path)
	}
	return path
}

// Ensure returns the cached province database of rounds rounds, building it when missing;
// took is how long the build took (0 when the file was cached). progress, when not nil, hears
// of every round written. Within one process a file is built once; two processes must not
// build the same file at the same time (scripts/bench runs everything one after the other).
func Ensure(ctx context.Context, rounds int, progress func(done, total int)) (path string, took time.Duration, err error) {
	dir := Dir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", 0, fmt.Errorf("making the benchmark folder %s: %w", dir, err)
	}
	v, sum, err := fingerprint(ctx, dir)
	if err != nil {
		return "", 0, err
	}
	// The schema's version and a digest of the schema and of the code that writes the rounds
	// are in the name, so a new migration, a change to one not yet released or to the bulk
	// writer never meets a stale cache.
	path = filepath.Join(dir, fmt.Sprintf("province-r%d-s1-v%d-%s.db", rounds, v, sum))
	once, _ := built.LoadOrStore(path, &sync.Once{})
	once.(*sync.Once).Do(func() {
		if _, serr := os.Stat(path); serr == nil {
			err = ensureOpenRound(ctx, path) // a file cached before the open round was added
			return
		}
		start := time.Now()
		if err = build(ctx, path, rounds, progress); err == nil {
			took = time.Since(start)
		}
	})
	if err != nil {
		built.Delete(path) // let a later call try again
		return "", 0, fmt.Errorf("the province database of %d rounds (%s): %w", rounds, path, err)
	}
	return path, took, nil
}

// build writes the database under a temporary name and renames it when complete, so an
// interrupted build is never taken for a cached one.
func build(ctx context.Context, path string, rounds int, progress func(done, total int)) error {
	tmp := path + ".building"
	for _, p := range []string{tmp, tmp + "-wal", tmp + "-shm"} {
		os.Remove(p)
	}
	s, err := store.Open(ctx, tmp)
	if err != nil {
		return err
	}
	err = demo.LoadProvince(ctx, s, 1, rounds, progress)
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = ensureOpenRound(ctx, tmp)
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// writers are the sources that write a province database beyond its schema: the demo's
// generator and the store's bulk rounds. They change seldom; the code they call (scoring, the
// ledger) is left out, since most changes there write the same rows — after one that does not,
// empty the cache folder.
var writers = []string{"demo/*.go", "store/bulk.go"}

// fingerprint is the schema version this phoneaudit writes and the first 8 hex digits of the
// SHA-256 of its tables, indexes and triggers as SQLite keeps them (read off a fresh file) and
// of the writers' sources (test files aside), read from the repository this package was built in
// when it is there.
func fingerprint(ctx context.Context, dir string) (version int, sum string, err error) {
	tmp, err := os.MkdirTemp(dir, "schema-")
	if err != nil {
		return 0, "", fmt.Errorf("reading the schema: %w", err)
	}
	defer os.RemoveAll(tmp)
	path := filepath.Join(tmp, "x.db")
	s, err := store.Open(ctx, path)
	if err != nil {
		return 0, "", fmt.Errorf("reading the schema: %w", err)
	}
	version, err = s.SchemaVersion(ctx)
	s.Close()
	if err != nil {
		return 0, "", err
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return 0, "", err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, "SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name")
	if err != nil {
		return 0, "", fmt.Errorf("reading the schema: %w", err)
	}
	defer rows.Close()
	h := sha256.New()
	for rows.Next() {
		var typ, name, text string
		if err := rows.Scan(&typ, &name, &text); err != nil {
			return 0, "", err
		}
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00", typ, name, text)
	}
	if err := rows.Err(); err != nil {
		return 0, "", err
	}
	if _, file, _, ok := runtime.Caller(0); ok {
		root := filepath.Join(filepath.Dir(file), "..", "..")
		for _, pattern := range writers {
			names, _ := filepath.Glob(filepath.Join(root, pattern))
			for _, name := range names {
				if strings.HasSuffix(name, "_test.go") {
					continue
				}
				b, err := os.ReadFile(name)
				if err != nil {
					return 0, "", fmt.Errorf("reading the source %s: %w", name, err)
				}
				fmt.Fprintf(h, "%s\x00%d\x00", filepath.Base(name), len(b))
				h.Write(b)
			}
		}
	}
	return version, hex.EncodeToString(h.Sum(nil))[:8], nil
}
