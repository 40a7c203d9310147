package ui

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"phoneaudit/lang"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// The changes of the call screen: each updates the screen at once and
// returns the write that commits it. Nothing here touches the database.

// startDial sets the timer mark: the timer runs from now.
func (c callScreen) startDial(now time.Time) (callScreen, callOut) {
	c.timer = c.stamp(now, true)
	return c, callOut{writes: []op{timerWrite(c.callID, c.timer)}}
}

// dialled logs one attempt. 11 and 12 start the scoring with the seconds
// from the timer mark; 13 and 14 end the call; a failed dial leaves it idle,
// or unreachable at the second that counts.
func (c callScreen) dialled(o scoring.Outcome, now time.Time) (callScreen, callOut) {
	at := c.stamp(now, false)
	c.attempts = append(slices.Clip(c.attempts), scoring.Attempt{At: at, Outcome: o})
	c.undo = append(slices.Clip(c.undo), undoStep{kind: undoAttempt})
	out := callOut{writes: []op{attemptWrite(c.callID, at, o)}}
	if o.Reached() {
		secs := max(int(at.Sub(c.timer)/time.Second), 0)
		c.seconds = &secs
		out.writes = append(out.writes, secondsWrite(c.callID, secs))
		c.sel = c.firstUnset()
	}
	return c, out
}

// setSeconds corrects the seconds until answered.
func (c callScreen) setSeconds(secs int) (callScreen, callOut) {
	if c.seconds != nil {
		c.undo = append(slices.Clip(c.undo), undoStep{kind: undoSeconds, prev: *c.seconds, hadPrev: true})
	}
	c.seconds = &secs
	return c, callOut{writes: []op{secondsWrite(c.callID, secs)}}
}

// undoLast takes back the last change of this visit.
func (c callScreen) undoLast() (callScreen, callOut) {
	n := len(c.undo)
	if n == 0 {
		return c, callOut{}
	}
	s := c.undo[n-1]
	c.undo = c.undo[: n-1 : n-1]
	c.note = tr(c.lang, msgUndone)
	switch s.kind {
	case undoAttempt:
		c.attempts = slices.Clone(c.attempts[:len(c.attempts)-1])
		return c, callOut{writes: []op{undoAttemptWrite(c.callID)}}
	case undoSeconds:
		prev := s.prev
		c.seconds = &prev
		return c, callOut{writes: []op{secondsWrite(c.callID, prev)}}
	}
	cr := c.criteria()[s.crit]
	c.sel = s.crit
	c.answers = maps.Clone(c.answers)
	if s.hadPrev {
		c.answers[cr.Key] = s.prev
		return c, callOut{writes: []op{answerWrite(c.callID, cr, s.prev)}}
	}
	delete(c.answers, cr.Key)
	return c, callOut{writes: []op{clearWrite(c.callID, cr)}}
}

// flushNotes is the write of the notes changed since they were last sent;
// none while another session has the sheet open.
func (c *callScreen) flushNotes() (op, bool) {
	notes := c.notesArea.Value()
	if notes == c.notesSaved || c.elsewhere() {
		return op{}, false
	}
	c.notes, c.notesSaved = notes, notes
	return notesWrite(c.callID, notes), true
}

// The operations of the call screen. Each is one store call, run by the
// root's queue, with the screen's reaction to its answer beside it.

// callRead reads the call when its screen opens, behind the writes of an
// earlier visit, and takes the lease of my sheet when I edit it (edit: my
// call, or one I join); then the keys pressed while it loaded are played.
func callRead(callID int64, edit bool) op {
	return newOp(op{callID: callID, read: true, dropOnError: true},
		func(ctx context.Context, st *store.Store, _ int64) (callData, error) {
			return openRead(ctx, st, callID, edit)
		},
		func(m Model, d callData, err error) (Model, tea.Cmd) {
			if err == nil {
				m.ops.setSheet(callID, d.sheet.ID)
			}
			if !m.call.open || m.call.callID != callID {
				if err == nil && d.lease.Mine {
					return m, m.enqueue(releaseOp(callID)) // left before it was read
				}
				return m, nil
			}
			if err != nil {
				m.call.loading, m.call.loadErr = false, errText(m.lang, err)
			} else {
				m.call = m.call.loaded(d).withLease(d, m.nextLease())
			}
			m.call.syncKeys()
			return m.replayEarlyKeys()
		})
}

// readCall reads a call, its attempts and my live sheet of it; with lease,
// also who has my sheet open.
func readCall(ctx context.Context, st *store.Store, callID int64, lease bool) (callData, error) {
	var d callData
	var err error
	if lease {
		if d.lease, err = st.SheetLease(ctx, callID); err != nil {
			return d, err
		}
		d.leaseAsked = true
	}
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

// labels names criteria of the round's rubric by their keys: "首问负责、接听及时".
func (c callScreen) labels(keys []string) string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k
		if cr, ok := c.sess.rubric.Criterion(k); ok {
			out[i] = cr.Label(c.lang)
		}
	}
	return strings.Join(out, tr(c.lang, msgListSep))
}

