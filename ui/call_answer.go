package ui

import (
	"context"
	"maps"
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"phoneaudit/lang"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// An answer, the whole way: a key of the criteria rows (a digit, y, p or n)
// sets the answer on the screen at once and makes the write that commits
// it; the root queues the write behind every change made before it
// (applyCallOut, then ops.go); it runs as store.SaveAnswer on my draft
// sheet, made by the first answer that needs one; and its reply, the
// screen's reaction, is answerSaved.

// answerKey sets the selected criterion: a digit on a scale, y, p or n.
func (c callScreen) answerKey(msg tea.KeyPressMsg) (callScreen, callOut) {
	k := c.keys
	switch {
	case key.Matches(msg, k.Scale):
		return c.setScale(int(msg.Code - '0'))
	case key.Matches(msg, k.Yes):
		cr, _ := c.selected()
		return c.setAnswer(c.sel, cr.YesValue())
	case key.Matches(msg, k.Partly):
		return c.setAnswer(c.sel, scoring.Partly)
	}
	return c.setAnswer(c.sel, scoring.No)
}

// setScale sets a scale criterion; a digit above its top does nothing.
func (c callScreen) setScale(v int) (callScreen, callOut) {
	cr, ok := c.selected()
	if !ok || v > cr.Max {
		c.note = tr(c.lang, msgScaleTop, cr.Max)
		return c, callOut{}
	}
	return c.setAnswer(c.sel, v)
}

// setAnswer sets criterion i to v and moves on to the next unset criterion.
func (c callScreen) setAnswer(i, v int) (callScreen, callOut) {
	cr := c.criteria()[i]
	prev, had := c.answers[cr.Key]
	if had && prev == v {
		c.sel = c.nextUnset(i, i)
		return c, callOut{}
	}
	c.answers = maps.Clone(c.answers) // copies of the model must not share it
	c.answers[cr.Key] = v
	if c.review == reviewConsensus { // written with its reason, all at once
		c.sel = c.nextUnset(i, i)
		return c, callOut{}
	}
	c.undo = append(slices.Clip(c.undo), undoStep{kind: undoAnswer, crit: i, prev: prev, hadPrev: had})
	c.sel = c.nextUnset(i, i)
	return c, callOut{writes: []op{answerWrite(c.callID, cr, v)}}
}

// answerWrite commits one answer of my draft. The screen has shown the
// answer since the key press, so its reply changes nothing there: the
// header's mark turns to saved, and Options.AnswerSaved is told how long the
// answer took (timed). A failed answer stays at the head of the queue with
// its value, to be sent again by the next change, ctrl+r or quitting.
func answerWrite(callID int64, cr scoring.Criterion, v int) op {
	set := func(l lang.Lang) string { return cr.Label(l) + " " + answerText(l, cr, v) }
	return newOp(op{callID: callID, needsSheet: true, timed: true, change: set},
		func(ctx context.Context, st *store.Store, sheet int64) (struct{}, error) {
			return struct{}{}, st.SaveAnswer(ctx, sheet, cr, v)
		},
		answerSaved)
}

// answerSaved is the call screen's reaction to a committed answer: none,
// since the screen already shows it.
func answerSaved(m Model, _ struct{}, _ error) (Model, tea.Cmd) { return m, nil }

// clearWrite unsets one answer of my draft: u took back an answer that had
// no value before.
func clearWrite(callID int64, cr scoring.Criterion) op {
	crit := cr.Key
	cleared := func(l lang.Lang) string { return tr(l, msgChangeCleared, cr.Label(l)) }
	return writeOp(op{callID: callID, needsSheet: true, change: cleared}, func(ctx context.Context, st *store.Store, sheet int64) error {
		return st.ClearAnswer(ctx, sheet, crit)
	})
}
