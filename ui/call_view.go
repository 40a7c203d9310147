package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"phoneaudit/lang"
	"phoneaudit/scoring"
)

// View draws the call screen in width×height: the call on top, the timer
// and attempts, the middle of the current mode (outcome picker, criteria or
// result), who answered, recording and notes, and the live result.
func (c callScreen) View(width, height int, now time.Time) string {
	st := c.styles
	rule := st.Rule.Render(strings.Repeat("─", width))
	lines := c.heading(width, height)
	if c.mode() == modeLoading {
		text := tr(c.lang, msgLoading)
		if c.loadErr != "" {
			text = st.StatusError.Render(tr(c.lang, msgCallLoadFailed, c.loadErr))
		}
		return strings.Join(append(lines, rule, wrap(text, width)), "\n")
	}
	lines = append(lines, rule, c.timerLine(width, now), c.hintLine(width, now), rule)
	lines = append(lines, c.middle(width)...)
	if bottom := c.bottom(width); len(bottom) > 0 {
		lines = append(lines, rule)
		lines = append(lines, bottom...)
	}
	if res := c.resultLine(width); res != "" {
		lines = append(lines, rule, res)
	}
	if len(lines) > height {
		lines = dropRules(lines, rule, len(lines)-height)
	}
	return strings.Join(lines, "\n")
}

// dropRules removes up to n rules, the lowest first, so a short terminal
// keeps the content and loses the decoration.
func dropRules(lines []string, rule string, n int) []string {
	for i := len(lines) - 1; i >= 0 && n > 0; i-- {
		if lines[i] == rule {
			lines = append(lines[:i], lines[i+1:]...)
			n--
		}
	}
	return lines
}

// heading is "department · office   phone   persona   第 n/N 个" and the
// question, whole.
func (c callScreen) heading(width, height int) []string {
	l, st := c.lang, c.styles
	call := c.call
	title := call.Department + " · " + call.Office
	// The title keeps at least its first three fifths; the rest is for the
	// phone, the persona and the position, which give way from the end.
	room := width - min(lipgloss.Width(title), width*3/5) - 3
	parts := []string{call.Phone, tr(l, msgPersonaIs, call.Persona.Label(l))}
	if c.pos > 0 { // another auditor's call has no place among mine
		parts = append(parts, tr(l, msgPosition, c.pos, c.total))
	}
	right := joinFit(parts, "   ", max(room, 0))
	first := spread(st.CallTitle.Render(title), right, width)
	// The question is what the caller asks: always whole, flowed by display width (Chinese breaks
	// between any two characters), so a long one takes a second line rather than an ellipsis.
	return append([]string{first}, wrapLines(tr(l, msgQuestionIs, call.Question), width)...)
}

// timerLine is "计时 00:42   接通用时 12 秒   拨打记录 14:05 无人接听(21) …".
func (c callScreen) timerLine(width int, now time.Time) string {
	l, st := c.lang, c.styles
	var parts []string
	if m := c.mode(); !c.timer.IsZero() && (m == modeDialling || m == modeScoring) {
		parts = append(parts, tr(l, msgTimer)+" "+st.Timer.Render(formatTimer(now.Sub(c.timer))))
	}
	if c.seconds != nil {
		parts = append(parts, tr(l, msgAnsweredAfter, *c.seconds))
	}
	head := strings.Join(parts, "   ")
	if len(c.attempts) == 0 {
		return cell(head, width)
	}
	if head != "" {
		head += "   "
	}
	head += tr(l, msgAttempts) + " "
	return head + c.attemptList(width-lipgloss.Width(head))
}

// attemptList is the attempts with their city time and code words, the
// latest kept when they do not all fit.
func (c callScreen) attemptList(room int) string {
	out := ""
	for i := len(c.attempts) - 1; i >= 0; i-- {
		a := c.attempts[i]
		item := formatClock(a.At, c.sess.loc) + " " + outcomeWords(a.Outcome, c.lang)
		next := item
		if out != "" {
			next = item + "  " + out
		}
		if lipgloss.Width(next) > room {
			if out == "" {
				return ansi.Truncate(item, room, "…")
			}
			return ansi.Truncate("… "+out, room, "…")
		}
		out = next
	}
	return out
}

