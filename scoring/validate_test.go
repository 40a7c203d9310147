package scoring

import (
	"math"
	"strings"
	"testing"
	"time"
)

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(r *Rubric)
		want   string // "" = valid
	}{
		{"default", func(r *Rubric) {}, ""},
		{"no name", func(r *Rubric) { r.Name = " " }, "rubric: name: must not be empty"},
		{"no criteria", func(r *Rubric) { r.Criteria = nil }, "rubric: criteria: none given"},
		{"empty key", func(r *Rubric) { r.Criteria[0].Key = "" }, "rubric: criteria[1].key: must not be empty"},
		{"key with capital", func(r *Rubric) { r.Criteria[1].Key = "Greeting" }, `rubric: criteria[2].key: "Greeting" may only hold a-z and _`},
		{"key with digit", func(r *Rubric) { r.Criteria[1].Key = "q2" }, `criteria[2].key: "q2" may only hold`},
		{"key with underscore", func(r *Rubric) { r.Criteria[1].Key = "greet_ok" }, ""},
		{"duplicate key", func(r *Rubric) { r.Criteria[5].Key = "answer" }, `criteria[6].key: "answer" is already the key of criteria[1]`},
		{"unknown kind", func(r *Rubric) { r.Criteria[1].Kind = "stars" }, `criteria[2].kind: "stars" is not a kind`},
		{"scale max 0", func(r *Rubric) { r.Criteria[2].Max = 0 }, "criteria[3].max: a scale goes up to 1..9"},
		{"scale max 10", func(r *Rubric) { r.Criteria[2].Max = 10 }, "criteria[3].max: a scale goes up to 1..9"},
		{"scale max 9", func(r *Rubric) { r.Criteria[2].Max = 9 }, ""},
		{"max on yesno", func(r *Rubric) { r.Criteria[5].Max = 1 }, "criteria[6].max: only a scale criterion has one"},
		{"points zero", func(r *Rubric) { r.Criteria[5].Points = 0; r.Criteria[4].Points = 20 }, "criteria[6].points: must be > 0"},
		{"points NaN", func(r *Rubric) { r.Criteria[5].Points = math.NaN() }, "criteria[6].points: must be > 0"},
		{"points sum", func(r *Rubric) { r.Criteria[5].Points = 4.5 }, "criteria: points add up to 99.5, must be 100"},
		{"points in thirds", func(r *Rubric) {
			r.Criteria[4].Points, r.Criteria[5].Points = 20.0/3, 40.0/3
		}, ""},
		{"two seconds", func(r *Rubric) {
			r.Criteria[5] = Criterion{Key: "closing", Kind: Seconds, Points: 5, FullWithin: 1, HalfWithin: 2}
		}, "criteria[6].kind: only one criterion may be seconds"},
		{"full within zero", func(r *Rubric) { r.Criteria[0].FullWithin = 0 }, "criteria[1].full_within: must be > 0"},
		{"full after half", func(r *Rubric) { r.Criteria[0].FullWithin = 31 }, "criteria[1].full_within: must be > 0 and no more than half_within (30)"},
		{"full equals half", func(r *Rubric) { r.Criteria[0].FullWithin = 30 }, ""},
		{"thresholds on scale", func(r *Rubric) { r.Criteria[2].HalfWithin = 3 }, "criteria[3].full_within: only a seconds criterion"},
		{"critical seconds", func(r *Rubric) { r.Criteria[0].Critical, r.Criteria[0].Problem = true, Access }, "criteria[1].critical: a seconds criterion cannot be critical"},
		{"critical without problem", func(r *Rubric) { r.Criteria[2].Problem = "" }, "criteria[3].problem: a critical criterion names its problem type"},
		{"fail_at at top", func(r *Rubric) { r.Criteria[2].FailAt = 5 }, "criteria[3].fail_at: must be from 0 to 4 for kind scale, not 5"},
		{"fail_at negative", func(r *Rubric) { r.Criteria[4].FailAt = -1 }, "criteria[5].fail_at: must be from 0 to 0 for kind yesno"},
		{"fail_at partly", func(r *Rubric) {
			r.Criteria[1].Critical, r.Criteria[1].FailAt, r.Criteria[1].Problem = true, 1, Other
		}, ""},
		{"problem without critical", func(r *Rubric) { r.Criteria[5].Problem = Other }, "criteria[6].critical: problem and fail_at are set but critical is not"},
		{"pass mark above 100", func(r *Rubric) { r.PassMark = 101 }, "rubric: pass_mark: must be from 0 to 100"},
		{"pass mark NaN", func(r *Rubric) { r.PassMark = math.NaN() }, "rubric: pass_mark: must be from 0 to 100"},
		{"no grades", func(r *Rubric) { r.Grades = nil }, "rubric: grades: none given"},
		{"grades not descending", func(r *Rubric) { r.Grades[1].Min = 90 }, "rubric: grades[2].min: grades go from the highest min down, so 90 must be below 90"},
		{"no zero band", func(r *Rubric) { r.Grades = r.Grades[:3] }, "rubric: grades[3].min: the last grade must have min = 0"},
		{"grade key", func(r *Rubric) { r.Grades[0].Key = "优秀" }, `rubric: grades[1].key: "优秀" may only hold a-z and _`},
		{"duplicate grade", func(r *Rubric) { r.Grades[1].Key = "excellent" }, `rubric: grades[2].key: "excellent" is already the key of grades[1]`},
		{"no failed dials", func(r *Rubric) { r.Retry.FailedDials = 0 }, "rubric: failed_dials: must be 1 or more"},
		{"negative gap", func(r *Rubric) { r.Retry.MinGap = -time.Minute }, "rubric: min_gap_minutes: must be whole minutes"},
		{"seconds gap", func(r *Rubric) { r.Retry.MinGap = 90 * time.Second }, "rubric: min_gap_minutes: must be whole minutes"},
		{"zero gap", func(r *Rubric) { r.Retry.MinGap = 0 }, ""},
		{"no hours", func(r *Rubric) { r.Hours = nil }, "rubric: hours: none given"},
		{"hours backwards", func(r *Rubric) { r.Hours[0] = Span{From: 720, To: 510} }, "rubric: hours[1]: 12:00-08:30 must start before it ends"},
		{"hours past midnight", func(r *Rubric) { r.Hours[1].To = 24*60 + 1 }, "rubric: hours[2]: 14:30-24:01 must start before it ends, inside the day"},
		{"hours overlap", func(r *Rubric) { r.Hours[1].From = 11 * 60 }, "rubric: hours[2]: 11:00-17:30 must start after 08:30-12:00 ends"},
		{"hours out of order", func(r *Rubric) { r.Hours[0], r.Hours[1] = r.Hours[1], r.Hours[0] }, "rubric: hours[2]: 08:30-12:00 must start after 14:30-17:30 ends"},
		{"hours touching", func(r *Rubric) { r.Hours[1].From = 12 * 60 }, ""},
		{"spread negative", func(r *Rubric) { r.ReviewSpread = -1 }, "rubric: review_spread: must be from 0 to 100"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := DefaultRubric()
			tt.change(&r)
			err := r.Validate()
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("want valid, got %v", err)
			case tt.want != "" && err == nil:
				t.Errorf("want %q, got no error", tt.want)
			case tt.want != "" && !strings.Contains(err.Error(), tt.want):
				t.Errorf("error %q\ndoes not contain %q", err, tt.want)
			}
		})
	}
}
