package ui

import (
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"

	"phoneaudit/store"
)

// View draws the count line, the list of rounds, a rule, and under it the
// selected round's detail, or the form or question that is open.
func (p roundsPage) View(width, height int) string {
	l, st := p.lang, p.styles
	switch p.state {
	case listNone:
		return st.Placeholder.Render(flowText(tr(l, msgAboutRounds), width))
	case listWaiting:
		return st.Placeholder.Render(tr(l, msgLoading))
	case listFailed:
		return st.StatusError.Render(flowText(tr(l, msgRoundsFailed, p.err), width))
	}
	lines := []string{p.topLine(width)}
	lines = append(lines, p.listLines(width)...)
	lines = append(lines, st.Rule.Render(strings.Repeat("─", width)))
	rest := max(height-len(lines), 0)
	if p.form != rfNone {
		return strings.Join(append(lines, p.formLines(width, rest)...), "\n")
	}
	if len(p.rounds) == 0 {
		return strings.Join(lines, "\n")
	}
	return strings.Join(lines, "\n") + "\n" + p.detailView.View()
}

// topLine is the note of the last operation, else "共 6 轮 · 进行中：…",
// with the filter at the right.
func (p roundsPage) topLine(width int) string {
	l, st := p.lang, p.styles
	left := st.Count.Render(trn(l, msgRoundCount, len(p.rounds), len(p.rounds)))
	if r, ok := p.openRound(); ok {
		left += "  " + tr(l, msgOpenNow, r.Name)
	}
	if len(p.shown) != len(p.rounds) {
		left += "  " + tr(l, msgShownCount, len(p.shown))
	}
	switch {
	case p.noteErr:
		left = st.StatusError.Render(p.note)
	case p.note != "":
		left = st.Note.Render(p.note)
	}
	right := ""
	switch {
	case p.filtering:
		in := p.filter
		in.SetWidth(max(min(24, width-lipgloss.Width(left)-6), 4))
		right = in.View()
	case p.filter.Value() != "":
		right = st.Placeholder.Render("/ " + p.filter.Value())
	}
	if right == "" {
		return cell(left, width)
	}
	return spread(left, right, width)
}

// listLines is the header and the rounds on screen; while the keys are in
// the detail, only the selected round.
func (p roundsPage) listLines(width int) []string {
	l, st := p.lang, p.styles
	if len(p.rounds) == 0 {
		text := tr(l, msgNoRoundsYet)
		if p.sess.lead() {
			text = tr(l, msgNoRoundsLead)
		}
		return []string{cell(text, width)}
	}
	if len(p.shown) == 0 {
		return []string{st.Placeholder.Render(cell(tr(l, msgNoRoundMatches), width))}
	}
	cols := p.columns(width)
	if p.inDetail {
		r, _ := p.selected()
		return []string{st.Selected.Render(p.row(r, cols, width))}
	}
	head := []string{tr(l, msgColNumber), tr(l, msgColRoundName), tr(l, msgColStatus), tr(l, msgColRubric),
		tr(l, msgColDates), tr(l, msgColProgress), tr(l, msgColProblems)}
	lines := []string{st.ListHeader.Render(joinCells(head, cols, width))}
	for i := p.top; i < min(p.top+p.listRows(), len(p.shown)); i++ {
		row := p.row(p.rounds[p.shown[i]], cols, width)
		if i == p.sel {
			row = st.Selected.Render(row)
		}
		lines = append(lines, row)
	}
	return lines
}

// row is one round as the list shows it.
func (p roundsPage) row(r store.Round, cols []int, width int) string {
	dates := "—"
	if r.From != "" || r.To != "" {
		dates = shortDate(r.From) + "–" + shortDate(r.To)
	}
	problems := strconv.Itoa(r.Problems)
	if !p.sess.lead() && r.Status != store.RoundPublished {
		problems = "—" // results stay secret until the round is published
	}
	return joinCells([]string{
		strconv.Itoa(r.Number), r.Name, p.roundStatus(r), p.rubricLabel(r, false),
		dates, strconv.Itoa(r.Finished) + "/" + strconv.Itoa(r.Planned), problems,
	}, cols, width)
}

// shortDate is 11-23 for 2026-11-23 (the year is in the round's name).
func shortDate(d string) string {
	if len(d) == len("2006-01-02") {
		return d[5:]
	}
	return orDash(d)
}

