package scoring

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

func TestTestdataRubricIsTheDefault(t *testing.T) {
	data, err := os.ReadFile("testdata/rubric.toml")
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseRubric(data)
	if err != nil {
		t.Fatalf("testdata/rubric.toml: %v", err)
	}
	if want := DefaultRubric(); !reflect.DeepEqual(got, want) {
		t.Errorf("testdata/rubric.toml differs from DefaultRubric:\n got %+v\nwant %+v", got, want)
	}
}

// customRubric uses every field and a few awkward strings.
func customRubric() Rubric {
	return Rubric{
		Name: `区县 "试行" 标准\ v2`,
		Criteria: []Criterion{
			{Key: "speed", LabelZH: "接听", Kind: Seconds, Points: 10, FullWithin: 10, HalfWithin: 10},
			{Key: "polite", LabelZH: "礼貌", LabelEN: "polite\tand\nkind", Kind: Scale, Max: 3, Points: 33.5,
				Critical: true, FailAt: 0, Problem: Manner, ReasonZH: "态度差", ReasonEN: "rude"},
			{Key: "answer_right", LabelZH: "答复", Kind: YesPartlyNo, Points: 56.5,
				Critical: true, FailAt: 1, Problem: Other},
		},
		PassMark:     62.5,
		Grades:       []Grade{{Key: "ok", ZH: "达标", EN: "ok", Min: 62.5}, {Key: "not_ok", ZH: "不达标", Min: 0}},
		Retry:        RetryRule{FailedDials: 3, MinGap: 0},
		Hours:        []Span{{From: 0, To: 60}, {From: 9 * 60, To: 24 * 60}},
		ReviewSpread: 0,
	}
}

func TestFormatRubricRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		r    Rubric
	}{
		{"default", DefaultRubric()},
		{"custom", customRubric()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.r.Validate(); err != nil {
				t.Fatalf("test rubric is invalid: %v", err)
			}
			text := FormatRubric(tt.r)
			got, err := ParseRubric(text)
			if err != nil {
				t.Fatalf("ParseRubric(FormatRubric) failed: %v\n%s", err, text)
			}
			if !reflect.DeepEqual(got, tt.r) {
				t.Errorf("round trip changed the rubric:\n got %+v\nwant %+v\n%s", got, tt.r, text)
			}
		})
	}
}

const minimalRubric = `
name = "最简"
[[criteria]]
key = "all"
kind = "yesno"
points = 100
`

func TestParseRubricDefaults(t *testing.T) {
	r, err := ParseRubric([]byte(minimalRubric))
	if err != nil {
		t.Fatal(err)
	}
	def := DefaultRubric()
	if r.PassMark != 60 || r.ReviewSpread != 20 || r.Retry != def.Retry ||
		!reflect.DeepEqual(r.Hours, def.Hours) || !reflect.DeepEqual(r.Grades, def.Grades) {
		t.Errorf("absent fields did not take the defaults: %+v", r)
	}
	if r.Version != 0 {
		t.Errorf("Version = %d, want 0 (set by the store)", r.Version)
	}
}

func TestParseRubricReadsEachSetting(t *testing.T) {
	r, err := ParseRubric([]byte(`name = "x"
pass_mark = 70.5
review_spread = 15
failed_dials = 3
min_gap_minutes = 30
hours = ["9:00 – 11:00"]
[[grades]]
key = "only"
min = 0
[[criteria]]
key = "all"
kind = "ypn"
points = 100
critical = true
fail_at = 1
problem = "事难办"
`))
	if err != nil {
		t.Fatal(err)
	}
	want := Rubric{
		Name: "x", PassMark: 70.5, ReviewSpread: 15,
		Retry:    RetryRule{FailedDials: 3, MinGap: 30 * time.Minute},
		Hours:    []Span{{From: 540, To: 660}},
		Grades:   []Grade{{Key: "only"}},
		Criteria: []Criterion{{Key: "all", Kind: YesPartlyNo, Points: 100, Critical: true, FailAt: 1, Problem: Handling}},
	}
	if !reflect.DeepEqual(r, want) {
		t.Errorf("got %+v\nwant %+v", r, want)
	}
}

