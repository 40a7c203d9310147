package ui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"phoneaudit/bulletin"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// amendLines draws the amendment form in place of the history: which audit,
// its values as they stand and as amended, the result the new values give,
// and the reason.
func (h historyView) amendLines(width int) []string {
	l, st, a := h.lang, h.styles, h.amend
	e := h.entries[a.idx]
	head := []string{roundLabel(l, store.Round{Number: e.RoundNumber, Name: e.RoundName})}
	if when := h.entryTime(e); when != "" {
		head = append(head, when)
	}
	if e.Rater != "" {
		head = append(head, tr(l, msgSheetOf, e.Rater))
	}
	lines := wrapStyled(st.PanelTitle, tr(l, msgAmendTitle, strings.Join(head, " · ")), width)
	if a.effects != nil {
		return append(lines, h.effectLines(*a.effects, width)...)
	}
	if a.published[e.RoundNumber] {
		lines = append(lines, wrapStyled(st.StatusError, tr(l, msgAmendPublishedRound), width)...)
	}
	lines = append(lines, wrapStyled(st.Hint, tr(l, msgAmendHelp), width)...)
	if a.waiting {
		return append(lines, st.Placeholder.Render(cell(tr(l, msgLoading), width)))
	}
	if e.Imported {
		lines = append(lines, h.amendImportedRows(width)...)
	} else {
		lines = append(lines, h.amendSheetRows(e, width)...)
	}
	lines = append(lines, h.amendField(amendWhy, a.row == h.amendRows()-1, width))
	lines = append(lines, wrapLines(tr(l, msgAmendNow, h.resultText(e.Result, e.Status)), width)...)
	if preview, ok := h.amendPreview(e); ok {
		lines = append(lines, wrapStyled(st.Value, tr(l, msgAmendAfter, preview), width)...)
	}
	return lines
}

// amendSheetRows is one row per criterion: label, keys, the value as it
// stands → the new one (marked when it differs), points.
func (h historyView) amendSheetRows(e store.HistoryEntry, width int) []string {
	l, st, a := h.lang, h.styles, h.amend
	before := standing(e)
	crits := a.amendCriteria()
	sheet := a.rub.ScoreSheet(a.answers, e.AnswerSeconds)
	labelW, keysW, pointsW := 0, 0, 0
	for _, cr := range crits {
		labelW = max(labelW, lipgloss.Width(cr.Label(l)))
		keysW = max(keysW, lipgloss.Width(answerKeys(l, cr)))
		pointsW = max(pointsW, lipgloss.Width(formatPoints(cr.Points)+"/"+formatPoints(cr.Points)))
	}
	labelW = min(labelW, 18)
	lines := make([]string, 0, len(crits)+1)
	for i, cr := range crits {
		marker, labelStyle := "  ", st.Label
		if i == a.row {
			marker, labelStyle = st.Selected.Render("▸")+" ", st.SelectedLabel
		}
		was, now := "_", "_"
		if v, ok := before[cr.Key]; ok {
			was = answerText(l, cr, v)
		}
		if v, ok := a.answers[cr.Key]; ok {
			now = answerText(l, cr, v)
		}
		value := st.Value.Render(now)
		if now != was {
			value = st.Note.Render(was + " → " + now)
		}
		row := marker + labelStyle.Render(cell(cr.Label(l), labelW)) + "  " +
			st.Key.Render(cell(answerKeys(l, cr), keysW)) + "  " + cellRight(pointsText(sheet, cr), pointsW) + "  " + value
		lines = append(lines, ansi.Truncate(row, width, "…"))
	}
	for _, cr := range a.rub.Criteria {
		if cr.Kind == scoring.Seconds && e.AnswerSeconds != nil {
			row := "  " + st.Hint.Render(cell(cr.Label(l), labelW)) + "  " + tr(l, msgAmendSecondsStay, *e.AnswerSeconds)
			lines = append(lines, ansi.Truncate(row, width, "…"))
		}
	}
	return lines
}

