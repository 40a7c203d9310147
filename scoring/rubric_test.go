package scoring

import (
	"testing"

	"phoneaudit/lang"
)

func TestDefaultRubricIsValidAndAddsUpTo100(t *testing.T) {
	r := DefaultRubric()
	if err := r.Validate(); err != nil {
		t.Fatalf("default rubric does not validate: %v", err)
	}
	sum := 0.0
	for _, c := range r.Criteria {
		sum += c.Points
	}
	if sum != 100 {
		t.Errorf("points add up to %v, want 100", sum)
	}
	if r.SecondsKey() != "answer" {
		t.Errorf("SecondsKey = %q, want answer", r.SecondsKey())
	}
	// Changing one copy must not change the next.
	r.Criteria[0].Points = 1
	r.Hours[0].From = 0
	r.Grades[0].Min = 1
	fresh := DefaultRubric()
	if fresh.Criteria[0].Points != 15 || fresh.Hours[0].From != 510 || fresh.Grades[0].Min != 90 {
		t.Error("DefaultRubric shares its slices between calls")
	}
}

func TestDefaultRubricCritical(t *testing.T) {
	tests := []struct {
		key      string
		critical bool
		failAt   int
		problem  ProblemType
		reason   string
	}{
		{"answer", false, 0, "", ""},
		{"greeting", false, 0, "", ""},
		{"attitude", true, 1, Manner, "态度生硬"},
		{"accuracy", true, 0, Handling, "答复错误或一问三不知"},
		{"ownership", true, 0, Handling, "推诿扯皮"},
		{"closing", false, 0, "", ""},
	}
	r := DefaultRubric()
	if len(r.Criteria) != len(tests) {
		t.Fatalf("default rubric has %d criteria, want %d", len(r.Criteria), len(tests))
	}
	for i, tt := range tests {
		c, ok := r.Criterion(tt.key)
		if !ok {
			t.Fatalf("criterion %q missing", tt.key)
		}
		if r.Criteria[i].Key != tt.key {
			t.Errorf("criterion %d is %q, want %q", i, r.Criteria[i].Key, tt.key)
		}
		if c.Critical != tt.critical || c.FailAt != tt.failAt || c.Problem != tt.problem || c.ReasonZH != tt.reason {
			t.Errorf("%s: critical=%v fail_at=%d problem=%q reason=%q", tt.key, c.Critical, c.FailAt, c.Problem, c.ReasonZH)
		}
	}
	if _, ok := r.Criterion("nope"); ok {
		t.Error("Criterion found a key that is not there")
	}
}

func TestPointsFor(t *testing.T) {
	r := DefaultRubric()
	tests := []struct {
		key  string
		v    int
		want float64
	}{
		{"answer", 0, 15},
		{"answer", 15, 15},
		{"answer", 16, 7.5},
		{"answer", 30, 7.5},
		{"answer", 31, 0},
		{"answer", -1, 0},
		{"greeting", Yes, 15},
		{"greeting", Partly, 7.5},
		{"greeting", No, 0},
		{"greeting", 3, 0},
		{"attitude", 5, 25},
		{"attitude", 4, 20},
		{"attitude", 1, 5},
		{"attitude", 0, 0},
		{"attitude", 6, 0},
		{"ownership", 1, 15},
		{"ownership", 0, 0},
		{"ownership", 2, 0},
		{"closing", 1, 5},
	}
	for _, tt := range tests {
		c, _ := r.Criterion(tt.key)
		if got := c.PointsFor(tt.v); got != tt.want {
			t.Errorf("%s.PointsFor(%d) = %v, want %v", tt.key, tt.v, got, tt.want)
		}
	}
}

