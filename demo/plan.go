package demo

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"time"

	"phoneaudit/lang"
	"phoneaudit/scoring"
)

// planRound lays out one round: one call per office. Offices are dealt to the
// callers in a shuffled order, so each caller gets the same number (±1) and
// different offices each round; each caller's calls are spread evenly over the
// round's working days; the persona rotates with the round, and the scenario
// is one of the office's category and that persona. Plans are in office order.
func planRound(rng *rand.Rand, offices []Office, callers []int, ix scenarioIndex, round int, days []time.Time, hours []scoring.Span) []callPlan {
	plans := make([]callPlan, len(offices))
	perCaller := (len(offices) + len(callers) - 1) / len(callers)
	for k, oi := range rng.Perm(len(offices)) {
		nth := k / len(callers) // this caller's nth call of the round
		day := days[nth*len(days)/perCaller]
		planned, span := slot(rng, hours, day, slotMargin)
		persona := scoring.Personas[(oi+round)%len(scoring.Personas)]
		plans[oi] = callPlan{
			office:   oi,
			auditor:  callers[k%len(callers)],
			persona:  persona,
			scenario: ix.pick(offices[oi].Category, persona, oi+round/len(scoring.Personas)),
			planned:  planned,
			span:     span,
		}
	}
	return plans
}

// Progress of the open round: about a third done, a few started.
const (
	openDoneShare  = 0.34
	openDialling   = 3 // calls with one failed dial so far
	openDrafts     = 2 // calls reached, with a half-filled sheet
	openInProgress = openDialling + openDrafts
)

// openStates sets the states of an open round: the earliest planned calls are
// done, the next few are in progress, the rest are still to call.
func openStates(rng *rand.Rand, plans []callPlan) {
	order := make([]int, len(plans))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return plans[order[a]].planned.Before(plans[order[b]].planned) })
	done := int(float64(len(plans))*openDoneShare + 0.5)
	started := []callState{}
	for range openDialling {
		started = append(started, stateDialling)
	}
	for range openDrafts {
		started = append(started, stateDraft)
	}
	rng.Shuffle(len(started), func(i, j int) { started[i], started[j] = started[j], started[i] })
	for k, i := range order {
		switch {
		case k < done:
			plans[i].state = stateFinished
		case k < done+len(started):
			plans[i].state = started[k-done]
		default:
			plans[i].state = stateToCall
		}
	}
}

// checkRegistry says what keeps a registry from being planned: nobody to call,
// or an office whose category has no scenario for some persona.
func checkRegistry(c City, ix scenarioIndex) error {
	if len(c.Offices) == 0 {
		return fmt.Errorf("demo: the office list is empty")
	}
	if len(callers(c.Auditors)) == 0 {
		return fmt.Errorf("demo: no auditor with role %q to place the calls", RoleAuditor)
	}
	for _, o := range c.Offices {
		for _, p := range scoring.Personas {
			if ix.pick(o.Category, p, 0) < 0 {
				return fmt.Errorf("demo: office %s %s (category %s) has no scenario for persona %s",
					o.Department, o.Name, o.Category, p.Label(lang.ZH))
			}
		}
	}
	return nil
}
