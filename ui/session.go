package ui

import (
	"context"
	"errors"
	"fmt"
	"time"

	"phoneaudit/lang"
	"phoneaudit/scoring"
	"phoneaudit/store"

	tea "charm.land/bubbletea/v2"
)

// session is who I am and the round I work in, read once at start (and
// again after the demo is loaded).
type session struct {
	me       store.Auditor
	known    bool // me is set
	round    store.Round
	hasRound bool // a round is open
	rubric   scoring.Rubric
	cal      scoring.Calendar
	loc      *time.Location
}

// lead says whether I see every call of the round.
func (s session) lead() bool { return s.known && s.me.Role == "lead" }

// gradeLabel names the grade with key in the round's rubric.
func (s session) gradeLabel(key string, l lang.Lang) (string, bool) {
	for _, g := range s.rubric.Grades {
		if key != "" && g.Key == key {
			return scoring.GradeLabel(g, l), true
		}
	}
	return "", false
}

// sessionMsg answers loadSession.
type sessionMsg struct {
	sess      session
	unknownAs string          // --as named nobody: the picker asks instead
	auditors  []store.Auditor // for the picker, when I am not known
	err       error
	fixed     bool // the identity was fixed and names nobody: the session ends
}

// loadSession finds out who I am (--as, else the name remembered for the OS
// user) and reads the open round with its rubric, the calendar and the
// city's time zone.
func loadSession(ctx context.Context, st *store.Store, as, osUser string, fixed bool) tea.Cmd {
	return func() tea.Msg {
		var msg sessionMsg
		me, ok, err := identify(ctx, st, as, osUser)
		switch {
		case err != nil:
			return sessionMsg{err: err}
		case !ok && fixed:
			return sessionMsg{err: fmt.Errorf("no auditor named %s: %w", as, store.ErrNotFound), fixed: true}
		case ok:
			msg.sess.me, msg.sess.known = me, true
		default:
			if as != "" {
				msg.unknownAs = as
			}
			if msg.auditors, err = activeAuditors(ctx, st); err != nil {
				return sessionMsg{err: err}
			}
		}
		msg.sess, err = readRound(ctx, st, msg.sess)
		msg.err = err
		return msg
	}
}

// identify finds me; ok is false when the picker must ask.
func identify(ctx context.Context, st *store.Store, as, osUser string) (store.Auditor, bool, error) {
	name := as
	if name == "" && osUser != "" {
		remembered, ok, err := st.RememberedUser(ctx, osUser)
		if err != nil {
			return store.Auditor{}, false, err
		}
		if ok {
			name = remembered
		}
	}
	if name == "" {
		return store.Auditor{}, false, nil
	}
	a, err := st.FindAuditor(ctx, name)
	if errors.Is(err, store.ErrNotFound) {
		return a, false, nil // a remembered name since renamed: ask again
	}
	return a, err == nil, err
}

func activeAuditors(ctx context.Context, st *store.Store) ([]store.Auditor, error) {
	all, err := st.Auditors(ctx)
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, a := range all {
		if a.Active {
			out = append(out, a)
		}
	}
	return out, nil
}

// readRound adds the open round, its rubric, the calendar and the zone.
func readRound(ctx context.Context, st *store.Store, s session) (session, error) {
	var err error
	if s.loc, err = st.Location(ctx); err != nil {
		return s, err
	}
	if s.cal, err = st.Calendar(ctx); err != nil {
		return s, err
	}
	if s.round, s.hasRound, err = st.OpenRound(ctx); err != nil || !s.hasRound {
		return s, err
	}
	if s.rubric, err = st.Rubric(ctx, s.round.RubricVersion); err != nil {
		return s, fmt.Errorf("the rubric of round %s: %w", s.round.Name, err)
	}
	return s, nil
}

// sessionLoaded shows the picker when I am not known, else my calls.
func (m Model) sessionLoaded(msg sessionMsg) (Model, tea.Cmd) {
	if msg.err != nil {
		m.status = status{text: tr(m.lang, msgSessionFailed, errText(m.lang, msg.err)), isErr: true}
		m.setCalls(m.callsPage().failed(msg.err))
		if msg.fixed {
			return m, tea.Quit
		}
		return m, nil
	}
	m.sess = msg.sess
	if !m.sess.known {
		m.picker = newPicker(m.shared, msg.auditors)
		m.picking = true
		if msg.unknownAs != "" {
			m.status = status{text: tr(m.lang, msgUnknownAs, msg.unknownAs), isErr: true}
		}
		m.syncKeys()
		return m, nil
	}
	return m.startAs(m.sess.me)
}

// startAs makes me the acting user and loads my calls.
func (m Model) startAs(me store.Auditor) (Model, tea.Cmd) {
	m.sess.me, m.sess.known = me, true
	m.picking = false
	m.st = m.base.As(me.Name)
	p := m.callsPage().withSession(m.sess)
	m.setCalls(p)
	m, told := m.broadcast(sessionReadyMsg{sess: m.sess})
	m.syncKeys()
	m, watch := m.startWatch()
	if !m.sess.hasRound {
		return m, tea.Batch(told, watch)
	}
	first := callsRead(m.callFilter(), 0)
	first.saysErrors = true // the list alone says a failed first read
	load := m.enqueue(first)
	return m, tea.Batch(told, watch, load)
}

// callFilter selects my calls, or every call for a lead.
func (m Model) callFilter() store.CallFilter {
	f := store.CallFilter{RoundID: m.sess.round.ID}
	if !m.sess.lead() {
		f.AuditorID = m.sess.me.ID
	}
	return f
}

// pick takes the auditor chosen in the picker and remembers the choice for
// this OS user.
func (m Model) pick(a store.Auditor) (Model, tea.Cmd) {
	m.status = status{}
	m, load := m.startAs(a)
	if m.osUser == "" {
		return m, load
	}
	osUser, name := m.osUser, a.Name
	remember := m.enqueue(writeOp(op{}, func(ctx context.Context, st *store.Store, _ int64) error {
		return st.RememberUser(ctx, osUser, name)
	}))
	return m, tea.Batch(load, remember)
}
