package main

import (
	"fmt"
	"math"
	"time"
)

// unit says how a figure's value (a float64) is written.
type unit int

const (
	duration unit = iota // nanoseconds
	memory               // bytes
)

// figure is one measured quantity of the suite.
type figure struct {
	key, what string
	unit      unit
	goal      float64 // at the largest database: under this (0: information only)
	growth    bool    // must cost within maxGrowth× at the largest database as at the smallest
}

// maxGrowth is the growth goal: the figures that depend on what is shown, not on what is
// stored, cost at most this much more at 500 rounds than at 10.
const maxGrowth = 2.0

const mib = 1 << 20

var figures = []figure{
	{key: "flags", what: "flags of all offices, latest round (store.Flags)", goal: float64(100 * time.Millisecond), growth: true},
	{key: "sqlite3", what: "  baseline: the same SQL in the sqlite3 command"},
	{key: "calls-tab", what: "tab 1: a lead's calls read + first render (120×40)", growth: true},
	{key: "flag-rows", what: "tab 2's rows (store.FlagRows)", goal: float64(100 * time.Millisecond), growth: true},
	{key: "person-flags", what: "tab 2's persons who answered, v (store.PersonFlags)", goal: float64(100 * time.Millisecond), growth: true},
	{key: "flags-tab", what: "tab 2: key 2, its reads + render (120×40)", growth: true},
	{key: "bulletin", what: "bulletin of the latest round (publish.Bulletin: summary + render)", goal: float64(200 * time.Millisecond), growth: true},
	{key: "bulletin-cmd", what: "  the bulletin command, wall time from exec"},
	{key: "history", what: "office history: newest page of 20 + trend of 24", goal: float64(100 * time.Millisecond), growth: true},
	{key: "history-oldest", what: "office history: oldest page of 20", goal: float64(100 * time.Millisecond), growth: true},
	{key: "summaries", what: "tab 4's rows (store.OfficeSummaries)"},
	{key: "first-frame", what: "first frame of the TUI from exec (median)", goal: float64(150 * time.Millisecond)},
	{key: "keystroke", what: "keystroke on the call screen, Update + View 120×40", goal: float64(time.Millisecond)},
	{key: "rss-tui", what: "peak RSS of the TUI showing tab 2 (VmHWM)", unit: memory, goal: 100 * mib},
	{key: "rss-bulletin", what: "peak RSS of the bulletin command (maxrss)", unit: memory, goal: 100 * mib},
}

// results holds every figure by database size (rounds) and key, with how much it showed
// (shown) when its benchmark says; a figure that could not be measured has its reason in failed
// instead.
type results struct {
	values, shown map[int]map[string]float64
	failed        map[int]map[string]string
}

func newResults() *results {
	return &results{values: map[int]map[string]float64{}, shown: map[int]map[string]float64{},
		failed: map[int]map[string]string{}}
}

func (r *results) setShown(rounds int, key string, n float64) {
	if r.shown[rounds] == nil {
		r.shown[rounds] = map[string]float64{}
	}
	r.shown[rounds][key] = n
}

// growth is how much more a figure costs at the larger database (b, showing nb) than at the
// smaller (a, showing na): as measured, which the goal judges, and per thing shown, which tells
// whether a growth comes from showing more (a page of history holds 10 audits at 10 rounds and
// 20 beyond; tab 2 has a row per flag) — only roughly, since part of each cost does not depend
// on the count. Without counts, or with the same count, both are the same.
func growth(a, b, na, nb float64) (raw, perShown float64) {
	raw = b / a
	if na > 0 && nb > 0 && na != nb {
		return raw, (b / nb) / (a / na)
	}
	return raw, raw
}

func (r *results) set(rounds int, key string, v float64) {
	if r.values[rounds] == nil {
		r.values[rounds] = map[string]float64{}
	}
	r.values[rounds][key] = v
}

func (r *results) fail(rounds int, key string, err error) {
	if r.failed[rounds] == nil {
		r.failed[rounds] = map[string]string{}
	}
	r.failed[rounds][key] = err.Error()
}

func (r *results) get(rounds int, key string) (float64, bool) {
	v, ok := r.values[rounds][key]
	return v, ok
}

// format writes a value in the figure's unit, with three significant digits.
func (u unit) format(v float64) string {
	if u == memory {
		return sig3(v/mib) + " MiB"
	}
	switch d := time.Duration(v); {
	case d >= time.Second:
		return sig3(v/1e9) + " s"
	case d >= time.Millisecond:
		return sig3(v/1e6) + " ms"
	case d >= time.Microsecond:
		return sig3(v/1e3) + " µs"
	}
	return sig3(v) + " ns"
}

// sig3 writes x with three significant digits and no exponent.
func sig3(x float64) string {
	if x == 0 {
		return "0"
	}
	decimals := max(0, 2-int(math.Floor(math.Log10(math.Abs(x)))))
	return fmt.Sprintf("%.*f", decimals, x)
}

// goalText is "< 100 ms", or "" for information.
func (f figure) goalText() string {
	if f.goal == 0 {
		return ""
	}
	return "< " + f.unit.format(f.goal)
}

func verdict(met bool) string {
	if met {
		return "met"
	}
	return "MISSED"
}
