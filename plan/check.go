package plan

import (
	"cmp"
	"fmt"
	"slices"

	"phoneaudit/lang"
)

// minOrderCheck is the least number of calls for which slots that follow the
// office list are taken as a sign of a plan made by hand: with fewer, a random
// order often happens to match it.
const minOrderCheck = 8

// Check re-checks a plan, e.g. after a lead moved a call, against what Make
// guarantees, and lists every property it breaks, in words, in a stable
// order: offices without or with several calls, the balance of auditors and
// days, then each call's own problems, then calls of one auditor too close.
// A slot anywhere inside working hours is fine, even in the last minutes
// Make leaves free for a retry.
//
// An office planned with its previous auditor is a problem only when a swap
// with another call, or a move to an auditor with fewer calls, would avoid it
// without making the counts less even: otherwise even counts forced it.
func Check(in Input, calls []Call) []Problem {
	c := &checker{setup: prepare(in), calls: calls}
	c.coverage()
	c.balance()
	c.spread()
	c.order()
	for i := range calls {
		c.sameAuditor(i)
		c.fit(i)
		c.timing(i)
	}
	c.gaps()
	return c.problems
}

// checker gathers the problems of one plan.
type checker struct {
	*setup
	calls    []Call
	problems []Problem
}

func (c *checker) add(office int64, kind Kind, zh, en string) {
	c.problems = append(c.problems, Problem{Office: office, Kind: kind, Text: lang.Text{ZH: zh, EN: en}})
}

// coverage: every office of the round has exactly one call, and every call is
// to an office of the round.
func (c *checker) coverage() {
	count := map[int64]int{}
	for _, call := range c.calls {
		count[call.Office]++
	}
	seen := map[int64]bool{}
	for _, o := range c.Offices {
		if seen[o.ID] {
			continue
		}
		seen[o.ID] = true
		zh, en := c.officeName(o.ID)
		switch n := count[o.ID]; {
		case n == 0:
			c.add(o.ID, MissingCall, zh+" 没有安排电话", en+" has no call planned")
		case n > 1:
			c.add(o.ID, DuplicateCall, fmt.Sprintf("%s 安排了 %d 个电话", zh, n), fmt.Sprintf("%s has %d calls planned", en, n))
		}
	}
	for _, call := range c.calls {
		if _, ok := c.offices[call.Office]; !ok && !seen[call.Office] {
			seen[call.Office] = true
			zh, en := c.officeName(call.Office)
			c.add(call.Office, UnplannedOffice, zh+" 不在本轮要测评的科室中", en+" is not among the offices this round audits")
		}
	}
}

// balance: every call has an auditor, and the auditors' counts differ by at
// most one.
func (c *checker) balance() {
	counts := map[int64]int{}
	for _, call := range c.calls {
		counts[call.Auditor]++
		if call.Auditor == 0 {
			zh, en := c.officeName(call.Office)
			c.add(call.Office, NoAuditor, zh+" 的电话没有测评员", "the call to "+en+" has no auditor")
		}
	}
	if len(c.auditors) == 0 {
		return
	}
	byCount := func(a, b int64) int { return cmp.Compare(counts[a], counts[b]) }
	most, least := slices.MaxFunc(c.auditors, byCount), slices.MinFunc(c.auditors, byCount) // the first of a tie, as listed
	if counts[most]-counts[least] > 1 {
		mzh, men := c.auditorName(most)
		lzh, lEN := c.auditorName(least)
		c.add(0, Unbalanced,
			fmt.Sprintf("测评员 %s 有 %d 个电话，%s 有 %d 个（相差超过1）", mzh, counts[most], lzh, counts[least]),
			fmt.Sprintf("auditor %s has %d calls and %s has %d (more than one apart)", men, counts[most], lEN, counts[least]))
	}
}

// sameAuditor: call i does not go to the office's previous auditor when a
// swap or a move would avoid it.
func (c *checker) sameAuditor(i int) {
	call := c.calls[i]
	o, ok := c.offices[call.Office]
	if !ok || o.PrevAuditor == 0 || call.Auditor != o.PrevAuditor {
		return
	}
	assign, prev, counts := c.assignment()
	j, b := findFix(i, assign, prev, counts, c.auditors, 0)
	if j < 0 && b == 0 {
		return
	}
	zh, en := c.officeName(call.Office)
	azh, aen := c.auditorName(call.Auditor)
	var howZH, howEN string
	if j >= 0 {
		ozh, oen := c.officeName(c.calls[j].Office)
		howZH, howEN = "可与 "+ozh+" 调换", "swapping with "+oen+" would avoid it"
	} else {
		bzh, ben := c.auditorName(b)
		howZH, howEN = "可改派给 "+bzh, "giving it to "+ben+" would avoid it"
	}
	c.add(call.Office, SameAuditor,
		fmt.Sprintf("%s 与上次同一测评员（%s），%s", zh, azh, howZH),
		fmt.Sprintf("%s has the same auditor as last time (%s); %s", en, aen, howEN))
}

