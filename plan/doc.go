// Package plan lays out a round: one call per office, each with an auditor,
// a persona, a scenario and a planned slot, and re-checks a plan after a lead
// has moved calls about.
//
// A plan is only useful if it keeps the audit undercover: an office must not
// hear the same caller posing as the same kind of person with the same
// question every round, nor every call at 9:00 on Monday. Make therefore
//
//   - deals offices to auditors evenly (counts differ by at most one) and
//     avoids the office's previous auditor whenever even counts allow it;
//   - picks a persona other than the previous one, weighted by how well it
//     fits the office's category (PersonaWeights), among the personas that
//     have a scenario for that category;
//   - picks a scenario of the category and persona, not the previous one;
//   - spreads slots evenly over the round's working days, at random minutes
//     inside the working hours (not in a span's last gap, which is left for
//     a retry), never two calls of one auditor closer than the gap.
//
// The package is pure: no I/O, no clock, no global random source. The same
// Input (Seed included) always gives the same plan.
package plan
