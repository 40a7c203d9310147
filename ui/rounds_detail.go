package ui

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"

	"phoneaudit/plan"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// roundDetail is what the detail pane shows of one round, read in a command.
type roundDetail struct {
	round     store.Round
	err       string // the read failed: this says why
	mine      bool   // only my calls were read (an auditor's view)
	byAuditor []auditorProgress
	notMade   []store.Call  // neither finished nor waiting for a retry, by planned slot
	waiting   []waitingCall // a failed dial counted: the next may count from NextDial
	planned   int           // the calls read
	finished  int           // … done or unreachable
	rubric    scoring.Rubric
	hasRubric bool
	checked   bool // the plan was checked again (a round in planning)
	problems  []plan.Problem
	auditors  []string // the active auditors a lead may move a call to
}

// auditorProgress is one auditor's calls in the round.
type auditorProgress struct {
	name                   string
	planned, finished, due int // due: neither finished nor not audited
}

// waitingCall is a call whose failed dial counted: the next dial counts
// for the retry rule from reach.NextDial.
type waitingCall struct {
	call  store.Call
	reach scoring.Reach
}

// withCalls sorts the round's calls into the detail's lists. reach holds
// the retry rule's reading of the calls under way.
func (d roundDetail) withCalls(calls []store.Call, reach map[int64]scoring.Reach) roundDetail {
	by := map[string]*auditorProgress{}
	for _, c := range calls {
		a := by[c.Auditor]
		if a == nil {
			a = &auditorProgress{name: c.Auditor}
			by[c.Auditor] = a
		}
		a.planned++
		d.planned++
		switch c.Status {
		case scoring.Done, scoring.Unreachable:
			a.finished++
			d.finished++
			continue
		case scoring.NotAudited:
			continue
		}
		a.due++
		if rc, ok := reach[c.ID]; ok && !rc.NextDial.IsZero() && !rc.Unreachable && !rc.Reached && !rc.Immediate {
			d.waiting = append(d.waiting, waitingCall{call: c, reach: rc})
			continue
		}
		d.notMade = append(d.notMade, c)
	}
	for _, a := range by {
		d.byAuditor = append(d.byAuditor, *a)
	}
	slices.SortFunc(d.byAuditor, func(a, b auditorProgress) int { return cmp.Compare(a.name, b.name) })
	slices.SortStableFunc(d.waiting, func(a, b waitingCall) int { return a.reach.NextDial.Compare(b.reach.NextDial) })
	return d
}

// detailContent is the detail pane's text at width: the selected round's
// heading and progress, then the sections that apply to it.
func (p roundsPage) detailContent(width int) string {
	lines, _ := p.detailLines(width)
	return strings.Join(lines, "\n")
}

// detailLines is the detail's lines, and the line of the call picked to
// move (-1 when none is), so the pane can scroll to it.
func (p roundsPage) detailLines(width int) ([]string, int) {
	l, st := p.lang, p.styles
	r, ok := p.selected()
	switch {
	case !ok:
		return nil, -1
	case !p.hasDetail || p.detail.round.ID != r.ID:
		return []string{st.Placeholder.Render(tr(l, msgLoading))}, -1
	case p.detail.err != "":
		return wrapStyled(st.StatusError, tr(l, msgRoundDetailFailed, p.detail.err), width), -1
	}
	d := p.detail
	cursor := -1
	lines := []string{st.PanelTitle.Render(cell(p.roundHeading(r), width))}
	lines = append(lines, wrapLines(p.progressText(r, d), width)...)
	if p.pending[r.ID] {
		lines = append(lines, wrapStyled(st.StatusError, tr(l, msgRoundCorrectionPending), width)...)
	}
	lines = append(lines, p.hintLines(r, d, width)...)
	if p.reportFor == r.ID && len(p.report) > 0 {
		lines = append(lines, p.section(tr(l, msgPlanChecks), width))
		lines = append(lines, fitLines(p.report, width)...)
	} else if d.checked {
		lines = append(lines, p.section(tr(l, msgPlanChecks), width))
		lines = append(lines, fitLines(p.checkLines(d.problems), width)...)
	}
	if !d.mine && len(d.byAuditor) > 0 {
		lines = append(lines, p.section(tr(l, msgByAuditor), width))
		lines = append(lines, p.auditorLines(d, width)...)
	}
	if len(d.notMade) > 0 {
		lines = append(lines, p.section(tr(l, msgNotMade, len(d.notMade)), width))
		if i := p.cursorIndex(); i >= 0 {
			cursor = len(lines) + i
		}
		lines = append(lines, p.notMadeLines(d, width)...)
	}
	if len(d.waiting) > 0 {
		lines = append(lines, p.section(tr(l, msgWaitingRetry, len(d.waiting)), width))
		lines = append(lines, p.waitingLines(d, width)...)
	}
	if d.hasRubric {
		lines = append(lines, p.section(tr(l, msgRubricTitle, d.rubric.Version), width))
		lines = append(lines, p.rubricLines(d.rubric, width)...)
	}
	return lines, cursor
}

// roundHeading is "2026年第6轮 · 进行中 · 测评标准第1版 · 2026-11-23 至 2026-12-04".
func (p roundsPage) roundHeading(r store.Round) string {
	l := p.lang
	parts := []string{r.Name, p.statusLabel(r.Status), p.rubricLabel(r, true)}
	if r.From != "" || r.To != "" {
		parts = append(parts, tr(l, msgDateRange, orDash(r.From), orDash(r.To)))
	}
	return strings.Join(parts, " · ")
}

