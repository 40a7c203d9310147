package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"phoneaudit/internal/benchdb"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// testPackages are the packages whose benchmarks the suite runs.
var testPackages = []string{"store", "ui", "publish"}

// dbInfo is one province database and what the measurements need to know of it.
type dbInfo struct {
	path        string
	took        time.Duration // the build; 0 when it was cached
	lead        string        // a lead, who may see every tab
	latest      int           // the latest audited round
	red, yellow int           // its flags, which tab 2 counts
}

type prepared struct {
	bin   string            // the phoneaudit binary
	tests map[string]string // package → its test binary
	dbs   map[int]dbInfo    // by rounds
}

// prepare builds the databases (the largest in its own goroutine, the others one after the
// other in another, since the largest takes longest) while the binaries compile.
func prepare(ctx context.Context, cfg config) (prepared, error) {
	p := prepared{bin: filepath.Join(cfg.work, "phoneaudit"), dbs: map[int]dbInfo{}}
	fmt.Fprintf(os.Stderr, "building the province databases (%v rounds) in %s and compiling…\n", cfg.rounds, benchdb.Dir())
	var mu sync.Mutex
	var wg sync.WaitGroup
	var buildErr error
	build := func(sizes []int) {
		defer wg.Done()
		for _, n := range sizes {
			info, err := ensureDB(ctx, n)
			mu.Lock()
			p.dbs[n] = info
			buildErr = errors.Join(buildErr, err)
			mu.Unlock()
			if err != nil {
				return
			}
		}
	}
	last := len(cfg.rounds) - 1
	wg.Add(2)
	go build(cfg.rounds[last:])
	go build(cfg.rounds[:last])

	cmd := exec.CommandContext(ctx, "go", "build", "-o", p.bin, ".")
	cmd.Dir = cfg.root
	out, err := cmd.CombinedOutput()
	if err == nil {
		p.tests, err = compileTests(ctx, cfg.root, cfg.work, testPackages)
	} else {
		err = fmt.Errorf("building phoneaudit: %w\n%s", err, out)
	}
	wg.Wait()
	noteStale(p.dbs)
	return p, errors.Join(err, buildErr)
}

// noteStale tells of cached databases left by an earlier schema or generator (a name whose
// version and digest differ from this run's) and how much room they take, without removing them:
// another checkout may still use them.
func noteStale(used map[int]dbInfo) {
	current := ""
	for _, db := range used {
		if _, tail, ok := strings.Cut(filepath.Base(db.path), "-s1-"); ok {
			current = tail // "v6-eea93db6.db"
		}
	}
	names, _ := filepath.Glob(filepath.Join(benchdb.Dir(), "province-*.db"))
	var stale []string
	var size int64
	for _, name := range names {
		if current == "" || strings.HasSuffix(name, "-s1-"+current) {
			continue
		}
		if st, err := os.Stat(name); err == nil {
			stale, size = append(stale, filepath.Base(name)), size+st.Size()
		}
	}
	if len(stale) > 0 {
		fmt.Fprintf(os.Stderr, "%d cached databases in %s are from an earlier schema or generator (%s MiB; another checkout may still use them): %s\n",
			len(stale), benchdb.Dir(), thousands(int(size>>20)), strings.Join(stale, ", "))
	}
}

// ensureDB builds (or finds cached) the database of n rounds and reads what the measurements
// need from it.
func ensureDB(ctx context.Context, n int) (dbInfo, error) {
	step := max(n/10, 1)
	path, took, err := benchdb.Ensure(ctx, n, func(done, total int) {
		if done%step == 0 && total >= 100 {
			fmt.Fprintf(os.Stderr, "  %d rounds: %d written\n", total, done)
		}
	})
	if err != nil {
		return dbInfo{}, err
	}
	info := dbInfo{path: path, took: took}
	s, err := store.Open(ctx, path)
	if err != nil {
		return info, err
	}
	defer s.Close()
	auditors, err := s.Auditors(ctx)
	if err != nil {
		return info, err
	}
	for _, a := range auditors {
		if a.Role == "lead" && a.Active && info.lead == "" {
			info.lead = a.Name
		}
	}
	if info.lead == "" {
		return info, fmt.Errorf("the database %s has no lead", path)
	}
	if info.latest, err = s.LatestAuditedRound(ctx); err != nil {
		return info, err
	}
	flags, err := s.Flags(ctx, 0)
	for _, f := range flags {
		if f.Level == scoring.Red {
			info.red++
		} else {
			info.yellow++
		}
	}
	return info, err
}

// machine is the line saying where the figures were measured.
func machine() string {
	cpu := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if name, ok := strings.CutPrefix(line, "model name"); ok {
				cpu = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(name), ":"))
				break
			}
		}
	}
	return fmt.Sprintf("phoneaudit performance at province scale (2,000 offices) — %s, %d cores, %s/%s, %s",
		cpu, runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version())
}
