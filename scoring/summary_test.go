package scoring

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"phoneaudit/lang"
)

// Results of calls, as the store would hand them over.

func passed(total float64) Result {
	return Result{Status: Done, Finished: true, Scored: true, Total: total, Grade: DefaultRubric().GradeOf(total).Key}
}

// failedOn is a scored call that fails the given critical criteria, plus the
// pass mark when the total is under it.
func failedOn(total float64, keys ...string) Result {
	r := passed(total)
	rub := DefaultRubric()
	var failed []string
	failed = append(failed, keys...)
	r.Reasons = rub.reasons(failed, total, true)
	r.Problem = len(r.Reasons) > 0
	return r
}

func reviewed(r Result) Result { r.NeedsReview = true; return r }

var (
	unreachable = problemResult(Unreachable, reasonUnreachable)
	wrongNumber = problemResult(Done, reasonWrongNumber)
	hungUp      = problemResult(Done, reasonHungUp)
)

// live is a call with dials; when is its first dial in the city's zone.
func live(office int64, dept, name, when string, res Result) SummaryCall {
	return SummaryCall{OfficeID: office, Department: dept, Office: name, At: at(when), Auditor: "张伟",
		Persona: Business, Reached: res.Scored, Result: res}
}

func imported(office int64, dept, name string, problem bool, total *float64, reasons string) SummaryCall {
	return SummaryCall{OfficeID: office, Department: dept, Office: name, Imported: true,
		Result: ImportedResult(problem, total, reasons)}
}

func pts(f float64) *float64 { return &f }

// digest is the numbers of a summary in a form a test states by hand.
type digest struct {
	Offices, Calls, Dialed, Connected int
	ConnRate                          string
	Grades                            []int // excellent, good, pass, fail
	NotScored, NoTotal                int
	ProblemOffices, ProblemCalls      int
	ProblemRate                       string
	Previous                          string   // name, problem change, connection change
	Problems                          []string // type: office time reasons
	Red, Yellow                       []string // office streak
	WithProblems                      []string // office: types; reasons
	Ranking                           []string // rank department mean calls/problems marks
	NeedsReview                       int
	Dates                             string
}

func digestOf(s Summary) digest {
	d := digest{
		Offices: s.OfficesAudited, Calls: s.CallsAudited, Dialed: s.DialedCalls, Connected: s.Connected,
		ConnRate:  fmt.Sprintf("%.1f %v", RoundPercent(s.ConnectionRate), s.HasConnection),
		NotScored: s.NotScored, NoTotal: s.NoTotal, ProblemOffices: s.ProblemOffices, ProblemCalls: s.ProblemCalls,
		ProblemRate: fmt.Sprintf("%.1f", RoundPercent(s.ProblemRate)), NeedsReview: s.NeedsReview,
	}
	if !s.From.IsZero() {
		d.Dates = s.From.Format("01-02") + ".." + s.To.Format("01-02")
	}
	graded := 0
	for _, g := range s.Grades {
		d.Grades = append(d.Grades, g.Count)
		graded += g.Count
	}
	if graded != s.Graded {
		d.Grades = append(d.Grades, -1) // Graded disagrees with the counts
	}
	if p := s.Previous; p != nil {
		d.Previous = fmt.Sprintf("%s %+g %+g %v", p.Name, p.ProblemRateChange, p.ConnectionRateChange, p.HasConnectionChange)
	}
	for _, g := range s.ProblemsByType {
		for _, it := range g.Items {
			when := "-"
			if !it.At.IsZero() {
				when = it.At.Format("01-02 15:04")
			}
			d.Problems = append(d.Problems, fmt.Sprintf("%s: %s/%s %s %s", g.ZH, it.Department, it.Office, when, JoinReasons(it.TypeReasons, lang.ZH)))
		}
	}
	for _, f := range s.Red {
		d.Red = append(d.Red, fmt.Sprintf("%s/%s %d", f.Department, f.Office, f.Streak))
	}
	for _, f := range s.Yellow {
		d.Yellow = append(d.Yellow, fmt.Sprintf("%s/%s %d", f.Department, f.Office, f.Streak))
	}
	for _, o := range s.OfficesWithProblems {
		var types []string
		for _, t := range o.Types {
			types = append(types, t.Label(lang.ZH))
		}
		d.WithProblems = append(d.WithProblems, fmt.Sprintf("%s/%s: %s; %s", o.Department, o.Office,
			strings.Join(types, "、"), JoinReasons(o.Reasons, lang.ZH)))
	}
	for _, r := range s.DepartmentRanking {
		line := fmt.Sprintf("%d %s %g %d/%d", r.Rank, r.Department, r.Mean, r.Calls, r.Problems)
		if !r.HasMean {
			line = fmt.Sprintf("- %s %d/%d", r.Department, r.Calls, r.Problems)
		}
		if r.NoTotal > 0 {
			line += fmt.Sprintf(" no total %d", r.NoTotal)
		}
		if r.Top10 {
			line += " top"
		}
		if r.Bottom3 {
			line += " bottom"
		}
		d.Ranking = append(d.Ranking, line)
	}
	return d
}

