package ui

import (
	"context"
	"errors"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"phoneaudit/lang"
	"phoneaudit/store"
)

// One live editor per score sheet (issue 14). The call screen that edits my
// sheet of a call — as its caller or on its panel — holds the sheet's lease
// in the database while it is open, renews it on its own tick and gives it
// up when it closes. Opened where another session holds it, the screen is
// read-only: it says where and since when, follows that session's saves, and
// T takes the sheet over after a confirm. A screen that lost its lease to a
// take-over turns read-only at once: its queued writes are refused and kept
// on screen in words (to be entered again), what it saved stays, and T takes
// the sheet back. The store refuses every write from elsewhere on its own
// (store.LeaseError), so a screen that has not heard yet loses nothing
// either.

// leaseEvery is how often the screen renews the lease it holds: four times
// within store.LeaseExpiry, so a busy moment does not lose it.
const leaseEvery = store.LeaseExpiry / 4

// sheetLease is what the call screen knows of the lease of my sheet.
type sheetLease struct {
	asked    bool        // I edit the sheet of a running call: the screen holds its lease or shows who does
	mine     bool        // I hold it
	other    store.Lease // another session holds it: the screen is read-only
	lost     bool        // I held it and another session took it over
	opening  bool        // a take of a lease nobody holds is on its way
	gen      int         // which take of mine this is (Model.leaseSeq), so a late answer about an earlier one is ignored
	rejected []string    // my changes refused since I lost it, in words
}

// elsewhere says whether another session has my sheet open: the screen is read-only.
func (c callScreen) elsewhere() bool { return c.lease.asked && !c.lease.mine && c.lease.other.Held() }

// withLease takes what opening the sheet found: mine (gen is the new take),
// another session's, or none needed (the call no longer runs).
func (c callScreen) withLease(d callData, gen int) callScreen {
	if !d.leaseAsked {
		return c
	}
	rejected := c.lease.rejected
	switch {
	case d.lease.Mine:
		c.lease = sheetLease{asked: true, mine: true, gen: gen}
		if len(rejected) > 0 {
			c.note = tr(c.lang, msgLeaseEnterAgain, strings.Join(rejected, tr(c.lang, msgListSep)))
		}
	case d.lease.Held():
		c.lease = sheetLease{asked: true, other: d.lease, lost: c.lease.lost, gen: gen, rejected: rejected}
	default:
		c.lease = sheetLease{}
	}
	c.syncKeys()
	return c
}

// lose turns the screen read-only: another session took my sheet over. The
// notes typed and not yet sent go with the refused changes.
func (c callScreen) lose(l store.Lease, rejected []string) callScreen {
	if notes := c.notesArea.Value(); notes != c.notesSaved {
		rejected = append(rejected, tr(c.lang, msgNotesIs, oneLine(notes)))
		c.notesSaved = notes // nothing more to send
	}
	c.notesSeq++ // a notes tick on its way finds nothing to do
	c = c.closeForm()
	c.busy, c.note, c.undo = false, "", nil
	c.lease.mine, c.lease.lost, c.lease.other, c.lease.opening = false, true, l, false
	c.lease.rejected = append(c.lease.rejected, rejected...)
	c.syncKeys()
	return c
}

// followed is the screen of a sheet open elsewhere after a read: what that
// session saved, as the database has it.
func (c callScreen) followed(d callData) callScreen {
	form, note := c.form, c.note
	c = c.loaded(d)
	c.form, c.note = form, note
	c.syncKeys()
	return c
}

// askTakeOver asks before the sheet is taken from the other session.
func (c callScreen) askTakeOver() callScreen {
	c.form = formTakeOver
	return c
}

// leaseLines is what the read-only screen says of the other session: where
// and since when, then my changes it refused.
func (c callScreen) leaseLines(width int) []string {
	l, st := c.lang, c.styles
	o := c.lease.other
	where, since := placeWords(l, o.Place), formatWhen(o.Since, c.now(), c.sess.loc)
	text := tr(l, msgLeaseOpenElsewhere, where, since)
	if c.lease.lost {
		text = tr(l, msgLeaseTakenOver, where, since)
	}
	lines := wrapStyled(st.Note, text, width)
	if len(c.lease.rejected) > 0 {
		lines = append(lines, wrapStyled(st.Problem, tr(l, msgLeaseRejected, strings.Join(c.lease.rejected, tr(l, msgListSep))), width)...)
	}
	return lines
}

// takeOverQuestion is the confirm of T.
func (c callScreen) takeOverQuestion(width int) []string {
	l, st := c.lang, c.styles
	o := c.lease.other
	q := tr(l, msgTakeOverQuestion, placeWords(l, o.Place), formatWhen(o.Since, c.now(), c.sess.loc))
	return append(wrapStyled(st.PanelTitle, q, width), st.Hint.Render(tr(l, msgTakeOverKeys)))
}

