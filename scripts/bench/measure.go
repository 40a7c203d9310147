package main

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"phoneaudit/internal/benchdb"
)

// goFigures maps each Go benchmark the suite runs at every size to its figure, and names the
// metric it reports of how much it shows (flags, rows, history entries), when it reports one.
var goFigures = []struct {
	pkg, bench, key, shown string
}{
	{"store", "BenchmarkFlagsProvince", "flags", "flags"},
	{"store", "BenchmarkFlagRowsProvince", "flag-rows", "rows"},
	{"store", "BenchmarkPersonFlagsProvince", "person-flags", "flags"},
	{"store", "BenchmarkOfficeHistoryProvince", "history", "entries"},
	{"store", "BenchmarkOfficeHistoryOldestPageProvince", "history-oldest", "entries"},
	{"store", "BenchmarkOfficeSummariesProvince", "summaries", "offices"},
	{"ui", "BenchmarkCallsTabProvince", "calls-tab", "calls"},
	{"ui", "BenchmarkFlagsTabProvince", "flags-tab", "rows"},
	{"ui", "BenchmarkCallKeystroke", "keystroke", ""},
	{"publish", "BenchmarkBulletinProvince", "bulletin", ""},
}

// measureSize measures every figure on the database of n rounds into res.
func measureSize(ctx context.Context, cfg config, p prepared, n int, res *results) {
	db, ok := p.dbs[n]
	if !ok {
		return
	}
	env := []string{"PHONEAUDIT_BENCH_ROUNDS=" + strconv.Itoa(n), "PHONEAUDIT_BENCH_DIR=" + benchdb.Dir()}
	for _, pkg := range testPackages {
		pattern := ""
		for _, g := range goFigures {
			if g.pkg == pkg {
				pattern += "|" + g.bench
			}
		}
		got, err := runBenchmarks(ctx, p.tests[pkg], filepath.Join(cfg.root, pkg), "^("+pattern[1:]+")$", cfg.benchtime, env)
		for _, g := range goFigures {
			if g.pkg != pkg {
				continue
			}
			if b, ok := got[g.bench]; ok {
				res.set(n, g.key, b.metrics["ns/op"])
				if shown, ok := b.metrics[g.shown]; ok {
					res.setShown(n, g.key, shown)
				}
			} else if err != nil {
				res.fail(n, g.key, err)
			} else {
				res.fail(n, g.key, fmt.Errorf("%s did not run", g.bench))
			}
		}
	}
	if d, err := sqlite3Flags(ctx, db.path, db.latest, cfg.reps); err != nil {
		res.fail(n, "sqlite3", err)
	} else {
		res.set(n, "sqlite3", float64(d))
	}
	measureBinary(ctx, cfg, p.bin, db, n, res)
}

// measureBinary measures the real program: the first frame in a pseudo-terminal, the peak
// memory of the screens on tab 2 in tmux, and the bulletin command.
func measureBinary(ctx context.Context, cfg config, bin string, db dbInfo, n int, res *results) {
	xdg := filepath.Join(cfg.work, "xdg")
	env := []string{"XDG_DATA_HOME=" + xdg, "TERM=xterm-256color", "PHONEAUDIT_LANG=zh"}
	screens := []string{"--db", db.path, "--as", db.lead}
	var frames []time.Duration
	for range cfg.runs {
		d, err := firstFrame(ctx, bin, screens, env, "问题单位")
		if err != nil {
			res.fail(n, "first-frame", err)
			break
		}
		frames = append(frames, d)
	}
	if len(frames) == cfg.runs {
		slices.Sort(frames)
		res.set(n, "first-frame", float64(frames[len(frames)/2]))
	}

	counts := fmt.Sprintf("红牌 %d · 黄牌 %d", db.red, db.yellow)
	if hwm, err := tuiPeakRSS(bin, screens, env, benchdb.OpenRoundName, "2", counts); err != nil {
		res.fail(n, "rss-tui", err)
	} else {
		res.set(n, "rss-tui", float64(hwm))
	}

	args := []string{"--db", db.path, "bulletin", "--round", strconv.Itoa(db.latest)}
	var walls []time.Duration
	var peak int64
	for range 3 {
		wall, rss, err := commandRun(ctx, bin, args, env)
		if err != nil {
			res.fail(n, "bulletin-cmd", err)
			res.fail(n, "rss-bulletin", err)
			return
		}
		walls, peak = append(walls, wall), max(peak, rss)
	}
	slices.Sort(walls)
	res.set(n, "bulletin-cmd", float64(walls[1]))
	res.set(n, "rss-bulletin", float64(peak))
}

// saveFigures is one answer saved through the store beside the raw INSERT.
type saveFigures struct {
	store, raw struct{ mean, p50, p99 float64 } // nanoseconds
}

func measureSave(ctx context.Context, cfg config, p prepared) (saveFigures, error) {
	var s saveFigures
	got, err := runBenchmarks(ctx, p.tests["store"], filepath.Join(cfg.root, "store"), "^BenchmarkSaveAnswerLatency$", cfg.benchtime, nil)
	if err != nil {
		return s, err
	}
	b, ok := got["BenchmarkSaveAnswerLatency"]
	if !ok {
		return s, fmt.Errorf("BenchmarkSaveAnswerLatency did not run")
	}
	for name, dst := range map[string]*struct{ mean, p50, p99 float64 }{"store": &s.store, "raw": &s.raw} {
		m := b.metrics
		dst.mean, dst.p50, dst.p99 = m[name+"-mean-us"]*1e3, m[name+"-p50-us"]*1e3, m[name+"-p99-us"]*1e3
		if dst.p50 == 0 {
			return s, fmt.Errorf("BenchmarkSaveAnswerLatency reported no %s-p50-us", name)
		}
	}
	return s, nil
}
