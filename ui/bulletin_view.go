package ui

import (
	"fmt"
	"strings"

	"phoneaudit/store"
)

// View draws the round line ("‹ 2026年第5轮 ›  已结束  预览  文本"), the note
// or the publish question, and the text in its viewport.
func (p bulletinPage) View(width, height int) string {
	l, st := p.lang, p.styles
	switch p.state {
	case listNone:
		return st.Placeholder.Render(flowText(tr(l, msgAboutBulletin), width))
	case listWaiting:
		return st.Placeholder.Render(tr(l, msgLoading))
	case listFailed:
		return st.StatusError.Render(flowText(tr(l, msgRoundsFailed, p.err), width))
	}
	if len(p.rounds) == 0 {
		if p.sess.lead() {
			return flowText(tr(l, msgNoBulletinLead), width)
		}
		return flowText(tr(l, msgNoBulletinYet), width)
	}
	lines := []string{p.roundLine(width)}
	if p.confirming && p.correcting {
		c := p.doc.pending
		if c == nil { // the data changed back meanwhile: y is refused with the reason
			c = &store.CorrectionState{}
		}
		r, _ := p.selected()
		lines = append(lines, wrapLines(tr(l, msgCorrectQuestion, roundLabel(l, r), len(c.Corrections)+1, len(c.Diff.Offices),
			len(c.Withdraw), len(c.Issue)), width)...)
		return strings.Join(append(lines, st.Key.Render(tr(l, msgCorrectKeys))), "\n")
	}
	if p.confirming {
		r, _ := p.selected()
		lines = append(lines, wrapLines(tr(l, msgPublishQuestion, roundLabel(l, r)), width)...)
		return strings.Join(append(lines, st.Key.Render(tr(l, msgPublishKeys))), "\n")
	}
	lines = append(lines, p.noteLines(width)...)
	switch {
	case p.hasDoc && p.doc.err != "" && !p.rendering:
		lines = append(lines, st.StatusError.Render(flowText(p.doc.err, width)))
	case !p.current():
		lines = append(lines, st.Placeholder.Render(tr(l, msgRendering)))
	default:
		// A note of two lines (a long path) takes a line from the text.
		v := p.view
		v.SetHeight(max(height-len(lines), 0))
		lines = append(lines, v.View())
	}
	return strings.Join(lines, "\n")
}

// roundLine names the round with arrows where another can be picked, its
// status, the mark (stored text or preview) and the format; how far the
// text is scrolled stands at the right.
func (p bulletinPage) roundLine(width int) string {
	l, st := p.lang, p.styles
	r, _ := p.selected()
	prev, next := " ", " "
	if p.sel > 0 {
		prev = "‹"
	}
	if p.sel < len(p.rounds)-1 {
		next = "›"
	}
	left := prev + " " + st.Count.Render(r.Name) + " " + next
	switch {
	case p.current() && p.doc.published && p.doc.pending != nil:
		left += "  " + st.Published.Render(tr(l, msgPublishedMark)) + "  " +
			st.StatusError.Render(trn(l, msgCorrectionMark, len(p.doc.pending.Diff.Offices), len(p.doc.pending.Diff.Offices)))
	case p.current() && p.doc.published: // the mark says the status too
		left += "  " + st.Published.Render(tr(l, msgPublishedMark))
	case p.current():
		left += "  " + roundStatusLabel(l, r.Status) + "  " + st.Preview.Render(tr(l, msgPreviewMark))
	default:
		left += "  " + roundStatusLabel(l, r.Status)
	}
	format := tr(l, msgFormatText)
	if p.format == "md" {
		format = "Markdown"
	}
	left += "  " + st.Hint.Render(format)
	right := ""
	if p.current() && p.view.TotalLineCount() > p.view.Height() {
		right = st.Hint.Render(fmt.Sprintf("%3.0f%%", p.view.ScrollPercent()*100))
	}
	if right == "" {
		return cell(left, width)
	}
	return spread(left, right, width)
}

// noteLines is what the last action did (the file written, the
// publication), in at most two lines so a path is read whole, else a rule
// under the round line.
func (p bulletinPage) noteLines(width int) []string {
	st := p.styles
	if p.note == "" {
		return []string{st.Rule.Render(strings.Repeat("─", width))}
	}
	style := st.Note
	if p.noteErr {
		style = st.StatusError
	}
	lines := wrapLines(p.note, width)
	if len(lines) > 2 {
		lines = []string{lines[0], cell(strings.Join(lines[1:], ""), width)}
	}
	for i, s := range lines {
		lines[i] = style.Render(s)
	}
	return lines
}