// placeWords is where a session runs: "SSH 10.0.0.5（wang）", "本机终端
// /dev/pts/3（pid 1234）".
func placeWords(l lang.Lang, p store.Place) string {
	switch {
	case p.SSH && p.Login != "":
		return tr(l, msgPlaceSSH, p.Remote, p.Login)
	case p.SSH:
		return tr(l, msgPlaceSSHAnon, p.Remote)
	case p.Host != "" && p.Host != store.LocalPlace("").Host:
		return tr(l, msgPlaceOtherHost, p.Host, orDash(p.TTY), p.PID)
	case p.TTY != "":
		return tr(l, msgPlaceTerminal, p.TTY, p.PID)
	}
	return tr(l, msgPlaceNoTTY, p.PID)
}

// leaseErrText words a write refused because another session has the sheet open.
func leaseErrText(l lang.Lang, err error) (string, bool) {
	var le *store.LeaseError
	if !errors.As(err, &le) {
		return "", false
	}
	return tr(l, msgErrLease, placeWords(l, le.Lease.Place)), true
}

// The operations of the lease. Each is beside the queue (read: it changes
// nothing the screens show), dropped when it fails: a lease that is not
// taken or renewed is asked again, or expires by itself.

// openRead takes the lease of my sheet when I edit it (edit: I am the
// caller or join the panel; else when the read finds my draft), then reads
// the call, so the read has everything saved before the take.
func openRead(ctx context.Context, st *store.Store, callID int64, edit bool) (callData, error) {
	if !edit {
		d, err := readCall(ctx, st, callID, false)
		if err != nil || d.sheet.ID == 0 {
			return d, err
		}
	}
	l, err := st.OpenSheet(ctx, callID)
	if errors.Is(err, store.ErrReadOnly) {
		return readCall(ctx, st, callID, false) // a read-only file: nothing to guard, every write is refused
	}
	if err != nil {
		return callData{}, err
	}
	d, err := readCall(ctx, st, callID, false)
	d.lease, d.leaseAsked = l, true
	return d, err
}

// leaseOpenOp takes a lease nobody holds any more (the other session left,
// or a hand-on freed it) and reads the call afresh.
func leaseOpenOp(callID int64) op {
	return newOp(op{callID: callID, read: true, dropOnError: true},
		func(ctx context.Context, st *store.Store, _ int64) (callData, error) {
			return openRead(ctx, st, callID, true)
		},
		func(m Model, d callData, err error) (Model, tea.Cmd) {
			if !m.call.open || m.call.callID != callID {
				return m, nil
			}
			m.call.lease.opening = false
			if err != nil {
				return m, nil // asked again at the next read that finds it free
			}
			m.ops.setSheet(callID, d.sheet.ID)
			was := m.call.lease
			m.call = m.call.loaded(d).withLease(d, m.nextLease())
			if m.call.lease.mine && was.other.Held() {
				m.status = status{text: tr(m.lang, msgLeaseFreed)}
			}
			return m, nil
		})
}

// takeOverOp takes my sheet from the session that has it open and reads the
// call as it now stands.
func takeOverOp(callID int64) op {
	return newOp(op{callID: callID, read: true, dropOnError: true},
		func(ctx context.Context, st *store.Store, _ int64) (callData, error) {
			was, err := st.TakeOver(ctx, callID)
			if err != nil {
				return callData{}, err
			}
			d, err := readCall(ctx, st, callID, true)
			d.took = was
			return d, err
		},
		func(m Model, d callData, err error) (Model, tea.Cmd) {
			if !m.call.open || m.call.callID != callID {
				return m, nil
			}
			m.call.busy = false
			if err != nil {
				m.call.syncKeys()
				return m, nil // the status line says why
			}
			m.ops.setSheet(callID, d.sheet.ID)
			m.call = m.call.loaded(d).withLease(d, m.nextLease())
			m.status = status{text: tr(m.lang, msgTookOver, placeWords(m.lang, d.took.Place))}
			return m, nil
		})
}

// releaseOp gives up the lease of a sheet whose screen closed.
func releaseOp(callID int64) op {
	return writeOp(op{callID: callID, read: true, dropOnError: true, saysErrors: true},
		func(ctx context.Context, st *store.Store, _ int64) error { return st.ReleaseSheet(ctx, callID) })
}

// nextLease numbers a take of a lease.
func (m *Model) nextLease() int {
	m.leaseSeq++
	return m.leaseSeq
}

