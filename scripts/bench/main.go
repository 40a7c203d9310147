// Command bench runs phoneaudit's performance suite at province scale (2,000 offices) and prints
// every figure beside its baseline and goal, and how each grows from the smallest database to
// the largest. scripts/bench.sh runs it; the README's "Performance" section shows its table.
//
// It builds (once, cached by internal/benchdb) the province database at each size, compiles
// the binary and the test binaries once, then for each size runs the Go benchmarks, the sqlite3
// baseline, the real binary in a pseudo-terminal and in tmux, and the bulletin command.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

type config struct {
	rounds    []int
	runs      int    // runs of the first frame (the median counts)
	benchtime string // go test -benchtime
	reps      int    // repetitions of the flags' SQL in one sqlite3 process
	root      string // the repository
	work      string // binaries
}

func main() {
	if len(os.Args) > 2 && os.Args[1] == peakHelper {
		os.Exit(runForPeak(os.Args[2:]))
	}
	var cfg config
	var rounds string
	flag.StringVar(&rounds, "rounds", "10,100,500", "database sizes in closed rounds, comma-separated, smallest first")
	flag.IntVar(&cfg.runs, "runs", 7, "runs of the first frame per size (the median is reported)")
	flag.StringVar(&cfg.benchtime, "benchtime", "1s", "go test -benchtime for each benchmark")
	flag.IntVar(&cfg.reps, "reps", 20, "runs of the flags' SQL in one sqlite3 process")
	flag.Parse()
	var err error
	if cfg.rounds, err = parseRounds(rounds); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, cfg); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func parseRounds(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("-rounds: %q is not a number of rounds", f)
		}
		out = append(out, n)
	}
	if !slices.IsSorted(out) {
		return nil, fmt.Errorf("-rounds: give the sizes smallest first, not %s", s)
	}
	return out, nil
}

func run(ctx context.Context, cfg config) error {
	start := time.Now()
	var err error
	if cfg.root, err = moduleRoot(); err != nil {
		return err
	}
	if cfg.work, err = os.MkdirTemp("", "phoneaudit-bench-"); err != nil {
		return err
	}
	defer os.RemoveAll(cfg.work)
	fmt.Println(machine())
	fmt.Println()

	prep, err := prepare(ctx, cfg)
	if err != nil {
		return err
	}
	res := newResults()
	for _, n := range cfg.rounds {
		fmt.Fprintf(os.Stderr, "measuring at %d rounds…\n", n)
		measureSize(ctx, cfg, prep, n, res)
	}
	fmt.Fprintln(os.Stderr, "measuring one answer saved…")
	save, saveErr := measureSave(ctx, cfg, prep)

	printBuilds(prep, cfg.rounds)
	printFigures(res, cfg.rounds[len(cfg.rounds)-1], save, saveErr)
	printGrowth(res, cfg.rounds)
	printFailures(res, cfg.rounds)
	fmt.Printf("\nbench.sh took %v\n", time.Since(start).Round(time.Second))
	return nil
}

// moduleRoot is the folder of phoneaudit's go.mod, from the current folder up.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && strings.HasPrefix(string(b), "module phoneaudit\n") {
			return dir, nil
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", fmt.Errorf("run it inside the phoneaudit repository (no go.mod of module phoneaudit above %s)", dir)
		}
		dir = up
	}
}