// hintLine says what to do now, or what just happened.
func (c callScreen) hintLine(width int, now time.Time) string {
	l, st := c.lang, c.styles
	if c.note != "" {
		return st.Note.Render(ansi.Truncate(c.note, width, "…"))
	}
	var text string
	switch c.mode() {
	case modeIdle:
		text = c.idleHint(now)
	case modeDialling:
		text = tr(l, msgDiallingHint)
	case modeScoring:
		switch {
		case c.busy:
			text = tr(l, msgSubmitting)
		case c.review == reviewConsensus:
			text = tr(l, msgConsensusHint)
		case !c.caller():
			text = tr(l, msgPanelHint, c.call.Auditor)
		case c.onPanel():
			text = c.panelStatus()
		}
	case modeElsewhere:
		text := tr(l, msgLeaseElsewhereHint)
		if c.lease.lost {
			text = tr(l, msgLeaseLostHint)
		}
		if c.busy {
			text = tr(l, msgLoading)
		}
		return st.Problem.Render(ansi.Truncate(text, width, "…"))
	case modeFinished, modeReadOnly:
		switch {
		case c.stored && c.call.Result.NeedsReview:
			return st.Problem.Render(ansi.Truncate(c.reviewHint(), width, "…"))
		case c.mode() == modeFinished:
			text = tr(l, msgFinishedHint)
		default:
			text = tr(l, msgReadOnly, c.call.Auditor)
		}
	}
	return st.Hint.Render(ansi.Truncate(text, width, "…"))
}

// idleHint is how to start, and after a failed dial when the next counts:
// "第1次未接通，14:32 后可再拨".
func (c callScreen) idleHint(now time.Time) string {
	l := c.lang
	if len(c.attempts) == 0 {
		return tr(l, msgIdleHint)
	}
	r := c.reach()
	last := c.attempts[len(c.attempts)-1]
	if !c.sess.rubric.WorkingTime(last.At, c.sess.cal, c.sess.loc) && last.Outcome.FailedDial() {
		return tr(l, msgOutsideHours)
	}
	if r.Counted > 0 && !r.NextDial.IsZero() {
		return tr(l, msgRetryAt, r.Counted, formatWhen(r.NextDial, now, c.sess.loc))
	}
	return tr(l, msgIdleAgain)
}

// middle is the body of the mode: the outcome picker, the criteria, or the
// result of a finished call.
func (c callScreen) middle(width int) []string {
	switch c.mode() {
	case modeDialling:
		return c.picker(width)
	case modeScoring:
		return c.criteriaRows(width, true)
	case modeIdle:
		return nil
	case modeElsewhere:
		lines := c.leaseLines(width)
		if c.reach().Reached {
			lines = append(lines, c.criteriaRows(width, false)...)
		}
		return lines
	}
	var lines []string
	switch {
	case len(c.sheets) > 1:
		lines = c.panelTable(width) // the sheets side by side, as far as I may see them
	case c.reach().Reached:
		lines = c.criteriaRows(width, false)
	}
	return append(lines, c.finalLine(width))
}

// picker is the outcome picker: two columns when they fit.
func (c callScreen) picker(width int) []string {
	st, k := c.styles, c.keys
	items := []string{st.Key.Render(cell("space", 6)) + k.Answered.Help().Desc}
	for _, o := range k.Outcomes {
		items = append(items, st.Key.Render(cell(o.binding.Help().Key, 6))+o.binding.Help().Desc)
	}
	lines := []string{st.PanelTitle.Render(tr(c.lang, msgPickerPrompt))}
	colW := 0
	for _, it := range items {
		colW = max(colW, lipgloss.Width(it))
	}
	if 2+2*colW+4 > width {
		for _, it := range items {
			lines = append(lines, "  "+it)
		}
		return lines
	}
	half := (len(items) + 1) / 2
	for i := range half {
		row := "  " + cell(items[i], colW+4)
		if j := i + half; j < len(items) {
			row += items[j]
		}
		lines = append(lines, row)
	}
	return lines
}

