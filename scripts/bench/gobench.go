package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// goBench is one line of go test -bench output: the iterations, ns/op and every other metric
// the benchmark reported, by unit.
type goBench struct {
	iterations int
	metrics    map[string]float64 // "ns/op", "p50-us", …
}

// compileTests builds the test binary of each package once (go test -c), so every database
// size runs the same binaries without compiling again.
func compileTests(ctx context.Context, root, outDir string, pkgs []string) (map[string]string, error) {
	bins := map[string]string{}
	for _, pkg := range pkgs {
		bin := filepath.Join(outDir, strings.NewReplacer("/", "_", ".", "main").Replace(pkg)+".test")
		cmd := exec.CommandContext(ctx, "go", "test", "-c", "-o", bin, "./"+pkg)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("compiling the tests of %s: %w\n%s", pkg, err, out)
		}
		bins[pkg] = bin
	}
	return bins, nil
}

// runBenchmarks runs the benchmarks of one test binary that match pattern, in the package's
// folder (as go test does), with env added, and returns them by name without the -GOMAXPROCS
// suffix ("BenchmarkSaveAnswerLatency/store").
func runBenchmarks(ctx context.Context, bin, dir, pattern, benchtime string, env []string) (map[string]goBench, error) {
	cmd := exec.CommandContext(ctx, bin, "-test.run=^$", "-test.bench="+pattern,
		"-test.benchtime="+benchtime, "-test.timeout=30m")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("running %s -test.bench %s: %w\n%s%s", filepath.Base(bin), pattern, err, tail(out), tail(stderr.Bytes()))
	}
	got := parseBenchmarks(out)
	if len(got) == 0 {
		return nil, fmt.Errorf("%s -test.bench %s ran no benchmark:\n%s", filepath.Base(bin), pattern, tail(out))
	}
	return got, nil
}

// parseBenchmarks reads go test -bench output: "BenchmarkX/sub-2  123  456 ns/op  7.5 p50-us".
func parseBenchmarks(out []byte) map[string]goBench {
	got := map[string]goBench{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") || len(f)%2 != 0 {
			continue
		}
		n, err := strconv.Atoi(f[1])
		if err != nil {
			continue
		}
		b := goBench{iterations: n, metrics: map[string]float64{}}
		for i := 2; i+1 < len(f); i += 2 {
			if v, err := strconv.ParseFloat(f[i], 64); err == nil {
				b.metrics[f[i+1]] = v
			}
		}
		got[trimProcs(f[0])] = b
	}
	return got
}

// trimProcs drops the -GOMAXPROCS suffix go test adds to a benchmark's name.
func trimProcs(name string) string {
	i := strings.LastIndexByte(name, '-')
	if i < 0 {
		return name
	}
	if _, err := strconv.Atoi(name[i+1:]); err != nil {
		return name
	}
	return name[:i]
}

// tail is the end of a command's output, for an error message.
func tail(b []byte) string {
	const keep = 2000
	if len(b) > keep {
		b = b[len(b)-keep:]
	}
	return string(b)
}
