package bulletin

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"text/template"
	"time"
	"unicode"
	"unicode/utf8"

	"phoneaudit/lang"
	"phoneaudit/scoring"
)

// funcs are the helpers every template may call, writing in language l. They return errors rather than printing a wrong thing: a zero date
// would print as year 1, so date refuses it and the template must ask
// `known` first.
func funcs(l lang.Lang) template.FuncMap {
	return template.FuncMap{
		"date":     func(t time.Time) (string, error) { return formatDate(t, l) },
		"day":      func(t time.Time) (string, error) { return formatDay(t, l) },
		"period":   func(from, to time.Time) (string, error) { return formatPeriod(from, to, l) },
		"time":     formatClock,
		"known":    func(t time.Time) bool { return !t.IsZero() },
		"pct":      formatPercent,
		"pp":       func(points float64) string { return formatPoints(points, l) },
		"num":      formatNum,
		"join":     func(items []string, sep string) string { return strings.Join(items, sep) },
		"reasons":  func(rs []scoring.Reason) string { return scoring.JoinReasons(rs, l) },
		"types":    func(ts []scoring.ProblemType) string { return problemTypes(ts, l) },
		"personas": func(ps []scoring.Persona) string { return personas(ps, l) },
		"offset":   func(d *time.Duration) (string, error) { return formatOffset(d, l) },
		"answerer": func(c scoring.ProblemCall) string { return answerer(c, l) },
		"clean":    clean,
		"capital":  capital,
		"count":    count,
		"md":       escapeMarkdown,
		"inc":      func(i int) int { return i + 1 },
		"cn":       chineseNumeral,
	}
}

var errZeroTime = errors.New("the date is not known: ask {{if known .X}} before printing it")

func formatDate(t time.Time, l lang.Lang) (string, error) {
	if t.IsZero() {
		return "", errZeroTime
	}
	return l.Pick(fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day()), t.Format("2 January 2006")), nil
}

// formatDay is a date without its year, for calls inside a round's dates.
func formatDay(t time.Time, l lang.Lang) (string, error) {
	if t.IsZero() {
		return "", errZeroTime
	}
	return l.Pick(fmt.Sprintf("%d月%d日", t.Month(), t.Day()), t.Format("2 January")), nil
}

// formatPeriod writes a span of dates: 2026年11月23日至11月27日, or in
// English "from 23 to 27 November 2026"; one day reads as that day ("on …").
func formatPeriod(from, to time.Time, l lang.Lang) (string, error) {
	if from.IsZero() || to.IsZero() {
		return "", errZeroTime
	}
	en := l == lang.EN
	sameDay := from.Year() == to.Year() && from.YearDay() == to.YearDay()
	switch {
	case en && sameDay:
		return "on " + from.Format("2 January 2006"), nil
	case en && from.Year() == to.Year() && from.Month() == to.Month():
		return fmt.Sprintf("from %d to %s", from.Day(), to.Format("2 January 2006")), nil
	case en && from.Year() == to.Year():
		return fmt.Sprintf("from %s to %s", from.Format("2 January"), to.Format("2 January 2006")), nil
	case en:
		return fmt.Sprintf("from %s to %s", from.Format("2 January 2006"), to.Format("2 January 2006")), nil
	case sameDay:
		return formatDate(from, lang.ZH)
	case from.Year() == to.Year():
		return fmt.Sprintf("%d年%d月%d日至%d月%d日", from.Year(), from.Month(), from.Day(), to.Month(), to.Day()), nil
	default:
		a, _ := formatDate(from, lang.ZH)
		b, _ := formatDate(to, lang.ZH)
		return a + "至" + b, nil
	}
}

func formatClock(t time.Time) (string, error) {
	if t.IsZero() {
		return "", errZeroTime
	}
	return t.Format("15:04"), nil
}

// formatPercent writes a fraction as a percentage with one decimal, rounded
// as scoring.RoundPercent rounds it, so printed changes add up: 86.0%.
func formatPercent(f float64) string {
	return strconv.FormatFloat(scoring.RoundPercent(f), 'f', 1, 64) + "%"
}

// formatPoints writes a change in percentage points: 上升3.2个百分点,
// 下降1.0个百分点, 持平 / up 3.2 percentage points.
func formatPoints(p float64, l lang.Lang) string {
	n := strconv.FormatFloat(math.Abs(p), 'f', 1, 64)
	switch {
	case n == "0.0":
		return l.Pick("持平", "unchanged")
	case p > 0:
		return l.Pick("上升"+n+"个百分点", "up "+n+" percentage points")
	default:
		return l.Pick("下降"+n+"个百分点", "down "+n+" percentage points")
	}
}

