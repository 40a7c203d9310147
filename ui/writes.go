package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"phoneaudit/scoring"
	"phoneaudit/store"
)

// The write queue: every change the auditor makes is committed through the
// store as it is made, one database operation at a time and in the order
// the keys were pressed. Bubble Tea runs commands concurrently, so two
// answers typed quickly as separate commands could commit in the wrong
// order; the queue starts the next operation only when the previous one has
// answered. A failed operation stays at the head with its value: the next
// change, ctrl+r or quitting retries it first, so nothing typed is dropped
// and nothing overtakes it.

// writeKind says what a queued operation does, so that its result reaches
// the screen that asked for it.
type writeKind int

const (
	wRemember    writeKind = iota // who this OS user is
	wLoadCall                     // a read of a call, queued so it sees every earlier write
	wTimer                        // the timer mark: dialling starts
	wAttempt                      // one dial and its outcome
	wUndoAttempt                  // the last dial taken back
	wSeconds                      // seconds until answered
	wAnswer                       // one answer of my draft
	wClearAnswer                  // one answer unset (undo)
	wAnsweredBy                   // 工号 and 姓名 of who answered
	wRecording                    // the recording file
	wNotes                        // the notes (debounced)
	wSubmit                       // my sheet submitted
	wAbandon                      // my draft abandoned
	wLoadCalls                    // a read of the list, queued behind the writes it must show
	wLoadSession                  // the open round read again after a lead opened or closed one
	wPageRead                     // a read of tab 3 or 5, queued behind the writes it must show
	wRoundNew                     // tab 3: a round created
	wRoundPlan                    // tab 3: a round's calls planned
	wRoundOpen                    // tab 3: a round in planning opened
	wRoundReopen                  // tab 3: a closed round opened again, with a reason
	wRoundClose                   // tab 3: an open round closed
	wPublish                      // tab 5: a closed round published
	wCallMove                     // tab 3: a planned call given another auditor or slot
	wLeadOp                       // tabs 2 and 4: a notice reported, verified or extended
	wRefreshCall                  // the open call read again after another session changed it
	wReview                       // a lead's consensus or acceptance of a call that needed review
)

// writeResult is what an operation learned from the database.
type writeResult struct {
	sheetID int64              // my draft sheet of the call, when the operation used or made it
	status  scoring.CallStatus // wAttempt: the call's status after the dial
	result  scoring.Result     // wSubmit: the call's result as it stands
	loaded  callData           // wLoadCall
	calls   []store.Call       // wLoadCalls
	live    []store.LiveCall   // wLoadCalls: the running calls I may join
	after   int64              // wLoadCalls: select the next call to make after this one
	sess    session            // wLoadSession
	value   any                // a page's operation: what it learnt, for its reply
}

// writeFunc does one operation. sheetID is my draft sheet of the call (made
// first when the write needs one and none exists yet).
type writeFunc func(ctx context.Context, st *store.Store, sheetID int64) (writeResult, error)

// write is one queued database operation.
type write struct {
	id     int
	queued time.Time // when the change was made: a key press, mostly
	kind   writeKind
	callID int64 // 0 when it is not about a call
	run    writeFunc

	needsSheet bool // run needs my draft sheet: Draft makes it on first use
	read       bool // changes nothing: does not count as unsaved
	// dropOnError takes the operation off the queue when it fails: a submit
	// or a load is the user's decision to try again, not a value to keep.
	dropOnError bool
	// reply turns the result of a page's operation into the message every
	// page receives; the page words its own errors, so the status line
	// does not repeat them.
	reply func(res writeResult, err error) tea.Msg
}

// writeQueue is the operations not yet done, the head first.
type writeQueue struct {
	lastID  int
	pending []write
	running bool  // the head's command is out
	failed  error // the head's last error, until it is retried
	// sheets maps a call to my draft sheet, learnt from Draft, so the draft is
	// made only when the first answer needs it (an unreachable call gets none).
	sheets map[int64]int64
}

func newWriteQueue() writeQueue {
	return writeQueue{sheets: map[int64]int64{}}
}

// unsaved says whether a change is still on its way to the database.
func (q writeQueue) unsaved() bool {
	for _, w := range q.pending {
		if !w.read {
			return true
		}
	}
	return false
}

// saveMark is the header's word on the writes.
type saveMark int

const (
	markSaved saveMark = iota
	markSaving
	markFailed
)

func (q writeQueue) mark() saveMark {
	switch {
	case q.failed != nil:
		return markFailed
	case q.unsaved():
		return markSaving
	}
	return markSaved
}

// learnSheet keeps track of my draft sheet of each call: made by the first
// answer, read when a call is opened, gone once submitted or abandoned.
func (q *writeQueue) learnSheet(w write, res writeResult, err error) {
	switch {
	case w.callID == 0:
	case err == nil && w.kind == wLoadCall:
		q.setSheet(w.callID, res.loaded.sheet.ID)
	case err == nil && (w.kind == wSubmit || w.kind == wAbandon):
		q.setSheet(w.callID, 0)
	case res.sheetID != 0:
		q.setSheet(w.callID, res.sheetID)
	}
}

