package bulletin

import (
	"time"

	"phoneaudit/scoring"
)

// The synthetic rounds the golden files are rendered from. Results come from
// scoring itself (dials and score sheets on the default rubric), so the
// bulletin shows what the program would really compute.

var cst = time.FixedZone("CST", 8*3600)

func when(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, cst)
	if err != nil {
		panic(err)
	}
	return t
}

func day(s string) time.Time { return when(s + " 00:00") }

// sheet sets the six criteria of the default rubric; secs is the answer time.
type sheet struct{ secs, greeting, attitude, accuracy, ownership, closing int }

var (
	full        = sheet{10, scoring.Yes, 5, 5, 1, 1} // 100
	buckPassed  = sheet{10, scoring.Yes, 5, 5, 0, 1} // 85, 推诿扯皮
	rude        = sheet{10, scoring.Yes, 1, 5, 1, 1} // 80, 态度生硬
	rudeAndBuck = sheet{10, scoring.Yes, 1, 5, 0, 1} // 65, both
	lowScore    = sheet{40, scoring.No, 3, 3, 1, 1}  // 50, under the pass mark only
)

// call is a call answered (11) at the given time and scored with s.
func call(office int64, dept, name, at string, s sheet) scoring.SummaryCall {
	secs := s.secs
	in := scoring.CallInput{
		Attempts:      []scoring.Attempt{{At: when(at), Outcome: scoring.Connected}},
		AnswerSeconds: &secs,
		Sheets: []scoring.Sheet{{Rater: "张伟", Submitted: true, Answers: scoring.Answers{
			"greeting": s.greeting, "attitude": s.attitude, "accuracy": s.accuracy,
			"ownership": s.ownership, "closing": s.closing}}},
	}
	return finish(office, dept, name, in)
}

// dialled is a call whose dials ended with the given outcomes, 15 minutes apart.
func dialled(office int64, dept, name, at string, outcomes ...scoring.Outcome) scoring.SummaryCall {
	var in scoring.CallInput
	for i, o := range outcomes {
		in.Attempts = append(in.Attempts, scoring.Attempt{At: when(at).Add(time.Duration(i) * 15 * time.Minute), Outcome: o})
	}
	return finish(office, dept, name, in)
}

func finish(office int64, dept, name string, in scoring.CallInput) scoring.SummaryCall {
	r := scoring.DefaultRubric()
	res := r.Result(in, scoring.Calendar{}, cst)
	if !res.Finished {
		panic("fixture call is not finished: " + dept + name)
	}
	return scoring.SummaryCall{
		OfficeID: office, Department: dept, Office: name, At: in.Attempts[0].At, Auditor: "张伟",
		Persona: scoring.Business, Reached: r.Reach(in.Attempts, scoring.Calendar{}, cst).Reached, Result: res,
		Recording: "rec/" + in.Attempts[0].At.Format("2006-01-02") + ".wav",
	}
}

func withNote(c scoring.SummaryCall, note string) scoring.SummaryCall { c.Note = note; return c }

func withOffset(c scoring.SummaryCall, d time.Duration, staffNo string) scoring.SummaryCall {
	c.RecordingOffset, c.StaffNo = &d, staffNo
	return c
}

func underReview(c scoring.SummaryCall) scoring.SummaryCall { c.Result.NeedsReview = true; return c }

func as(c scoring.SummaryCall, p scoring.Persona) scoring.SummaryCall { c.Persona = p; return c }

func imported(office int64, dept, name string, problem bool, total *float64, reasons string) scoring.SummaryCall {
	return scoring.SummaryCall{OfficeID: office, Department: dept, Office: name, Imported: true,
		Result: scoring.ImportedResult(problem, total, reasons)}
}

func pts(f float64) *float64 { return &f }

const (
	finance   = "市财政局"
	hrss      = "市人力资源和社会保障局"
	market    = "市市场监督管理局"
	govServ   = "市政务服务和数据管理局"
	housing   = "市住房和城乡建设局"
	land      = "市自然资源和规划局"
	transport = "市交通运输局"
	ecology   = "市生态环境局"
	farming   = "市农业农村局"
	health    = "市卫生健康委员会"
	education = "市教育局"
	civil     = "市民政局"
	police    = "市公安局"
	tax       = "市税务局"
	medical   = "市医疗保障局"
)