// releaseLease is the release of the lease the closing call screen holds.
func (m *Model) releaseLease() tea.Cmd {
	if !m.call.open || !m.call.lease.mine {
		return nil
	}
	return m.enqueue(releaseOp(m.call.callID))
}

// leaseSeen acts on what a read or a heartbeat found of the lease of the
// sheet on screen (gen: the take it was asked for).
func (m Model) leaseSeen(callID int64, gen int, l store.Lease) (Model, tea.Cmd) {
	c := &m.call
	if !c.open || c.callID != callID || !c.lease.asked || c.lease.gen != gen {
		return m, nil
	}
	switch {
	case l.Mine:
		return m, nil
	case l.Held() && c.lease.mine:
		return m.leaseLost(callID, l, nil)
	case l.Held():
		c.lease.other = l
		return m, nil
	case c.lease.opening:
		return m, nil
	}
	// Nobody holds it: the other session left, or a hand-on freed it.
	c.lease.opening = true
	return m, m.enqueue(leaseOpenOp(callID))
}

// leaseLost turns the call screen read-only after another session took my
// sheet over: my queued writes of the call are refused, and they and
// rejected (a write the store refused) stay on screen in words; the call is
// read again, so the screen shows what is saved, not what was refused.
func (m Model) leaseLost(callID int64, l store.Lease, rejected []string) (Model, tea.Cmd) {
	rejected = append(rejected, m.ops.reject(callID, m.lang)...)
	if !m.call.open || m.call.callID != callID {
		return m, nil
	}
	m.call = m.call.lose(l, rejected)
	return m, m.enqueue(refreshRead(callID))
}

// writeRefused handles a write the store refused because another session
// holds the sheet: the write and those queued behind it for the call are
// refused; the next operation goes on.
func (m Model) writeRefused(o op, l store.Lease) (Model, tea.Cmd) {
	m.ops.pending = m.ops.pending[1:]
	m.ops.failed = nil
	var words []string
	if o.change != nil {
		words = append(words, o.change(m.lang))
	}
	m, read := m.leaseLost(o.callID, l, words)
	if m.quitting {
		// Stay: the user must know the last changes are not in the database.
		m.quitting, m.flushFailed = false, true
		m.status = status{text: tr(m.lang, msgQuitFlushFailed, tr(m.lang, msgErrLease, placeWords(m.lang, l.Place))), isErr: true}
	}
	m.syncKeys()
	return m, tea.Batch(read, m.startHead())
}

// reject takes the writes of a call that are not running off the queue and
// returns them in words.
func (q *opQueue) reject(callID int64, l lang.Lang) []string {
	var words []string
	kept := q.pending[:0:0]
	for i, o := range q.pending {
		if o.callID != callID || o.read || (i == 0 && q.running) {
			kept = append(kept, o)
			continue
		}
		if o.change != nil {
			words = append(words, o.change(l))
		}
	}
	q.pending = kept
	return words
}

// leaseTickMsg is the call screen's tick to renew its lease.
type leaseTickMsg struct{ gen int }

// leaseBeatMsg answers a heartbeat: the lease as it stands.
type leaseBeatMsg struct {
	callID int64
	gen    int
	lease  store.Lease
	err    error
}

// beat starts the ticks of the heartbeat while the call screen holds its
// lease; they stop by themselves when it no longer does.
func (m *Model) beat() tea.Cmd {
	if m.beatOn || !m.call.open || !m.call.lease.mine || m.st == nil {
		return nil
	}
	m.beatOn = true
	m.beatGen++
	gen := m.beatGen
	return m.tick(leaseEvery, func(time.Time) tea.Msg { return leaseTickMsg{gen: gen} })
}

// leaseTicked renews the lease beside the queue: a write that waits must not
// let the lease expire behind it.
func (m Model) leaseTicked(msg leaseTickMsg) (Model, tea.Cmd) {
	if msg.gen != m.beatGen {
		return m, nil
	}
	if !m.call.open || !m.call.lease.mine {
		m.beatOn = false
		return m, nil
	}
	ctx, st, callID, gen := m.ctx, m.st, m.call.callID, m.call.lease.gen
	return m, func() tea.Msg {
		l, err := st.Heartbeat(ctx, callID)
		return leaseBeatMsg{callID: callID, gen: gen, lease: l, err: err}
	}
}

// leaseBeat takes the heartbeat's answer; the next tick follows (beat).
func (m Model) leaseBeat(msg leaseBeatMsg) (Model, tea.Cmd) {
	m.beatOn = false
	if msg.err != nil {
		return m, nil // renewed at the next tick; the lease outlives several
	}
	return m.leaseSeen(msg.callID, msg.gen, msg.lease)
}
