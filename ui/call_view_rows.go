package ui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"phoneaudit/lang"
	"phoneaudit/scoring"
)

// criteriaRows is one row per criterion of the rubric: label, hint, the
// keys that set it, value, points "20/25" and "← 未评" when unset.
func (c callScreen) criteriaRows(width int, live bool) []string {
	l, st := c.lang, c.styles
	crits := c.criteria()
	sheet := c.sess.rubric.ScoreSheet(c.answers, c.seconds)
	valueW, pointsW := 0, 0
	for i, cr := range crits {
		valueW = max(valueW, lipgloss.Width(c.valueText(cr, i)))
		pointsW = max(pointsW, lipgloss.Width(pointsText(sheet, cr)))
	}
	valueW = max(valueW, 4)
	mark := "← " + tr(l, msgUnset)
	pre := c.rowStarts(width, valueW, pointsW, lipgloss.Width(mark))
	lines := make([]string, 0, len(crits))
	for i, cr := range crits {
		start := pre.plain[i]
		if live && i == c.sel {
			start = pre.selected[i]
		}
		row := start + st.Value.Render(cellRight(c.valueText(cr, i), valueW)) + "  " +
			cellRight(pointsText(sheet, cr), pointsW)
		if !c.isSet(i) {
			row += "  " + st.Missing.Render(mark)
		}
		if pre.overflow {
			row = ansi.Truncate(row, width, "…")
		}
		lines = append(lines, row)
	}
	return lines
}

// rowStarts are the parts of the criteria rows that only the screen's width
// and the value and points columns change: marker, label, hint and keys,
// styled, plain and selected. Drawing them is most of a row's cost, and a
// keystroke changes a value, not them, so they are kept for the next frame.
type rowStarts struct {
	key             [5]int // the rubric, and the width, value, points and mark columns they were laid out for
	plain, selected []string
	overflow        bool // the columns do not fit the width: rows are cut
}

// startsCache holds the last rowStarts; the screen's copies share it.
type startsCache struct{ last *rowStarts }

func (c callScreen) rowStarts(width, valueW, pointsW, markW int) *rowStarts {
	key := [5]int{c.sess.round.RubricVersion, width, valueW, pointsW, markW}
	if sc := c.starts; sc != nil && sc.last != nil && sc.last.key == key && len(sc.last.plain) == len(c.criteria()) {
		return sc.last
	}
	l, st := c.lang, c.styles
	crits := c.criteria()
	labelW, keysW := 0, 0
	for _, cr := range crits {
		labelW = max(labelW, lipgloss.Width(cr.Label(l)))
		keysW = max(keysW, lipgloss.Width(c.keysText(cr)))
	}
	labelW = min(labelW, 18)
	fixed := 2 + labelW + 2 + keysW + 2 + valueW + 2 + pointsW + 2 + markW
	hintW := width - fixed - 2 // 2: the gap after the hint
	if hintW < 6 {
		hintW = 0 // no room for the hints: the keys stay, they are what the auditor needs
	}
	if width-fixed < 0 {
		keysW = max(keysW+width-fixed, 0)
	}
	rs := &rowStarts{key: key, overflow: fixed > width}
	for _, cr := range crits {
		rest := ""
		if hintW > 0 {
			rest = st.Hint.Render(cell(hint(cr, l), hintW)) + "  "
		}
		rest += st.Key.Render(cell(c.keysText(cr), keysW)) + "  "
		label := cell(cr.Label(l), labelW)
		rs.plain = append(rs.plain, "  "+st.Label.Render(label)+"  "+rest)
		rs.selected = append(rs.selected, st.Selected.Render("▸")+" "+st.SelectedLabel.Render(label)+"  "+rest)
	}
	if c.starts != nil {
		c.starts.last = rs
	}
	return rs
}

func hint(cr scoring.Criterion, l lang.Lang) string {
	if l == lang.EN && cr.HintEN != "" {
		return cr.HintEN
	}
	if cr.HintZH != "" {
		return cr.HintZH
	}
	return cr.HintEN
}

// pointsText is "20/25", or "–/25" while unset.
func pointsText(sheet scoring.SheetResult, cr scoring.Criterion) string {
	got := "–"
	if p, ok := sheet.Points[cr.Key]; ok {
		got = formatPoints(p)
	}
	return got + "/" + formatPoints(cr.Points)
}

