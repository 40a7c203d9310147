package ui

import (
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"

	"phoneaudit/lang"
	"phoneaudit/scoring"
)

// The round's rubric as a table in the detail of tab 3, in the words of
// `phoneaudit rubric show`: criterion, how it is scored, points, and when it
// makes a call a problem whatever its total; then the pass mark and grades.

// rubricLines is the rubric's table at width, then the pass mark and grades.
func (p roundsPage) rubricLines(r scoring.Rubric, width int) []string {
	l, st := p.lang, p.styles
	rows := make([][4]string, 0, len(r.Criteria))
	for _, c := range r.Criteria {
		rows = append(rows, [4]string{c.Label(l), kindText(l, c), formatPoints(c.Points), criticalText(l, c)})
	}
	head := [4]string{tr(l, msgColCriterion), tr(l, msgColKind), tr(l, msgColPoints), tr(l, msgColCritical)}
	widths := rubricWidths(head, rows, width)
	out := []string{st.ListHeader.Render(rubricRow(head, widths, width))}
	for _, row := range rows {
		out = append(out, rubricRow(row, widths, width))
	}
	out = append(out, "")
	out = append(out, wrapLines(tr(l, msgPassMark, formatPoints(r.PassMark)), width)...)
	return append(out, wrapLines(tr(l, msgGrades, gradesText(l, r.Grades)), width)...)
}

// rubricWidths fits the columns to width. When they do not all fit, the
// kind gives way first (the least needed at a glance), then the critical
// column; the criterion and its points stay readable.
func rubricWidths(head [4]string, rows [][4]string, width int) [4]int {
	var w [4]int
	for _, row := range append([][4]string{head}, rows...) {
		for i, s := range row {
			w[i] = max(w[i], lipgloss.Width(s))
		}
	}
	w[0] = min(w[0], max(width/4, 4))
	over := w[0] + w[1] + w[2] + w[3] + 3 - width // one space between columns
	for _, i := range []int{1, 3} {
		cut := min(max(over, 0), max(w[i]-12, 0))
		w[i] -= cut
		over -= cut
	}
	return w
}

func rubricRow(row [4]string, w [4]int, width int) string {
	s := cell(row[0], w[0]) + " " + cell(row[1], w[1]) + " " + cellRight(row[2], w[2]) + " " + cell(row[3], w[3])
	return cell(s, width)
}

// kindText says how a criterion is scored.
func kindText(l lang.Lang, c scoring.Criterion) string {
	switch c.Kind {
	case scoring.Seconds:
		return tr(l, msgKindSeconds, c.FullWithin, c.HalfWithin)
	case scoring.YesPartlyNo:
		return tr(l, msgKindYPN)
	case scoring.YesNo:
		return tr(l, msgKindYesNo)
	case scoring.Scale:
		return tr(l, msgKindScale, c.Max)
	}
	return string(c.Kind)
}

// criticalText says which answers of a critical criterion make the call a
// problem, and of which type: "0–1：话难听（态度生硬）".
func criticalText(l lang.Lang, c scoring.Criterion) string {
	if !c.Critical {
		return "–"
	}
	var when string
	switch {
	case c.Kind == scoring.YesNo || (c.Kind == scoring.YesPartlyNo && c.FailAt == scoring.No):
		when = tr(l, msgNo)
	case c.Kind == scoring.YesPartlyNo:
		when = tr(l, msgPartlyOrNo)
	case c.FailAt == 0:
		when = "0"
	default:
		when = "0–" + strconv.Itoa(c.FailAt)
	}
	text := tr(l, msgCriticalWhen, when, c.Problem.Label(l))
	if reason := l.Pick(c.ReasonZH, c.ReasonEN); reason != "" {
		text += tr(l, msgInBrackets, reason)
	}
	return text
}

// gradesText is "优秀 ≥ 90、良好 ≥ 75、合格 ≥ 60、不合格 < 60".
func gradesText(l lang.Lang, grades []scoring.Grade) string {
	parts := make([]string, len(grades))
	for i, g := range grades {
		bound := "≥ " + formatPoints(g.Min)
		if i > 0 && i == len(grades)-1 && g.Min == 0 {
			bound = "< " + formatPoints(grades[i-1].Min)
		}
		parts[i] = scoring.GradeLabel(g, l) + " " + bound
	}
	return strings.Join(parts, tr(l, msgListSep))
}
