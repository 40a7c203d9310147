package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"phoneaudit/store"
)

// watchEvery is how often the screens ask whether the database changed: a
// change by another session or process shows within a second. Each ask is
// one pragma on the store's watching connection, never a busy loop.
const watchEvery = 500 * time.Millisecond

// dataVersionMsg answers the ask: the database's data version.
type dataVersionMsg struct {
	version int64
	err     error
	files   error // the database's files were removed or replaced (store.CheckFiles)
}

// watchedMsg answers the reads that follow a change: the open round (one
// row: the whole session is read only when it moved) and the call on
// screen, when one is open. One message, so a change costs one frame.
type watchedMsg struct {
	round    store.Round
	hasRound bool
	callID   int64 // 0: no call was read
	call     callData
	leaseGen int // the take of the lease the call screen had when the read began
	err      error
}

// startWatch begins the watch once I am known; it runs until the program ends.
func (m Model) startWatch() (Model, tea.Cmd) {
	if m.watching || m.base == nil {
		return m, nil
	}
	m.watching = true
	return m, readDataVersion(m.ctx, m.base)
}

func readDataVersion(ctx context.Context, st *store.Store) tea.Cmd {
	return func() tea.Msg { return askVersion(ctx, st) }
}

// askVersion asks the data version, and whether the database's files are still the ones opened.
func askVersion(ctx context.Context, st *store.Store) dataVersionMsg {
	v, err := st.DataVersion(ctx)
	return dataVersionMsg{version: v, err: err, files: st.CheckFiles()}
}

// nextWatch asks again after watchEvery; the ask runs in the tick's own
// command, so a quiet database costs the screen one message a tick.
func (m Model) nextWatch() tea.Cmd {
	ctx, st := m.ctx, m.base
	return m.tick(watchEvery, func(time.Time) tea.Msg { return askVersion(ctx, st) })
}

// versionRead compares the version with the one seen last. When it moved,
// something was committed: the pages read what they show again, and the
// open round and the call on screen are read. A failed ask is asked again
// at the next tick: the screens that read show their own errors.
func (m Model) versionRead(msg dataVersionMsg) (Model, tea.Cmd) {
	next := m.nextWatch()
	if msg.files != nil && m.ops.broken == nil {
		m = m.filesChanged(msg.files)
	}
	if msg.err != nil {
		return m, next
	}
	seen, known := m.dataVersion, m.versionKnown
	m.dataVersion, m.versionKnown = msg.version, true
	if !known || seen == msg.version {
		return m, next
	}
	m, changed := m.broadcast(dataChangedMsg{})
	ctx, st := m.ctx, m.st
	var callID int64
	if m.call.open && !m.call.loading {
		callID = m.call.callID // the caller's dials, the panel's sheets, who has my sheet open
	}
	lease, gen := m.call.lease.asked, m.call.lease.gen
	// Beside the queue, never in front of my answers: another session's news can wait.
	read := func() tea.Msg {
		w := watchedMsg{callID: callID, leaseGen: gen}
		if w.round, w.hasRound, w.err = st.OpenRound(ctx); w.err != nil || callID == 0 {
			return w
		}
		w.call, w.err = readCall(ctx, st, callID, lease)
		return w
	}
	return m, tea.Batch(next, changed, read)
}

// watched takes what the reads after a change found.
func (m Model) watched(msg watchedMsg) (Model, tea.Cmd) {
	if msg.err != nil || !m.sess.known {
		return m, nil
	}
	var leased tea.Cmd
	if msg.callID != 0 && m.call.open && !m.call.loading && m.call.callID == msg.callID {
		if msg.call.leaseAsked {
			// First who has my sheet: a screen that lost it follows the other session from now.
			m, leased = m.leaseSeen(msg.callID, msg.leaseGen, msg.call.lease)
		}
		m.call = m.call.refreshed(msg.call)
	}
	m, cmd := m.roundChecked(msg.round, msg.hasRound)
	return m, tea.Batch(leased, cmd)
}

// roundChecked starts again on the round when it opened or closed, else
// reads tab 1's calls again (the selection stays) unless a call is open.
func (m Model) roundChecked(round store.Round, hasRound bool) (Model, tea.Cmd) {
	if hasRound != m.sess.hasRound || round.ID != m.sess.round.ID {
		return m, m.refreshSession()
	}
	if !m.sess.hasRound || m.call.open {
		return m, nil // the call screen reads the list again when it closes
	}
	// Through the queue, behind the writes still on their way: a read of its own could
	// overtake the one a submit queued and select the call just finished.
	return m, m.reloadCalls(0)
}
