package scoring

import (
	"reflect"
	"slices"
	"testing"

	"phoneaudit/lang"
)

var connected = dials("2026-01-05 09:00", 11)

func sheet(a Answers) Sheet { return Sheet{Rater: "张伟", Answers: a, Submitted: true} }
func draft(a Answers) Sheet { return Sheet{Rater: "李娜", Answers: a} }

func codes(rs []Reason) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Code)
	}
	return out
}

// halfRubric's totals move in steps of 20.5, so a spread of 20.5 can be made.
func halfRubric() Rubric {
	r := DefaultRubric()
	r.Criteria = []Criterion{
		{Key: "x", Kind: Scale, Max: 2, Points: 41},
		{Key: "y", Kind: YesNo, Points: 59},
	}
	return r
}

func TestResult(t *testing.T) {
	tests := []struct {
		name   string
		rubric Rubric
		in     CallInput
		want   Result
	}{
		{"to call", DefaultRubric(), CallInput{}, Result{Status: ToCall}},
		{"one failed dial", DefaultRubric(), CallInput{Attempts: dials("2026-01-05 09:00", 21)},
			Result{Status: InProgress}},
		{"wrong number", DefaultRubric(), CallInput{Attempts: dials("2026-01-05 09:00", 13), Sheets: []Sheet{sheet(full())}},
			Result{Status: Done, Finished: true, Problem: true, Reasons: []Reason{reasonWrongNumber}}},
		{"hung up", DefaultRubric(), CallInput{Attempts: dials("2026-01-05 09:00", 14)},
			Result{Status: Done, Finished: true, Problem: true, Reasons: []Reason{reasonHungUp}}},
		{"hung up, then a wrong number", DefaultRubric(), CallInput{Attempts: dials("2026-01-05 09:00", 14, "2026-01-05 09:05", 13)},
			Result{Status: Done, Finished: true, Problem: true, Reasons: []Reason{reasonHungUp}}},
		{"unreachable", DefaultRubric(), CallInput{Attempts: dials("2026-01-05 09:00", 21, "2026-01-05 09:10", 23)},
			Result{Status: Unreachable, Finished: true, Problem: true, Reasons: []Reason{reasonUnreachable}}},
		{"reached, no sheet yet", DefaultRubric(), CallInput{Attempts: connected},
			Result{Status: InProgress}},
		{"full marks", DefaultRubric(), CallInput{Attempts: connected, AnswerSeconds: secs(12), Sheets: []Sheet{sheet(full())}},
			Result{Status: Done, Finished: true, Scored: true, Total: 100, Grade: "excellent"}},
		{"critical failure with a total of 80", DefaultRubric(),
			CallInput{Attempts: connected, AnswerSeconds: secs(12), Sheets: []Sheet{sheet(with(full(), "attitude", 1))}},
			Result{Status: Done, Finished: true, Scored: true, Total: 80, Grade: "good", Problem: true,
				Reasons: []Reason{DefaultRubric().Criteria[2].reason()}}},
		{"below the pass mark", DefaultRubric(),
			CallInput{Attempts: connected, AnswerSeconds: secs(40), Sheets: []Sheet{sheet(with(full(), "greeting", No, "attitude", 3, "accuracy", 3))}},
			Result{Status: Done, Finished: true, Scored: true, Total: 50, Grade: "fail", Problem: true,
				Reasons: []Reason{belowPass(60)}}},
		{"submitted with a criterion unset", DefaultRubric(),
			CallInput{Attempts: connected, AnswerSeconds: secs(12), Sheets: []Sheet{sheet(Answers{"greeting": Yes, "attitude": 5, "accuracy": 5, "ownership": 1})}},
			Result{Status: Done, Finished: true, Scored: true, Total: 95, Grade: "excellent"}},
		{"mean of two sheets", DefaultRubric(),
			CallInput{Attempts: connected, AnswerSeconds: secs(12), Sheets: []Sheet{sheet(full()), sheet(with(full(), "greeting", Partly, "closing", 0))}},
			Result{Status: Done, Finished: true, Scored: true, Total: 93.75, Grade: "excellent", Spread: 12.5}},
		{"spread of 20 needs no review", DefaultRubric(),
			CallInput{Attempts: connected, AnswerSeconds: secs(12), Sheets: []Sheet{sheet(full()), sheet(with(full(), "greeting", No, "closing", 0))}},
			Result{Status: Done, Finished: true, Scored: true, Total: 90, Grade: "excellent", Spread: 20}},
		{"spread of 20.5 needs review", halfRubric(),
			CallInput{Attempts: connected, Sheets: []Sheet{sheet(Answers{"x": 2, "y": 1}), sheet(Answers{"x": 1, "y": 1})}},
			Result{Status: Done, Finished: true, Scored: true, Total: 89.75, Grade: "good", Spread: 20.5, NeedsReview: true}},
		{"half the sheets fail a critical criterion: it fails, and they split", DefaultRubric(),
			CallInput{Attempts: connected, AnswerSeconds: secs(12), Sheets: []Sheet{sheet(full()), sheet(with(full(), "ownership", 0))}},
			Result{Status: Done, Finished: true, Scored: true, Total: 92.5, Grade: "excellent", Spread: 15, NeedsReview: true, Problem: true,
				Reasons: []Reason{DefaultRubric().Criteria[4].reason()}}},
		{"one of three fails: it passes, but they split", DefaultRubric(),
			CallInput{Attempts: connected, AnswerSeconds: secs(12), Sheets: []Sheet{sheet(full()), sheet(full()), sheet(with(full(), "ownership", 0))}},
			Result{Status: Done, Finished: true, Scored: true, Total: 95, Grade: "excellent", Spread: 15, NeedsReview: true}},
		{"all sheets fail it: no split, no review", DefaultRubric(),
			CallInput{Attempts: connected, AnswerSeconds: secs(12), Sheets: []Sheet{sheet(with(full(), "accuracy", 0)), sheet(with(full(), "accuracy", 0))}},
			Result{Status: Done, Finished: true, Scored: true, Total: 75, Grade: "good", Problem: true,
				Reasons: []Reason{DefaultRubric().Criteria[3].reason()}}},
		{"consensus stands", DefaultRubric(),
			CallInput{Attempts: connected, AnswerSeconds: secs(12), Sheets: []Sheet{sheet(full()), sheet(with(full(), "ownership", 0))},
				Consensus: &Sheet{Rater: "组长", Answers: with(full(), "closing", 0), Submitted: true}},
			Result{Status: Done, Finished: true, Scored: true, Total: 95, Grade: "excellent", Spread: 15}},
		{"consensus with a critical failure", DefaultRubric(),
			CallInput{Attempts: connected, AnswerSeconds: secs(12), Sheets: []Sheet{sheet(full()), sheet(full())},
				Consensus: &Sheet{Answers: with(full(), "ownership", 0), Submitted: true}},
			Result{Status: Done, Finished: true, Scored: true, Total: 85, Grade: "good", Problem: true,
				Reasons: []Reason{DefaultRubric().Criteria[4].reason()}}},
		{"consensus settles a call with a dropped draft", DefaultRubric(),
			CallInput{Attempts: connected, AnswerSeconds: secs(12), Sheets: []Sheet{sheet(full()), draft(Answers{})},
				Consensus: &Sheet{Answers: full(), Submitted: true}},
			Result{Status: Done, Finished: true, Scored: true, Total: 100, Grade: "excellent"}},
		{"a consensus still in draft settles nothing", DefaultRubric(),
			CallInput{Attempts: connected, AnswerSeconds: secs(12), Sheets: []Sheet{sheet(full()), draft(Answers{})},
				Consensus: &Sheet{Answers: full()}},
			Result{Status: InProgress, Total: 57.5, Spread: 85}},
		{"accepted aggregate stands", DefaultRubric(),
			CallInput{Attempts: connected, AnswerSeconds: secs(12), Sheets: []Sheet{sheet(full()), sheet(with(full(), "ownership", 0))}, AcceptedAggregate: true},
			Result{Status: Done, Finished: true, Scored: true, Total: 92.5, Grade: "excellent", Spread: 15, Problem: true,
				Reasons: []Reason{DefaultRubric().Criteria[4].reason()}}},
		{"a panel sheet still open: in progress, live total", DefaultRubric(),
			CallInput{Attempts: connected, AnswerSeconds: secs(12), Sheets: []Sheet{sheet(full()), draft(with(full(), "greeting", No, "closing", 0))}},
			Result{Status: InProgress, Total: 90, Grade: "excellent", Spread: 20}},
		{"live: the call screen sketch", DefaultRubric(),
			CallInput{Attempts: connected, AnswerSeconds: secs(12), Sheets: []Sheet{draft(Answers{"greeting": Yes, "attitude": 4})}},
			Result{Status: InProgress, Total: 50}},
		{"live: a critical failure shows at once", DefaultRubric(),
			CallInput{Attempts: connected, AnswerSeconds: secs(12), Sheets: []Sheet{draft(Answers{"attitude": 0})}},
			Result{Status: InProgress, Total: 15, Problem: true, Reasons: []Reason{DefaultRubric().Criteria[2].reason()}}},
		{"live: a complete draft below the pass mark", DefaultRubric(),
			CallInput{Attempts: connected, AnswerSeconds: secs(40), Sheets: []Sheet{draft(with(full(), "greeting", No, "attitude", 3, "accuracy", 3))}},
			Result{Status: InProgress, Total: 50, Grade: "fail", Problem: true, Reasons: []Reason{belowPass(60)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.rubric.Result(tt.in, Calendar{}, cst)
			if !equalResult(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// equalResult compares results, treating nil and empty reasons alike.
func equalResult(a, b Result) bool {
	if len(a.Reasons) == 0 && len(b.Reasons) == 0 {
		a.Reasons, b.Reasons = nil, nil
	}
	return reflect.DeepEqual(a, b)
}

func TestResultReasonsInWords(t *testing.T) {
	in := CallInput{Attempts: connected, AnswerSeconds: secs(40),
		Sheets: []Sheet{sheet(with(full(), "greeting", No, "attitude", 2, "ownership", 0))}}
	res := DefaultRubric().Result(in, Calendar{}, cst)
	if res.Total != 40 {
		t.Fatalf("Total = %v, want 40", res.Total)
	}
	tests := []struct {
		lang lang.Lang
		want string
	}{
		{"zh", "推诿扯皮、总分低于60"},
		{"en", "passed the buck; total below 60"},
	}
	for _, tt := range tests {
		if got := JoinReasons(res.Reasons, tt.lang); got != tt.want {
			t.Errorf("JoinReasons(%s) = %q, want %q", tt.lang, got, tt.want)
		}
	}
	if got := res.ProblemTypes(); !slices.Equal(got, []ProblemType{Handling}) {
		t.Errorf("ProblemTypes = %v, want [handling]: 其他 only when nothing else applies", got)
	}
}

func TestProblemTypes(t *testing.T) {
	tests := []struct {
		name    string
		reasons []Reason
		want    []ProblemType
	}{
		{"none", nil, nil},
		{"below pass alone is other", []Reason{belowPass(60)}, []ProblemType{Other}},
		{"other dropped beside a sharper type", []Reason{{Type: Manner}, belowPass(60)}, []ProblemType{Manner}},
		{"several, in bulletin order", []Reason{{Type: Manner}, {Type: Access}, {Type: Handling}, {Type: Manner}},
			[]ProblemType{Access, Handling, Manner}},
	}
	for _, tt := range tests {
		if got := (Result{Reasons: tt.reasons}).ProblemTypes(); !slices.Equal(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestImportedResult(t *testing.T) {
	f := func(x float64) *float64 { return &x }
	tests := []struct {
		name    string
		problem bool
		total   *float64
		text    string
		want    Result
	}{
		{"problem without a total", true, nil, "无人接听；态度生硬",
			Result{Status: Done, Finished: true, Problem: true, Reasons: []Reason{
				{Type: Access, Code: "imported", ZH: "无人接听", EN: "无人接听"},
				{Type: Manner, Code: "imported", ZH: "态度生硬", EN: "态度生硬"}}}},
		{"total is graded on the default bands", false, f(89.9), "",
			Result{Status: Done, Finished: true, Total: 89.9, Grade: "good"}},
		{"problem with a total", true, f(45), "推诿扯皮；总分低于60",
			Result{Status: Done, Finished: true, Total: 45, Grade: "fail", Problem: true, Reasons: []Reason{
				{Type: Handling, Code: "imported", ZH: "推诿扯皮", EN: "推诿扯皮"},
				{Type: Other, Code: "imported", ZH: "总分低于60", EN: "总分低于60"}}}},
		{"problem without words", true, nil, "  ",
			Result{Status: Done, Finished: true, Problem: true, Reasons: []Reason{reasonNotStated}}},
		{"no problem keeps no reasons", false, nil, "态度较好",
			Result{Status: Done, Finished: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ImportedResult(tt.problem, tt.total, tt.text); !equalResult(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}