func TestMaxValidYes(t *testing.T) {
	tests := []struct {
		c       Criterion
		max     int
		valid   []int
		invalid []int
	}{
		{Criterion{Kind: YesNo}, 1, []int{0, 1}, []int{-1, 2}},
		{Criterion{Kind: YesPartlyNo}, 2, []int{0, 1, 2}, []int{-1, 3}},
		{Criterion{Kind: Scale, Max: 9}, 9, []int{0, 9}, []int{-1, 10}},
		{Criterion{Kind: Seconds}, -1, []int{0, 500}, []int{-1}},
		{Criterion{Kind: "stars"}, -1, nil, []int{0, 1}},
	}
	for _, tt := range tests {
		if got := tt.c.MaxValue(); got != tt.max {
			t.Errorf("%s MaxValue = %d, want %d", tt.c.Kind, got, tt.max)
		}
		for _, v := range tt.valid {
			if !tt.c.ValidValue(v) {
				t.Errorf("%s: %d should be valid", tt.c.Kind, v)
			}
		}
		for _, v := range tt.invalid {
			if tt.c.ValidValue(v) {
				t.Errorf("%s: %d should be invalid", tt.c.Kind, v)
			}
		}
	}
	if (Criterion{Kind: YesNo}).YesValue() != 1 || (Criterion{Kind: YesPartlyNo}).YesValue() != Yes {
		t.Error("YesValue: yes/no yes is 1, yes/partly/no yes is 2")
	}
}

func TestFails(t *testing.T) {
	r := DefaultRubric()
	tests := []struct {
		key  string
		v    int
		want bool
	}{
		{"attitude", 0, true},
		{"attitude", 1, true},
		{"attitude", 2, false},
		{"accuracy", 0, true},
		{"accuracy", 1, false},
		{"ownership", 0, true},
		{"ownership", 1, false},
		{"closing", 0, false},  // not critical
		{"answer", 999, false}, // seconds never fail
		{"attitude", -1, false},
	}
	for _, tt := range tests {
		c, _ := r.Criterion(tt.key)
		if got := c.Fails(tt.v); got != tt.want {
			t.Errorf("%s.Fails(%d) = %v, want %v", tt.key, tt.v, got, tt.want)
		}
	}
	secs := Criterion{Kind: Seconds, Critical: true, FailAt: 100}
	if secs.Fails(5) {
		t.Error("a seconds criterion failed even though seconds never fail")
	}
}

func TestGradeOf(t *testing.T) {
	r := DefaultRubric()
	tests := []struct {
		total float64
		want  string
	}{
		{100, "excellent"},
		{90, "excellent"},
		{89.9, "good"},
		{89.99999, "good"},
		{75, "good"},
		{74.5, "pass"},
		{60, "pass"},
		{59.5, "fail"},
		{59.99, "fail"},
		{0, "fail"},
		{-5, "fail"},
	}
	for _, tt := range tests {
		if got := r.GradeOf(tt.total).Key; got != tt.want {
			t.Errorf("GradeOf(%v) = %q, want %q", tt.total, got, tt.want)
		}
	}
	if g := (Rubric{}).GradeOf(50); g != (Grade{}) {
		t.Errorf("a rubric without grades gave %+v", g)
	}
}

