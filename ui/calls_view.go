package ui

import (
	"slices"

	"charm.land/bubbles/v2/table"
	"charm.land/lipgloss/v2"

	"phoneaudit/scoring"
	"phoneaudit/store"
)

// View draws the count line and the table, or what stands in its place.
func (p callsPage) View(width, height int) string {
	l := p.lang
	switch p.state {
	case listNone:
		return p.styles.Placeholder.Render(wrap(tr(l, msgAboutCalls), width))
	case listWaiting:
		return p.styles.Placeholder.Render(tr(l, msgLoading))
	case listNoRound:
		return wrap(tr(l, msgNoRound), width)
	case listFailed:
		return p.styles.StatusError.Render(wrap(tr(l, msgCallsFailed, p.err), width))
	}
	if len(p.calls) == 0 {
		return wrap(tr(l, msgNoCallsForMe, p.sess.round.Name), width)
	}
	head := p.countLine(width)
	if p.joinAsk != nil {
		head = p.styles.Note.Render(cell(p.joinQuestion(p.joinAsk.call)+p.lang.Pick("（y 确定 · n 取消）", " (y yes · n no)"), width))
	}
	for _, line := range p.formLines(width) {
		head += "\n" + line
	}
	if len(p.shown) == 0 {
		return head + "\n" + p.styles.Placeholder.Render(tr(l, msgNothingMatches))
	}
	return head + "\n" + p.table.View()
}

// countLine is "2026年第6轮 · 已完成 12/34" with the filter at the right.
func (p callsPage) countLine(width int) string {
	l := p.lang
	done, all := 0, 0
	for _, c := range p.calls {
		if !p.counted(c) {
			continue
		}
		all++
		if c.Status == scoring.Done || c.Status == scoring.Unreachable {
			done++
		}
	}
	left := p.styles.Count.Render(tr(l, msgDoneCount, done, all))
	if len(p.shown) != len(p.calls) {
		left += "  " + tr(l, msgShownCount, len(p.shown))
	}
	switch {
	case p.note != "" && p.noteErr:
		left += "  " + p.styles.StatusError.Render(p.note)
	case p.note != "":
		left += "  " + p.styles.Note.Render(p.note)
	case len(p.stale) > 0 && p.sess.lead():
		left += "  " + p.styles.Note.Render(p.lang.Countf(len(p.stale), "%d 个电话已闲置（H 转交）",
			"%d call idle (H hands it on)", "%d calls idle (H hands one on)", len(p.stale)))
	}
	right := ""
	switch {
	case p.filtering:
		in := p.filter
		in.SetWidth(max(min(30, width-lipgloss.Width(left)-6), 4))
		right = in.View()
	case p.filter.Value() != "":
		right = p.styles.Placeholder.Render("/ " + p.filter.Value())
	}
	if right == "" {
		return cell(left, width)
	}
	return spread(left, right, width)
}

// refreshTable gives the table its columns for the width and the rows on
// screen, with the cursor on the selected one. Every setter of the bubbles
// table draws its rows again, so only what changed is set: moving the
// selection costs one drawing, not five. Rows go before columns that
// shrink, or the table would draw old rows with fewer cells than they have.
func (p *callsPage) refreshTable() {
	rows := p.rows()
	window := make([]table.Row, 0, rows)
	for i := p.top; i < min(p.top+rows, len(p.shown)); i++ {
		window = append(window, p.row(p.calls[p.shown[i]]))
	}
	cols, width := p.columns(max(p.width, 1)), max(p.width, 1)
	if !slices.Equal(cols, p.table.Columns()) {
		p.table.SetRows(nil)
		p.table.SetColumns(cols)
	}
	if p.table.Width() != width {
		p.table.SetWidth(width)
	}
	if p.table.Height() != rows+1 {
		p.table.SetHeight(rows + 1)
	}
	if !slices.EqualFunc(window, p.table.Rows(), slices.Equal) {
		p.table.SetRows(window)
	}
	if p.table.Cursor() != p.sel-p.top {
		p.table.SetCursor(p.sel - p.top)
	}
}

// row is one call as the table shows it.
func (p callsPage) row(c store.Call) table.Row {
	l := p.lang
	r := table.Row{c.Office, c.Department, c.Persona.Label(l), c.Question, formatSlot(c.Planned, p.sess.loc), p.statusText(c)}
	if p.sess.lead() || len(p.live) > 0 { // whose call it is, when not all are mine
		r = append(r, c.Auditor)
	}
	return r
}

// columns shares width among the columns: fixed widths for the short
// ones, the rest split among office, department and question.
func (p callsPage) columns(width int) []table.Column {
	l := p.lang
	statusW := 0
	for _, s := range []scoring.CallStatus{scoring.ToCall, scoring.InProgress, scoring.Done, scoring.Unreachable} {
		statusW = max(statusW, lipgloss.Width(s.Label(l)))
	}
	if len(p.live) > 0 {
		statusW = max(statusW, panelStatusWidth(l))
	}
	statusW = max(statusW, p.staleStatusWidth())
	personaW, slotW, auditorW := 8, 11, 0
	n := 6
	if p.sess.lead() || len(p.live) > 0 {
		auditorW, n = 10, 7
	}
	// Each cell has a space on both sides (the table's cell style).
	flex := max(width-statusW-personaW-slotW-auditorW-2*n, 0)
	officeW, deptW := flex*3/10, flex*3/10
	cols := []table.Column{
		{Title: tr(l, msgColOffice), Width: officeW},
		{Title: tr(l, msgColDepartment), Width: deptW},
		{Title: tr(l, msgColPersona), Width: personaW},
		{Title: tr(l, msgColQuestion), Width: flex - officeW - deptW},
		{Title: tr(l, msgColPlanned), Width: slotW},
		{Title: tr(l, msgColStatus), Width: statusW},
	}
	if auditorW > 0 {
		cols = append(cols, table.Column{Title: tr(l, msgColAuditor), Width: auditorW})
	}
	return cols
}
