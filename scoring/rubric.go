package scoring

import (
	"math"
	"slices"
	"time"

	"phoneaudit/lang"
)

// DefaultRubric is the built-in rubric of DESIGN.md: six criteria worth 100
// points, pass mark 60, four grades, two failed dials ten minutes apart, and
// the usual office hours. Every call returns fresh slices, so a caller may
// change its copy freely.
func DefaultRubric() Rubric {
	return Rubric{
		Name: "默认测评标准",
		Criteria: []Criterion{
			{
				Key: "answer", LabelZH: "接听及时", LabelEN: "answered promptly",
				HintZH: "15秒内接听（约响3声）", HintEN: "answered within 15 s (about 3 rings)",
				Kind: Seconds, Points: 15, FullWithin: 15, HalfWithin: 30,
			},
			{
				Key: "greeting", LabelZH: "规范用语", LabelEN: "proper greeting",
				HintZH: "问候并自报单位，使用普通话", HintEN: "greets, names the office, speaks Mandarin",
				Kind: YesPartlyNo, Points: 15,
			},
			{
				Key: "attitude", LabelZH: "服务态度", LabelEN: "attitude",
				HintZH: "礼貌、耐心", HintEN: "polite, patient",
				Kind: Scale, Max: 5, Points: 25,
				Critical: true, FailAt: 1, Problem: Manner,
				ReasonZH: "态度生硬", ReasonEN: "rude or impatient",
			},
			{
				Key: "accuracy", LabelZH: "答复准确", LabelEN: "accurate answer",
				HintZH: "答复正确完整，一次性告知", HintEN: "correct, complete, tells everything needed at once",
				Kind: Scale, Max: 5, Points: 25,
				Critical: true, FailAt: 0, Problem: Handling,
				ReasonZH: "答复错误或一问三不知", ReasonEN: "wrong answer or knew nothing",
			},
			{
				Key: "ownership", LabelZH: "首问负责", LabelEN: "takes ownership",
				HintZH: "自己办理，或告知责任科室及电话", HintEN: "handles it, or names the right office and its number",
				Kind: YesNo, Points: 15,
				Critical: true, FailAt: 0, Problem: Handling,
				ReasonZH: "推诿扯皮", ReasonEN: "passed the buck",
			},
			{
				Key: "closing", LabelZH: "礼貌结束", LabelEN: "polite closing",
				HintZH: "礼貌道别", HintEN: "says goodbye politely",
				Kind: YesNo, Points: 5,
			},
		},
		PassMark:     60,
		Grades:       defaultGrades(),
		Retry:        RetryRule{FailedDials: 2, MinGap: 10 * time.Minute},
		Hours:        defaultHours(),
		ReviewSpread: 20,
	}
}

func defaultGrades() []Grade {
	return []Grade{
		{Key: "excellent", ZH: "优秀", EN: "excellent", Min: 90},
		{Key: "good", ZH: "良好", EN: "good", Min: 75},
		{Key: "pass", ZH: "合格", EN: "pass", Min: 60},
		{Key: "fail", ZH: "不合格", EN: "fail", Min: 0},
	}
}

func defaultHours() []Span {
	return []Span{
		{From: 8*60 + 30, To: 12 * 60},
		{From: 14*60 + 30, To: 17*60 + 30},
	}
}

// Criterion finds a criterion by its key.
func (r Rubric) Criterion(key string) (Criterion, bool) {
	if i := slices.IndexFunc(r.Criteria, func(c Criterion) bool { return c.Key == key }); i >= 0 {
		return r.Criteria[i], true
	}
	return Criterion{}, false
}

// SecondsKey is the key of the criterion scored from the call's timer, or ""
// when the rubric has none.
func (r Rubric) SecondsKey() string {
	for _, c := range r.Criteria {
		if c.Kind == Seconds {
			return c.Key
		}
	}
	return ""
}

// GradeOf is the highest grade whose Min the total reaches, compared
// unrounded (89.9 is not 优秀). A total below every band gets the lowest one;
// a rubric without grades gives the zero Grade.
func (r Rubric) GradeOf(total float64) Grade {
	for _, g := range r.Grades {
		if total >= g.Min {
			return g
		}
	}
	if len(r.Grades) == 0 {
		return Grade{}
	}
	return r.Grades[len(r.Grades)-1]
}

// GradeLabel names a grade in language l, falling back to its key.
func GradeLabel(g Grade, l lang.Lang) string {
	return pick(l, g.ZH, g.EN, g.Key)
}

// snap removes floating-point noise from a total (1/3 × 25 summed with its
// siblings may land on 89.99999999999999), so that comparisons with the pass
// mark, grade bands and the review spread act on the value a person would
// compute. Nine decimals stay, far below the one decimal ever shown.
func snap(x float64) float64 {
	return math.Round(x*1e9) / 1e9
}
