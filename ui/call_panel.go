package ui

import (
	"context"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"phoneaudit/scoring"
	"phoneaudit/store"
)

// The panel on the call screen: a panel member scores another auditor's
// running call on a sheet of their own (its dials and timer are the
// caller's, read-only); the sheets are blind until mine is in; then they
// stand side by side with the mean and the spread per criterion. A lead
// settles a call that needs review: C sets a consensus sheet, K accepts
// the aggregate, either with a reason.

// reviewStep is where a lead is in settling a call that needs review.
type reviewStep int

const (
	reviewNone      reviewStep = iota
	reviewConsensus            // the criteria set the consensus sheet
	reviewAccept               // the aggregate is to be accepted: its reason is asked
	reviewDrop                 // a panel member's unsubmitted sheet is to be dropped: its reason is asked
)

// caller says whether the call is mine to dial.
func (c callScreen) caller() bool { return c.call.AuditorID == c.sess.me.ID }

// canReview: a lead on a finished call that needs review, nothing else open.
func (c callScreen) canReview() bool {
	return c.sess.lead() && c.stored && c.call.Status == scoring.Done && c.call.Result.NeedsReview &&
		c.review == reviewNone && c.form == formNone && !c.busy
}

// dropCandidate is the first panel member's sheet that was never
// submitted, which a lead may drop so the call can finish without it.
func (c callScreen) dropCandidate() (store.SheetInfo, bool) {
	if !c.sess.lead() || c.review != reviewNone || c.form != formNone || c.busy {
		return store.SheetInfo{}, false
	}
	for _, sh := range c.sheets {
		if sh.Kind == "rater" && sh.Status == "draft" && sh.RaterID != c.call.AuditorID && sh.RaterID != c.sess.me.ID {
			return sh, true
		}
	}
	return store.SheetInfo{}, false
}

// askDrop asks why the panel member's sheet is dropped.
func (c callScreen) askDrop() (callScreen, callOut) {
	sh, ok := c.dropCandidate()
	if !ok {
		return c, callOut{}
	}
	c.review, c.dropping = reviewDrop, sh
	c.form, c.formErr = formReview, ""
	return c, callOut{cmd: c.reasonIn.Focus()}
}

// raters is the rater sheets I may see with their answers, and the rest
// (drafts of others, blind) by name.
func (c callScreen) raters() (shown []store.SheetInfo, waiting []string) {
	for _, sh := range c.sheets {
		switch {
		case sh.Kind != "rater" || (sh.Status != "draft" && sh.Status != "submitted"):
		case sh.Status == "submitted" && len(sh.Answers) > 0:
			shown = append(shown, sh)
		default:
			waiting = append(waiting, sh.Rater)
		}
	}
	return shown, waiting
}

// onPanel says whether the call has more than one rater: a panel.
func (c callScreen) onPanel() bool {
	n := 0
	for _, sh := range c.sheets {
		if sh.Kind == "rater" && (sh.Status == "draft" || sh.Status == "submitted") {
			n++
		}
	}
	return n > 1
}

// panelStatus is "评审组：王芳 已提交 · 李强 评分中".
func (c callScreen) panelStatus() string {
	l := c.lang
	var parts []string
	for _, sh := range c.sheets {
		if sh.Kind != "rater" || (sh.Status != "draft" && sh.Status != "submitted") {
			continue
		}
		word := tr(l, msgSheetScoring)
		if sh.Status == "submitted" {
			word = tr(l, msgSheetIn)
		}
		parts = append(parts, sh.Rater+" "+word)
	}
	return tr(l, msgPanelIs, strings.Join(parts, " · "))
}

