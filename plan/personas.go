package plan

import (
	"math/rand/v2"
	"slices"

	"phoneaudit/scoring"
)

// choosePersona picks who the caller poses as: a persona with a scenario for
// the office's category, not the previous one when another is left, drawn by
// the category's weights.
func (s *setup) choosePersona(rng *rand.Rand, o Office) scoring.Persona {
	options := s.personasFor(o.Category)
	if len(options) > 1 && slices.Contains(options, o.PrevPersona) {
		options = slices.DeleteFunc(slices.Clone(options), func(p scoring.Persona) bool { return p == o.PrevPersona })
	}
	return weightedPick(rng, o.Category, options)
}

// weightedPick draws one of options with the odds of PersonaWeights; when
// every option weighs nothing, each is as likely as the others.
func weightedPick(rng *rand.Rand, category string, options []scoring.Persona) scoring.Persona {
	total := 0
	for _, p := range options {
		total += max(0, weight(category, p))
	}
	if total == 0 {
		return options[rng.IntN(len(options))]
	}
	n := rng.IntN(total)
	for _, p := range options {
		w := max(0, weight(category, p))
		if n < w {
			return p
		}
		n -= w
	}
	panic("unreachable: n < total")
}

// chooseScenario picks a scenario of the office's category and persona, not
// the previous one when another fits; 0 when none fits.
func (s *setup) chooseScenario(rng *rand.Rand, o Office, p scoring.Persona) int64 {
	options := s.byFit[o.Category][p]
	if len(options) > 1 && slices.Contains(options, o.PrevScenario) {
		options = slices.DeleteFunc(slices.Clone(options), func(id int64) bool { return id == o.PrevScenario })
	}
	if len(options) == 0 {
		return 0
	}
	return options[rng.IntN(len(options))]
}