func (q *writeQueue) setSheet(callID, sheetID int64) {
	if sheetID == 0 {
		delete(q.sheets, callID)
		return
	}
	q.sheets[callID] = sheetID
}

// writeDoneMsg answers one queued operation.
type writeDoneMsg struct {
	id  int
	res writeResult
	err error
}

// enqueue adds operations to the queue and starts the head when nothing is
// running; a failed head is retried first, before the new change.
func (m *Model) enqueue(ws ...write) tea.Cmd {
	m.writes.add(ws...)
	if m.writes.running {
		return nil
	}
	m.writes.failed = nil
	return m.startHead()
}

// add queues operations without starting any.
func (q *writeQueue) add(ws ...write) {
	for _, w := range ws {
		q.lastID++
		w.id = q.lastID
		w.queued = time.Now()
		q.pending = append(q.pending, w)
	}
}

// startHead sends the head of the queue to the database.
func (m *Model) startHead() tea.Cmd {
	q := &m.writes
	if len(q.pending) == 0 || q.running {
		return nil
	}
	w := q.pending[0]
	q.running = true
	ctx, st, sheet := m.ctx, m.st, q.sheets[w.callID]
	return func() tea.Msg {
		if w.needsSheet && sheet == 0 {
			// My own sheet: the caller's draft, or a panel member's on another's call.
			id, err := st.JoinCall(ctx, w.callID)
			if err != nil {
				return writeDoneMsg{id: w.id, err: err}
			}
			sheet = id
		}
		res, err := w.run(ctx, st, sheet)
		if res.sheetID == 0 {
			res.sheetID = sheet
		}
		return writeDoneMsg{id: w.id, res: res, err: err}
	}
}

// retryWrites sends a failed head again (ctrl+r).
func (m *Model) retryWrites() tea.Cmd {
	if m.writes.failed == nil || m.writes.running {
		return nil
	}
	m.writes.failed = nil
	m.status = status{text: m.lang.tr(msgRetrying)}
	return m.startHead()
}

// writeDone takes the head off the queue when it succeeded, hands its result
// to the screen that made it, and starts the next one.
func (m Model) writeDone(msg writeDoneMsg) (Model, tea.Cmd) {
	q := &m.writes
	if len(q.pending) == 0 || q.pending[0].id != msg.id {
		return m, nil // not ours: a test fed a stale answer
	}
	q.running = false
	w := q.pending[0]
	q.learnSheet(w, msg.res, msg.err)
	if msg.err != nil && !w.dropOnError {
		return m.writeFailed(msg.err), nil
	}
	q.pending = q.pending[1:]
	q.failed = nil
	if m.status.fromWrites {
		m.status = status{}
	}
	if msg.err == nil && w.kind == wAnswer && m.saved != nil {
		m.saved(time.Since(w.queued))
	}
	if msg.err != nil && w.reply == nil { // dropped: a load, a submit or an abandon to try again
		m.status = status{text: m.lang.tr(msgActionFailed, errText(m.lang, msg.err)), isErr: true}
	}
	var cmd, changed tea.Cmd
	m, cmd = m.routeWrite(w, msg)
	if msg.err == nil && !w.read {
		// The pages showing the data again (tabs 3 and 5) learn it changed.
		m, changed = m.broadcast(dataChangedMsg{})
	}
	next := m.startHead()
	if m.quitting && !m.writes.unsaved() {
		m.status = status{} // everything is in: the last frame says nothing of saving
		return m, tea.Quit
	}
	return m, tea.Batch(cmd, changed, next)
}

// writeFailed keeps the failed change at the head and says so in words.
func (m Model) writeFailed(err error) Model {
	m.writes.failed = err
	text := m.lang.tr(msgSaveFailed, errText(m.lang, err))
	if m.quitting {
		// Stay: the user must know the last change is not in the database.
		m.quitting, m.flushFailed = false, true
		text = m.lang.tr(msgQuitFlushFailed, errText(m.lang, err))
	}
	m.status = status{text: text, isErr: true, fromWrites: true}
	m.syncKeys()
	return m
}

// routeWrite hands a finished operation to the screen that asked for it.
func (m Model) routeWrite(w write, msg writeDoneMsg) (Model, tea.Cmd) {
	switch {
	case w.reply != nil:
		return m.pageReply(w, msg)
	case w.kind == wLoadSession:
		return m.sessionRefreshed(msg)
	}
	if w.kind == wLoadCalls {
		m.setCalls(m.callsPage().loaded(callsLoadedMsg{calls: msg.res.calls, live: msg.res.live, err: msg.err, after: msg.res.after}))
		return m, nil
	}
	if w.callID == 0 || !m.call.open || m.call.callID != w.callID {
		return m, nil
	}
	var ev callEvent
	m.call, ev = m.call.writeDone(w.kind, msg.res, msg.err)
	if w.kind == wLoadCall {
		return m.replayEarlyKeys()
	}
	return m.callEvent(ev)
}