// says is the words of a change that does not vary.
func says(id msgID, args ...any) func(l lang.Lang) string {
	return func(l lang.Lang) string { return tr(l, id, args...) }
}

func timerWrite(callID int64, at time.Time) op {
	return writeOp(op{callID: callID, change: says(msgChangeTimer)}, func(ctx context.Context, st *store.Store, _ int64) error {
		return st.StartTimer(ctx, callID, at)
	})
}

// attemptWrite logs a dial; the call's status comes back to the screen.
func attemptWrite(callID int64, at time.Time, o scoring.Outcome) op {
	dial := func(l lang.Lang) string { return tr(l, msgChangeDial, outcomeWords(o, l)) }
	return newOp(op{callID: callID, change: dial},
		func(ctx context.Context, st *store.Store, _ int64) (scoring.CallStatus, error) {
			return st.AddAttempt(ctx, callID, at, o)
		},
		func(m Model, status scoring.CallStatus, err error) (Model, tea.Cmd) {
			return m.onCall(callID, func(c callScreen) (callScreen, callEvent) {
				if err == nil && status != "" {
					c.call.Status = status // the database's word on done and unreachable
				}
				return c, callEvent{}
			})
		})
}

func undoAttemptWrite(callID int64) op {
	return writeOp(op{callID: callID, change: says(msgChangeUndoDial)}, func(ctx context.Context, st *store.Store, _ int64) error {
		return st.UndoAttempt(ctx, callID)
	})
}

func secondsWrite(callID int64, secs int) op {
	return writeOp(op{callID: callID, change: says(msgAnsweredAfter, secs)}, func(ctx context.Context, st *store.Store, _ int64) error {
		return st.SetAnswerSeconds(ctx, callID, secs)
	})
}

func answeredByWrite(callID int64, staffNo, name string) op {
	who := func(l lang.Lang) string { return tr(l, msgAnsweredByIs, orDash(staffNo), orDash(name)) }
	return writeOp(op{callID: callID, change: who}, func(ctx context.Context, st *store.Store, _ int64) error {
		return st.SetAnsweredBy(ctx, callID, staffNo, name)
	})
}

func recordingWrite(callID int64, path string) op {
	return writeOp(op{callID: callID, change: says(msgRecordingIs, orDash(path))}, func(ctx context.Context, st *store.Store, _ int64) error {
		return st.SetRecordingFile(ctx, callID, path)
	})
}

func notesWrite(callID int64, notes string) op {
	return writeOp(op{callID: callID, change: says(msgNotesIs, oneLine(notes))}, func(ctx context.Context, st *store.Store, _ int64) error {
		return st.SetNotes(ctx, callID, notes)
	})
}

// submitWrite sends my sheet in as its confirmation showed it (shown); the
// screen shows the call's result, or stays on a failure for the auditor to
// try again. A sheet that changed after the confirmation was drawn is not
// submitted: the screen takes its values as they now stand.
func submitWrite(callID int64, shown store.Confirmed) op {
	return newOp(op{callID: callID, needsSheet: true, dropOnError: true, change: says(msgChangeSubmit)},
		func(ctx context.Context, st *store.Store, sheet int64) (scoring.Result, error) {
			return st.SubmitConfirmed(ctx, sheet, shown)
		},
		func(m Model, res scoring.Result, err error) (Model, tea.Cmd) {
			if err == nil {
				m.ops.setSheet(callID, 0) // no draft any more
			}
			var changed *store.SheetChangedError
			if errors.As(err, &changed) && m.call.open && m.call.callID == callID {
				m.status = status{text: tr(m.lang, msgErrSheetChanged, m.call.labels(changed.Changed)), isErr: true}
			}
			return m.onCall(callID, func(c callScreen) (callScreen, callEvent) {
				c.busy = false
				if changed != nil {
					c.answers, c.seconds = maps.Clone(changed.Answers), changed.Seconds
					c.undo = nil // the values on screen are no longer this visit's
					return c, callEvent{}
				}
				if err != nil {
					return c, callEvent{}
				}
				c.submitted = true
				return c, callEvent{kind: evSubmitted, result: res}
			})
		})
}

// abandonWrite gives up my draft; without one there is nothing to give up.
func abandonWrite(callID int64) op {
	return newOp(op{callID: callID, dropOnError: true, change: says(msgChangeAbandon)},
		func(ctx context.Context, st *store.Store, sheet int64) (struct{}, error) {
			if sheet == 0 {
				return struct{}{}, nil
			}
			return struct{}{}, st.AbandonDraft(ctx, sheet)
		},
		func(m Model, _ struct{}, err error) (Model, tea.Cmd) {
			if err == nil {
				m.ops.setSheet(callID, 0)
			}
			return m.onCall(callID, func(c callScreen) (callScreen, callEvent) {
				c.busy = false
				if err != nil {
					return c, callEvent{}
				}
				return c, callEvent{kind: evAbandoned}
			})
		})
}
