package main

import (
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"
)

// saveGoal is the goal of one answer saved: within this many times the raw INSERT, at p50.
const saveGoal = 1.3

func table() *tabwriter.Writer { return tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0) }

func printBuilds(p prepared, rounds []int) {
	fmt.Println("Province databases (2,000 offices × N closed rounds, one call and sheet each, one open round):")
	w := table()
	for _, n := range rounds {
		db, ok := p.dbs[n]
		switch {
		case !ok:
			fmt.Fprintf(w, "  %d rounds\tnot built\t\n", n)
		case db.took == 0:
			fmt.Fprintf(w, "  %d rounds\tcached\t%s\n", n, db.path)
		default:
			fmt.Fprintf(w, "  %d rounds\tbuilt in %v\t%s\n", n, db.took.Round(time.Second), db.path)
		}
	}
	w.Flush()
}

// printFigures prints every figure at the largest database beside its baseline and goal.
func printFigures(res *results, n int, save saveFigures, saveErr error) {
	fmt.Printf("\nFigures at %d rounds (%s calls):\n", n, thousands(2000*n))
	w := table()
	fmt.Fprintln(w, "  what\tfigure\tbaseline\tgoal\t")
	for _, f := range figures {
		v, ok := res.get(n, f.key)
		if f.key == "sqlite3" {
			continue // the baseline column of the flags
		}
		value, base, result := "failed (below)", "", ""
		if ok {
			value = f.unit.format(v)
			if f.goal > 0 {
				result = verdict(v < f.goal)
			}
		}
		if f.key == "flags" {
			base = "sqlite3 command: failed (below)"
			if b, bok := res.get(n, "sqlite3"); bok {
				base = "sqlite3 command: " + duration.format(b)
				if ok && b > 0 {
					base += fmt.Sprintf(" (store %.1f× it; information)", v/b)
				}
			}
		}
		fmt.Fprintf(w, "  %s\t%s\t%s\t%s\t%s\n", f.what, value, base, f.goalText(), result)
	}
	if saveErr != nil {
		fmt.Fprintf(w, "  one answer saved through the store\tfailed: %v\t\t\t\n", saveErr)
	} else {
		ratio := save.store.p50 / save.raw.p50
		fmt.Fprintf(w, "  one answer saved through the store, p50 / p99 (mean)\t%s / %s (%s)\traw durable INSERT: %s / %s (%s); %.2f× at p50, %.2f× mean\t≤ %.1f× at p50\t%s\n",
			duration.format(save.store.p50), duration.format(save.store.p99), duration.format(save.store.mean),
			duration.format(save.raw.p50), duration.format(save.raw.p99), duration.format(save.raw.mean),
			ratio, save.store.mean/save.raw.mean, saveGoal, verdict(ratio <= saveGoal))
	}
	w.Flush()
}

// printGrowth prints each figure at every size and the ratio of the largest to the smallest.
func printGrowth(res *results, rounds []int) {
	first, last := rounds[0], rounds[len(rounds)-1]
	fmt.Printf("\nGrowth at 2,000 offices (goal: the marked figures within %.0f× at %d rounds as at %d; in brackets how many\n"+
		"flags, rows or history entries the figure showed, and the growth per thing shown beside it, for information):\n",
		maxGrowth, last, first)
	w := table()
	head := "  figure"
	for _, n := range rounds {
		head += fmt.Sprintf("\t%d rounds", n)
	}
	fmt.Fprintln(w, head+fmt.Sprintf("\t%d/%d\tper thing shown\tgoal\t", last, first))
	for _, f := range figures {
		line := "  " + f.what
		for _, n := range rounds {
			v, ok := res.get(n, f.key)
			switch shown, sok := res.shown[n][f.key]; {
			case !ok:
				line += "\t—"
			case sok:
				line += fmt.Sprintf("\t%s (%s)", f.unit.format(v), thousands(int(shown)))
			default:
				line += "\t" + f.unit.format(v)
			}
		}
		a, aok := res.get(first, f.key)
		b, bok := res.get(last, f.key)
		ratio, per, goal, result := "—", "", "", ""
		if aok && bok && a > 0 {
			raw, perShown := growth(a, b, res.shown[first][f.key], res.shown[last][f.key])
			ratio = fmt.Sprintf("%.2f×", raw)
			if perShown != raw {
				per = fmt.Sprintf("%.2f×", perShown)
			}
			if f.growth {
				goal, result = fmt.Sprintf("≤ %.0f×", maxGrowth), verdict(raw <= maxGrowth)
			}
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", line, ratio, per, goal, result)
	}
	w.Flush()
}

func printFailures(res *results, rounds []int) {
	var lines []string
	for _, n := range rounds {
		for _, f := range figures {
			if why, ok := res.failed[n][f.key]; ok {
				lines = append(lines, fmt.Sprintf("  %s at %d rounds: %s", f.key, n, strings.TrimSpace(why)))
			}
		}
	}
	if len(lines) > 0 {
		fmt.Println("\nNot measured:")
		fmt.Println(strings.Join(lines, "\n"))
	}
}

// thousands writes n with commas: 1,000,000.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