// finalLine is the result of a call that is over.
func (c callScreen) finalLine(width int) string {
	l, st := c.lang, c.styles
	res := c.result()
	parts := []string{c.status().Label(l)}
	if res.Scored || c.submitted {
		total := tr(l, msgPoints, formatPoints(res.Total))
		if g, ok := c.grade(res); ok {
			total += " " + g
		}
		parts = append(parts, total)
	}
	parts = append(parts, c.problemText(res, true))
	text := tr(l, msgResultIs, strings.Join(parts, " · "))
	if res.Problem {
		return st.Problem.Render(ansi.Truncate(text, width, "…"))
	}
	return st.Value.Render(ansi.Truncate(text, width, "…"))
}

func (c callScreen) grade(res scoring.Result) (string, bool) {
	return c.sess.gradeLabel(res.Grade, c.lang)
}

// problemText is "存在问题：推诿扯皮、总分低于60", "无问题" or "问题：—".
func (c callScreen) problemText(res scoring.Result, judged bool) string {
	l := c.lang
	switch {
	case res.Problem:
		return tr(l, msgProblemReasons, scoring.JoinReasons(res.Reasons, l))
	case judged:
		return tr(l, msgNoProblem)
	}
	return tr(l, msgProblemOpen)
}

// resultLine is the live result while scoring: total, grade, problem.
func (c callScreen) resultLine(width int) string {
	if c.mode() != modeScoring {
		return ""
	}
	l, st := c.lang, c.styles
	res := c.result()
	complete := len(c.missing()) == 0
	total := tr(l, msgPoints, formatPoints(res.Total))
	if g, ok := c.grade(res); ok && complete {
		total += " " + g
	} else if !complete {
		total += tr(l, msgIncomplete)
	}
	problem := c.problemText(res, complete)
	pStyle := st.Value
	if res.Problem {
		pStyle = st.Problem
	}
	line := tr(l, msgCurrent, st.Value.Render(total), pStyle.Render(problem))
	return ansi.Truncate(line, width, "…")
}

// valueText is a criterion's value in words: "12 秒", "4", "是", "_".
func (c callScreen) valueText(cr scoring.Criterion, i int) string {
	if !c.isSet(i) {
		return "_"
	}
	if cr.Kind == scoring.Seconds {
		return tr(c.lang, msgSecondsValue, *c.seconds)
	}
	return answerText(c.lang, cr, c.answers[cr.Key])
}

// answerText is a value of a criterion in words: "4", "是", "部分", "否".
func answerText(l lang.Lang, cr scoring.Criterion, v int) string {
	switch {
	case cr.Kind == scoring.Scale:
		return fmt.Sprint(v)
	case v == cr.YesValue():
		return tr(l, msgYes)
	case v == scoring.Partly && cr.Kind == scoring.YesPartlyNo:
		return tr(l, msgPartly)
	}
	return tr(l, msgNo)
}

// keysText is the keys that set a criterion: "y 是 p 部分 n 否", "0-5".
func (c callScreen) keysText(cr scoring.Criterion) string { return answerKeys(c.lang, cr) }

func answerKeys(l lang.Lang, cr scoring.Criterion) string {
	switch cr.Kind {
	case scoring.Seconds:
		return "s " + tr(l, msgKeySeconds)
	case scoring.Scale:
		return fmt.Sprintf("0-%d", cr.Max)
	case scoring.YesPartlyNo:
		return fmt.Sprintf("y %s p %s n %s", tr(l, msgYes), tr(l, msgPartly), tr(l, msgNo))
	}
	return fmt.Sprintf("y %s n %s", tr(l, msgYes), tr(l, msgNo))
}