func TestParseRubricErrors(t *testing.T) {
	def := string(FormatRubric(DefaultRubric()))
	tests := []struct {
		name string
		data string
		want string // the error must contain this
	}{
		{"bad kind", strings.Replace(def, `kind = "ypn"`, `kind = "stars"`, 1),
			`rubric: criteria[2].kind: "stars" is not a kind`},
		{"points not 100", strings.Replace(def, "points = 5\n", "points = 10\n", 1),
			"rubric: criteria: points add up to 105, must be 100"},
		{"points zero", strings.Replace(def, "points = 5\n", "points = 0\n", 1),
			"rubric: criteria[6].points: must be > 0"},
		{"duplicate key", strings.Replace(def, `key = "closing"`, `key = "greeting"`, 1),
			`rubric: criteria[6].key: "greeting" is already the key of criteria[2]`},
		{"unknown field", strings.Replace(def, `key = "closing"`, "key = \"closing\"\ncolour = \"red\"", 1),
			`rubric: unknown field "criteria[6].colour"`},
		{"unknown top field", "passmark = 60\n" + def,
			`rubric: unknown field "passmark"`},
		{"syntax error with line", "name = \"x\"\n\n[[criteria]]\nkey = = 3\n",
			"rubric line 4: "},
		{"unclosed string", "name = \"x\n",
			"rubric line 1: "},
		{"wrong type", strings.Replace(def, "points = 5\n", "points = \"five\"\n", 1),
			`rubric: criteria[6].points: must be a number, not text "five"`},
		{"whole number", strings.Replace(def, "max = 5", "max = 4.5", 1),
			"rubric: criteria[3].max: must be a whole number, not the number 4.5"},
		{"criteria as a table", "name = \"x\"\n[criteria]\nkey = \"a\"\n",
			"rubric: criteria: must be tables written [[criteria]], not a table"},
		{"no criteria", "name = \"x\"\n", "rubric: criteria: none given"},
		{"no name", minimalRubric[strings.Index(minimalRubric, "[[criteria]]"):], "rubric: name: must not be empty"},
		{"bad hours", withLine(def, "hours", `hours = ["8.30-12"]`), `rubric: hours[1]: text "8.30-12" is not a span`},
		{"hours not a list", withLine(def, "hours", `hours = "08:30-12:00"`), "rubric: hours: must be a list"},
		{"overlapping hours", withLine(def, "hours", `hours = ["08:30-12:00", "11:30-17:30"]`),
			"rubric: hours[2]: 11:30-17:30 must start after 08:30-12:00 ends"},
		{"empty hours", withLine(def, "hours", `hours = []`), "rubric: hours: none given"},
		{"negative gap", withLine(def, "min_gap_minutes", "min_gap_minutes = -1"),
			"rubric: min_gap_minutes: must be whole minutes from 0 to 1440"},
		{"huge gap", withLine(def, "min_gap_minutes", "min_gap_minutes = 9223372036854775807"),
			"rubric: min_gap_minutes: must be whole minutes from 0 to 1440"},
		{"problem type", strings.Replace(def, `problem = "manner"`, `problem = "脸难看"`, 1),
			"rubric: criteria[3].problem: a critical criterion names its problem type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseRubric([]byte(tt.data))
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q\ndoes not contain %q", err, tt.want)
			}
		})
	}
}

func TestParseRubricSyntaxErrorKeepsCause(t *testing.T) {
	_, err := ParseRubric([]byte("name = \"x\"\nname = \"y\"\n"))
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v does not wrap toml.ParseError", err)
	}
	if !strings.HasPrefix(err.Error(), "rubric line 2: ") {
		t.Errorf("error %q does not name line 2", err)
	}
}

func TestTomlStringEscapes(t *testing.T) {
	tests := []struct{ in, want string }{
		{`plain`, `"plain"`},
		{`a"b`, `"a\"b"`},
		{`a\b`, `"a\\b"`},
		{"a\nb\tc", `"a\nb\tc"`},
		{"bell\x07", `"bell\u0007"`},
		{"del\x7f", `"del\u007F"`},
		{"中文", `"中文"`},
	}
	for _, tt := range tests {
		if got := tomlString(tt.in); got != tt.want {
			t.Errorf("tomlString(%q) = %s, want %s", tt.in, got, tt.want)
		}
		var back struct{ S string }
		if _, err := toml.Decode("S = "+tomlString(tt.in), &back); err != nil || back.S != tt.in {
			t.Errorf("%q does not read back: %q, %v", tt.in, back.S, err)
		}
	}
}

// withLine replaces the line of the top-level key in a rubric file.
func withLine(text, key, line string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, key+" = ") {
			lines[i] = line
		}
	}
	return strings.Join(lines, "\n")
}
