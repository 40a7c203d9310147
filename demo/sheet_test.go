package demo

import (
	"testing"
	"time"

	"phoneaudit/scoring"
)

// TestSheetModel draws many sheets from rubrics other than the default and
// checks that scoring judges each one as the model meant it.
func TestSheetModel(t *testing.T) {
	strict := scoring.DefaultRubric()
	strict.PassMark = 85
	gentle := scoring.DefaultRubric() // attitude is not critical: no criterion names a Manner problem
	for i := range gentle.Criteria {
		if gentle.Criteria[i].Key == "attitude" {
			gentle.Criteria[i].Critical = false
		}
	}
	tests := []struct {
		name   string
		rubric scoring.Rubric
		want   map[scoring.ProblemType]scoring.ProblemType // asked for → the problem the sheet must have
	}{
		{"default", scoring.DefaultRubric(), map[scoring.ProblemType]scoring.ProblemType{
			scoring.Handling: scoring.Handling, scoring.Manner: scoring.Manner, scoring.Other: scoring.Other}},
		{"pass mark 85", strict, map[scoring.ProblemType]scoring.ProblemType{
			scoring.Handling: scoring.Handling, scoring.Manner: scoring.Manner, scoring.Other: scoring.Other}},
		{"no critical manner", gentle, map[scoring.ProblemType]scoring.ProblemType{
			scoring.Handling: scoring.Handling, scoring.Manner: scoring.Other, scoring.Other: scoring.Other}},
	}
	for _, tt := range tests {
		m := newSheetModel(tt.rubric)
		rng := newRand(1, 99)
		for n := range 300 {
			q := []float64{0.15, 0.5, 0.8, 1}[n%4]
			a, secs := m.clean(rng, q)
			if sr := tt.rubric.ScoreSheet(a, &secs); !sr.Complete || len(sr.Failed) > 0 || sr.Total < tt.rubric.PassMark {
				t.Fatalf("%s: clean sheet %v (%d s) at quality %.2f: total %.1f, failed %v, missing %v",
					tt.name, a, secs, q, sr.Total, sr.Failed, sr.Missing)
			}
			for asked, want := range tt.want {
				a, secs, key := m.failing(rng, q, asked)
				res := tt.rubric.Result(scoring.CallInput{
					Attempts:      []scoring.Attempt{{Outcome: scoring.Connected}},
					AnswerSeconds: &secs,
					Sheets:        []scoring.Sheet{{Answers: a, Submitted: true}},
				}, scoring.Calendar{}, time.UTC)
				if !res.Problem || !hasType(res.Reasons, want) {
					t.Fatalf("%s: sheet failing on %s at quality %.2f: %v (%d s, key %q) gives problem %v, reasons %v; want type %s",
						tt.name, asked, q, a, secs, key, res.Problem, res.Reasons, want)
				}
			}
		}
	}
}

func hasType(rs []scoring.Reason, t scoring.ProblemType) bool {
	for _, r := range rs {
		if r.Type == t {
			return true
		}
	}
	return false
}
