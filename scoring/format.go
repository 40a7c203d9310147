package scoring

import (
	"fmt"
	"strings"
	"time"
)

// FormatRubric writes r as a rubric file that ParseRubric reads back to an
// equal Rubric (Version aside, which the store keeps). Fields that do not
// apply to a criterion's kind are left out when they are zero.
func FormatRubric(r Rubric) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# phoneaudit rubric (测评标准). Load it with: phoneaudit rubric load FILE.toml\n\n")
	fmt.Fprintf(&b, "name = %s\n", tomlString(r.Name))
	fmt.Fprintf(&b, "pass_mark = %s\n", formatNumber(r.PassMark))
	fmt.Fprintf(&b, "review_spread = %s  # sheets need review when max - min of their totals is greater\n", formatNumber(r.ReviewSpread))
	fmt.Fprintf(&b, "failed_dials = %d  # failed dials inside working hours that make a call unreachable\n", r.Retry.FailedDials)
	fmt.Fprintf(&b, "min_gap_minutes = %d  # the least time between two counted failed dials\n", int(r.Retry.MinGap/time.Minute))
	// Left out when the rubric leaves it out, so a rubric stored before the field was known
	// reads and writes back byte for byte.
	if r.StaleAfter != 0 {
		fmt.Fprintf(&b, "stale_minutes = %d  # a running call with no activity for longer is stale\n", int(r.StaleAfter/time.Minute))
	}
	spans := make([]string, len(r.Hours))
	for i, s := range r.Hours {
		spans[i] = tomlString(formatSpan(s))
	}
	fmt.Fprintf(&b, "hours = [%s]  # working hours on a working day\n", strings.Join(spans, ", "))
	for _, g := range r.Grades {
		b.WriteString("\n[[grades]]\n")
		writeString(&b, "key", g.Key)
		writeString(&b, "zh", g.ZH)
		writeString(&b, "en", g.EN)
		fmt.Fprintf(&b, "min = %s\n", formatNumber(g.Min))
	}
	for _, c := range r.Criteria {
		b.WriteString("\n[[criteria]]\n")
		writeCriterion(&b, c)
	}
	return []byte(b.String())
}

func writeCriterion(b *strings.Builder, c Criterion) {
	writeString(b, "key", c.Key)
	writeString(b, "label_zh", c.LabelZH)
	writeString(b, "label_en", c.LabelEN)
	writeString(b, "hint_zh", c.HintZH)
	writeString(b, "hint_en", c.HintEN)
	writeString(b, "kind", string(c.Kind))
	if c.Kind == Scale || c.Max != 0 {
		fmt.Fprintf(b, "max = %d\n", c.Max)
	}
	fmt.Fprintf(b, "points = %s\n", formatNumber(c.Points))
	if c.Kind == Seconds || c.FullWithin != 0 || c.HalfWithin != 0 {
		fmt.Fprintf(b, "full_within = %d\nhalf_within = %d\n", c.FullWithin, c.HalfWithin)
	}
	if c.Critical {
		b.WriteString("critical = true\n")
	}
	if c.Critical || c.FailAt != 0 {
		fmt.Fprintf(b, "fail_at = %d\n", c.FailAt)
	}
	writeString(b, "problem", string(c.Problem))
	writeString(b, "reason_zh", c.ReasonZH)
	writeString(b, "reason_en", c.ReasonEN)
}

// writeString writes key = "value", leaving empty values out (they read back
// as empty).
func writeString(b *strings.Builder, key, value string) {
	if value != "" {
		fmt.Fprintf(b, "%s = %s\n", key, tomlString(value))
	}
}

// tomlString quotes s as a TOML basic string. Go's strconv.Quote is not
// TOML: it writes \x and \a escapes that TOML does not read.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
