package ui

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"time"

	tea "charm.land/bubbletea/v2"

	"phoneaudit/scoring"
	"phoneaudit/store"
)

// What tab 3 asks of the database, and what it does with the answers. Every
// operation goes through the root's queue of operations: the reads so that
// they see the writes before them, the writes so that they commit in the
// order the keys were pressed.

// roundsLoadedMsg answers roundsRead.
type roundsLoadedMsg struct {
	rounds  []store.Round
	pending map[int64]bool // published rounds with a correction to publish (a lead's list)
	err     error
}

func roundsRead(lead bool) op {
	return pageRead(func(ctx context.Context, st *store.Store) tea.Msg {
		rs, err := st.Rounds(ctx)
		if err != nil || !lead {
			return roundsLoadedMsg{rounds: rs, err: err}
		}
		pending, err := st.PendingCorrections(ctx)
		return roundsLoadedMsg{rounds: rs, pending: pending, err: err}
	})
}

// roundDetailMsg answers the read of one round's detail.
type roundDetailMsg struct {
	roundID int64
	detail  roundDetail
	err     error
}

// askDetail reads the detail of the selected round. One read at a time: a
// quick run through the list asks again, once, for where it stopped.
func (p roundsPage) askDetail() roundsPage {
	r, ok := p.selected()
	if !ok {
		return p
	}
	if p.hasDetail && p.detail.round.ID != r.ID {
		p.hasDetail = false
		p = p.laidOut(true) // "reading…" rather than another round's detail
	}
	if p.detailPending {
		p.detailAgain = true
		return p
	}
	p.detailPending = true
	var mine int64
	if !p.sess.lead() {
		mine = p.sess.me.ID // an auditor reads only their own calls
	}
	cal, loc, lead := p.sess.cal, p.sess.loc, p.sess.lead()
	p.out = append(slices.Clip(p.out), pageRead(func(ctx context.Context, st *store.Store) tea.Msg {
		d, err := readDetail(ctx, st, r, mine, lead, cal, loc)
		return roundDetailMsg{roundID: r.ID, detail: d, err: err}
	}))
	return p
}

func (p roundsPage) detailLoaded(msg roundDetailMsg) roundsPage {
	p.detailPending = false
	r, ok := p.selected()
	if p.detailAgain || !ok || r.ID != msg.roundID {
		p.detailAgain = false
		return p.askDetail()
	}
	if msg.err != nil {
		p.detail, p.hasDetail = roundDetail{round: r, err: errText(p.lang, msg.err)}, true
		return p.laidOut(true)
	}
	if !p.hasDetail || p.detail.round.ID != msg.roundID {
		p.detailView.GotoTop() // another round: start at its top
	}
	p.detail, p.hasDetail = msg.detail, true
	return p.laidOut(true)
}

// readDetail reads what the detail pane shows of round r: its rubric, its
// calls (only mine when mine is set) and, for an open round, the dials of
// the calls under way, to know which wait for a retry and from when. The
// plan of a round still in planning is checked again for a lead.
func readDetail(ctx context.Context, st *store.Store, r store.Round, mine int64, lead bool, cal scoring.Calendar, loc *time.Location) (roundDetail, error) {
	d := roundDetail{round: r, mine: mine != 0}
	if r.RubricVersion > 0 {
		rub, err := st.Rubric(ctx, r.RubricVersion)
		if err != nil {
			return d, err
		}
		d.rubric, d.hasRubric = rub, true
	}
	calls, err := st.Calls(ctx, store.CallFilter{RoundID: r.ID, AuditorID: mine})
	if err != nil {
		return d, err
	}
	reach := map[int64]scoring.Reach{}
	for _, c := range calls {
		if c.Status != scoring.InProgress || !d.hasRubric {
			continue
		}
		atts, err := st.Attempts(ctx, c.ID)
		if err != nil {
			return d, err
		}
		reach[c.ID] = d.rubric.Reach(atts, cal, loc)
	}
	d = d.withCalls(calls, reach)
	if lead && r.Status == store.RoundPlanning && len(calls) > 0 {
		problems, err := st.CheckPlan(ctx, strconv.Itoa(r.Number))
		if err != nil {
			return d, err
		}
		d.checked, d.problems = true, problems
	}
	if lead && (r.Status == store.RoundPlanning || r.Status == store.RoundOpen) {
		if d.auditors, err = auditorNames(ctx, st); err != nil {
			return d, err
		}
	}
	return d, nil
}

// unfinishedMsg answers the read of the calls a close would leave not audited.
type unfinishedMsg struct {
	roundID int64
	calls   []store.CallRef
	err     error
}

func unfinishedRead(r store.Round) op {
	return pageRead(func(ctx context.Context, st *store.Store) tea.Msg {
		calls, err := st.UnfinishedCalls(ctx, r.ID)
		return unfinishedMsg{roundID: r.ID, calls: calls, err: err}
	})
}

func (p roundsPage) unfinishedLoaded(msg unfinishedMsg) roundsPage {
	r, ok := p.selected()
	if p.form != rfClose || !ok || r.ID != msg.roundID {
		return p
	}
	if msg.err != nil {
		p.form = rfNone
		p.note, p.noteErr = tr(p.lang, msgActionFailed, errText(p.lang, msg.err)), true
		return p.laidOut(false)
	}
	p.unfinished, p.closeReady = msg.calls, true
	return p
}

