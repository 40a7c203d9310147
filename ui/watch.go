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

// watchTickMsg is the tick of the watch: time to ask again.
type watchTickMsg struct{}

// dataVersionMsg answers the ask: the database's data version.
type dataVersionMsg struct {
	version int64
	err     error
}

// roundCheckedMsg answers the read of the open round after a change.
type roundCheckedMsg struct {
	round    store.Round
	hasRound bool
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
	return func() tea.Msg {
		v, err := st.DataVersion(ctx)
		return dataVersionMsg{version: v, err: err}
	}
}

// versionRead compares the version with the one seen last. When it moved,
// something was committed: the pages read what they show again, tab 1
// reads its calls, and the open round is read in case it opened or closed.
// A failed ask is asked again at the next tick: the screens that read show
// their own errors.
func (m Model) versionRead(msg dataVersionMsg) (Model, tea.Cmd) {
	next := m.tick(watchEvery, func(time.Time) tea.Msg { return watchTickMsg{} })
	if msg.err != nil {
		return m, next
	}
	seen, known := m.dataVersion, m.versionKnown
	m.dataVersion, m.versionKnown = msg.version, true
	if !known || seen == msg.version {
		return m, next
	}
	m, changed := m.broadcast(dataChangedMsg{})
	if m.call.open && !m.call.loading {
		// The call on screen follows too: the caller's dials, the panel's sheets.
		changed = tea.Batch(changed, refreshCall(m.ctx, m.st, m.call.callID))
	}
	ctx, st := m.ctx, m.st
	check := func() tea.Msg { // one row: the whole session is read only when the round moved
		r, ok, err := st.OpenRound(ctx)
		return roundCheckedMsg{round: r, hasRound: ok, err: err}
	}
	return m, tea.Batch(next, changed, check)
}

// roundChecked starts again on the round when it opened or closed, else
// reads tab 1's calls again (the selection stays) unless a call is open.
func (m Model) roundChecked(msg roundCheckedMsg) (Model, tea.Cmd) {
	if msg.err != nil || !m.sess.known {
		return m, nil
	}
	if msg.hasRound != m.sess.hasRound || msg.round.ID != m.sess.round.ID {
		return m, m.refreshSession()
	}
	if !m.sess.hasRound || m.call.open {
		return m, nil // the call screen reads the list again when it closes
	}
	// Through the queue, behind the writes still on their way: a read of its own could
	// overtake the one a submit queued and select the call just finished.
	return m, m.reloadCalls(0)
}
