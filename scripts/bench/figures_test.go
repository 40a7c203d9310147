package main

import (
	"math"
	"testing"
	"time"
)

func TestFormat(t *testing.T) {
	for _, tc := range []struct {
		u    unit
		v    float64
		want string
	}{
		{duration, float64(9123456 * time.Nanosecond), "9.12 ms"},
		{duration, float64(133200 * time.Nanosecond), "133 µs"},
		{duration, float64(640 * time.Microsecond), "640 µs"},
		{duration, float64(1500 * time.Millisecond), "1.50 s"},
		{duration, 87, "87.0 ns"},
		{memory, 42.25 * mib, "42.2 MiB"}, {memory, 100 * mib, "100 MiB"},
	} {
		if got := tc.u.format(tc.v); got != tc.want {
			t.Errorf("format(%v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}

func TestParseBenchmarks(t *testing.T) {
	out := []byte(`goos: linux
BenchmarkFlagsProvince-2   	     130	   9123456 ns/op	       312.0 flags
BenchmarkSaveAnswerLatency-2     	   14545	    153021 ns/op	       115.5 raw-p50-us	       591.0 raw-p99-us
--- BENCH: BenchmarkFlagsProvince-2
PASS
`)
	got := parseBenchmarks(out)
	if len(got) != 2 {
		t.Fatalf("parsed %d benchmarks, want 2: %v", len(got), got)
	}
	f := got["BenchmarkFlagsProvince"]
	if f.iterations != 130 || f.metrics["ns/op"] != 9123456 || f.metrics["flags"] != 312 {
		t.Errorf("flags: %+v", f)
	}
	r := got["BenchmarkSaveAnswerLatency"]
	if r.metrics["raw-p50-us"] != 115.5 || r.metrics["raw-p99-us"] != 591 {
		t.Errorf("raw insert: %+v", r)
	}
}

func TestTrimProcs(t *testing.T) {
	for in, want := range map[string]string{
		"BenchmarkX-2":          "BenchmarkX",
		"BenchmarkX/raw-insert": "BenchmarkX/raw-insert",
		"BenchmarkX/a-b-16":     "BenchmarkX/a-b",
		"BenchmarkX":            "BenchmarkX",
	} {
		if got := trimProcs(in); got != want {
			t.Errorf("trimProcs(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGrowth(t *testing.T) {
	for _, tc := range []struct {
		a, b, na, nb  float64
		raw, perShown float64
	}{
		{a: 2, b: 4, raw: 2, perShown: 2},                  // no counts: as measured
		{a: 1, b: 2, na: 10, nb: 20, raw: 2, perShown: 1},  // twice the entries for twice the time
		{a: 1, b: 3, na: 40, nb: 40, raw: 3, perShown: 3},  // the same rows, three times the time
		{a: 4, b: 2, na: 20, nb: 5, raw: 0.5, perShown: 2}, // fewer rows, not as much faster
	} {
		raw, per := growth(tc.a, tc.b, tc.na, tc.nb)
		if math.Abs(raw-tc.raw) > 1e-9 || math.Abs(per-tc.perShown) > 1e-9 {
			t.Errorf("growth(%v, %v, %v, %v) = %v, %v; want %v, %v", tc.a, tc.b, tc.na, tc.nb, raw, per, tc.raw, tc.perShown)
		}
	}
}