// columns shares width among the columns: the short ones keep what their
// words need, the name takes the rest; the dates go first on a narrow screen.
func (p roundsPage) columns(width int) []int {
	l := p.lang
	w := func(ss ...string) int {
		n := 0
		for _, s := range ss {
			n = max(n, lipgloss.Width(s))
		}
		return n
	}
	statusW := w(tr(l, msgColStatus), tr(l, msgRoundPlanning), tr(l, msgRoundOpen), tr(l, msgRoundClosedStatus), tr(l, msgRoundPublished),
		tr(l, msgRoundToCorrect))
	cols := []int{
		w(tr(l, msgColNumber), strconv.Itoa(len(p.rounds))), 0, statusW,
		w(tr(l, msgColRubric), tr(l, msgImported), tr(l, msgRubricVersion, 9)),
		w(tr(l, msgColDates), "11-23–12-04"), w(tr(l, msgColProgress), "100/100"), w(tr(l, msgColProblems), "100"),
	}
	fixed := len(cols) - 1 // the spaces between the columns
	for i, c := range cols {
		if i != 1 {
			fixed += c
		}
	}
	if width-fixed < 10 {
		fixed -= cols[4] + 1
		cols[4] = 0
	}
	cols[1] = max(width-fixed, 0)
	return cols
}

// formLines draws the open form or question in height lines.
func (p roundsPage) formLines(width, height int) []string {
	l, st := p.lang, p.styles
	r, _ := p.selected()
	label := roundLabel(l, r)
	var lines []string
	switch p.form {
	case rfNew:
		lines = append(lines, st.PanelTitle.Render(tr(l, msgNewRoundTitle)))
		for i := range p.inputs {
			in := p.inputs[i]
			in.SetWidth(max(min(40, width-lipgloss.Width(in.Prompt)-2), 4))
			lines = append(lines, in.View())
		}
		lines = append(lines, wrapStyled(st.Hint, tr(l, msgNewRoundHint), width)...)
	case rfReason:
		lines = append(lines, wrapStyled(st.PanelTitle, tr(l, msgReopenTitle, label), width)...)
		in := p.reason
		in.SetWidth(max(width-lipgloss.Width(in.Prompt)-2, 4))
		lines = append(lines, in.View())
	case rfPlan:
		lines = append(lines, wrapLines(tr(l, msgPlanQuestion, label, p.seed), width)...)
		lines = append(lines, st.Key.Render(tr(l, msgYesNoKeys)))
	case rfOpen:
		lines = append(lines, wrapLines(trn(l, msgOpenQuestion, r.Planned, label, r.Planned), width)...)
		lines = append(lines, st.Key.Render(tr(l, msgYesNoKeys)))
	case rfClose:
		return p.closeLines(label, width, height)
	case rfMove:
		lines = p.moveFormLines(width)
	}
	if p.formErr != "" {
		lines = append(lines, wrapStyled(st.StatusError, p.formErr, width)...)
	}
	return lines
}

// closeLines asks before closing, naming as many of the unfinished calls as
// fit; the keys stay on screen whatever the height.
func (p roundsPage) closeLines(label string, width, height int) []string {
	l, st := p.lang, p.styles
	if !p.closeReady {
		return []string{st.Placeholder.Render(tr(l, msgLoading))}
	}
	n := len(p.unfinished)
	if n == 0 {
		return append(wrapLines(tr(l, msgCloseAllDone, label), width), st.Key.Render(tr(l, msgYesNoKeys)))
	}
	lines := wrapLines(trn(l, msgCloseQuestion, n, label, n), width)
	room := max(height-len(lines)-1, 0)
	shown := min(n, room)
	if shown < n && shown > 0 {
		shown-- // a line for "… and N more"
	}
	for _, c := range p.unfinished[:shown] {
		who := ""
		if c.Auditor != "" {
			who = "  " + c.Auditor
		}
		lines = append(lines, cell("  "+c.Department+" · "+c.Office+who, width))
	}
	if shown < n && room > 0 {
		lines = append(lines, st.Hint.Render(cell(tr(l, msgAndMore, n-shown), width)))
	}
	return append(lines, st.Key.Render(tr(l, msgYesNoKeys)))
}
