package scoring

import (
	"maps"
	"slices"
	"testing"
)

func secs(n int) *int { return &n }

// full is a default-rubric sheet with every answer at the top.
func full() Answers {
	return Answers{"greeting": Yes, "attitude": 5, "accuracy": 5, "ownership": 1, "closing": 1}
}

func with(a Answers, kv ...any) Answers {
	out := Answers{}
	maps.Copy(out, a)
	for i := 0; i < len(kv); i += 2 {
		out[kv[i].(string)] = kv[i+1].(int)
	}
	return out
}

func TestScoreSheet(t *testing.T) {
	r := DefaultRubric()
	tests := []struct {
		name     string
		a        Answers
		seconds  *int
		total    float64
		missing  []string
		failed   []string
		complete bool
	}{
		{"all full", full(), secs(12), 100, nil, nil, true},
		{"greeting partly", with(full(), "greeting", Partly), secs(12), 92.5, nil, nil, true},
		{"slow answer and partly", with(full(), "greeting", Partly), secs(16), 85, nil, nil, true},
		{"answered at 31 s", full(), secs(31), 85, nil, nil, true},
		{"timer unset", full(), nil, 85, []string{"answer"}, nil, false},
		{"seconds in answers are ignored", with(full(), "answer", 1), nil, 85, []string{"answer"}, nil, false},
		{"sketch of the call screen", Answers{"greeting": Yes, "attitude": 4}, secs(12), 50,
			[]string{"accuracy", "ownership", "closing"}, nil, false},
		{"critical failures", with(full(), "attitude", 1, "ownership", 0), secs(5), 65, nil, []string{"attitude", "ownership"}, true},
		{"accuracy zero", with(full(), "accuracy", 0), secs(5), 75, nil, []string{"accuracy"}, true},
		{"invalid value counts as unset", with(full(), "attitude", 7), secs(5), 75, []string{"attitude"}, nil, false},
		{"empty sheet", Answers{}, nil, 0, []string{"answer", "greeting", "attitude", "accuracy", "ownership", "closing"}, nil, false},
		{"unknown keys ignored", with(full(), "bogus", 3), secs(1), 100, nil, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := r.ScoreSheet(tt.a, tt.seconds)
			if got.Total != tt.total {
				t.Errorf("Total = %v, want %v", got.Total, tt.total)
			}
			if !slices.Equal(got.Missing, tt.missing) {
				t.Errorf("Missing = %v, want %v", got.Missing, tt.missing)
			}
			if !slices.Equal(got.Failed, tt.failed) {
				t.Errorf("Failed = %v, want %v", got.Failed, tt.failed)
			}
			if got.Complete != tt.complete {
				t.Errorf("Complete = %v, want %v", got.Complete, tt.complete)
			}
			if len(got.Points)+len(got.Missing) != len(r.Criteria) {
				t.Errorf("Points %v and Missing %v do not cover the criteria", got.Points, got.Missing)
			}
		})
	}
}

func TestScoreSheetPoints(t *testing.T) {
	got := DefaultRubric().ScoreSheet(with(full(), "greeting", Partly, "attitude", 3), secs(20))
	want := map[string]float64{"answer": 7.5, "greeting": 7.5, "attitude": 15, "accuracy": 25, "ownership": 15, "closing": 5}
	if !maps.Equal(got.Points, want) {
		t.Errorf("Points = %v, want %v", got.Points, want)
	}
	if got.Total != 75 {
		t.Errorf("Total = %v, want 75", got.Total)
	}
}

// Thirds must not leave float noise that tips a total under a band.
func TestScoreSheetThirdsSnap(t *testing.T) {
	r := Rubric{
		Criteria: []Criterion{
			{Key: "a", Kind: Scale, Max: 3, Points: 50},
			{Key: "b", Kind: Scale, Max: 3, Points: 50},
		},
		Grades: DefaultRubric().Grades,
	}
	got := r.ScoreSheet(Answers{"a": 1, "b": 2}, nil)
	if got.Total != 50 {
		t.Errorf("1/3×50 + 2/3×50 = %v, want exactly 50", got.Total)
	}
}
