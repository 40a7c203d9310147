package demo

import (
	"math/rand/v2"
	"strings"

	"phoneaudit/scoring"
)

// What auditors write in the notes field, by what happened on the call. Many
// calls get no note at all: notes are written when something stands out.
var (
	notesExcellent = []string{
		"答复清楚，一次性告知了所需材料",
		"态度热情，主动告知办公地址和咨询电话",
		"讲解耐心，还提醒可以在网上预约办理",
		"接听及时，自报单位，答复规范",
		"答复准确，并告知了办理时限",
		"主动询问具体情况，给出了针对性建议",
	}
	// notesByCriterion: a critical criterion of the default rubric failed.
	notesByCriterion = map[string][]string{
		"ownership": {
			"称不归本科室管，让打114查询",
			"让自己上网查，未告知责任科室和电话",
			"推给窗口，没有提供联系方式",
			"说这事该找乡镇，没给具体电话",
		},
		"accuracy": {
			"对政策不了解，一问三不知",
			"答复的材料清单与现行规定不符",
			"说法前后矛盾，最终也没讲清楚",
		},
		"attitude": {
			"语气生硬，没听完就打断",
			"态度冷淡，多次表现出不耐烦",
			"回答敷衍，说“你自己来一趟就知道了”",
		},
	}
	// notesByProblem: the same, for a rubric whose keys the table above does not know.
	notesByProblem = map[scoring.ProblemType][]string{
		scoring.Handling: {"推诿，没有给出办理途径"},
		scoring.Manner:   {"态度生硬"},
	}
	notesUnreachable = []string{
		"两次拨打均无人接听",
		"隔了一刻钟再拨，仍无人接听",
		"响铃至自动挂断，两次均无人接听",
	}
	notesUnreachableApart = []string{ // the second dial in the afternoon
		"上午、下午各拨一次，均未接通",
		"上午无人接听，下午再拨仍无人接听",
	}
	notesBusy       = []string{"两次拨打均占线", "持续占线，未能接通"}
	notesDeadLine   = []string{"提示所拨号码为空号", "提示号码已停机"}
	notesWrongNo    = []string{"所拨号码为其他单位，对方称不是这里", "公布的号码已变更，接听方为一家公司"}
	notesHungUp     = []string{"接起后听说是咨询，未答复即挂断", "对方说了句“正忙”就挂了电话"}
	notesStalled    = []string{"无人接听，稍后再拨", "占线，稍后再拨"}
	noteDeptLine    = "公布号码接到单位办公室，非本业务电话"
	noteSeparator   = "；"
	noteProbability = 0.5 // of a note on an unremarkable call
)

// shortfalls name, for the default rubric's criteria, what a caller writes
// when a call lost points there without failing.
var shortfalls = map[string]string{
	"answer":    "响铃较久才接听",
	"greeting":  "未自报单位",
	"attitude":  "语气比较平淡",
	"accuracy":  "答复不够完整",
	"ownership": "未告知责任科室",
	"closing":   "结束时没有礼貌用语",
}

// noteFor picks the note for a scored sheet: failedKey is the critical
// criterion it fails ("" for none), low whether it is below the pass mark.
func noteFor(rng *rand.Rand, m *sheetModel, a scoring.Answers, secs int, failedKey string, low bool) string {
	switch {
	case failedKey != "":
		if ns, ok := notesByCriterion[failedKey]; ok {
			return oneOf(rng, ns)
		}
		c, _ := m.rubric.Criterion(failedKey)
		if ns, ok := notesByProblem[c.Problem]; ok {
			return oneOf(rng, ns)
		}
		return ""
	case low:
		return shortfallNote(m, a, secs, "总体答复笼统")
	case !chance(rng, noteProbability):
		return ""
	}
	return shortfallNote(m, a, secs, oneOf(rng, notesExcellent))
}

// shortfallNote lists where the sheet lost points, in the caller's words, or
// says none when it lost none.
func shortfallNote(m *sheetModel, a scoring.Answers, secs int, none string) string {
	var parts []string
	for _, c := range m.rubric.Criteria {
		v, ok := a[c.Key]
		if c.Kind == scoring.Seconds {
			v, ok = secs, true
		}
		if ok && c.PointsFor(v) < c.Points && shortfalls[c.Key] != "" {
			parts = append(parts, shortfalls[c.Key])
		}
	}
	if len(parts) == 0 {
		return none
	}
	return strings.Join(parts, "，")
}

// withDeptLine prefixes the note of a call that reached the department's
// general line (12) rather than the published one for this business.
func withDeptLine(note string) string {
	if note == "" {
		return noteDeptLine
	}
	return noteDeptLine + noteSeparator + note
}
