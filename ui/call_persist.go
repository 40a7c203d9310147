package ui

import (
	"context"
	"maps"
	"slices"
	"time"

	"phoneaudit/scoring"
	"phoneaudit/store"
)

// The changes of the call screen: each updates the screen at once and
// returns the write that commits it. Nothing here touches the database.

// startDial sets the timer mark: the timer runs from now.
func (c callScreen) startDial(now time.Time) (callScreen, callOut) {
	c.timer = c.stamp(now, true)
	return c, callOut{writes: []write{timerWrite(c.callID, c.timer)}}
}

// dialled logs one attempt. 11 and 12 start the scoring with the seconds
// from the timer mark; 13 and 14 end the call; a failed dial leaves it idle,
// or unreachable at the second that counts.
func (c callScreen) dialled(o scoring.Outcome, now time.Time) (callScreen, callOut) {
	at := c.stamp(now, false)
	c.attempts = append(slices.Clip(c.attempts), scoring.Attempt{At: at, Outcome: o})
	c.undo = append(slices.Clip(c.undo), undoStep{kind: wAttempt})
	out := callOut{writes: []write{attemptWrite(c.callID, at, o)}}
	if o.Reached() {
		secs := max(int(at.Sub(c.timer)/time.Second), 0)
		c.seconds = &secs
		out.writes = append(out.writes, secondsWrite(c.callID, secs))
		c.sel = c.firstUnset()
	}
	return c, out
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
	c.undo = append(slices.Clip(c.undo), undoStep{kind: wAnswer, crit: i, prev: prev, hadPrev: had})
	c.sel = c.nextUnset(i, i)
	return c, callOut{writes: []write{answerWrite(c.callID, cr, v)}}
}

// setSeconds corrects the seconds until answered.
func (c callScreen) setSeconds(secs int) (callScreen, callOut) {
	if c.seconds != nil {
		c.undo = append(slices.Clip(c.undo), undoStep{kind: wSeconds, prev: *c.seconds, hadPrev: true})
	}
	c.seconds = &secs
	return c, callOut{writes: []write{secondsWrite(c.callID, secs)}}
}

// undoLast takes back the last change of this visit.
func (c callScreen) undoLast() (callScreen, callOut) {
	n := len(c.undo)
	if n == 0 {
		return c, callOut{}
	}
	s := c.undo[n-1]
	c.undo = c.undo[: n-1 : n-1]
	c.note = c.lang.tr(msgUndone)
	switch s.kind {
	case wAttempt:
		c.attempts = slices.Clone(c.attempts[:len(c.attempts)-1])
		return c, callOut{writes: []write{undoAttemptWrite(c.callID)}}
	case wSeconds:
		prev := s.prev
		c.seconds = &prev
		return c, callOut{writes: []write{secondsWrite(c.callID, prev)}}
	}
	cr := c.criteria()[s.crit]
	c.sel = s.crit
	c.answers = maps.Clone(c.answers)
	if s.hadPrev {
		c.answers[cr.Key] = s.prev
		return c, callOut{writes: []write{answerWrite(c.callID, cr, s.prev)}}
	}
	delete(c.answers, cr.Key)
	return c, callOut{writes: []write{clearWrite(c.callID, cr.Key)}}
}

// flushNotes is the write of the notes changed since they were last sent.
func (c *callScreen) flushNotes() (write, bool) {
	notes := c.notesArea.Value()
	if notes == c.notesSaved {
		return write{}, false
	}
	c.notes, c.notesSaved = notes, notes
	return notesWrite(c.callID, notes), true
}

// writeDone takes the answer of a write this screen made.
func (c callScreen) writeDone(kind writeKind, res writeResult, err error) (callScreen, callEvent) {
	defer c.syncKeys()
	switch kind {
	case wLoadCall:
		if err != nil {
			c.loading, c.loadErr = false, errText(c.lang, err)
			return c, callEvent{}
		}
		return c.loaded(res.loaded), callEvent{}
	case wAttempt:
		if err == nil && res.status != "" {
			c.call.Status = res.status // the database's word on done and unreachable
		}
	case wRefreshCall:
		if err == nil {
			c = c.refreshed(res.loaded)
		}
	case wReview:
		c.busy = false
		if err != nil {
			c.formErr = c.lang.tr(msgActionFailed, opErrText(c.lang, err))
			return c, callEvent{}
		}
		ev := callEvent{kind: evReviewed, result: res.result, accepted: c.review == reviewAccept}
		if c.review == reviewDrop {
			ev.dropped = c.dropping.Rater
		}
		return c.leaveReview(), ev
	case wSubmit:
		c.busy = false
		if err == nil {
			c.submitted = true
			return c, callEvent{kind: evSubmitted, result: res.result}
		}
	case wAbandon:
		c.busy = false
		if err == nil {
			return c, callEvent{kind: evAbandoned}
		}
	}
	return c, callEvent{}
}