// bottom is who answered, the recording and the notes, or the form or
// question that is open.
func (c callScreen) bottom(width int) []string {
	l, st := c.lang, c.styles
	switch c.form {
	case formAnsweredBy:
		return []string{c.staffIn.View() + "   " + c.nameIn.View(), c.formLine(tr(l, msgAnsweredByHint))}
	case formRecording:
		in := c.recIn
		in.SetWidth(max(width-lipgloss.Width(in.Prompt)-2, 4))
		return []string{in.View(), c.formLine(tr(l, msgRecordingHint))}
	case formSeconds:
		return []string{c.secIn.View(), c.formLine(tr(l, msgSecondsHint))}
	case formNotes:
		ta := c.notesArea
		ta.SetWidth(max(width-2, 10))
		return append([]string{st.PanelTitle.Render(tr(l, msgNotesEditing))}, strings.Split(ta.View(), "\n")...)
	case formSubmit:
		return c.submitQuestion(width)
	case formAbandon:
		return []string{st.Problem.Render(wrap(tr(l, msgAbandonQuestion), width)), st.Hint.Render(tr(l, msgAbandonKeys))}
	case formTakeOver:
		return c.takeOverQuestion(width)
	case formReview:
		title := tr(l, msgConsensusTitle)
		switch c.review {
		case reviewAccept:
			title = tr(l, msgAcceptTitle)
		case reviewDrop:
			title = tr(l, msgDropTitle, c.dropping.Rater)
		}
		in := c.reasonIn
		in.SetWidth(max(min(60, width-lipgloss.Width(in.Prompt)-2), 4))
		return []string{st.PanelTitle.Render(ansi.Truncate(title, width, "…")), in.View(), c.formLine("")}
	}
	if m := c.mode(); m != modeScoring && m != modeFinished && m != modeIdle && m != modeElsewhere {
		return nil
	}
	if c.mode() == modeIdle && c.notes == "" {
		return nil
	}
	if c.mode() == modeElsewhere && c.notes == "" && c.staffNo == "" && c.answeredBy == "" && c.recording == "" {
		return nil
	}
	who := tr(l, msgAnsweredByIs, orDash(c.staffNo), orDash(c.answeredBy))
	rec := tr(l, msgRecordingIs, orDash(c.recording))
	notes := tr(l, msgNotesIs, orDash(oneLine(c.notes)))
	return []string{
		ansi.Truncate(who+"    "+rec, width, "…"),
		ansi.Truncate(notes, width, "…"),
	}
}

// formLine is the form's error, else how to use it.
func (c callScreen) formLine(help string) string {
	if c.formErr != "" {
		return c.styles.StatusError.Render(c.formErr)
	}
	return c.styles.Hint.Render(help)
}

// submitQuestion lists what is missing: an incomplete sheet cannot be
// submitted; a complete one shows its result and asks.
func (c callScreen) submitQuestion(width int) []string {
	l, st := c.lang, c.styles
	var optional []string
	if c.staffNo == "" && c.answeredBy == "" {
		optional = append(optional, tr(l, msgWhoAnswered))
	}
	if c.recording == "" {
		optional = append(optional, tr(l, msgRecording))
	}
	var lines []string
	if missing := c.missing(); len(missing) > 0 {
		lines = append(lines,
			st.Problem.Render(wrap(tr(l, msgCannotSubmit, strings.Join(missing, tr(l, msgListSep))), width)),
			st.Hint.Render(tr(l, msgCannotSubmitKeys)))
	} else {
		res := c.result()
		total := tr(l, msgPoints, formatPoints(res.Total))
		if g, ok := c.grade(res); ok {
			total += " " + g
		}
		lines = append(lines,
			st.PanelTitle.Render(wrap(tr(l, msgSubmitQuestion, total, c.problemText(res, true)), width)),
			st.Hint.Render(tr(l, msgSubmitKeys)))
	}
	if len(optional) > 0 {
		lines = append(lines, st.Hint.Render(wrap(tr(l, msgOptionalMissing, strings.Join(optional, tr(l, msgListSep))), width)))
	}
	if c.formErr != "" { // the values changed while the question was open
		lines = append(lines, st.Problem.Render(wrap(c.formErr, width)))
	}
	return lines
}