// panelTable is the sheets side by side: a row per criterion with each
// rater's points, the mean and the spread, then the totals; under it who
// is still scoring, and whether the call needs review.
func (c callScreen) panelTable(width int) []string {
	l, st := c.lang, c.styles
	shown, waiting := c.raters()
	rub := c.sess.rubric
	results := make([]scoring.SheetResult, len(shown))
	for i, sh := range shown {
		results[i] = rub.ScoreSheet(sh.Answers, c.seconds)
	}
	labelW := 0
	for _, cr := range rub.Criteria {
		labelW = min(max(labelW, ansi.StringWidth(cr.Label(l))), 10)
	}
	colW := 6 // a rater's name, up to ten cells: "张伟(人社)"
	for _, sh := range shown {
		colW = min(max(colW, ansi.StringWidth(sh.Rater)), 10)
	}
	head := cell(tr(l, msgPanelTitle), labelW)
	for _, sh := range shown {
		head += " " + cellRight(ansi.Truncate(sh.Rater, colW, "…"), colW)
	}
	head += " " + cellRight(tr(l, msgMean), colW) + " " + cellRight(tr(l, msgSpread), colW)
	lines := []string{st.PanelTitle.Render(ansi.Truncate(head, width, "…"))}
	row := func(label string, values []float64, mark bool) string {
		text := cell(label, labelW)
		for _, v := range values {
			text += " " + cellRight(formatPoints(v), colW)
		}
		if len(values) > 0 {
			lo, hi := slices.Min(values), slices.Max(values)
			text += " " + cellRight(formatPoints(mean(values)), colW) + " " + cellRight(formatPoints(hi-lo), colW)
		}
		text = ansi.Truncate(text, width, "…")
		if mark {
			return st.Problem.Render(text)
		}
		return text
	}
	for _, cr := range rub.Criteria {
		values := make([]float64, len(results))
		for i, r := range results {
			values[i] = r.Points[cr.Key]
		}
		lines = append(lines, row(cr.Label(l), values, false))
	}
	totals := make([]float64, len(results))
	for i, r := range results {
		totals[i] = r.Total
	}
	review := c.stored && c.call.Result.NeedsReview
	lines = append(lines, row(tr(l, msgTotalRow), totals, review))
	if len(waiting) > 0 {
		lines = append(lines, st.Hint.Render(ansi.Truncate(tr(l, msgStillScoring, strings.Join(waiting, tr(l, msgListSep))), width, "…")))
	}
	for _, sh := range c.sheets {
		if sh.Kind == "consensus" && sh.Status == "submitted" {
			lines = append(lines, st.Note.Render(ansi.Truncate(tr(l, msgConsensusBy, sh.Rater, sh.Reason), width, "…")))
		}
	}
	return lines
}

func mean(vs []float64) float64 {
	sum := 0.0
	for _, v := range vs {
		sum += v
	}
	return sum / float64(len(vs))
}

// reviewHint is the line that says a call needs review, with a lead's keys.
func (c callScreen) reviewHint() string {
	if c.sess.lead() {
		return tr(c.lang, msgReviewKeys)
	}
	return tr(c.lang, msgAwaitingReview)
}

// startConsensus lets a lead set the consensus sheet on the criteria rows;
// nothing is written until the reason is given.
func (c callScreen) startConsensus() callScreen {
	c.review, c.mine, c.answers = reviewConsensus, c.answers, scoring.Answers{}
	c.sel = c.firstUnset()
	return c
}

// leaveReview gives the screen back its own answers.
func (c callScreen) leaveReview() callScreen {
	if c.review == reviewConsensus {
		c.answers, c.mine = c.mine, nil
	}
	c.review = reviewNone
	c.reasonIn.Reset()
	return c.closeForm()
}

// askReason asks why: of the consensus (complete) or of the acceptance.
func (c callScreen) askReason(accept bool) (callScreen, callOut) {
	if !accept && len(c.missing()) > 0 {
		c.note = tr(c.lang, msgConsensusIncomplete, strings.Join(c.missing(), tr(c.lang, msgListSep)))
		return c, callOut{}
	}
	if accept {
		c.review = reviewAccept
	}
	c.form, c.formErr = formReview, ""
	return c, callOut{cmd: c.reasonIn.Focus()}
}

// reviewKey types the reason: enter records the review; esc closes the
// question (a consensus keeps its values, to be changed or given up with esc).
func (c callScreen) reviewKey(msg tea.KeyPressMsg) (callScreen, callOut) {
	k := c.keys
	switch {
	case key.Matches(msg, k.Save):
		return c.saveReview()
	case key.Matches(msg, k.Cancel):
		if c.review != reviewConsensus {
			return c.leaveReview(), callOut{}
		}
		return c.closeForm(), callOut{}
	}
	var cmd tea.Cmd
	c.reasonIn, cmd = c.reasonIn.Update(msg)
	return c, callOut{cmd: cmd}
}

