package ui

import (
	"context"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"phoneaudit/lang"
	"phoneaudit/store"
)

// The queue of operations: every read and write of the database that must
// see the ones before it goes through it, one at a time and in the order
// the keys were pressed. Bubble Tea runs commands concurrently, so two
// answers typed quickly as separate commands could commit in the wrong
// order, and a read sent beside them could miss them; the queue starts the
// next operation only when the previous one has answered. A failed write
// stays at the head with its value: the next change, ctrl+r or quitting
// retries it first, so nothing typed is dropped and nothing overtakes it.
//
// Each operation carries its own work and its own reply (newOp builds both
// from typed functions), so the queue never asks what an operation does: a
// new one is one constructor, next to the screen that asks for it.

// op is one queued operation of the database: a read or a write.
type op struct {
	id     int
	queued time.Time // when the change was made: a key press, mostly
	callID int64     // 0 when it is not about a call
	// run does the work in a command and returns its answer, with the reply
	// that hands the typed result to the screen that asked for it.
	run func(ctx context.Context, st *store.Store, sheetID int64) opDoneMsg

	needsSheet bool // the work needs my draft sheet of the call: made on first use
	read       bool // changes nothing: does not count as unsaved, and tells no page of a change
	// dropOnError takes the operation off the queue when it fails: a submit
	// or a load is the user's decision to try again, not a value to keep.
	dropOnError bool
	// saysErrors: the reply words the operation's error itself (a page's
	// operation), so the status line does not repeat it.
	saysErrors bool
	// timed: Options.AnswerSaved is told how long the operation took from
	// its key press to its commit (an answer).
	timed bool
	// change words what a write of a call changes ("首问负责 否"), for the
	// screen that lost the sheet to another session and keeps it in words.
	change func(l lang.Lang) string
}

// opDoneMsg answers one queued operation.
type opDoneMsg struct {
	id      int
	sheetID int64 // my draft sheet of the call, when the operation used or made it
	err     error
	reply   func(m Model) (Model, tea.Cmd)
}

// newOp makes o the operation that does work and hands its typed result to
// reply when it answered (a nil reply: the screens need nothing back). A
// work that needs my draft sheet gets it made first when none exists yet.
func newOp[R any](o op, work func(ctx context.Context, st *store.Store, sheetID int64) (R, error), reply func(m Model, r R, err error) (Model, tea.Cmd)) op {
	needsSheet, callID := o.needsSheet, o.callID
	o.run = func(ctx context.Context, st *store.Store, sheetID int64) opDoneMsg {
		var r R
		var err error
		if needsSheet && sheetID == 0 {
			// My own sheet: the caller's draft, or a panel member's on another's call.
			var id int64
			if id, err = st.JoinCall(ctx, callID); err == nil {
				sheetID = id
			}
		}
		if err == nil {
			r, err = work(ctx, st, sheetID)
		}
		return opDoneMsg{sheetID: sheetID, err: err, reply: func(m Model) (Model, tea.Cmd) {
			if reply == nil {
				return m, nil
			}
			return reply(m, r, err)
		}}
	}
	return o
}

// writeOp is a write whose reply needs nothing but its success: the screen
// showed the change when it was made.
func writeOp(o op, do func(ctx context.Context, st *store.Store, sheetID int64) error) op {
	return newOp(o, func(ctx context.Context, st *store.Store, sheetID int64) (struct{}, error) {
		return struct{}{}, do(ctx, st, sheetID)
	}, nil)
}

// opQueue is the operations not yet done, the head first.
type opQueue struct {
	lastID  int
	pending []op
	running bool  // the head's command is out
	failed  error // the head's last error, until it is retried
	// busySince is when the head first met another process's long write
	// (store.ErrBusy after SQLite's busy_timeout); waiting: it is sent again
	// by itself, in order, until busyPatience has passed, and only then asks.
	busySince time.Time
	waiting   bool
	// broken is the database's files removed or replaced under the program
	// (store.ErrFilesChanged): nothing more can be saved, and the header says so.
	broken error
	// sheets maps a call to my draft sheet, so the draft is made only when
	// the first answer needs it (an unreachable call gets none): learnt from
	// the operation that made it, from the read of the call, and forgotten
	// once the sheet is submitted or abandoned.
	sheets map[int64]int64
}