// round3 has every kind of problem, red and yellow offices, an office with a
// comma and one with full-width brackets, and 15 departments.
func round3() scoring.RoundInfo {
	return scoring.RoundInfo{
		Number: 3, Name: "2026年第3轮", From: day("2026-11-23"), To: day("2026-11-27"), Planned: 20,
		Streaks: map[int64]int{1: 3, 3: 2, 4: 1, 5: 4, 6: 2, 7: 1, 8: 1},
		Calls: []scoring.SummaryCall{
			withOffset(withNote(dialled(1, hrss, "社会保险中心", "2026-11-23 09:05", scoring.NoAnswer, scoring.NoAnswer),
				"两次拨打均无人接听。"), 5*time.Minute+10*time.Second, ""),
			call(2, hrss, "就业服务科", "2026-11-23 09:40", full),
			withOffset(withNote(call(3, market, "登记科,发证窗口", "2026-11-23 10:10", buckPassed),
				"称“不归我们管”，让自己上网查"), 41*time.Minute, "0231"),
			as(withNote(call(4, govServ, "综合受理（窗口）", "2026-11-23 14:40", rude), "语气生硬，\n不耐烦"), scoring.Farmer),
			dialled(5, housing, "房产交易科", "2026-11-24 09:00", scoring.WrongNumber),
			call(6, housing, "物业科", "2026-11-24 09:30", lowScore),
			call(6, housing, "物业科", "2026-11-26 15:00", buckPassed),
			as(dialled(7, land, "不动产登记中心", "2026-11-24 10:00", scoring.HungUp), scoring.Resident),
			withNote(call(8, transport, "运输管理科", "2026-11-24 15:00", rudeAndBuck), "多次打断，推给区里"),
			call(9, finance, "国库科", "2026-11-25 09:00", full),
			call(9, finance, "国库科", "2026-11-25 10:00", sheet{10, scoring.Yes, 5, 5, 1, 0}),
			call(10, ecology, "行政审批科", "2026-11-25 10:30", sheet{10, scoring.Yes, 4, 5, 1, 0}),
			call(11, farming, "种植业管理科", "2026-11-25 14:40", sheet{10, scoring.Yes, 5, 3, 1, 0}),
			call(12, health, "医政医管科", "2026-11-25 15:10", sheet{10, scoring.No, 5, 5, 1, 0}),
			call(13, education, "学生资助管理中心", "2026-11-26 09:00", sheet{20, scoring.Partly, 5, 4, 1, 0}),
			call(14, civil, "社会救助科", "2026-11-26 09:30", sheet{10, scoring.No, 3, 5, 1, 0}),
			call(15, police, "户政管理科", "2026-11-26 10:00", sheet{10, scoring.No, 3, 4, 1, 0}),
			call(16, tax, "纳税服务科", "2026-11-26 14:40", full),
			call(17, medical, "待遇保障科", "2026-11-27 09:00", sheet{10, scoring.Partly, 5, 5, 1, 1}),
			call(18, medical, "医药服务管理科", "2026-11-27 09:30", full),
		},
	}
}

// round2 is round 3's previous round.
func round2() scoring.RoundInfo {
	return scoring.RoundInfo{
		Number: 2, Name: "2026年第2轮", From: day("2026-10-12"), To: day("2026-10-16"),
		Calls: []scoring.SummaryCall{
			dialled(1, hrss, "社会保险中心", "2026-10-12 09:00", scoring.Busy, scoring.NoAnswer),
			call(2, hrss, "就业服务科", "2026-10-12 10:00", full),
			call(3, market, "登记科,发证窗口", "2026-10-12 10:30", buckPassed),
			dialled(5, housing, "房产交易科", "2026-10-13 09:00", scoring.NoAnswer, scoring.Invalid),
			call(6, housing, "物业科", "2026-10-13 10:00", rude),
			call(9, finance, "国库科", "2026-10-13 14:40", full),
			call(10, ecology, "行政审批科", "2026-10-14 09:00", full),
			call(11, farming, "种植业管理科", "2026-10-14 10:00", full),
			call(16, tax, "纳税服务科", "2026-10-15 09:00", full),
			call(17, medical, "待遇保障科", "2026-10-15 10:00", full),
		},
	}
}

// round4 has no problem at all.
func round4() scoring.RoundInfo {
	return scoring.RoundInfo{
		Number: 4, Name: "2026年第4轮", From: day("2026-12-07"), To: day("2026-12-07"),
		Streaks: map[int64]int{},
		Calls: []scoring.SummaryCall{
			call(2, hrss, "就业服务科", "2026-12-07 09:00", full),
			call(9, finance, "国库科", "2026-12-07 09:30", sheet{10, scoring.Partly, 5, 5, 1, 1}),
			call(16, tax, "纳税服务科", "2026-12-07 10:00", sheet{20, scoring.Yes, 4, 4, 1, 1}),
		},
	}
}

// importedRound is a past round read from a spreadsheet: no times, no
// dials, some totals missing, one department without any total.
func importedRound() scoring.RoundInfo {
	return scoring.RoundInfo{
		Number: 1, Name: "2025年第4轮", Imported: true,
		Streaks: map[int64]int{1: 1, 3: 1},
		Calls: []scoring.SummaryCall{
			imported(1, hrss, "社会保险中心", true, nil, "无人接听"),
			imported(2, hrss, "就业服务科", false, pts(88), ""),
			imported(3, market, "登记科,发证窗口", true, pts(52.5), "态度生硬；推诿"),
			imported(3, market, "登记科,发证窗口", false, nil, ""),
			imported(4, govServ, "综合受理（窗口）", false, nil, ""),
		},
	}
}

// firstRound is a live round with no round before it.
func firstRound() scoring.RoundInfo {
	return scoring.RoundInfo{
		Number: 1, Name: "2026年第1轮", From: day("2026-03-02"), To: day("2026-03-06"),
		Streaks: map[int64]int{1: 1, 2: 0, 3: 1},
		Calls: []scoring.SummaryCall{
			dialled(1, hrss, "社会保险中心", "2026-03-02 09:00", scoring.NoAnswer, scoring.Busy),
			call(2, hrss, "就业服务科", "2026-03-02 10:00", full),
			underReview(withNote(call(3, finance, "国库科", "2026-03-03 09:00", lowScore), "答非所问")),
		},
	}
}
