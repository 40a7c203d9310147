package ui

import (
	"fmt"
	"strconv"
	"strings"

	"phoneaudit/lang"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// historyTop is the lines above the history's viewport: the office and the
// note line.
const historyTop = 2

func (h historyView) resized(width, height int) historyView {
	h.width, h.height = width, height
	return h.laidOut()
}

// laidOut sizes the viewport and writes its text again.
func (h historyView) laidOut() historyView {
	w := max(h.width, 1)
	h.vp.SetWidth(w)
	h.vp.SetHeight(max(h.height-historyTop, 0))
	h.vp.SetContent(h.content(w))
	return h
}

// view draws the office, the note (or the open form) and the history.
func (h historyView) view(width, height int) string {
	l, st := h.lang, h.styles
	title := st.PanelTitle.Render(h.office.label())
	if h.office.kind != "" {
		title += "  " + st.Hint.Render(h.office.kind)
	}
	lines := []string{cell(title, width)}
	var note string
	switch {
	case h.isErr:
		note = st.StatusError.Render(h.note)
	case h.note != "":
		note = st.Note.Render(h.note)
	case h.loading:
		note = st.Placeholder.Render(tr(l, msgLoading))
	}
	lines = append(lines, cell(note, width))
	if h.form == hfAmend {
		lines = append(lines, h.amendLines(width)...)
		return strings.Join(lines[:min(len(lines), height)], "\n")
	}
	if h.form != hfNone {
		lines = append(lines, h.formLines(width)...)
	}
	v := h.vp
	v.SetHeight(max(height-len(lines), 0))
	if v.Height() == 0 {
		return strings.Join(lines[:min(len(lines), height)], "\n")
	}
	return strings.Join(lines, "\n") + "\n" + v.View()
}

// content is the viewport's text: notices, trend, audits.
func (h historyView) content(width int) string {
	l, st := h.lang, h.styles
	if h.err != "" {
		return st.StatusError.Render(flowText(tr(l, msgHistoryFailed, h.err), width))
	}
	if !h.loaded {
		return ""
	}
	lines := h.noticeLines(width)
	lines = append(lines, h.trendLines(width)...)
	lines = append(lines, "", st.PanelTitle.Render(cell(tr(l, msgAuditsTitle), width)))
	if len(h.entries) == 0 {
		lines = append(lines, st.Placeholder.Render(cell(tr(l, msgNoAudits), width)))
	}
	for _, e := range h.entries {
		lines = append(lines, h.entryLines(e, width)...)
	}
	if h.more {
		lines = append(lines, st.Hint.Render(cell(tr(l, msgMoreHistory), width)))
	}
	return strings.Join(lines, "\n")
}

// noticeLines: "通知 2026-05-0012 · 第5轮 · 期限 12-01 · 逾期" (overdue in red), and under
// each notice every event of its life, oldest first.
func (h historyView) noticeLines(width int) []string {
	l, st := h.lang, h.styles
	lines := []string{st.PanelTitle.Render(cell(tr(l, msgNoticesTitle, len(h.notices)), width))}
	if len(h.notices) == 0 {
		return append(lines, st.Placeholder.Render(cell(tr(l, msgNoNotices), width)))
	}
	for _, n := range h.notices {
		row := tr(l, msgNoticeRow, n.Number, n.RoundNumber, n.Deadline, noticeLabel(l, n.Status, n.Overdue))
		if n.Overdue {
			lines = append(lines, wrapStyled(st.Problem, row, width)...)
		} else {
			lines = append(lines, wrapLines(row, width)...)
		}
		for _, e := range h.events[n.ID] {
			lines = append(lines, wrapIndented(NoticeEventLine(l, e, h.sess.loc), "    ", "      ", width)...)
		}
	}
	return lines
}

// sparkBlocks are the eight heights of the sparkline, 0 to 100 points.
var sparkBlocks = []rune("▁▂▃▄▅▆▇█")

// trendLines is the sparkline of the totals, oldest first, two cells a
// round; under it ✗ marks a problem round, i an imported round and | a
// round on another rubric than the one before.
func (h historyView) trendLines(width int) []string {
	l, st := h.lang, h.styles
	pts := h.trend
	if n := max((width-2)/2, 1); len(pts) > n {
		pts = pts[len(pts)-n:]
	}
	lines := []string{"", st.PanelTitle.Render(cell(trn(l, msgTrendTitle, len(pts), len(pts)), width))}
	if len(pts) == 0 {
		return lines
	}
	var bars, marks strings.Builder
	bars.WriteString("  ")
	marks.WriteString("  ")
	for i, p := range pts {
		bar := "·"
		if p.HasTotal {
			bar = string(sparkBlocks[min(max(int(p.Total/100*8), 0), 7)])
		}
		if p.Problem {
			bar = st.Problem.Render(bar)
		}
		bars.WriteString(bar + " ")
		mark := " "
		switch {
		case p.Problem:
			mark = "✗"
		case p.Imported:
			mark = "i"
		case i > 0 && p.RubricVersion != pts[i-1].RubricVersion:
			mark = "|"
		}
		marks.WriteString(mark + " ")
	}
	first, last := pts[0], pts[len(pts)-1]
	legend := tr(l, msgTrendLegend, first.Round, last.Round)
	return append(lines, cell(bars.String(), width), cell(marks.String(), width), st.Hint.Render(cell(legend, width)))
}

// entryLines is one audit as the history shows it.
func (h historyView) entryLines(e store.HistoryEntry, width int) []string {
	l, st := h.lang, h.styles
	head := []string{roundLabel(l, store.Round{Number: e.RoundNumber, Name: e.RoundName})}
	if when := h.entryTime(e); when != "" {
		head = append(head, when)
	}
	if e.Auditor != "" {
		head = append(head, e.Auditor)
	}
	lines := []string{"", st.PanelTitle.Render(cell(strings.Join(head, " · "), width))}
	add := func(s string) { lines = append(lines, wrapLines(s, width)...) }
	if e.RoundImported {
		add("  " + tr(l, msgImportedResult))
	} else {
		add("  " + tr(l, msgPersonaScenario, e.Persona.Label(l), orDash(e.Question)))
		add("  " + h.attemptsText(e))
		for _, c := range e.Criteria {
			if c.Set {
				label := c.LabelZH
				if l == lang.EN {
					label = c.LabelEN
				}
				add(fmt.Sprintf("    %s %d → %s/%s", label, c.Value, formatPoints(c.Points), formatPoints(c.Max)))
			}
		}
	}
	add("  " + h.resultText(e.Result, e.Status))
	if e.AnsweredStaffNo != "" || e.AnsweredName != "" {
		add("  " + tr(l, msgAnsweredByIs, orDash(e.AnsweredStaffNo), orDash(e.AnsweredName)))
	}
	if e.Notes != "" {
		add("  " + tr(l, msgNotesAre, oneLine(e.Notes)))
	}
	if e.RecordingFile != "" {
		add("  " + tr(l, msgRecordingIs, e.RecordingFile))
	}
	for _, a := range e.Amendments {
		lines = append(lines, wrapStyled(st.Note, "  "+tr(l, msgAmendedMark)+" "+h.amendmentLine(a), width)...)
	}
	return lines
}

// attemptsText: "拨打：09:40 无人接听(21)，09:52 接通(11) · 接听用时 12 秒".
func (h historyView) attemptsText(e store.HistoryEntry) string {
	l := h.lang
	parts := make([]string, 0, len(e.Attempts))
	for _, a := range e.Attempts {
		parts = append(parts, formatClock(a.At, h.sess.loc)+" "+a.Outcome.Label(l)+"("+strconv.Itoa(int(a.Outcome))+")")
	}
	text := tr(l, msgDials, orDash(strings.Join(parts, tr(l, msgListSep))))
	if e.AnswerSeconds != nil {
		text += " · " + tr(l, msgSecondsWere, *e.AnswerSeconds)
	}
	return text
}

// resultText: "总分 85 · 良好 · 有问题：推诿扯皮".
func (h historyView) resultText(res scoring.Result, status scoring.CallStatus) string {
	l := h.lang
	var parts []string
	if res.Scored || res.Total > 0 {
		parts = append(parts, tr(l, msgTotalIs, formatPoints(res.Total)))
	}
	if g := gradeWords(res.Grade, l); g != "" {
		parts = append(parts, g)
	}
	if status == scoring.Unreachable {
		parts = append(parts, status.Label(l))
	}
	if res.Problem {
		parts = append(parts, tr(l, msgProblemReasons, scoring.JoinReasons(res.Reasons, l)))
	} else {
		parts = append(parts, tr(l, msgNoProblem))
	}
	return strings.Join(parts, " · ")
}

// gradeWords names a grade key with the default rubric's labels.
func gradeWords(key string, l lang.Lang) string {
	for _, g := range scoring.DefaultRubric().Grades {
		if key != "" && g.Key == key {
			return scoring.GradeLabel(g, l)
		}
	}
	return ""
}
