// Package stats holds the little arithmetic the load test and the benchmarks share.
package stats

import "time"

// Percentile is the nearest-rank p-th percentile of sorted durations: the smallest value that
// at least p % of them do not exceed (100 is the largest; 0 for none).
func Percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := (p*len(sorted) + 99) / 100 // ceil(p/100 × n)
	return sorted[max(rank, 1)-1]
}