func TestLabels(t *testing.T) {
	r := DefaultRubric()
	c, _ := r.Criterion("ownership")
	g := r.GradeOf(95)
	tests := []struct {
		name, got, want string
	}{
		{"criterion zh", c.Label(lang.ZH), "首问负责"},
		{"criterion en", c.Label(lang.EN), "takes ownership"},
		{"criterion en falls back to zh", Criterion{Key: "k", LabelZH: "中"}.Label(lang.EN), "中"},
		{"criterion falls back to key", Criterion{Key: "k"}.Label(lang.ZH), "k"},
		{"grade zh", GradeLabel(g, lang.ZH), "优秀"},
		{"grade en", GradeLabel(r.GradeOf(10), lang.EN), "fail"},
		{"persona zh", Grassroots.Label(lang.ZH), "基层单位工作人员"},
		{"persona en", Grassroots.Label(lang.EN), "grassroots staff"},
		{"problem zh", Access.Label(lang.ZH), "门难进"},
		{"problem en", Handling.Label(lang.EN), "buck-passing"},
		{"problem manner", Manner.Label(lang.ZH), "话难听"},
		{"problem other en", Other.Label(lang.EN), "other"},
		{"outcome 11", Connected.Label(lang.ZH), "接通"},
		{"outcome 12", ConnectedDept.Label(lang.ZH), "非本业务电话"},
		{"outcome 13", WrongNumber.Label(lang.ZH), "非本单位"},
		{"outcome 14", HungUp.Label(lang.ZH), "接起即挂断"},
		{"outcome 21", NoAnswer.Label(lang.ZH), "无人接听"},
		{"outcome 22", Busy.Label(lang.ZH), "占线"},
		{"outcome 23", Invalid.Label(lang.ZH), "空号/停机"},
		{"outcome 22 en", Busy.Label(lang.EN), "busy"},
		{"outcome unknown", Outcome(99).Label(lang.EN), "code 99"},
		{"status to call", ToCall.Label(lang.ZH), "待拨"},
		{"status in progress", InProgress.Label(lang.ZH), "进行中"},
		{"status done", Done.Label(lang.ZH), "已完成"},
		{"status unreachable", Unreachable.Label(lang.ZH), "无法接通"},
		{"status not audited", NotAudited.Label(lang.ZH), "未测评"},
		{"status en", NotAudited.Label(lang.EN), "not audited"},
		{"red", Red.Label(lang.ZH), "红牌"},
		{"yellow en", Yellow.Label(lang.EN), "yellow"},
		{"no flag", NoFlag.Label(lang.ZH), ""},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

func TestOutcomeClasses(t *testing.T) {
	tests := []struct {
		o                                 Outcome
		valid, reached, failed, immediate bool
	}{
		{Connected, true, true, false, false},
		{ConnectedDept, true, true, false, false},
		{WrongNumber, true, false, false, true},
		{HungUp, true, false, false, true},
		{NoAnswer, true, false, true, false},
		{Busy, true, false, true, false},
		{Invalid, true, false, true, false},
		{0, false, false, false, false},
		{24, false, false, false, false},
	}
	for _, tt := range tests {
		if tt.o.Valid() != tt.valid || tt.o.Reached() != tt.reached ||
			tt.o.FailedDial() != tt.failed || tt.o.ImmediateProblem() != tt.immediate {
			t.Errorf("outcome %d: valid=%v reached=%v failed=%v immediate=%v", tt.o,
				tt.o.Valid(), tt.o.Reached(), tt.o.FailedDial(), tt.o.ImmediateProblem())
		}
	}
}

func TestParsePersona(t *testing.T) {
	tests := []struct {
		in   string
		want Persona
		ok   bool
	}{
		{"farmer", Farmer, true},
		{" 农民 ", Farmer, true},
		{"Resident", Resident, true},
		{"市民", Resident, true},
		{"BUSINESS", Business, true},
		{"企业", Business, true},
		{"grassroots", Grassroots, true},
		{"基层单位工作人员", Grassroots, true},
		{"基层", Grassroots, true},
		{"grassroots staff", Grassroots, true},
		{"学生", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, err := ParsePersona(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParsePersona(%q) = %q, %v", tt.in, got, err)
		}
	}
}

func TestParseProblemType(t *testing.T) {
	tests := []struct {
		in   string
		want ProblemType
		ok   bool
	}{
		{"access", Access, true},
		{"门难进", Access, true},
		{"Handling", Handling, true},
		{"事难办", Handling, true},
		{"话难听", Manner, true},
		{" manner ", Manner, true},
		{"其他", Other, true},
		{"其它", Other, true},
		{"other", Other, true},
		{"脸难看", "", false},
	}
	for _, tt := range tests {
		got, err := ParseProblemType(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseProblemType(%q) = %q, %v", tt.in, got, err)
		}
	}
}
