package plan

import "math/rand/v2"

// assignAuditors gives every office an auditor (by index into offices). The
// counts differ by at most one; an office gets its previous auditor only when
// no even assignment avoids it.
//
// Offices are dealt at random to a shuffled list of places (each auditor's
// share, the extra ones to random auditors); then every office dealt its
// previous auditor is swapped with another office, or moved to an auditor
// with one call fewer. Neither step can make another office meet its
// previous auditor, and when neither is possible every office away from that
// auditor had it last time too, so no even plan does better.
func assignAuditors(rng *rand.Rand, offices []Office, auditors []int64) []int64 {
	n, a := len(offices), len(auditors)
	places := make([]int64, 0, n)
	for i, id := range rng.Perm(a) {
		share := n / a
		if i < n%a {
			share++
		}
		for range share {
			places = append(places, auditors[id])
		}
	}
	rng.Shuffle(len(places), func(i, j int) { places[i], places[j] = places[j], places[i] })

	prev := make([]int64, n)
	counts := map[int64]int{}
	for i, o := range offices {
		prev[i] = o.PrevAuditor
		counts[places[i]]++
	}
	for _, i := range rng.Perm(n) {
		if places[i] != prev[i] {
			continue
		}
		j, b := findFix(i, places, prev, counts, auditors, rng.IntN(n))
		switch {
		case j >= 0:
			places[i], places[j] = places[j], places[i]
		case b != 0:
			counts[places[i]]--
			counts[b]++
			places[i] = b
		}
	}
	return places
}

// findFix finds how call i, planned with the office's previous auditor p,
// could get another auditor without making the counts less even: a swap with
// call j (j ≥ 0) whose office did not have p last time, or a move to auditor
// b (b ≠ 0) who has fewer calls than p. It returns -1, 0 when neither exists.
// The search starts at start, so that Make's choices stay random.
func findFix(i int, assign, prev []int64, counts map[int64]int, auditors []int64, start int) (j int, b int64) {
	p := assign[i]
	for k := range assign {
		j := (start + k) % len(assign)
		if assign[j] != p && assign[j] != 0 && prev[j] != p {
			return j, 0
		}
	}
	for k := range auditors {
		b := auditors[(start+k)%len(auditors)]
		if b != p && counts[b] < counts[p] {
			return -1, b
		}
	}
	return -1, 0
}
