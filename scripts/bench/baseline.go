package main

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"time"

	"phoneaudit/store"
)

// sqlite3Flags times the SQL store.Flags runs (store.LatestRoundSQL, then store.FlagsSQL) in the
// sqlite3 command on the database at path, by wall clock: one process runs both statements reps
// times (rows to /dev/null), another opens the file and runs nothing, and the difference over
// reps is one run. Each is the best of three, so
// a busy moment on the machine does not count.
func sqlite3Flags(ctx context.Context, path string, asOf, reps int) (time.Duration, error) {
	if _, err := exec.LookPath("sqlite3"); err != nil {
		return 0, fmt.Errorf("the sqlite3 command is not installed (apt-get install sqlite3)")
	}
	script := func(n int) string {
		var b strings.Builder
		b.WriteString(".output /dev/null\n")
		q := strings.ReplaceAll(store.FlagsSQL, "?1", fmt.Sprint(asOf))
		for range n {
			b.WriteString(store.LatestRoundSQL + ";\n" + q + ";\n")
		}
		return b.String()
	}
	best := func(n int) (time.Duration, error) {
		var min time.Duration
		for range 3 {
			cmd := exec.CommandContext(ctx, "sqlite3", "-readonly", path)
			cmd.Stdin = strings.NewReader(script(n))
			start := time.Now()
			if out, err := cmd.CombinedOutput(); err != nil || len(out) > 0 {
				return 0, fmt.Errorf("sqlite3 on %s: %v %s", path, err, out)
			}
			if took := time.Since(start); min == 0 || took < min {
				min = took
			}
		}
		return min, nil
	}
	empty, err := best(0)
	if err != nil {
		return 0, err
	}
	full, err := best(reps)
	if err != nil {
		return 0, err
	}
	return max(full-empty, 0) / time.Duration(reps), nil
}
