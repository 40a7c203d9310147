package ui

import (
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"phoneaudit/scoring"
	"phoneaudit/store"
)

// flagsTop is the lines above the list: the round, the counts and the
// list's header.
const flagsTop = 3

// leadOnly is what an auditor sees on tabs 2 and 4: the plan and the
// results stay secret until they are published.
func leadOnly(s shared, width int) string {
	return s.styles.Placeholder.Render(cell(tr(s.lang, msgLeadOnly), width))
}

func (p flagsPage) View(width, height int) string {
	l, st := p.lang, p.styles
	switch {
	case p.state == listNone:
		return st.Placeholder.Render(flowText(tr(l, msgAboutFlagged), width))
	case p.sess.known && !p.sess.lead():
		return leadOnly(p.shared, width)
	case p.state == listWaiting:
		return st.Placeholder.Render(tr(l, msgLoading))
	case p.state == listFailed:
		return st.StatusError.Render(flowText(tr(l, msgFlagsFailed, p.err), width))
	case p.inHistory:
		return p.hist.view(width, height)
	}
	lines := p.topLines(width)
	if len(p.list.shown) == 0 {
		text := tr(l, msgNoFlags)
		if len(p.list.hay) > 0 {
			text = tr(l, msgNoRowMatches)
		}
		return strings.Join(append(lines, st.Placeholder.Render(cell(text, width))), "\n")
	}
	cols := p.columns(width)
	lines = append(lines, st.ListHeader.Render(joinCells(p.header(), cols, width)))
	for i := p.list.top; i < min(p.list.top+p.listRows(), len(p.list.shown)); i++ {
		row := p.row(p.list.shown[i], cols, width)
		if i == p.list.sel {
			row = st.Selected.Render(ansi.Strip(row))
		}
		lines = append(lines, row)
	}
	return strings.Join(lines, "\n")
}

// topLines: the round ("第6轮「2026年第6轮」（暂定…）") with the filter at
// the right, then its counts: "已测评 34/100 · 问题 3 · 红牌 2 · 黄牌 5 · 逾期整改 1".
func (p flagsPage) topLines(width int) []string {
	l, st, d := p.lang, p.styles, p.data
	red, yellow := 0, 0
	for _, f := range d.rows {
		if f.Level == scoring.Red {
			red++
		} else {
			yellow++
		}
	}
	if d.round.Number == 0 { // nothing audited yet: no round to count
		return []string{cell(st.Placeholder.Render(tr(l, msgNoAuditYet)), width), ""}
	}
	left := st.Count.Render(roundLabel(l, d.round))
	if d.round.Status == store.RoundOpen {
		left += st.Problem.Render(tr(l, msgProvisional))
	}
	if d.differ > 0 && !p.persons {
		left += st.Problem.Render(trn(l, msgFlagsDiffer, d.differ, d.differ))
	}
	if p.persons {
		left = tr(l, msgPersonsOf) + " " + left
	}
	counts := cell(tr(l, msgFlagCounts, d.round.Finished, d.round.Planned, d.round.Problems, red, yellow, d.overdue), width)
	right := p.list.filterView(p.shared, width-lipgloss.Width(left)-6)
	if right == "" {
		return []string{cell(left, width), counts}
	}
	return []string{spread(left, right, width), counts}
}

func (p flagsPage) header() []string {
	l := p.lang
	if p.persons {
		return []string{tr(l, msgColLevel), tr(l, msgColDepartment), tr(l, msgColPerson), tr(l, msgColStreak), tr(l, msgColRound)}
	}
	return []string{tr(l, msgColLevel), tr(l, msgColDepartment), tr(l, msgColOffice), tr(l, msgColStreak),
		tr(l, msgColStreakRounds), tr(l, msgColNotice), tr(l, msgColReasons)}
}

// columns shares the width: the level, streak and notice keep their words,
// department and office a part each, the reasons the rest (left out first
// on a narrow screen).
func (p flagsPage) columns(width int) []int {
	l := p.lang
	levelW := max(lipgloss.Width(tr(l, msgColLevel)), lipgloss.Width(scoring.Yellow.Label(l)), lipgloss.Width(scoring.Red.Label(l))) + 1 // * provisional
	streakW := lipgloss.Width(tr(l, msgColStreak))
	dept := max(min(16, width/6), 6)
	if p.persons {
		return []int{levelW, dept, max(width-levelW-dept-streakW-8-4, 4), streakW, 8}
	}
	noticeW := max(lipgloss.Width(tr(l, msgColNotice)), lipgloss.Width(tr(l, msgNoticeReportedS)), lipgloss.Width(tr(l, msgNoticeOverdue)))
	office := max(min(20, width/5), 6)
	roundsW := max(lipgloss.Width(tr(l, msgColStreakRounds)), 8)
	used := levelW + dept + office + streakW + roundsW + noticeW + 6
	reasons := width - used
	if reasons < 8 {
		reasons, roundsW = 0, max(roundsW+reasons, 0)
	}
	return []int{levelW, dept, office, streakW, roundsW, noticeW, reasons}
}

// row is one flag as the list shows it: the level in its colour.
func (p flagsPage) row(i int, cols []int, width int) string {
	l := p.lang
	if p.persons {
		f := p.data.people[i]
		return joinCells([]string{p.level(f.Level, cols[0]), f.Department, f.Office, strconv.Itoa(f.Streak),
			strconv.Itoa(f.Round)}, cols, width)
	}
	f := p.data.rows[i]
	level := p.level(f.Level, cols[0])
	if f.Provisional { // its round is open: the flag may still change
		level = p.level(f.Level, cols[0]-1) + "*"
	}
	notice := noticeLabel(p.lang, f.Notice, f.Notice == store.NoticeOverdue)
	if f.Notice == store.NoticeOverdue {
		notice = p.styles.Problem.Render(cell(notice, cols[5]))
	}
	reasons := scoring.JoinReasons(f.Reasons, l)
	if f.Amended { // the flag stands on a lead's amendment: the history says what changed
		reasons = "[" + tr(p.lang, msgAmendedMark) + "] " + reasons
	}
	return joinCells([]string{level, f.Department, f.Office, strconv.Itoa(f.Streak),
		streakRounds(p.lang, f.StreakRounds), orDash(notice), reasons}, cols, width)
}

// level is 红牌 in red, 黄牌 in yellow, padded to w.
func (p flagsPage) level(lv scoring.Level, w int) string {
	text := cell(lv.Label(p.lang), w)
	if lv == scoring.Red {
		return p.styles.Problem.Render(text)
	}
	return p.styles.Yellow.Render(text)
}
