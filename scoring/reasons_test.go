package scoring

import (
	"slices"
	"testing"

	"phoneaudit/lang"
)

func TestClassifyReason(t *testing.T) {
	tests := []struct {
		text string
		want ProblemType
	}{
		{"无人接听", Access},
		{"一直占线", Access},
		{"空号", Access},
		{"电话打不通", Access},
		{"无法接通", Access},
		{"拨打电话非本单位", Access},
		{"推诿", Handling},
		{"说不清楚", Handling},
		{"不知道", Handling},
		{"答复错误或一问三不知", Handling},
		{"态度生硬", Manner},
		{"语气生硬", Manner},
		{"不耐烦", Manner},
		{"接听后挂断", Manner},
		{"总分低于60", Other},
		{"未自报单位", Other},
		{"", Other},
		{"No answer", Access},
		{"passed the buck", Handling},
		{"Rude or impatient", Manner},
		{"hung up", Manner},
		{"total below 60", Other},
		// First row wins: a phone never answered is 门难进 before anything else.
		{"无人接听，态度差", Access},
	}
	for _, tt := range tests {
		if got := ClassifyReason(tt.text); got != tt.want {
			t.Errorf("ClassifyReason(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// Every reason phoneaudit writes is typed the same when it is read back.
func TestOwnReasonsClassifyAsTheyWere(t *testing.T) {
	reasons := []Reason{reasonUnreachable, reasonWrongNumber, reasonHungUp, belowPass(60)}
	for _, c := range DefaultRubric().Criteria {
		if c.Critical {
			reasons = append(reasons, c.reason())
		}
	}
	for _, r := range reasons {
		for _, words := range []string{r.ZH, r.EN} {
			if got := ClassifyReason(words); got != r.Type {
				t.Errorf("%s reason %q classifies as %q, want %q", r.Code, words, got, r.Type)
			}
			if parts := splitReasons(words); len(parts) != 1 {
				t.Errorf("%s reason %q splits into %q", r.Code, words, parts)
			}
		}
	}
}

// TestSplitReasons: an imported 问题描述 is one reason kept whole, unless it uses the documented
// separators (；, ; or a line break in the cell); commas, 、 and spaces stay inside a reason.
func TestSplitReasons(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"接听后态度生硬，未告知办理地点", []string{"接听后态度生硬，未告知办理地点"}},
		{"推诿扯皮、总分低于60", []string{"推诿扯皮、总分低于60"}},
		{"推诿扯皮；总分低于60", []string{"推诿扯皮", "总分低于60"}},
		{"无人接听;占线\n空号\r\n态度生硬", []string{"无人接听", "占线", "空号", "态度生硬"}},
		{"无人接听 占线/空号", []string{"无人接听 占线/空号"}},
		{" ；； ", nil},
		{"passed the buck; total below 60", []string{"passed the buck", "total below 60"}},
		{"总分低于 60", []string{"总分低于 60"}},
	}
	for _, tt := range tests {
		if got := splitReasons(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("splitReasons(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestJoinReasons(t *testing.T) {
	rs := []Reason{{Code: "a", ZH: "推诿扯皮", EN: "passed the buck"}, {Code: "b", ZH: "只有中文"}}
	tests := []struct {
		lang lang.Lang
		rs   []Reason
		want string
	}{
		{"zh", rs, "推诿扯皮、只有中文"},
		{"en", rs, "passed the buck; 只有中文"},
		{"zh", nil, ""},
	}
	for _, tt := range tests {
		if got := JoinReasons(tt.rs, tt.lang); got != tt.want {
			t.Errorf("JoinReasons(%s) = %q, want %q", tt.lang, got, tt.want)
		}
	}
}
