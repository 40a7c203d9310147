package demo

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// cityRoundDates are the city's six rounds of 2026, two working weeks each,
// about a month apart and clear of public holidays; the last is still open
// (now is late November 2026). Fixed, so the demo does not depend on the clock.
var cityRoundDates = []struct{ from, to time.Time }{
	{localDay(2026, 6, 1), localDay(2026, 6, 12)},
	{localDay(2026, 7, 6), localDay(2026, 7, 17)},
	{localDay(2026, 8, 3), localDay(2026, 8, 14)},
	{localDay(2026, 9, 7), localDay(2026, 9, 18)},
	{localDay(2026, 10, 12), localDay(2026, 10, 23)},
	{localDay(2026, 11, 23), localDay(2026, 12, 4)},
}

// role is the story an office's results tell over the rounds.
type role int

const (
	roleOrdinary  role = iota
	roleChronic        // problems in rounds 3, 4 and 5: red as of round 5
	roleSlipping       // clean in round 3, problems in 4 and 5: yellow as of round 5
	roleRecovered      // problems in rounds 1 and 2, put right since
)

// cityCast are the offices with a story and the way each goes wrong; every
// other office is ordinary. The vices are fixed so that every seed has
// unreachable calls, 13s and 14s, and flags of every problem type.
var cityCast = []struct {
	role role
	vice vice
}{
	{roleChronic, viceUnreachable}, {roleChronic, viceHandling}, {roleChronic, viceManner}, {roleChronic, viceHandling},
	{roleSlipping, viceUnreachable}, {roleSlipping, viceLowScore}, {roleSlipping, viceHandling}, {roleSlipping, viceManner},
	{roleRecovered, viceWrongNumber}, {roleRecovered, viceHungUp}, {roleRecovered, viceHandling},
}

// officeState is an office's character and its latest audit, as rounds go by.
type officeState struct {
	traits
	role        role
	lastProblem bool // its latest audit had a problem
}

// NewCity returns the demo city of seed: 32 departments, 100 offices, 12
// auditors, 40 scenarios and six rounds, the last one open.
func NewCity(seed int64) City {
	c := City{Scenarios: scenarios()}
	c.Departments, c.Offices = cityRegistry(newRand(seed, streamRegistry))
	c.Auditors = cityAuditors(newRand(seed, streamPeople))
	states := castCity(newRand(seed, streamTraits), c.Offices)
	ix := indexScenarios(c.Scenarios)
	cs := callers(c.Auditors)
	for i, d := range cityRoundDates {
		n := i + 1
		rng := newRand(seed, streamRound+uint64(n))
		open := n == len(cityRoundDates)
		plans := planRound(rng, c.Offices, cs, ix, n, weekdays(d.from, d.to), defaultModel.rubric.Hours)
		if open {
			openStates(rng, plans)
		} else {
			notAudited(rng, plans, states)
		}
		c.Rounds = append(c.Rounds, Round{
			Name:   fmt.Sprintf("2026年第%d轮", n),
			From:   dateOf(d.from),
			To:     dateOf(d.to),
			Closed: !open,
			Calls:  drawCalls(rng, plans, states, n),
		})
	}
	return c
}

// cityRegistry numbers the city's offices: 0391-555BBLL, one block BB per
// department so a department's lines look alike, as real ones do.
func cityRegistry(rng *rand.Rand) ([]Department, []Office) {
	counts := make([]int, len(cityDepartments))
	for i, d := range cityDepartments {
		counts[i] = len(d.offices)
	}
	lines := numberLines(rng, cityAreaCode, counts)
	var depts []Department
	var offices []Office
	for i, d := range cityDepartments {
		depts = append(depts, Department{Name: d.name})
		for j, o := range d.offices {
			offices = append(offices, Office{Department: d.name, Name: o.name, Phone: lines[i][j], Category: o.category})
		}
	}
	return depts, offices
}

// numberLines draws unique fictitious numbers area-555BBLL: a block BB per
// department and a line LL per office. It takes at most 100 departments of at
// most 100 offices each.
func numberLines(rng *rand.Rand, area string, counts []int) [][]string {
	blocks := rng.Perm(100)
	out := make([][]string, len(counts))
	for i, n := range counts {
		for _, l := range rng.Perm(100)[:n] {
			out[i] = append(out[i], fmt.Sprintf("%s-555%02d%02d", area, blocks[i], l))
		}
	}
	return out
}

// castCity draws every office's character, giving the cast's roles to offices
// picked at random.
func castCity(rng *rand.Rand, offices []Office) []officeState {
	numbers := map[string]map[string]bool{} // department → staff numbers in use
	states := make([]officeState, len(offices))
	cast := rng.Perm(len(offices))[:len(cityCast)]
	for i, o := range offices {
		if numbers[o.Department] == nil {
			numbers[o.Department] = map[string]bool{}
		}
		states[i] = officeState{traits: drawTraits(rng, goodQuality(rng), oneOf(rng, ordinaryVices), numbers[o.Department])}
	}
	for k, i := range cast {
		s := &states[i]
		s.role, s.vice = cityCast[k].role, cityCast[k].vice
		s.deadLine = s.vice == viceUnreachable && chance(rng, 0.25)
		switch s.role {
		case roleChronic:
			s.quality = between(rng, 0.25, 0.4)
		case roleSlipping:
			s.quality = between(rng, 0.4, 0.55)
		case roleRecovered:
			s.quality = between(rng, 0.5, 0.7)
		}
	}
	return states
}

// notAudited picks one or two ordinary offices of a closed round whose call
// was dialled but never finished: round close marks them not audited.
func notAudited(rng *rand.Rand, plans []callPlan, states []officeState) {
	for n := 1 + rng.IntN(2); n > 0; {
		i := rng.IntN(len(plans))
		if states[i].role == roleOrdinary && plans[i].state == stateFinished {
			plans[i].state = stateNotAudited
			n--
		}
	}
}

// drawCalls decides which finished calls go wrong and draws every call's
// details, then records each office's audit for the next round.
func drawCalls(rng *rand.Rand, plans []callPlan, states []officeState, round int) []Call {
	b := builder{rng: rng, model: defaultModel}
	calls := make([]Call, len(plans))
	for i := range plans {
		p, s := &plans[i], &states[i]
		if p.state == stateFinished || p.state == stateDraft {
			p.problem = s.problemIn(rng, round)
		}
		calls[i] = b.call(*p, &s.traits)
		if p.state == stateFinished {
			s.lastProblem = p.problem
		}
	}
	return calls
}

// problemIn decides whether the office's call of round goes wrong. The cast
// follow their story through round 5; ordinary offices slip now and then in
// proportion to their quality, never twice running, so every flag as of
// round 5 belongs to the cast.
func (s *officeState) problemIn(rng *rand.Rand, round int) bool {
	p := 0.25 * (1 - s.quality) // an ordinary office's chance of a bad call
	switch s.role {
	case roleChronic:
		switch {
		case round >= 3 && round <= 5:
			return true
		case round < 3:
			return chance(rng, 0.4)
		}
		return chance(rng, 0.7)
	case roleSlipping:
		switch {
		case round == 3:
			return false
		case round == 4 || round == 5:
			return true
		case round < 3:
			return chance(rng, 0.2)
		}
		return chance(rng, 0.5)
	case roleRecovered:
		switch {
		case round <= 2:
			return true
		case round == 3:
			return chance(rng, 0.3)
		case round <= 5:
			return false
		}
	}
	return !s.lastProblem && chance(rng, p)
}
