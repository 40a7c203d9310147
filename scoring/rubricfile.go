package scoring

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// A rubric file is TOML (testdata/rubric.toml is the default rubric written
// out, with comments, for users to copy):
//
//	name            = "默认测评标准"   # required
//	pass_mark       = 60              # optional, default 60
//	review_spread   = 20              # optional, default 20
//	failed_dials    = 2               # optional, default 2
//	min_gap_minutes = 10              # optional, default 10 (whole minutes)
//	hours = ["08:30-12:00", "14:30-17:30"]   # optional, these by default
//
//	[[grades]]                        # optional, 优秀/良好/合格/不合格 by default
//	key = "excellent"
//	zh  = "优秀"
//	en  = "excellent"
//	min = 90                          # highest first; the last has min = 0
//
//	[[criteria]]                      # required, one table per criterion
//	key = "attitude"                  # a-z and _
//	label_zh = "服务态度"
//	label_en = "attitude"
//	hint_zh  = "礼貌、耐心"
//	hint_en  = "polite, patient"
//	kind     = "scale"                # yesno, ypn, scale or seconds
//	max      = 5                      # scale only: 1..9
//	points   = 25                     # the points of all criteria add up to 100
//	full_within = 15                  # seconds only: full points at or under
//	half_within = 30                  # seconds only: half points at or under
//	critical  = true                  # a failing answer makes the call a problem
//	fail_at   = 1                     # fails at or below this value
//	problem   = "manner"              # access, handling, manner, other (or 门难进 …)
//	reason_zh = "态度生硬"
//	reason_en = "rude or impatient"
//
// Unknown keys are an error, so a misspelt key never silently falls back to
// a default.

// The keys a rubric file may hold, by table.
var (
	topKeys       = []string{"name", "pass_mark", "review_spread", "failed_dials", "min_gap_minutes", "stale_minutes", "hours", "grades", "criteria"}
	gradeKeys     = []string{"key", "zh", "en", "min"}
	criterionKeys = []string{
		"key", "label_zh", "label_en", "hint_zh", "hint_en", "kind", "max", "points",
		"full_within", "half_within", "critical", "fail_at", "problem", "reason_zh", "reason_en",
	}
)

// ParseRubric reads a rubric file and validates it. Syntax errors give the
// line (`rubric line 12: …`); every other error names the field
// (`rubric: criteria[3].points: must be > 0`, criteria counted from 1).
// Version is left 0: the store sets it.
func ParseRubric(data []byte) (Rubric, error) {
	var raw map[string]any
	if _, err := toml.Decode(string(data), &raw); err != nil {
		return Rubric{}, syntaxError(err)
	}
	fr := fieldReader{}
	r := fr.rubric(raw)
	if fr.err != nil {
		return Rubric{}, fmt.Errorf("rubric: %w", fr.err)
	}
	if err := r.Validate(); err != nil {
		return Rubric{}, err
	}
	return r, nil
}

// syntaxError words a TOML syntax error with its line and keeps the cause.
func syntaxError(err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return &lineError{line: pe.Position.Line, msg: pe.Message, err: err}
	}
	return fmt.Errorf("rubric: %w", err)
}

type lineError struct {
	line int
	msg  string
	err  error
}

func (e *lineError) Error() string { return fmt.Sprintf("rubric line %d: %s", e.line, e.msg) }
func (e *lineError) Unwrap() error { return e.err }

// fieldReader turns the decoded TOML tables into a Rubric, remembering the
// first field that is missing, unknown or of the wrong type. Reading by hand
// rather than into tagged structs lets errors name criteria[3] rather than
// just "criteria".
type fieldReader struct {
	err error
}

func (fr *fieldReader) fail(format string, args ...any) {
	if fr.err == nil {
		fr.err = fmt.Errorf(format, args...)
	}
}