// amendImportedRows is an imported result's three values.
func (h historyView) amendImportedRows(width int) []string {
	l, st, a := h.lang, h.styles, h.amend
	marker, labelStyle := "  ", st.Label
	if a.row == 0 {
		marker, labelStyle = st.Selected.Render("▸")+" ", st.SelectedLabel
	}
	problem := tr(l, msgNoProblem)
	if a.problem {
		problem = tr(l, msgHasProblem)
	}
	first := marker + labelStyle.Render(tr(l, msgAmendProblemIs)) + st.Value.Render(problem) + "  " + st.Key.Render("y/n")
	return []string{
		ansi.Truncate(first, width, "…"),
		h.amendField(amendTotal, a.row == 1, width),
		h.amendField(amendReasons, a.row == 2, width),
	}
}

// amendField is a text field of the form, marked when selected.
func (h historyView) amendField(i int, selected bool, width int) string {
	in := h.amend.inputs[i]
	marker := "  "
	if selected {
		marker = h.styles.Selected.Render("▸") + " "
	}
	in.SetWidth(max(min(60, width-lipgloss.Width(in.Prompt)-4), 4))
	return ansi.Truncate(marker+in.View(), width, "…")
}

// amendPreview is the result the new values give: a sheet's total, grade and
// critical failures (the call's result is worked out again with its other
// sheets when it is saved), or an imported result's values.
func (h historyView) amendPreview(e store.HistoryEntry) (string, bool) {
	l, a := h.lang, h.amend
	if e.Imported {
		return "", false
	}
	in := scoring.CallInput{Attempts: e.Attempts, AnswerSeconds: e.AnswerSeconds, AcceptedAggregate: true,
		Sheets: []scoring.Sheet{{Answers: a.answers, Submitted: true}}}
	res := a.rub.Result(in, h.sess.cal, orUTC(h.sess.loc))
	if !res.Scored {
		return tr(l, msgAmendIncomplete), true
	}
	return h.resultText(res, res.Status), true
}

// entryTime is when an audit was dialled (or planned), in city time.
func (h historyView) entryTime(e store.HistoryEntry) string {
	when := e.FirstDial
	if when.IsZero() {
		when = e.Planned
	}
	if when.IsZero() {
		return ""
	}
	return when.In(orUTC(h.sess.loc)).Format("2006-01-02 15:04")
}

// effectLines say what an amendment of a published round would do, before it is saved: the
// call's result and the office's streak, then for each published round that would differ from
// what was published its offices, counts and notices, and the keys.
func (h historyView) effectLines(p store.AmendPreview, width int) []string {
	l, st := h.lang, h.styles
	var lines []string
	add := func(style lipgloss.Style, text string) { lines = append(lines, wrapStyled(style, text, width)...) }
	item := func(text string) { // under its round, continued lines indented further
		for _, s := range wrapIndented(text, "  ", "    ", width) {
			lines = append(lines, st.Value.Render(s))
		}
	}
	add(st.StatusError, tr(l, msgAmendPublishedAt, p.PublishedAt.In(orUTC(h.sess.loc)).Format("2006-01-02")))
	add(st.Value, tr(l, msgAmendResultChange, h.resultText(p.Before, scoring.Done), h.resultText(p.After, scoring.Done)))
	add(st.Value, tr(l, msgAmendStreakChange, p.StreakBefore, p.StreakAfter))
	if len(p.Corrections) == 0 {
		add(st.Hint, tr(l, msgAmendNoCorrection))
	}
	for _, c := range p.Corrections {
		add(st.PanelTitle, tr(l, msgAmendCorrects, roundLabel(l, c.Round)))
		for _, d := range c.Diff.Offices {
			item(tr(l, msgAmendOfficeDiff, d.Department, d.Office, bulletin.OfficeState(d.Was, l), bulletin.OfficeState(d.Now, l)))
		}
		if len(c.Diff.Counts) > 0 {
			var parts []string
			for _, d := range c.Diff.Counts {
				parts = append(parts, bulletin.CountChange(d, l))
			}
			item(strings.Join(parts, l.Pick("；", "; ")))
		}
		for _, n := range c.Withdraw {
			item(tr(l, msgAmendWithdraws, n.Number, n.Department, n.Office))
		}
		for _, n := range c.Issue {
			item(tr(l, msgAmendIssues, n.Number, n.Department, n.Office))
		}
	}
	add(st.Key, tr(l, msgAmendConfirmKeys))
	return lines
}
