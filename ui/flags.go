package ui

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"phoneaudit/lang"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// flagsPage is tab 2 (问题单位): the red and yellow offices as of a round
// (the latest audited one; [ and ] pick another), red first then by streak,
// each with the rounds of its streak, its latest problems in words and its
// notice; v shows the persons who answered instead; enter opens the
// office's history. Only a lead sees it: the results stay secret.
type flagsPage struct {
	leadPage
	data    flagsData
	persons bool // v: the persons instead of the offices
	asOf    int  // the round asked for; 0: the latest audited
}

// flagsData is what one read of tab 2 brings.
type flagsData struct {
	asOf    int // the round the flags are as of
	latest  int // the latest audited round: ] stops there
	round   store.Round
	rows    []store.FlagRow
	people  []store.Flag
	overdue int // notices overdue now
	differ  int // a published round: offices whose flag is not the one its bulletin named
}

func newFlagsPage(s shared, withStore bool) flagsPage {
	p := flagsPage{leadPage: newLeadPage(s, tabFlagged, flagsTop, withStore, msgFlagFilterPlaceholder)}
	p.syncKeys()
	return p
}

func (p flagsPage) takeOps() (page, []op) {
	var ws []op
	p.leadPage, ws = p.drain()
	return p, ws
}

func (p flagsPage) resized(width, height int) page {
	p.leadPage = p.sized(width, height)
	return p
}

func (p flagsPage) Update(msg tea.Msg) (page, tea.Cmd) {
	p, cmd := p.update(msg)
	p.syncKeys()
	return p, cmd
}

func (p flagsPage) update(msg tea.Msg) (flagsPage, tea.Cmd) {
	if lp, ok := p.route(msg, true); ok {
		p.leadPage = lp
		return p.loadIfShown(), nil
	}
	switch msg := msg.(type) {
	case dataChangedMsg:
		p.stale = true
		return p.loadIfShown(), nil
	case flagsMsg:
		return p.loaded(msg), nil
	case tea.KeyPressMsg:
		return p.handleKey(msg)
	}
	return p, nil
}

// loadIfShown reads the flags when the tab is on screen and may be stale;
// an auditor reads nothing.
func (p flagsPage) loadIfShown() flagsPage {
	if !p.active || !p.stale || p.loading || !p.sess.lead() || p.state == listNone {
		return p
	}
	p.stale, p.loading = false, true
	p.out = append(slices.Clip(p.out), flagsRead(p.asOf))
	return p
}

// flagsMsg answers flagsRead.
type flagsMsg struct {
	data flagsData
	err  error
}

func flagsRead(asOf int) op {
	return pageRead(func(ctx context.Context, st *store.Store) tea.Msg {
		d, err := readFlags(ctx, st, asOf)
		return flagsMsg{data: d, err: err}
	})
}

// readFlags reads the flags of round asOf (0: the latest audited): the
// offices', the persons' (kept by the store, so they cost what they show),
// the round's counts and the overdue notices.
func readFlags(ctx context.Context, st *store.Store, asOf int) (flagsData, error) {
	var d flagsData
	var err error
	if d.latest, err = st.LatestAuditedRound(ctx); err != nil {
		return d, err
	}
	d.asOf = asOf
	if asOf == 0 || asOf > d.latest {
		d.asOf = d.latest
	}
	if d.rows, err = st.FlagRows(ctx, d.asOf); err != nil {
		return d, err
	}
	if d.people, err = st.PersonFlags(ctx, d.asOf); err != nil {
		return d, err
	}
	// Only the round shown: every round's counts would cost more with every round stored.
	if r, err := st.FindRound(ctx, strconv.Itoa(d.asOf)); err == nil {
		d.round = r
	} else if !errors.Is(err, store.ErrNotFound) {
		return d, err
	}
	if d.round.Status == store.RoundPublished {
		c, err := st.RoundCorrections(ctx, d.round.ID)
		if err != nil {
			return d, err
		}
		for _, o := range c.Diff.Offices {
			if level(o.Was) != level(o.Now) {
				d.differ++
			}
		}
	}
	overdue, err := st.Notices(ctx, store.NoticeFilter{Status: store.NoticeOverdue})
	d.overdue = len(overdue)
	return d, err
}

