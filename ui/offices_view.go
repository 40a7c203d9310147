package ui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"phoneaudit/scoring"
	"phoneaudit/store"
)

// officesTop is the lines above the list: the counts and the list's header.
const officesTop = 2

func (p officesPage) View(width, height int) string {
	l, st := p.lang, p.styles
	switch {
	case p.state == listNone:
		return st.Placeholder.Render(flowText(tr(l, msgAboutOffices), width))
	case p.sess.known && !p.sess.lead():
		return leadOnly(p.shared, width)
	case p.state == listWaiting:
		return st.Placeholder.Render(tr(l, msgLoading))
	case p.state == listFailed:
		return st.StatusError.Render(flowText(tr(l, msgOfficesFailed, p.err), width))
	case p.inHistory:
		return p.hist.view(width, height)
	case p.ranking:
		return p.rankingView(width, height)
	}
	lines := []string{p.topLine(width)}
	if len(p.list.shown) == 0 {
		return strings.Join(append(lines, st.Placeholder.Render(cell(tr(l, msgNoRowMatches), width))), "\n")
	}
	cols := p.columns(width)
	head := []string{tr(l, msgColDepartment), tr(l, msgColOffice), tr(l, msgColCategory), tr(l, msgColRound),
		tr(l, msgColTotal), tr(l, msgColGrade), tr(l, msgColStreak)}
	lines = append(lines, st.ListHeader.Render(joinCells(head, cols, width)))
	for i := p.list.top; i < min(p.list.top+p.listRows(), len(p.list.shown)); i++ {
		row := p.row(p.offices[p.list.shown[i]], cols, width)
		if i == p.list.sel {
			row = st.Selected.Render(ansi.Strip(row))
		}
		lines = append(lines, row)
	}
	return strings.Join(lines, "\n")
}

// topLine: "共 100 个科室 · 显示 12 · 类别：窗口 · 单位：全部", with the filter at the right.
func (p officesPage) topLine(width int) string {
	l, st := p.lang, p.styles
	all := tr(l, msgAll)
	cat, dept := orWord(p.categories[p.cat], all), orWord(p.departments[p.dept], all)
	left := st.Count.Render(trn(l, msgOfficeCount, len(p.offices), len(p.offices))) + " " + tr(l, msgOfficeShown, len(p.list.shown), cat, dept)
	right := p.list.filterView(p.shared, width-lipgloss.Width(left)-6)
	if right == "" {
		return cell(left, width)
	}
	return spread(left, right, width)
}

func orWord(s, word string) string {
	if s == "" {
		return word
	}
	return s
}

func (p officesPage) columns(width int) []int {
	l := p.lang
	w := func(ss ...string) int {
		n := 0
		for _, s := range ss {
			n = max(n, lipgloss.Width(s))
		}
		return n
	}
	dept := max(min(16, width/5), 6)
	cat := w(tr(l, msgColCategory), "窗口服务")
	round := w(tr(l, msgColRound), "99")
	total := w(tr(l, msgColTotal), "100.0")
	grade := w(tr(l, msgColGrade), "不合格", "Unsatisfactory")
	streak := w(tr(l, msgColStreak), tr(l, msgStreakRed, 99))
	office := width - dept - cat - round - total - grade - streak - 6
	if office < 8 {
		office += cat + 1
		cat = 0
	}
	return []int{dept, max(office, 4), cat, round, total, grade, streak}
}

// row is one office: its latest audit's round, total, grade and streak (the
// flag in its colour).
func (p officesPage) row(o store.OfficeSummary, cols []int, width int) string {
	l := p.lang
	round, total, grade, streak := "—", "—", "", ""
	if o.Round > 0 {
		round = strconv.Itoa(o.Round)
	}
	if o.HasTotal {
		total = formatPoints(o.Total)
		grade = gradeWords(o.Grade, l)
	}
	switch o.Level {
	case scoring.Red:
		streak = p.styles.Problem.Render(cell(tr(l, msgStreakRed, o.Streak), cols[6]))
	case scoring.Yellow:
		streak = p.styles.Yellow.Render(cell(tr(l, msgStreakYellow, o.Streak), cols[6]))
	default:
		if o.Streak > 0 {
			streak = strconv.Itoa(o.Streak)
		}
	}
	return joinCells([]string{o.Department, o.Name, o.Category, round, total, grade, streak}, cols, width)
}

// rankingView is the department ranking of a round: rank, department,
// mean, calls, problems, and the top 10 and bottom 3 marked.
func (p officesPage) rankingView(width, height int) string {
	l, st, d := p.lang, p.styles, p.rank
	if !p.rankLoaded {
		return st.Placeholder.Render(tr(l, msgLoading))
	}
	if d.err != "" {
		return st.StatusError.Render(flowText(tr(l, msgRankingFailed, d.err), width))
	}
	lines := []string{cell(st.PanelTitle.Render(tr(l, msgRankingTitle, roundLabel(l, d.round))), width)}
	if line := p.rubricLine(); line != "" {
		lines = append(lines, wrapStyled(st.Hint, line, width)...)
	}
	cols := []int{4, max(width-4-8-6-6-10-5, 6), 8, 6, 6, 10}
	head := []string{tr(l, msgColRank), tr(l, msgColDepartment), tr(l, msgColMean), tr(l, msgColCalls), tr(l, msgColProblems), ""}
	lines = append(lines, st.ListHeader.Render(joinCells(head, cols, width)))
	for _, r := range d.ranks[min(p.rankTop, len(d.ranks)):] {
		rank, mean, mark := "—", "—", ""
		if r.Rank > 0 {
			rank = strconv.Itoa(r.Rank)
		}
		if r.HasMean {
			mean = formatPoints(r.Mean)
		}
		switch {
		case r.Top10:
			mark = st.Note.Render(cell(tr(l, msgTop10), cols[5]))
		case r.Bottom3:
			mark = st.Problem.Render(cell(tr(l, msgBottom3), cols[5]))
		}
		lines = append(lines, joinCells([]string{rank, r.Department, mean, strconv.Itoa(r.Calls), strconv.Itoa(r.Problems), mark}, cols, width))
	}
	return strings.Join(lines[:min(len(lines), max(height, 0))], "\n")
}

// rubricLine says when the round and the one before it were scored on
// different rubrics (or one was imported): their numbers compare loosely.
func (p officesPage) rubricLine() string {
	d, l := p.rank, p.lang
	if !d.hasPrev {
		return ""
	}
	if d.round.RubricVersion == d.prev.RubricVersion && d.round.Imported == d.prev.Imported {
		return ""
	}
	rs := roundsPage{shared: p.shared}
	return tr(l, msgRubricsDiffer, rs.rubricLabel(d.round, true), rs.rubricLabel(d.prev, true))
}

// scrollRanking moves the ranking by a line or a page.
func (p officesPage) scrollRanking(msg tea.KeyPressMsg) officesPage {
	k, rows := p.keys, max(p.height-4, 1)
	switch {
	case key.Matches(msg, k.Up):
		p.rankTop--
	case key.Matches(msg, k.Down):
		p.rankTop++
	case key.Matches(msg, k.PageUp):
		p.rankTop -= rows
	case key.Matches(msg, k.PageDown):
		p.rankTop += rows
	case key.Matches(msg, k.Home):
		p.rankTop = 0
	case key.Matches(msg, k.End):
		p.rankTop = len(p.rank.ranks)
	}
	p.rankTop = max(min(p.rankTop, len(p.rank.ranks)-rows), 0)
	return p
}