// saveReview sends the consensus or the acceptance with its reason.
func (c callScreen) saveReview() (callScreen, callOut) {
	reason := strings.TrimSpace(c.reasonIn.Value())
	if reason == "" {
		c.formErr = tr(c.lang, msgReviewReasonNeeded)
		return c, callOut{}
	}
	c.busy = true
	switch c.review {
	case reviewAccept:
		return c, callOut{writes: []op{acceptWrite(c.callID, reason)}}
	case reviewDrop:
		return c, callOut{writes: []op{dropWrite(c.callID, c.dropping.ID, reason)}}
	}
	return c, callOut{writes: []op{consensusWrite(c.callID, c.answers, reason)}}
}

// refreshed takes what another session changed: the call's status and
// result, the caller's dials and timer (a panel member's screen follows
// them) and the sheets as I may see them. My own answers stay as typed.
//
// A watch's read is not queued behind my own writes, so it may be older than
// what I did: a call it shows unfinished is taken only on another's screen
// (a finished call never becomes unfinished again).
func (c callScreen) refreshed(d callData) callScreen {
	if c.elsewhere() {
		return c.followed(d) // the other session's saves, as they come
	}
	c.sheets = d.sheets
	finished := d.call.Status == scoring.Done || d.call.Status == scoring.Unreachable || d.call.Status == scoring.NotAudited
	if finished || !c.caller() {
		c.call.Status, c.call.Result, c.stored = d.call.Status, d.call.Result, finished
	}
	if !c.caller() {
		was := c.seconds
		c.attempts, c.timer, c.seconds = slices.Clone(d.attempts), d.call.TimerStarted, d.call.AnswerSeconds
		if key := c.sess.rubric.SecondsKey(); c.form == formSubmit && key != "" && !sameSeconds(was, c.seconds) {
			// The confirmation is drawn again with the caller's new seconds: say so, or the
			// panel member confirms a total they did not read.
			c.formErr = tr(c.lang, msgConfirmChanged, c.labels([]string{key}))
		}
	}
	return c
}

func sameSeconds(a, b *int) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

// stays says whether the screen stays open after my sheet went in: on a
// panel, to see the sheets side by side as they come in.
func (c callScreen) stays() bool { return !c.caller() || c.onPanel() }

// refreshRead reads the call again after a lead's review, or after my sheet
// went in on a panel, to show the sheets as they now stand.
func refreshRead(callID int64) op {
	return newOp(op{callID: callID, read: true, dropOnError: true},
		func(ctx context.Context, st *store.Store, _ int64) (callData, error) {
			return readCall(ctx, st, callID, false)
		},
		func(m Model, d callData, err error) (Model, tea.Cmd) {
			return m.onCall(callID, func(c callScreen) (callScreen, callEvent) {
				if err == nil {
					c = c.refreshed(d)
				}
				return c, callEvent{}
			})
		})
}

// reviewOp is a lead's settling of the call: a consensus, the aggregate
// accepted or a panel sheet dropped. It is dropped when it fails, with the
// error in the question, which stays open.
func reviewOp(callID int64, do func(ctx context.Context, st *store.Store) (scoring.Result, error)) op {
	return newOp(op{callID: callID, dropOnError: true},
		func(ctx context.Context, st *store.Store, _ int64) (scoring.Result, error) { return do(ctx, st) },
		func(m Model, res scoring.Result, err error) (Model, tea.Cmd) {
			return m.onCall(callID, func(c callScreen) (callScreen, callEvent) { return c.reviewed(res, err) })
		})
}

func (c callScreen) reviewed(res scoring.Result, err error) (callScreen, callEvent) {
	c.busy = false
	if err != nil {
		c.formErr = tr(c.lang, msgActionFailed, opErrText(c.lang, err))
		return c, callEvent{}
	}
	ev := callEvent{kind: evReviewed, result: res, accepted: c.review == reviewAccept}
	if c.review == reviewDrop {
		ev.dropped = c.dropping.Rater
	}
	return c.leaveReview(), ev
}

func consensusWrite(callID int64, answers scoring.Answers, reason string) op {
	return reviewOp(callID, func(ctx context.Context, st *store.Store) (scoring.Result, error) {
		return st.RecordConsensus(ctx, callID, answers, reason)
	})
}

func dropWrite(callID, sheetID int64, reason string) op {
	return reviewOp(callID, func(ctx context.Context, st *store.Store) (scoring.Result, error) {
		return st.DropSheet(ctx, sheetID, reason)
	})
}

func acceptWrite(callID int64, reason string) op {
	return reviewOp(callID, func(ctx context.Context, st *store.Store) (scoring.Result, error) {
		return st.AcceptAggregate(ctx, callID, reason)
	})
}