// The writes. Each is one store call, run by the root's queue.

func loadWrite(callID int64) write {
	return write{kind: wLoadCall, callID: callID, read: true, dropOnError: true,
		run: func(ctx context.Context, st *store.Store, _ int64) (writeResult, error) {
			d, err := readCall(ctx, st, callID)
			return writeResult{sheetID: d.sheet.ID, loaded: d}, err
		}}
}

// readCall reads a call, its attempts and my live sheet of it.
func readCall(ctx context.Context, st *store.Store, callID int64) (callData, error) {
	var d callData
	var err error
	if d.call, err = st.GetCall(ctx, callID); err != nil {
		return d, err
	}
	if d.attempts, err = st.Attempts(ctx, callID); err != nil {
		return d, err
	}
	sheets, err := st.PanelSheets(ctx, callID)
	d.sheets = sheets
	for _, sh := range sheets {
		if sh.Rater == st.Actor() && sh.Kind == "rater" && (sh.Status == "draft" || sh.Status == "submitted") {
			d.sheet = sh
		}
	}
	if d.sheet.Status != "draft" {
		d.sheet.ID = 0 // only a draft takes answers
	}
	return d, err
}

func timerWrite(callID int64, at time.Time) write {
	return write{kind: wTimer, callID: callID, run: func(ctx context.Context, st *store.Store, _ int64) (writeResult, error) {
		return writeResult{}, st.StartTimer(ctx, callID, at)
	}}
}

func attemptWrite(callID int64, at time.Time, o scoring.Outcome) write {
	return write{kind: wAttempt, callID: callID, run: func(ctx context.Context, st *store.Store, _ int64) (writeResult, error) {
		status, err := st.AddAttempt(ctx, callID, at, o)
		return writeResult{status: status}, err
	}}
}

func undoAttemptWrite(callID int64) write {
	return write{kind: wUndoAttempt, callID: callID, run: func(ctx context.Context, st *store.Store, _ int64) (writeResult, error) {
		return writeResult{}, st.UndoAttempt(ctx, callID)
	}}
}

func secondsWrite(callID int64, secs int) write {
	return write{kind: wSeconds, callID: callID, run: func(ctx context.Context, st *store.Store, _ int64) (writeResult, error) {
		return writeResult{}, st.SetAnswerSeconds(ctx, callID, secs)
	}}
}

func answerWrite(callID int64, cr scoring.Criterion, v int) write {
	return write{kind: wAnswer, callID: callID, needsSheet: true, run: func(ctx context.Context, st *store.Store, sheet int64) (writeResult, error) {
		return writeResult{}, st.SaveAnswer(ctx, sheet, cr, v)
	}}
}

func clearWrite(callID int64, key string) write {
	return write{kind: wClearAnswer, callID: callID, needsSheet: true, run: func(ctx context.Context, st *store.Store, sheet int64) (writeResult, error) {
		return writeResult{}, st.ClearAnswer(ctx, sheet, key)
	}}
}

func answeredByWrite(callID int64, staffNo, name string) write {
	return write{kind: wAnsweredBy, callID: callID, run: func(ctx context.Context, st *store.Store, _ int64) (writeResult, error) {
		return writeResult{}, st.SetAnsweredBy(ctx, callID, staffNo, name)
	}}
}

func recordingWrite(callID int64, path string) write {
	return write{kind: wRecording, callID: callID, run: func(ctx context.Context, st *store.Store, _ int64) (writeResult, error) {
		return writeResult{}, st.SetRecordingFile(ctx, callID, path)
	}}
}

func notesWrite(callID int64, notes string) write {
	return write{kind: wNotes, callID: callID, run: func(ctx context.Context, st *store.Store, _ int64) (writeResult, error) {
		return writeResult{}, st.SetNotes(ctx, callID, notes)
	}}
}

func submitWrite(callID int64) write {
	return write{kind: wSubmit, callID: callID, needsSheet: true, dropOnError: true,
		run: func(ctx context.Context, st *store.Store, sheet int64) (writeResult, error) {
			res, err := st.SubmitSheet(ctx, sheet)
			return writeResult{result: res}, err
		}}
}

// abandonWrite gives up my draft; without one there is nothing to give up.
func abandonWrite(callID int64) write {
	return write{kind: wAbandon, callID: callID, dropOnError: true,
		run: func(ctx context.Context, st *store.Store, sheet int64) (writeResult, error) {
			if sheet == 0 {
				return writeResult{}, nil
			}
			return writeResult{}, st.AbandonDraft(ctx, sheet)
		}}
}