func TestSummarize(t *testing.T) {
	rub := DefaultRubric()
	tests := []struct {
		name string
		cur  RoundInfo
		prev *RoundInfo
		want digest
	}{
		{
			name: "no problems, first round: dates from the calls, an office called twice counts once",
			cur: RoundInfo{Number: 1, Name: "第1轮", Calls: []SummaryCall{
				live(1, "A局", "科一", "2026-11-24 09:00", passed(95)),
				live(2, "A局", "科二", "2026-11-23 10:00", passed(80)),
				live(3, "B局", "科三", "2026-11-25 15:00", passed(70)),
				live(3, "B局", "科三", "2026-11-26 15:00", passed(65)),
			}},
			want: digest{
				Offices: 3, Calls: 4, Dialed: 4, Connected: 4, ConnRate: "100.0 true",
				Grades: []int{1, 1, 2, 0}, ProblemRate: "0.0", Dates: "11-23..11-26",
				Ranking: []string{"1 A局 87.5 2/0 top", "2 B局 67.5 2/0 top"},
			},
		},
		{
			name: "problems of every kind, several calls per office, compared with the previous round",
			cur: RoundInfo{Number: 3, Name: "第3轮", From: at("2026-11-23 00:00"), To: at("2026-11-27 00:00"),
				Streaks: map[int64]int{1: 3, 2: 2, 3: 1, 4: 1, 5: 2},
				Calls: []SummaryCall{
					live(1, "A局", "科一", "2026-11-24 10:00", passed(90)),
					live(1, "A局", "科一", "2026-11-23 09:00", unreachable),
					live(2, "A局", "科二", "2026-11-23 09:30", wrongNumber),
					live(3, "B局", "科三", "2026-11-24 14:40", failedOn(40, "attitude", "ownership")),
					live(4, "B局", "科四", "2026-11-25 15:00", failedOn(55)),
					live(5, "C局", "科五", "2026-11-25 16:00", hungUp),
					live(6, "C局", "科六", "2026-11-26 09:00", reviewed(passed(100))),
					{OfficeID: 7, Department: "C局", Office: "科七", Result: Result{Status: NotAudited}},
				}},
			prev: &RoundInfo{Number: 2, Name: "第2轮", Calls: []SummaryCall{
				live(1, "A局", "科一", "2026-10-12 09:00", unreachable),
				live(2, "A局", "科二", "2026-10-12 10:00", passed(80)),
				live(3, "B局", "科三", "2026-10-12 11:00", passed(80)),
				live(4, "B局", "科四", "2026-10-13 09:00", passed(80)),
			}},
			want: digest{
				Offices: 6, Calls: 7, Dialed: 7, Connected: 4, ConnRate: "57.1 true",
				Grades: []int{2, 0, 0, 2}, NotScored: 3, ProblemOffices: 5, ProblemCalls: 5, ProblemRate: "83.3",
				// 83.3 − 25.0 and 57.1 − 75.0, as printed
				Previous: "第2轮 +58.3 -17.9 true",
				Problems: []string{
					"门难进: A局/科一 11-23 09:00 无法接通",
					"门难进: A局/科二 11-23 09:30 拨打电话非本单位",
					"事难办: B局/科三 11-24 14:40 推诿扯皮",
					"话难听: B局/科三 11-24 14:40 态度生硬",
					"话难听: C局/科五 11-25 16:00 接听后挂断",
					"其他: B局/科四 11-25 15:00 总分低于60",
				},
				Red:    []string{"A局/科一 3"},
				Yellow: []string{"A局/科二 2", "C局/科五 2"},
				WithProblems: []string{
					"A局/科一: 门难进; 无法接通",
					"A局/科二: 门难进; 拨打电话非本单位",
					"B局/科三: 事难办、话难听; 态度生硬、推诿扯皮、总分低于60",
					"B局/科四: 其他; 总分低于60",
					"C局/科五: 话难听; 接听后挂断",
				},
				// C局 (0 + 100) / 2, B局 (40 + 55) / 2, A局 (90 + 0 + 0) / 3
				Ranking:     []string{"1 C局 50 2/1 top", "2 B局 47.5 2/2 top", "3 A局 30 3/2 top"},
				NeedsReview: 1, Dates: "11-23..11-27",
			},
		},
		{
			name: "imported results only: no dials, no times, some totals missing",
			cur: RoundInfo{Number: 1, Name: "2025年第4轮", Imported: true, Calls: []SummaryCall{
				imported(1, "A局", "科一", true, nil, "无人接听"),
				imported(2, "A局", "科二", false, pts(85), ""),
				imported(3, "B局", "科三", true, pts(50), "态度生硬；推诿"),
				imported(3, "B局", "科三", false, nil, ""),
				imported(4, "C局", "科四", false, nil, ""),
			}},
			prev: &RoundInfo{Number: 0, Name: "第0轮", Calls: []SummaryCall{
				live(1, "A局", "科一", "2025-10-12 09:00", unreachable),
				live(2, "A局", "科二", "2025-10-12 10:00", passed(80)),
			}},
			want: digest{
				Offices: 4, Calls: 5, ConnRate: "0.0 false",
				Grades: []int{0, 1, 0, 1}, NoTotal: 3, ProblemOffices: 2, ProblemCalls: 2, ProblemRate: "50.0",
				Previous: "第0轮 +0 +0 false",
				Problems: []string{
					"门难进: A局/科一 - 无人接听",
					"事难办: B局/科三 - 推诿",
					"话难听: B局/科三 - 态度生硬",
				},
				WithProblems: []string{
					"A局/科一: 门难进; 无人接听",
					"B局/科三: 事难办、话难听; 态度生硬、推诿",
				},
				Ranking: []string{"1 A局 85 2/1 no total 1 top", "2 B局 50 2/1 no total 1 top", "- C局 1/0 no total 1"},
			},
		},
		{
			name: "a previous round without finished calls is no previous round",
			cur: RoundInfo{Number: 2, Name: "第2轮", Calls: []SummaryCall{
				live(1, "A局", "科一", "2026-11-24 09:00", passed(95)),
			}},
			prev: &RoundInfo{Number: 1, Name: "第1轮", Calls: []SummaryCall{
				{OfficeID: 1, Department: "A局", Office: "科一", Result: Result{Status: NotAudited}},
			}},
			want: digest{
				Offices: 1, Calls: 1, Dialed: 1, Connected: 1, ConnRate: "100.0 true",
				Grades: []int{1, 0, 0, 0}, ProblemRate: "0.0", Dates: "11-24..11-24",
				Ranking: []string{"1 A局 95 1/0 top"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := digestOf(Summarize(tt.cur, tt.prev, rub))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", dump(got), dump(tt.want))
			}
		})
	}
}