// progressText is the round's counts; an auditor's view counts their own calls.
func (p roundsPage) progressText(r store.Round, d roundDetail) string {
	l := p.lang
	if d.mine {
		return tr(l, msgMyProgress, d.finished, d.planned) + tr(l, msgPlanSecret)
	}
	return trn(l, msgRoundProgress, r.Planned, r.Finished, r.Planned) + " · " + trn(l, msgRoundProblems, r.Problems, r.Problems)
}

// hintLines say what a lead can do next with a round that has no calls.
func (p roundsPage) hintLines(r store.Round, d roundDetail, width int) []string {
	l := p.lang
	switch {
	case r.Imported:
		return wrapStyled(p.styles.Hint, tr(l, msgImportedRound), width)
	case r.Status == store.RoundPlanning && r.Planned == 0 && p.sess.lead():
		return wrapStyled(p.styles.Hint, tr(l, msgNotPlanned), width)
	case r.Status == store.RoundPlanning && p.sess.lead():
		return wrapStyled(p.styles.Hint, tr(l, msgPlannedHint), width)
	}
	return nil
}

func (p roundsPage) section(title string, width int) string {
	return "\n" + p.styles.PanelTitle.Render(cell(title, width))
}

// checkLines words the plan's checks: all hold, or each problem.
func (p roundsPage) checkLines(problems []plan.Problem) []string {
	l := p.lang
	if len(problems) == 0 {
		return []string{tr(l, msgChecksHold)}
	}
	out := []string{trn(l, msgChecksFound, len(problems), len(problems))}
	for _, pr := range problems {
		out = append(out, "  · "+pr.In(l))
	}
	return out
}

// auditorLines: "  杜瑞        4/10   未完成 6".
func (p roundsPage) auditorLines(d roundDetail, width int) []string {
	nameW := 0
	for _, a := range d.byAuditor {
		nameW = max(nameW, lipgloss.Width(a.name))
	}
	nameW = min(nameW, max(width/3, 4))
	out := make([]string, 0, len(d.byAuditor))
	for _, a := range d.byAuditor {
		row := "  " + cell(a.name, nameW) + "  " + cellRight(strconv.Itoa(a.finished)+"/"+strconv.Itoa(a.planned), 7)
		if a.due > 0 {
			row += "  " + tr(p.lang, msgDueCount, a.due)
		}
		out = append(out, cell(row, width))
	}
	return out
}

// notMadeLines: "  11-27 10:32  市公安局 · 户政管理科   杜瑞   待拨".
func (p roundsPage) notMadeLines(d roundDetail, width int) []string {
	l := p.lang
	statusW := max(lipgloss.Width(scoring.ToCall.Label(l)), lipgloss.Width(scoring.InProgress.Label(l)))
	out := make([]string, 0, len(d.notMade))
	picked := p.cursorIndex()
	for i, c := range d.notMade {
		right := c.Status.Label(l)
		if !d.mine {
			right = cell(c.Auditor, 10) + " " + cell(right, statusW)
		}
		mark := "  "
		if i == picked {
			mark = "▶ "
		}
		left := mark + cell(formatSlot(c.Planned, p.sess.loc), 11) + "  " + c.Department + " · " + c.Office
		row := spread(left, right, width)
		if i == picked {
			row = p.styles.Selected.Render(row)
		}
		out = append(out, row)
	}
	return out
}

// waitingLines: "  市商务局 · 市场运行科   杜瑞   未接通 1 次，11-27 10:42 起可再拨".
func (p roundsPage) waitingLines(d roundDetail, width int) []string {
	out := make([]string, 0, len(d.waiting))
	for _, w := range d.waiting {
		c := w.call
		right := tr(p.lang, msgRetryFrom, w.reach.Counted, formatWhen(w.reach.NextDial, p.now(), p.sess.loc))
		if !d.mine {
			right = cell(c.Auditor, 10) + " " + right
		}
		out = append(out, spread("  "+c.Department+" · "+c.Office, right, width))
	}
	return out
}

// roundStatus is the status the list shows: 待更正 for a published round whose data no longer
// agrees with what was published.
func (p roundsPage) roundStatus(r store.Round) string {
	if p.pending[r.ID] {
		return tr(p.lang, msgRoundToCorrect)
	}
	return p.statusLabel(r.Status)
}

// statusLabel names a round's status in the glossary's words.
func (p roundsPage) statusLabel(status string) string {
	return roundStatusLabel(p.lang, status)
}

// rubricLabel is the round's rubric version ("第1版", long: "测评标准第1版"),
// or 导入 for a round of imported results, which has none.
func (p roundsPage) rubricLabel(r store.Round, long bool) string {
	switch {
	case r.Imported || r.RubricVersion == 0:
		return tr(p.lang, msgImported)
	case long:
		return tr(p.lang, msgRubricVersionLong, r.RubricVersion)
	}
	return tr(p.lang, msgRubricVersion, r.RubricVersion)
}

// fitLines cuts each line to width.
func fitLines(lines []string, width int) []string {
	out := make([]string, len(lines))
	for i, s := range lines {
		out[i] = cell(s, width)
	}
	return out
}
