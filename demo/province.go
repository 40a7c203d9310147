package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
)

// Province scale: 20 cities × 10 departments × 10 offices, and its panel.
const (
	provinceLeads    = 6
	provinceCallers  = 54
	provinceWeakRate = 0.08 // share of offices that are weak: where red flags grow
)

// provinceLastWeek is the Monday of the latest province round; earlier rounds
// go back a week at a time from it.
var provinceLastWeek = localDay(2026, 11, 23)

// NewProvince returns the registry of a demo province (Rounds nil): 2,000
// offices in 200 departments of 20 fictitious cities, 60 auditors (6 leads)
// and the city's scenarios. Its rounds come from ProvinceRounds.
func NewProvince(seed int64) City {
	rng := newRand(seed, streamRegistry)
	c := City{Scenarios: scenarios()}
	counts := make([]int, len(provinceDepartments))
	for i := range counts {
		counts[i] = provinceOffices
	}
	for _, pc := range provinceCities {
		lines := numberLines(rng, pc.areaCode, counts)
		for i, d := range provinceDepartments {
			name := pc.name + d.name
			c.Departments = append(c.Departments, Department{Name: name})
			// Each city lists its own ten of the department's offices, in the template's order.
			pick := rng.Perm(len(d.offices))[:provinceOffices]
			sort.Ints(pick)
			for j, k := range pick {
				o := d.offices[k]
				c.Offices = append(c.Offices, Office{Department: name, Name: o.name, Phone: lines[i][j], Category: o.category})
			}
		}
	}
	c.Auditors = provinceAuditors(newRand(seed, streamPeople), provinceLeads, provinceCallers)
	return c
}

// ProvinceRounds generates rounds of the registry c (from NewProvince, or any
// registry whose categories have scenarios for every persona), named "第1轮" …,
// every one closed, one week apart and ending in the week of 2026-11-23. Each
// office gets one call per round that reaches it and carries one submitted
// sheet. Rounds are built one at a time, handed to each and dropped, so a
// thousand rounds never sit in memory; an error from each stops the run and
// is returned, wrapped with the round it came from.
func ProvinceRounds(seed int64, c City, rounds int, each func(Round) error) error {
	ix := indexScenarios(c.Scenarios)
	if err := checkRegistry(c, ix); err != nil {
		return err
	}
	cs := callers(c.Auditors)
	states := castProvince(newRand(seed, streamTraits), c.Offices)
	b := builder{model: defaultModel}
	for n := 1; n <= rounds; n++ {
		from := provinceLastWeek.AddDate(0, 0, -7*(rounds-n))
		to := from.AddDate(0, 0, 4)
		rng := newRand(seed, streamRound+uint64(n))
		b.rng = rng
		plans := planRound(rng, c.Offices, cs, ix, n, weekdays(from, to), b.hours())
		r := Round{Name: fmt.Sprintf("第%d轮", n), From: dateOf(from), To: dateOf(to), Closed: true, Calls: make([]Call, len(plans))}
		for i, p := range plans {
			s := &states[i]
			p.problem = s.provinceProblem(rng)
			r.Calls[i] = b.call(p, &s.traits)
			s.lastProblem = p.problem
		}
		if err := each(r); err != nil {
			return fmt.Errorf("province round %d (%s): %w", n, r.Name, err)
		}
	}
	return nil
}

// castProvince draws every office's character. A few offices are weak; the
// vices are the ones a score sheet shows, since every province call is scored.
func castProvince(rng *rand.Rand, offices []Office) []officeState {
	numbers := map[string]map[string]bool{}
	states := make([]officeState, len(offices))
	for i, o := range offices {
		if numbers[o.Department] == nil {
			numbers[o.Department] = map[string]bool{}
		}
		q := goodQuality(rng)
		if chance(rng, provinceWeakRate) {
			q = between(rng, 0.15, 0.45)
		}
		states[i] = officeState{traits: drawTraits(rng, q, oneOf(rng, sheetVices), numbers[o.Department])}
	}
	return states
}

// provinceProblem decides whether this round's call goes wrong: rarely for a
// good office, often for a weak one, and more often right after a bad audit,
// so weak offices build the streaks that flags are made of.
func (s *officeState) provinceProblem(rng *rand.Rand) bool {
	bad := 1 - s.quality
	if s.lastProblem {
		return chance(rng, 0.2+0.6*bad)
	}
	return chance(rng, 0.3*math.Pow(bad, 2))
}
