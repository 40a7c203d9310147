package ui

import (
	"context"
	"errors"

	"charm.land/lipgloss/v2"

	"phoneaudit/lang"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// readCalls reads the calls of the round that f selects and the running
// calls of other auditors that I may join as a panel member; for a lead (f
// takes every auditor's calls) also the stale calls and the auditors one may
// be handed on to.
func readCalls(ctx context.Context, st *store.Store, f store.CallFilter) (callsLoadedMsg, error) {
	var msg callsLoadedMsg
	var err error
	if msg.calls, err = st.Calls(ctx, f); err != nil {
		return msg, err
	}
	if msg.live, err = st.LiveCalls(ctx); err != nil || f.AuditorID != 0 {
		return msg, err
	}
	if msg.stale, err = st.StaleCalls(ctx); errors.Is(err, store.ErrForbidden) {
		return msg, nil // not a lead after all: nothing to hand on
	} else if err != nil {
		return msg, err
	}
	msg.auditors, err = auditorNames(ctx, st)
	return msg, err
}

// withLive adds to my calls the running calls I may join (a lead's list
// has them already) and indexes those by call.
func withLive(calls []store.Call, live []store.LiveCall) ([]store.Call, map[int64]store.LiveCall) {
	byID := make(map[int64]store.LiveCall, len(live))
	for _, l := range live {
		byID[l.ID] = l
	}
	out := make([]store.Call, 0, len(calls)+len(live))
	for _, c := range calls {
		out = append(out, c)
		delete(byID, c.ID)
	}
	index := make(map[int64]store.LiveCall, len(live))
	for _, l := range live {
		if _, extra := byID[l.ID]; extra {
			out = append(out, l.Call)
		}
		index[l.ID] = l
	}
	return out, index
}

// counted says whether a call counts in "已完成 x/y": mine, or any for a lead.
func (p callsPage) counted(c store.Call) bool {
	return p.sess.lead() || c.AuditorID == p.sess.me.ID
}

// statusText is the status column: a running call of another auditor says
// I may join it ("可加入") or that I have ("已加入").
func (p callsPage) statusText(c store.Call) string {
	l := p.lang
	if sc, ok := p.stale[c.ID]; ok && p.isStaleRunning(c) {
		return idleText(l, sc)
	}
	lc, live := p.live[c.ID]
	switch {
	case !live:
		return c.Status.Label(l)
	case lc.Joined():
		return tr(l, msgJoined)
	case lc.SheetStatus == "dropped":
		return c.Status.Label(l)
	}
	return tr(l, msgJoinable)
}

// panelStatusWidth is the widest status word a call to join may need.
func panelStatusWidth(l lang.Lang) int {
	out := 0
	for _, s := range []string{tr(l, msgJoined), tr(l, msgJoinable), scoring.InProgress.Label(l)} {
		out = max(out, lipgloss.Width(s))
	}
	return out
}

// position is "第 n/N 个" of a call among the ones counted (0 for another's).
func (p callsPage) position(c store.Call) (pos, total int) {
	for _, x := range p.calls {
		if p.counted(x) {
			total++
			if x.ID == c.ID {
				pos = total
			}
		}
	}
	return pos, total
}