// assignment lists each call's auditor and its office's previous auditor,
// and counts the calls of each auditor, as findFix takes them.
func (c *checker) assignment() (assign, prev []int64, counts map[int64]int) {
	assign = make([]int64, len(c.calls))
	prev = make([]int64, len(c.calls))
	counts = map[int64]int{}
	for k, call := range c.calls {
		assign[k] = call.Auditor
		prev[k] = c.offices[call.Office].PrevAuditor
		counts[call.Auditor]++
	}
	return assign, prev, counts
}

// spread: calls per day of the round differ by at most one.
func (c *checker) spread() {
	if len(c.days) == 0 || len(c.calls) == 0 {
		return
	}
	counts := make([]int, len(c.days))
	for _, call := range c.calls {
		if d, ok := c.dayOf(call.Slot); ok {
			counts[d]++
		}
	}
	most, least := slices.Index(counts, slices.Max(counts)), slices.Index(counts, slices.Min(counts)) // the first day of a tie
	if counts[most]-counts[least] > 1 {
		c.add(0, UnevenDays,
			fmt.Sprintf("%s 有 %d 个电话，%s 只有 %d 个（相差超过1）", dayZH(c.days[most]), counts[most], dayZH(c.days[least]), counts[least]),
			fmt.Sprintf("%s has %d calls and %s only %d (more than one apart)", dayEN(c.days[most]), counts[most], dayEN(c.days[least]), counts[least]))
	}
}

// order: the slots do not simply follow the office list, as a plan made by
// going down the list would.
func (c *checker) order() {
	if len(c.calls) < minOrderCheck {
		return
	}
	pos := map[int64]int{}
	for k, o := range c.Offices {
		if _, dup := pos[o.ID]; !dup {
			pos[o.ID] = k
		}
	}
	idx := make([]int, len(c.calls))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return c.calls[a].Slot.Compare(c.calls[b].Slot) })
	if !slices.IsSortedFunc(idx, func(a, b int) int { return cmp.Compare(pos[c.calls[a].Office], pos[c.calls[b].Office]) }) {
		return
	}
	c.add(0, InOfficeOrder, "计划时间按科室名单的顺序排列，不够随机", "the slots follow the office list in order: not random")
}

// gaps: no two calls of one auditor closer than the gap.
func (c *checker) gaps() {
	byAuditor := map[int64][]int{}
	var auditors []int64
	for i, call := range c.calls {
		if call.Auditor == 0 || call.Slot.IsZero() {
			continue
		}
		if _, ok := byAuditor[call.Auditor]; !ok {
			auditors = append(auditors, call.Auditor)
		}
		byAuditor[call.Auditor] = append(byAuditor[call.Auditor], i)
	}
	for _, a := range auditors {
		idx := byAuditor[a]
		slices.SortStableFunc(idx, func(x, y int) int {
			return cmp.Or(c.calls[x].Slot.Compare(c.calls[y].Slot), cmp.Compare(x, y))
		})
		for k := 1; k < len(idx); k++ {
			p, q := c.calls[idx[k-1]], c.calls[idx[k]]
			if q.Slot.Sub(p.Slot) < c.gap {
				c.tooClose(a, p, q)
			}
		}
	}
}

func (c *checker) tooClose(a int64, p, q Call) {
	azh, aen := c.auditorName(a)
	pzh, pen := c.officeName(p.Office)
	qzh, qen := c.officeName(q.Office)
	mins := c.gap.Minutes()
	c.add(q.Office, TooClose,
		fmt.Sprintf("测评员 %s 的两个电话相隔不到 %g 分钟：%s %s，%s %s", azh, mins, pzh, c.slotZH(p.Slot), qzh, c.slotZH(q.Slot)),
		fmt.Sprintf("auditor %s has two calls less than %g minutes apart: %s at %s, %s at %s", aen, mins, pen, c.slotEN(p.Slot), qen, c.slotEN(q.Slot)))
}
