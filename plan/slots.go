package plan

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"phoneaudit/lang"
)

// schedule gives every call a slot: each day an even share of the calls, each
// auditor's calls spread over the days, at random minutes inside the working
// hours and at least the gap apart for one auditor.
func (s *setup) schedule(rng *rand.Rand, calls []Call) error {
	groups := s.callsByAuditor(rng, calls)
	perDay := len(s.pack(s.minutes))
	for ai, g := range groups {
		if len(g) > perDay*len(s.days) {
			_, name := s.auditorName(s.auditors[ai])
			return fmt.Errorf("%w: %s has %s, but one auditor can place at most %d a day (%s apart) on the %s: add days or auditors",
				ErrCannotPlan, name, lang.Plural(len(g), "%d call", "%d calls"), perDay,
				lang.Plural(s.gapMin, "%d minute", "%d minutes"), lang.Plural(len(s.days), "%d working day", "%d working days"))
		}
	}
	day := s.dealDays(rng, groups, len(calls))
	s.relieve(day, groups, perDay)
	for _, g := range groups {
		onDay := make([][]int, len(s.days))
		for _, i := range g {
			onDay[day[i]] = append(onDay[day[i]], i)
		}
		for d, idx := range onDay {
			// The calls are in random order already, so handing them the
			// minutes in ascending order keeps the order of the day random.
			for k, m := range s.pickMinutes(rng, len(idx)) {
				calls[idx[k]].Slot = s.slot(s.days[d], m)
			}
		}
	}
	return nil
}

// callsByAuditor lists the calls of each auditor (in the order of
// s.auditors), each list in random order.
func (s *setup) callsByAuditor(rng *rand.Rand, calls []Call) [][]int {
	at := map[int64]int{}
	for ai, a := range s.auditors {
		at[a] = ai
	}
	groups := make([][]int, len(s.auditors))
	for i, c := range calls {
		ai := at[c.Auditor]
		groups[ai] = append(groups[ai], i)
	}
	for _, g := range groups {
		rng.Shuffle(len(g), func(i, j int) { g[i], g[j] = g[j], g[i] })
	}
	return groups
}

// dealDays gives each call a day (an index into s.days). The calls are laid
// in a line taking one from each auditor in turn, and the line is cut into
// the days' shares: every day gets n/days calls (a few random days one more),
// and each auditor's calls, a whole turn apart, fall on days spread evenly.
func (s *setup) dealDays(rng *rand.Rand, groups [][]int, n int) []int {
	order := rng.Perm(len(groups))
	line := make([]int, 0, n)
	for turn := 0; len(line) < n; turn++ {
		for _, ai := range order {
			if turn < len(groups[ai]) {
				line = append(line, groups[ai][turn])
			}
		}
	}
	nd := len(s.days)
	share := make([]int, nd)
	for d := range share {
		share[d] = n / nd
	}
	for _, d := range rng.Perm(nd)[:n%nd] {
		share[d]++
	}
	day := make([]int, n)
	d := 0
	for _, i := range line {
		for share[d] == 0 {
			d++
		}
		day[i] = d
		share[d]--
	}
	return day
}

// relieve moves calls off days on which their auditor has more calls than fit
// in the working hours, each to the day with the fewest calls where that
// auditor still has room. It only acts when hours are short or auditors few,
// and then gives up the days' even shares, since the gap cannot be given up.
func (s *setup) relieve(day []int, groups [][]int, perDay int) {
	total := make([]int, len(s.days))
	for _, d := range day {
		total[d]++
	}
	for _, g := range groups {
		mine := make([]int, len(s.days))
		for _, i := range g {
			mine[day[i]]++
		}
		for _, i := range g {
			if mine[day[i]] <= perDay {
				continue
			}
			to := -1
			for d := range s.days {
				if mine[d] < perDay && (to < 0 || total[d] < total[to]) {
					to = d
				}
			}
			mine[day[i]]--
			total[day[i]]--
			day[i] = to
			mine[to]++
			total[to]++
		}
	}
}

// pickMinutes draws k minutes of the working hours, at least the gap apart,
// in ascending order. Each draw is a random free minute that still leaves
// room for the calls after it; when a few draws find none, it takes a random
// minute of a tight packing, which always does.
func (s *setup) pickMinutes(rng *rand.Rand, k int) []int {
	free := s.minutes
	picked := make([]int, 0, k)
	for left := k; left > 0; left-- {
		m, ok := 0, false
		for try := 0; try < 4 && !ok; try++ {
			m = free[rng.IntN(len(free))]
			ok = len(s.pack(s.awayFrom(free, m))) >= left-1
		}
		if !ok {
			tight := s.pack(free)
			m = tight[rng.IntN(len(tight))]
		}
		picked = append(picked, m)
		free = s.awayFrom(free, m)
	}
	slices.Sort(picked)
	return picked
}

// awayFrom keeps the minutes at least the gap away from m.
func (s *setup) awayFrom(minutes []int, m int) []int {
	out := make([]int, 0, len(minutes))
	for _, x := range minutes {
		if x <= m-s.gapMin || x >= m+s.gapMin {
			out = append(out, x)
		}
	}
	return out
}

// pack is the earliest-first packing of minutes at least the gap apart: as
// many as any choice of them can hold.
func (s *setup) pack(minutes []int) []int {
	var out []int
	for _, m := range minutes {
		if len(out) == 0 || m-out[len(out)-1] >= s.gapMin {
			out = append(out, m)
		}
	}
	return out
}