func (fr *fieldReader) rubric(raw map[string]any) Rubric {
	def := DefaultRubric()
	fr.unknownKeys(raw, "", topKeys)
	r := Rubric{
		Name:         fr.str(raw, "", "name"),
		PassMark:     fr.num(raw, "", "pass_mark", def.PassMark),
		ReviewSpread: fr.num(raw, "", "review_spread", def.ReviewSpread),
		Retry: RetryRule{
			FailedDials: fr.integer(raw, "", "failed_dials", def.Retry.FailedDials),
			MinGap:      fr.minutes(raw, "min_gap_minutes", def.Retry.MinGap),
		},
		StaleAfter: fr.minutes(raw, "stale_minutes", 0),
		Hours:      def.Hours,
		Grades:     def.Grades,
		Criteria:   nil,
	}
	if v, ok := raw["stale_minutes"]; ok && (r.StaleAfter <= 0 || r.StaleAfter > maxMinGap) {
		fr.fail("stale_minutes: must be whole minutes from 1 to %d, not %s", int(maxMinGap/time.Minute), describe(v))
	}
	if _, ok := raw["hours"]; ok {
		r.Hours = fr.hours(raw)
	}
	if _, ok := raw["grades"]; ok {
		r.Grades = []Grade{}
		for i, t := range fr.tables(raw, "grades") {
			r.Grades = append(r.Grades, fr.grade(t, fmt.Sprintf("grades[%d].", i+1)))
		}
	}
	for i, t := range fr.tables(raw, "criteria") {
		r.Criteria = append(r.Criteria, fr.criterion(t, fmt.Sprintf("criteria[%d].", i+1)))
	}
	return r
}

func (fr *fieldReader) grade(t map[string]any, at string) Grade {
	fr.unknownKeys(t, at, gradeKeys)
	return Grade{
		Key: fr.str(t, at, "key"),
		ZH:  fr.str(t, at, "zh"),
		EN:  fr.str(t, at, "en"),
		Min: fr.num(t, at, "min", 0),
	}
}

func (fr *fieldReader) criterion(t map[string]any, at string) Criterion {
	fr.unknownKeys(t, at, criterionKeys)
	c := Criterion{
		Key:        fr.str(t, at, "key"),
		LabelZH:    fr.str(t, at, "label_zh"),
		LabelEN:    fr.str(t, at, "label_en"),
		HintZH:     fr.str(t, at, "hint_zh"),
		HintEN:     fr.str(t, at, "hint_en"),
		Kind:       Kind(fr.str(t, at, "kind")),
		Max:        fr.integer(t, at, "max", 0),
		Points:     fr.num(t, at, "points", 0),
		FullWithin: fr.integer(t, at, "full_within", 0),
		HalfWithin: fr.integer(t, at, "half_within", 0),
		Critical:   fr.boolean(t, at, "critical"),
		FailAt:     fr.integer(t, at, "fail_at", 0),
		Problem:    ProblemType(fr.str(t, at, "problem")),
		ReasonZH:   fr.str(t, at, "reason_zh"),
		ReasonEN:   fr.str(t, at, "reason_en"),
	}
	// Chinese names of problem types are welcome in a file; store the key.
	if p, err := ParseProblemType(string(c.Problem)); err == nil {
		c.Problem = p
	}
	return c
}