// roundOpMsg answers a lead's operation on a round.
type roundOpMsg struct {
	round store.Round // the round as it is after the operation (as asked, when it failed)
	err   error
	// said shows on the page what the operation did, once it went through:
	// each operation words its own.
	said func(p roundsPage) roundsPage
}

// roundOp is a lead's operation through the queue. It is dropped when it
// fails: it was a decision, which the lead may take again. One that opens
// or closes a round (rereads) changes tab 1 and the header too: the open
// round is read again once it went through.
func roundOp(rereads bool, do func(ctx context.Context, st *store.Store) (roundOpMsg, error)) op {
	return newOp(op{dropOnError: true, saysErrors: true},
		func(ctx context.Context, st *store.Store, _ int64) (roundOpMsg, error) { return do(ctx, st) },
		func(m Model, msg roundOpMsg, err error) (Model, tea.Cmd) {
			msg.err = err
			m, cmd := m.broadcast(msg)
			if err != nil || !rereads {
				return m, cmd
			}
			reread := m.refreshSession()
			return m, tea.Batch(cmd, reread)
		})
}

// ref names a round to the store: its number, which never changes.
func ref(r store.Round) string { return strconv.Itoa(r.Number) }

func newRoundWrite(name, from, to string) op {
	return roundOp(false, func(ctx context.Context, st *store.Store) (roundOpMsg, error) {
		r, err := st.NewRound(ctx, name, from, to)
		if err != nil {
			r.Name = name
		}
		return roundOpMsg{round: r, said: func(p roundsPage) roundsPage {
			p.note = tr(p.lang, msgRoundCreated, roundLabel(p.lang, r), r.RubricVersion)
			p.selectID = r.ID
			return p
		}}, err
	})
}

func planWrite(r store.Round, seed int64) op {
	return roundOp(false, func(ctx context.Context, st *store.Store) (roundOpMsg, error) {
		rep, err := st.PlanRound(ctx, ref(r), store.PlanOptions{Seed: seed})
		if err != nil {
			return roundOpMsg{round: r}, err
		}
		return roundOpMsg{round: rep.Round, said: func(p roundsPage) roundsPage {
			r := rep.Round
			p.note = trn(p.lang, msgRoundPlanned, rep.Calls, roundLabel(p.lang, r), rep.Calls, r.From, r.To, seed)
			p.report, p.reportFor = p.checkLines(rep.Problems), r.ID
			p.selectID = r.ID
			return p
		}}, nil
	})
}

func openWrite(r store.Round) op {
	return roundOp(true, func(ctx context.Context, st *store.Store) (roundOpMsg, error) {
		return roundOpMsg{round: r, said: func(p roundsPage) roundsPage {
			p.note = trn(p.lang, msgRoundOpened, r.Planned, roundLabel(p.lang, r), r.Planned)
			return p
		}}, st.StartRound(ctx, ref(r))
	})
}

func reopenWrite(r store.Round, reason string) op {
	return roundOp(true, func(ctx context.Context, st *store.Store) (roundOpMsg, error) {
		return roundOpMsg{round: r, said: func(p roundsPage) roundsPage {
			p.note = tr(p.lang, msgRoundReopened, roundLabel(p.lang, r))
			return p
		}}, st.ReopenRound(ctx, ref(r), reason)
	})
}

// closeWrite closes with force: the lead has seen the unfinished calls and
// said yes.
func closeWrite(r store.Round) op {
	return roundOp(true, func(ctx context.Context, st *store.Store) (roundOpMsg, error) {
		rep, err := st.CloseRound(ctx, ref(r), true)
		if err != nil {
			return roundOpMsg{round: r}, err
		}
		return roundOpMsg{round: rep.Round, said: func(p roundsPage) roundsPage {
			label := roundLabel(p.lang, rep.Round)
			if n := len(rep.NotAudited); n > 0 {
				p.note = trn(p.lang, msgRoundClosedSome, n, label, n)
			} else {
				p.note = tr(p.lang, msgRoundClosed, label)
			}
			return p
		}}, nil
	})
}

// opDone says what the operation did. A form stays open on an error, with
// the error in it, so the lead can correct what they typed.
func (p roundsPage) opDone(msg roundOpMsg) roundsPage {
	p.busy = false
	if msg.err != nil {
		text := p.opErrText(msg)
		if p.form == rfNew || p.form == rfReason || p.form == rfMove {
			p.formErr = text
			return p
		}
		p.note, p.noteErr = text, true
		return p.laidOut(false)
	}
	p = p.closeForm()
	if msg.said != nil {
		p = msg.said(p)
	}
	return p.laidOut(true)
}

// opErrText words a failed operation. The store's words for a round in the
// wrong state already say which round and why; errText would turn them into
// the call screen's "the round is no longer open".
func (p roundsPage) opErrText(msg roundOpMsg) string {
	if errors.Is(msg.err, store.ErrAlreadyExist) {
		return tr(p.lang, msgRoundExists, msg.round.Name)
	}
	return tr(p.lang, msgActionFailed, opErrText(p.lang, msg.err))
}
