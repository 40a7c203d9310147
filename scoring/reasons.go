package scoring

import (
	"slices"
	"strings"

	"phoneaudit/lang"
)

// The reasons a call gets without a rubric criterion behind them.
var (
	reasonUnreachable = Reason{Type: Access, Code: "unreachable", ZH: "无法接通", EN: "unreachable"}
	reasonWrongNumber = Reason{Type: Access, Code: "wrong_number", ZH: "拨打电话非本单位", EN: "wrong number"}
	reasonHungUp      = Reason{Type: Manner, Code: "hung_up", ZH: "接听后挂断", EN: "hung up"}
	reasonNotStated   = Reason{Type: Other, Code: "imported", ZH: "未说明原因", EN: "no reason given"}
)

// belowPass is the reason of a total under the pass mark. Its type is always
// Other; Result.ProblemTypes drops Other when a sharper type is present.
func belowPass(passMark float64) Reason {
	n := formatNumber(passMark)
	return Reason{Type: Other, Code: "below_pass", ZH: "总分低于" + n, EN: "total below " + n}
}

// reasonKeywords is the keyword table of DESIGN.md that types the free-text
// reasons of imported results. It is searched in order, first match wins,
// so a text naming an unanswered phone is 门难进 before anything else. It
// also knows the words phoneaudit's own export writes (无法接通, 拨打电话非本单位,
// the English reasons), so an export imports into another database with the
// same types.
var reasonKeywords = []struct {
	Type  ProblemType
	Words []string
}{
	{Access, []string{"无人接听", "占线", "空号", "停机", "打不通", "无法接通", "未接通", "非本单位",
		"no answer", "busy", "unreachable", "wrong number", "invalid number"}},
	{Handling, []string{"推诿", "扯皮", "不清楚", "不知道", "答复错误", "一问三不知",
		"buck", "wrong answer", "knew nothing", "don't know"}},
	{Manner, []string{"态度", "生硬", "不耐烦", "挂断", "挂机",
		"rude", "impatient", "hung up"}},
}

// ClassifyReason gives the problem type of a reason written in words, by the
// keyword table; Other when no keyword matches. English is matched
// case-insensitively.
func ClassifyReason(text string) ProblemType {
	t := strings.ToLower(text)
	for _, row := range reasonKeywords {
		if slices.ContainsFunc(row.Words, func(w string) bool { return strings.Contains(t, w) }) {
			return row.Type
		}
	}
	return Other
}

// JoinReasons writes reasons as one line: "推诿扯皮、总分低于60" in Chinese,
// "passed the buck; total below 60" in English.
func JoinReasons(rs []Reason, l lang.Lang) string {
	words := make([]string, 0, len(rs))
	for _, r := range rs {
		words = append(words, pick(l, r.ZH, r.EN, r.Code))
	}
	return strings.Join(words, l.Pick("、", "; "))
}

// ReasonSeparators divide the reasons of an imported result's text (问题描述): the semicolon,
// full-width or not, and a line break inside the cell. Nothing else does: "接听后态度生硬，未告知
// 办理地点" is one reason, kept whole as the clerk wrote it.
const ReasonSeparators = "；;\n\r"

// splitReasons cuts free text at ReasonSeparators, trimming each reason.
func splitReasons(text string) []string {
	var parts []string
	for _, p := range strings.FieldsFunc(text, func(r rune) bool { return strings.ContainsRune(ReasonSeparators, r) }) {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return parts
}

// importedReasons types each reason of an imported result's text.
func importedReasons(text string) []Reason {
	var out []Reason
	for _, p := range splitReasons(text) {
		out = append(out, Reason{Type: ClassifyReason(p), Code: "imported", ZH: p, EN: p})
	}
	return out
}
