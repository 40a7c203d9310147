package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// The SQL store.Flags runs (store/audits.go, func flags): the latest audited round, then the
// flagged offices as of it. checkFlagsSQL makes sure it is still the SQL the store runs.
const (
	latestRoundSQL = "SELECT coalesce(max(round_number), 0) FROM audits"
	flagsSQL       = `SELECT o.id, d.name, o.name, a.streak, a.round_number, r.name
		FROM offices o
		CROSS JOIN audits a ON a.office_id = o.id AND a.round_number =
			(SELECT max(x.round_number) FROM audits x WHERE x.office_id = o.id AND x.round_number <= ?)
		JOIN departments d ON d.id = o.department_id
		JOIN rounds r ON r.id = a.round_id
		WHERE o.merged_into IS NULL AND a.streak >= 2`
)

// checkFlagsSQL reports whether store/audits.go still holds both statements, spaces aside.
func checkFlagsSQL(root string) error {
	src, err := os.ReadFile(filepath.Join(root, "store", "audits.go"))
	if err != nil {
		return err
	}
	code := squeeze(string(src))
	for _, q := range []string{latestRoundSQL, flagsSQL} {
		if !strings.Contains(code, squeeze(q)) {
			return fmt.Errorf("store/audits.go no longer runs this SQL for the flags; update scripts/bench/baseline.go:\n%s", q)
		}
	}
	return nil
}

func squeeze(s string) string { return strings.Join(strings.Fields(s), " ") }

// sqlite3Flags times the flags' SQL in the sqlite3 command on the database at path, by wall
// clock: one process runs both statements reps times (rows to /dev/null), another opens the
// file and runs nothing, and the difference over reps is one run. Each is the best of three, so
// a busy moment on the machine does not count.
func sqlite3Flags(ctx context.Context, path string, asOf, reps int) (time.Duration, error) {
	if _, err := exec.LookPath("sqlite3"); err != nil {
		return 0, fmt.Errorf("the sqlite3 command is not installed (apt-get install sqlite3)")
	}
	script := func(n int) string {
		var b strings.Builder
		b.WriteString(".output /dev/null\n")
		q := strings.Replace(flagsSQL, "?", fmt.Sprint(asOf), 1)
		for range n {
			b.WriteString(latestRoundSQL + ";\n" + q + ";\n")
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