// formatNum writes a score with at most one decimal: 90, 85.5.
func formatNum(f float64) string {
	return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64)
}

func problemTypes(ts []scoring.ProblemType, l lang.Lang) string {
	words := make([]string, len(ts))
	for i, t := range ts {
		words[i] = t.Label(l)
	}
	return joinWords(words, l)
}

// personaPlurals name the personas as the English opening needs them.
var personaPlurals = map[scoring.Persona]string{
	scoring.Farmer: "farmers", scoring.Resident: "residents",
	scoring.Business: "businesses", scoring.Grassroots: "grassroots staff",
}

func personas(ps []scoring.Persona, l lang.Lang) string {
	words := make([]string, len(ps))
	for i, p := range ps {
		words[i] = l.Pick(p.Label(lang.ZH), personaPlurals[p])
	}
	return joinWords(words, l)
}

// joinWords lists words as a sentence does: 农民、市民、企业 / farmers,
// residents and businesses.
func joinWords(words []string, l lang.Lang) string {
	if l != lang.EN {
		return strings.Join(words, "、")
	}
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// formatOffset writes where a call starts in its recording: 12分34秒 / 12:34
// (hours when it runs past one).
func formatOffset(d *time.Duration, l lang.Lang) (string, error) {
	if d == nil {
		return "", errors.New("the recording offset is not known: ask {{with .RecordingOffset}} first")
	}
	s := int(d.Round(time.Second) / time.Second)
	h, m, sec := s/3600, s/60%60, s%60
	en := l == lang.EN
	switch {
	case en && h > 0:
		return fmt.Sprintf("%d:%02d:%02d", h, m, sec), nil
	case en:
		return fmt.Sprintf("%d:%02d", m, sec), nil
	case h > 0:
		return fmt.Sprintf("%d时%02d分%02d秒", h, m, sec), nil
	default:
		return fmt.Sprintf("%d分%02d秒", m, sec), nil
	}
}

// answerer names who answered a call: 工号0231、张三 / staff no. 0231, 张三;
// "" when nobody was noted.
func answerer(c scoring.ProblemCall, l lang.Lang) string {
	var parts []string
	if no := clean(c.StaffNo); no != "" {
		parts = append(parts, l.Pick("工号"+no, "staff no. "+no))
	}
	if name := clean(c.StaffName); name != "" {
		parts = append(parts, name)
	}
	return strings.Join(parts, l.Pick("、", ", "))
}

// clean makes free text fit inside a sentence: one line, no closing full
// stop (the template writes its own). Line breaks and runs of spaces become
// one space between Latin words and nothing next to Chinese, which takes no
// spaces.
func clean(s string) string {
	var b strings.Builder
	for i, f := range strings.Fields(s) {
		if i > 0 && !wideEdge(b.String(), f) {
			b.WriteByte(' ')
		}
		b.WriteString(f)
	}
	return strings.TrimRight(b.String(), "。．.；;，, ")
}

// wideEdge says whether the text before or after a gap ends or starts with a
// character beyond ASCII (Chinese and its punctuation).
func wideEdge(before, after string) bool {
	last, _ := utf8.DecodeLastRuneInString(before)
	first, _ := utf8.DecodeRuneInString(after)
	return last >= utf8.RuneSelf || first >= utf8.RuneSelf
}

// count writes an English count with its noun: 1 call, 2 calls.
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// capital starts an English sentence with a capital letter.
func capital(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// markdownSpecial are the characters that could turn a name or a note into
// Markdown syntax.
var markdownSpecial = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "#", `\#`, "|", `\|`,
)

// escapeMarkdown keeps a name or note literal in Markdown, tables included.
func escapeMarkdown(s string) string { return markdownSpecial.Replace(s) }

var numerals = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}

// chineseNumeral writes 1–99 as Chinese numerals for headings: 一, 十二.
func chineseNumeral(n int) (string, error) {
	switch {
	case n < 1 || n > 99:
		return "", fmt.Errorf("%d has no heading numeral (1–99)", n)
	case n <= 10:
		return numerals[n], nil
	case n < 20:
		return "十" + numerals[n%10], nil
	default:
		tail := ""
		if n%10 != 0 {
			tail = numerals[n%10]
		}
		return numerals[n/10] + "十" + tail, nil
	}
}