// dump writes a digest one field to a line, so a failure shows where.
func dump(d digest) string {
	var b strings.Builder
	v := reflect.ValueOf(d)
	for i := range v.NumField() {
		fmt.Fprintf(&b, "  %s: %#v\n", v.Type().Field(i).Name, v.Field(i).Interface())
	}
	return b.String()
}

// ranked builds one call per department with the given totals; a name
// ending in "!" has a problem besides its total.
func ranked(totals ...any) []SummaryCall {
	var calls []SummaryCall
	for i := 0; i < len(totals); i += 2 {
		name, total := totals[i].(string), float64(totals[i+1].(int))
		res := passed(total)
		if strings.HasSuffix(name, "!") {
			name = strings.TrimSuffix(name, "!")
			res = failedOn(total, "ownership")
		}
		calls = append(calls, live(int64(i), name, "科", "2026-11-24 09:00", res))
	}
	return calls
}

func TestDepartmentRanking(t *testing.T) {
	tests := []struct {
		name  string
		calls []SummaryCall
		want  []string
	}{
		{"fourteen departments: ties share a rank, fewer problems break a tie, top 10 and bottom 3",
			ranked("D01", 100, "D03", 95, "D02", 95, "D04", 90, "D05", 88, "D06", 86, "D07", 84, "D08", 82,
				"D09", 80, "D11!", 78, "D10", 78, "D12", 70, "D14", 65, "D13", 65),
			[]string{
				"1 D01 100 1/0 top", "2 D02 95 1/0 top", "2 D03 95 1/0 top", "4 D04 90 1/0 top",
				"5 D05 88 1/0 top", "6 D06 86 1/0 top", "7 D07 84 1/0 top", "8 D08 82 1/0 top",
				"9 D09 80 1/0 top", "10 D10 78 1/0 top", "11 D11 78 1/1",
				"12 D12 70 1/0 bottom", "13 D13 65 1/0 bottom", "13 D14 65 1/0 bottom",
			}},
		{"a tie across the bottom-3 line takes both in; bottom wins over top",
			ranked("E1", 90, "E2", 70, "E3", 70, "E4", 60, "E5", 50),
			[]string{"1 E1 90 1/0 top", "2 E2 70 1/0 bottom", "2 E3 70 1/0 bottom", "4 E4 60 1/0 bottom", "5 E5 50 1/0 bottom"}},
		{"four departments: the last three are the bottom",
			ranked("F1", 90, "F2", 80, "F3", 70, "F4", 60),
			[]string{"1 F1 90 1/0 top", "2 F2 80 1/0 bottom", "3 F3 70 1/0 bottom", "4 F4 60 1/0 bottom"}},
		{"three departments: no bottom mark",
			ranked("G1", 90, "G2", 80, "G3", 70),
			[]string{"1 G1 90 1/0 top", "2 G2 80 1/0 top", "3 G3 70 1/0 top"}},
		{"half points in a mean are compared unrounded",
			append(ranked("H1", 80, "H2", 81), live(9, "H1", "科", "2026-11-24 09:00", passed(81.5))),
			[]string{"1 H2 81 1/0 top", "2 H1 80.75 2/0 top"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := digestOf(Summarize(RoundInfo{Calls: tt.calls}, nil, DefaultRubric())).Ranking
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestSummarizeGradesOnTheRoundsRubric(t *testing.T) {
	r := DefaultRubric()
	r.Grades = []Grade{{Key: "a", ZH: "甲", EN: "A", Min: 80}, {Key: "b", ZH: "乙", EN: "B", Min: 0}}
	s := Summarize(RoundInfo{Calls: []SummaryCall{
		imported(1, "局", "科一", false, pts(85), ""), // graded "good" on the default bands: regraded "a"
		imported(2, "局", "科二", false, pts(60), ""),
	}}, nil, r)
	want := []GradeCount{{Key: "a", ZH: "甲", EN: "A", Min: 80, Count: 1}, {Key: "b", ZH: "乙", EN: "B", Min: 0, Count: 1}}
	if !reflect.DeepEqual(s.Grades, want) || s.Graded != 2 {
		t.Errorf("grades %+v (graded %d), want %+v", s.Grades, s.Graded, want)
	}
}

func TestSummarizeEvidence(t *testing.T) {
	c := live(1, "局", "科", "2026-11-24 14:05", unreachable)
	c.Note, c.Recording, c.StaffNo = "连拨两次无人接听", "rec/am.wav", "0231"
	s := Summarize(RoundInfo{Calls: []SummaryCall{c}, Streaks: map[int64]int{1: 1}}, nil, DefaultRubric())
	if len(s.OfficesWithProblems) != 1 {
		t.Fatalf("offices with problems: %+v", s.OfficesWithProblems)
	}
	o := s.OfficesWithProblems[0]
	pc := o.Calls[0]
	if pc.Note != c.Note || pc.Recording != c.Recording || pc.StaffNo != "0231" || !pc.At.Equal(c.At) || o.Streak != 1 || o.Level != NoFlag {
		t.Errorf("evidence lost: %+v", o)
	}
	if s.Personas[0] != Business || s.Auditors != 1 || s.RecordedCalls != 1 {
		t.Errorf("personas %v, auditors %d, recorded %d", s.Personas, s.Auditors, s.RecordedCalls)
	}
}

// The change since the previous round is the difference of the rates as
// printed, so a reader subtracting the printed rates gets the printed change.
func TestPointsChange(t *testing.T) {
	tests := []struct {
		cur, prev, want float64
	}{
		{4.0 / 15, 2.0 / 15, 13.4}, // 26.7% − 13.3%, though 13.33… unrounded
		{2.0 / 15, 4.0 / 15, -13.4},
		{0.12345, 0, 12.3},
		{0.5, 0.5, 0},
		{1, 0, 100},
		{0.0005, 0, 0.1}, // 0.05% prints as 0.1%
	}
	for _, tt := range tests {
		if got := pointsChange(tt.cur, tt.prev); got != tt.want {
			t.Errorf("pointsChange(%v, %v) = %v, want %v", tt.cur, tt.prev, got, tt.want)
		}
	}
}