func (fr *fieldReader) unknownKeys(t map[string]any, at string, known []string) {
	var unknown []string
	for k := range t {
		if !slices.Contains(known, k) {
			unknown = append(unknown, strconv.Quote(at+k))
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		fr.fail("unknown field %s (misspelt, or written under the wrong table?)", strings.Join(unknown, ", "))
	}
}

func (fr *fieldReader) str(t map[string]any, at, key string) string {
	v, ok := t[key]
	if !ok {
		return ""
	}
	s, isStr := v.(string)
	if !isStr {
		fr.fail("%s%s: must be text in quotes, not %s", at, key, describe(v))
	}
	return s
}

func (fr *fieldReader) boolean(t map[string]any, at, key string) bool {
	v, ok := t[key]
	if !ok {
		return false
	}
	b, isBool := v.(bool)
	if !isBool {
		fr.fail("%s%s: must be true or false, not %s", at, key, describe(v))
	}
	return b
}

func (fr *fieldReader) num(t map[string]any, at, key string, def float64) float64 {
	v, ok := t[key]
	if !ok {
		return def
	}
	switch n := v.(type) {
	case float64:
		return n
	case int64:
		return float64(n)
	}
	fr.fail("%s%s: must be a number, not %s", at, key, describe(v))
	return def
}

func (fr *fieldReader) integer(t map[string]any, at, key string, def int) int {
	v, ok := t[key]
	if !ok {
		return def
	}
	n, isInt := v.(int64)
	if !isInt || int64(int(n)) != n {
		fr.fail("%s%s: must be a whole number, not %s", at, key, describe(v))
		return def
	}
	return int(n)
}

func (fr *fieldReader) minutes(t map[string]any, key string, def time.Duration) time.Duration {
	if _, ok := t[key]; !ok {
		return def
	}
	m := fr.integer(t, "", key, 0)
	// Out-of-range gaps are clamped to one past the limit so Validate reports
	// them instead of time.Duration overflowing into a valid-looking value.
	if m < 0 {
		return -time.Minute
	}
	if m > int(maxMinGap/time.Minute) {
		return maxMinGap + time.Minute
	}
	return time.Duration(m) * time.Minute
}

func (fr *fieldReader) hours(t map[string]any) []Span {
	list, ok := t["hours"].([]any)
	if !ok {
		fr.fail("hours: must be a list like [\"08:30-12:00\", \"14:30-17:30\"], not %s", describe(t["hours"]))
		return nil
	}
	spans := []Span{}
	for i, v := range list {
		s, isStr := v.(string)
		span, err := parseSpan(s)
		if !isStr || err != nil {
			fr.fail("hours[%d]: %s is not a span of time like \"08:30-12:00\"", i+1, describe(v))
			continue
		}
		spans = append(spans, span)
	}
	return spans
}

func (fr *fieldReader) tables(t map[string]any, key string) []map[string]any {
	v, ok := t[key]
	if !ok {
		return nil
	}
	list, isList := v.([]map[string]any)
	if !isList {
		fr.fail("%s: must be tables written [[%s]], not %s", key, key, describe(v))
	}
	return list
}

// describe words a TOML value for an error message.
func describe(v any) string {
	switch x := v.(type) {
	case string:
		return "text " + strconv.Quote(x)
	case int64, float64:
		return fmt.Sprintf("the number %v", x)
	case bool:
		return fmt.Sprintf("%v", x)
	case []any:
		return "a list"
	case []map[string]any:
		return "a list of tables"
	case map[string]any:
		return "a table"
	default:
		return "a date or time"
	}
}

// parseSpan reads "08:30-12:00" (an en dash or ~ also separates).
func parseSpan(s string) (Span, error) {
	s = strings.NewReplacer("–", "-", "~", "-", " ", "").Replace(s)
	from, to, ok := strings.Cut(s, "-")
	if !ok {
		return Span{}, errors.New("no dash")
	}
	f, err1 := parseClock(from)
	t, err2 := parseClock(to)
	if err := errors.Join(err1, err2); err != nil {
		return Span{}, err
	}
	return Span{From: f, To: t}, nil
}

// parseClock reads "8:30" or "08:30" as minutes after midnight; "24:00" is
// the end of the day.
func parseClock(s string) (int, error) {
	h, m, ok := strings.Cut(s, ":")
	if !ok || len(m) != 2 || len(h) < 1 || len(h) > 2 {
		return 0, fmt.Errorf("%q is not a clock time like 08:30", s)
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hh < 0 || mm < 0 || mm > 59 || hh > 24 || (hh == 24 && mm != 0) {
		return 0, fmt.Errorf("%q is not a clock time like 08:30", s)
	}
	return hh*60 + mm, nil
}

func formatSpan(s Span) string {
	return fmt.Sprintf("%02d:%02d-%02d:%02d", s.From/60, s.From%60, s.To/60, s.To%60)
}

// formatNumber writes a float as briefly as it reads back exactly, never in
// exponent form: 60, 7.5.
func formatNumber(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64)
}