func newOpQueue() opQueue {
	return opQueue{sheets: map[int64]int64{}}
}

// unsaved says whether a change is still on its way to the database.
func (q opQueue) unsaved() bool {
	for _, o := range q.pending {
		if !o.read {
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
	markBroken  // nothing more can be saved
	markWaiting // another process is writing: the head is sent again by itself
)

// busyPatience is how long a save waits out another process's write, sent
// again and again, before it asks (✗ 未保存 … ctrl+r): a minute. busyRetryEvery
// is the pause between two tries; each try itself waits SQLite's
// busy_timeout for the lock.
const (
	busyPatience   = time.Minute
	busyRetryEvery = 250 * time.Millisecond
)

// busyRetryMsg sends a waiting head again.
type busyRetryMsg struct{ id int }

func (q opQueue) mark() saveMark {
	switch {
	case q.broken != nil:
		return markBroken
	case q.failed != nil:
		return markFailed
	case q.waiting:
		return markWaiting
	case q.unsaved():
		return markSaving
	}
	return markSaved
}

func (q *opQueue) setSheet(callID, sheetID int64) {
	if sheetID == 0 {
		delete(q.sheets, callID)
		return
	}
	q.sheets[callID] = sheetID
}

// enqueue adds operations to the queue and starts the head when nothing is
// running; a failed head is retried first, before the new change.
func (m *Model) enqueue(more ...op) tea.Cmd {
	m.ops.add(more...)
	if m.ops.running {
		return nil
	}
	m.ops.failed, m.ops.waiting = nil, false
	return m.startHead()
}

// add queues operations without starting any.
func (q *opQueue) add(more ...op) {
	for _, o := range more {
		q.lastID++
		o.id = q.lastID
		o.queued = time.Now()
		q.pending = append(q.pending, o)
	}
}

// startHead sends the head of the queue to the database.
func (m *Model) startHead() tea.Cmd {
	q := &m.ops
	if len(q.pending) == 0 || q.running {
		return nil
	}
	o := q.pending[0]
	q.running = true
	ctx, st, sheet := m.ctx, m.st, q.sheets[o.callID]
	return func() tea.Msg {
		msg := o.run(ctx, st, sheet)
		msg.id = o.id
		return msg
	}
}

// busyRetry sends the waiting head again, unless it is already on its way
// (a change typed meanwhile sent it) or has gone.
func (m *Model) busyRetry(msg busyRetryMsg) tea.Cmd {
	q := &m.ops
	if !q.waiting || q.running || len(q.pending) == 0 || q.pending[0].id != msg.id {
		return nil
	}
	q.waiting = false
	return m.startHead()
}

// retryOps sends a failed head again (ctrl+r).
func (m *Model) retryOps() tea.Cmd {
	if m.ops.failed == nil || m.ops.running {
		return nil
	}
	m.ops.failed = nil
	m.status = status{text: tr(m.lang, msgRetrying)}
	return m.startHead()
}

// opDone takes the head off the queue when it succeeded, hands its answer
// to its reply, and starts the next one.
func (m Model) opDone(msg opDoneMsg) (Model, tea.Cmd) {
	q := &m.ops
	if len(q.pending) == 0 || q.pending[0].id != msg.id {
		return m, nil // not ours: a test fed a stale answer
	}
	q.running = false
	o := q.pending[0]
	if o.callID != 0 && msg.sheetID != 0 {
		q.setSheet(o.callID, msg.sheetID)
	}
	if msg.err != nil && o.needsSheet && errors.Is(msg.err, store.ErrImmutable) {
		// My sheet is no longer a draft (submitted in another session, dropped, or abandoned when
		// a lead handed the call on): no retry can save this, and keeping it at the head would
		// stop every operation behind it. It is dropped with its error on screen, and the sheet
		// forgotten, so the call is read afresh when it is opened again.
		o.dropOnError = true
		q.setSheet(o.callID, 0)
	}
	var held *store.LeaseError
	if msg.err != nil && o.callID != 0 && !o.read && errors.As(msg.err, &held) {
		// Another session has my sheet open: no retry can save this write, and it must not
		// overwrite that session's work.
		return m.writeRefused(o, held.Lease)
	}
	if msg.err != nil && errors.Is(msg.err, store.ErrBusy) && !errors.Is(msg.err, store.ErrFilesChanged) {
		now := m.now()
		if q.busySince.IsZero() {
			q.busySince = now
		}
		if now.Sub(q.busySince) < busyPatience {
			// Another process holds the write lock: wait it out, in order, with
			// the state in the header; what is typed meanwhile queues behind.
			q.waiting = true
			m.status = status{text: tr(m.lang, msgBusyWaiting), fromWrites: true}
			id := o.id
			return m, m.tick(busyRetryEvery, func(time.Time) tea.Msg { return busyRetryMsg{id: id} })
		}
	}
	q.busySince, q.waiting = time.Time{}, false
	if msg.err != nil && !o.dropOnError {
		return m.opFailed(msg.err), nil
	}
	q.pending = q.pending[1:]
	q.failed = nil
	if m.status.fromWrites {
		m.status = status{}
	}
	if msg.err == nil && o.timed && m.saved != nil {
		m.saved(time.Since(o.queued))
	}
	if msg.err != nil && !o.saysErrors { // dropped: a load, a submit or an abandon to try again
		m.status = status{text: tr(m.lang, msgActionFailed, errText(m.lang, msg.err)), isErr: true}
	}
	var cmd, changed tea.Cmd
	m, cmd = msg.reply(m)
	if msg.err == nil && !o.read {
		// The pages showing the data again (tabs 3 and 5) learn it changed.
		m, changed = m.broadcast(dataChangedMsg{})
	}
	if msg.err != nil && !o.read && m.quitting {
		// A dropped write (a submit, an abandon, a lead's step) failed while quitting: stay, so
		// the user knows it is not in the database; the next ctrl+c quits anyway.
		m.quitting, m.flushFailed = false, true
		m.status = status{text: tr(m.lang, msgQuitFlushFailed, errText(m.lang, msg.err)), isErr: true}
		m.syncKeys()
	}
	next := m.startHead()
	if m.quitting && !m.ops.unsaved() {
		m.status = status{} // everything is in: the last frame says nothing of saving
		return m, tea.Quit
	}
	return m, tea.Batch(cmd, changed, next)
}

// filesChanged stops the writes: the database's -wal file or the file itself
// was removed or replaced outside phoneaudit, so nothing written from now on
// would be read again. The header says ✗ 无法保存 and the status line why,
// until the program ends.
func (m Model) filesChanged(err error) Model {
	m.ops.broken = err
	m.status = status{text: errText(m.lang, err), isErr: true}
	return m
}

// opFailed keeps the failed change at the head and says so in words.
func (m Model) opFailed(err error) Model {
	m.ops.failed = err
	if errors.Is(err, store.ErrFilesChanged) {
		m = m.filesChanged(err)
		if m.quitting {
			m.quitting, m.flushFailed = false, true
			m.status.text = tr(m.lang, msgQuitFlushFailed, errText(m.lang, err))
		}
		m.syncKeys()
		return m
	}
	if m.ops.broken != nil {
		err = m.ops.broken
	}
	text := tr(m.lang, msgSaveFailed, errText(m.lang, err))
	if m.quitting {
		// Stay: the user must know the last change is not in the database.
		m.quitting, m.flushFailed = false, true
		text = tr(m.lang, msgQuitFlushFailed, errText(m.lang, err))
	}
	m.status = status{text: text, isErr: true, fromWrites: true}
	m.syncKeys()
	return m
}