// level is an office's flag in a snapshot (none when it was not audited in it).
func level(o *scoring.SnapOffice) scoring.Level {
	if o == nil {
		return scoring.NoFlag
	}
	return o.Level()
}

func (p flagsPage) loaded(msg flagsMsg) flagsPage {
	p.loading = false
	if msg.err != nil {
		p.state, p.err = listFailed, errText(p.lang, msg.err)
		return p
	}
	p.state, p.err, p.data = listReady, "", msg.data
	p = p.refill()
	return p.loadIfShown()
}

// refill gives the list the rows of the view shown: offices or persons.
func (p flagsPage) refill() flagsPage {
	l := p.lang
	var hay []string
	if p.persons {
		for _, f := range p.data.people {
			hay = append(hay, strings.ToLower(strings.Join([]string{f.Level.Label(l), f.Department, f.Office}, "\n")))
		}
	} else {
		for _, f := range p.data.rows {
			hay = append(hay, strings.ToLower(strings.Join([]string{f.Level.Label(l), f.Department, f.Office,
				scoring.JoinReasons(f.Reasons, l), noticeLabel(p.lang, f.Notice, f.Notice == store.NoticeOverdue)}, "\n")))
		}
	}
	p.list = p.list.setRows(hay, nil).clamp(p.listRows())
	return p
}

func (p flagsPage) handleKey(msg tea.KeyPressMsg) (flagsPage, tea.Cmd) {
	if lp, cmd, ok := p.routeKey(msg); ok {
		p.leadPage = lp
		return p, cmd
	}
	k := p.keys
	switch {
	case key.Matches(msg, k.Open):
		return p.openHistory(), nil
	case key.Matches(msg, k.Persons):
		p.persons = !p.persons
		p.list.sel, p.list.top = 0, 0
		return p.refill(), nil
	case key.Matches(msg, k.PrevRound):
		return p.otherRound(p.data.asOf - 1), nil
	case key.Matches(msg, k.NextRound):
		return p.otherRound(p.data.asOf + 1), nil
	}
	p.list, _ = p.list.move(msg, k, p.listRows())
	return p, nil
}

// otherRound reads the flags as of round n.
func (p flagsPage) otherRound(n int) flagsPage {
	if n < 1 || n > p.data.latest {
		return p
	}
	p.asOf, p.stale = n, true
	return p.loadIfShown()
}

// openHistory opens the selected office's history.
func (p flagsPage) openHistory() flagsPage {
	i, ok := p.list.selected()
	if !ok || p.persons {
		return p
	}
	f := p.data.rows[i]
	p.leadPage = p.leadPage.openHistory(officeRef{id: f.OfficeID, department: f.Department, name: f.Office})
	return p
}

// syncKeys switches on the keys that work now.
func (p *flagsPage) syncKeys() {
	k := &p.keys
	ready := p.ready()
	k.listKeys(p.list, ready)
	k.Open.SetEnabled(k.Open.Enabled() && !p.persons)
	free := ready && !p.list.filtering
	k.PrevRound.SetEnabled(free && p.data.asOf > 1)
	k.NextRound.SetEnabled(free && p.data.asOf < p.data.latest)
	k.Persons.SetEnabled(free)
	k.Category.SetEnabled(false)
	k.Department.SetEnabled(false)
	k.Ranking.SetEnabled(false)
}

func (p flagsPage) ShortHelp() []key.Binding {
	if p.inHistory {
		return p.hist.shortHelp()
	}
	k := p.keys
	return []key.Binding{k.ApplyFilter, k.LeaveFilter, k.Open, k.Persons, k.PrevRound, k.NextRound, k.Filter, k.ClearFilter, k.Up, k.Down}
}

func (p flagsPage) FullHelp() [][]key.Binding {
	if p.inHistory {
		return p.hist.fullHelp()
	}
	k := p.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End},
		{k.Open, k.Persons, k.PrevRound, k.NextRound},
		{k.Filter, k.ClearFilter, k.ApplyFilter, k.LeaveFilter},
	}
}

// streakRounds is "4、5、6" (en "4, 5, 6").
func streakRounds(l lang.Lang, rs []int) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = strconv.Itoa(r)
	}
	return strings.Join(parts, tr(l, msgListSep))
}
