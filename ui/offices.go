package ui

import (
	"context"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"phoneaudit/publish"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// officesPage is tab 4 (单位): every office with its latest total, grade
// and streak; / searches, c and d cycle the category and department shown,
// enter opens the office's history, and t shows instead the department
// ranking of a round ([ and ] pick the round). Only a lead sees it.
type officesPage struct {
	leadPage
	offices     []store.OfficeSummary
	categories  []string // "" first: every category
	departments []string // "" first: every department
	cat, dept   int

	ranking    bool // t: the department ranking instead of the offices
	rank       rankingData
	rankRound  int // the round of the ranking; 0: the latest audited
	rankAsked  bool
	rankTop    int // the first department on screen
	rankLoaded bool
}

// rankingData is one round's department ranking.
type rankingData struct {
	round, prev store.Round // prev: the round before, when there is one
	hasPrev     bool
	latest      int
	ranks       []scoring.DepartmentRank
	err         string
}

func newOfficesPage(s shared, withStore bool) officesPage {
	p := officesPage{leadPage: newLeadPage(s, tabOffices, officesTop, withStore, msgOfficeFilterPlaceholder)}
	p.syncKeys()
	return p
}

func (p officesPage) takeOps() (page, []op) {
	var ws []op
	p.leadPage, ws = p.drain()
	return p, ws
}

func (p officesPage) resized(width, height int) page {
	p.leadPage = p.sized(width, height)
	return p
}

func (p officesPage) Update(msg tea.Msg) (page, tea.Cmd) {
	p, cmd := p.update(msg)
	p.syncKeys()
	return p, cmd
}

func (p officesPage) update(msg tea.Msg) (officesPage, tea.Cmd) {
	if lp, ok := p.route(msg, !p.ranking); ok {
		p.leadPage = lp
		return p.loadIfShown(), nil
	}
	switch msg := msg.(type) {
	case dataChangedMsg:
		p.stale, p.rankLoaded = true, false
		return p.loadIfShown(), nil
	case officesMsg:
		return p.loaded(msg), nil
	case rankingMsg:
		p.rank, p.rankLoaded, p.rankAsked, p.rankTop = msg.data, true, false, 0
		if msg.err != nil {
			p.rank.err = errText(p.lang, msg.err)
		}
		return p, nil
	case tea.KeyPressMsg:
		return p.handleKey(msg)
	}
	return p, nil
}

func (p officesPage) loadIfShown() officesPage {
	if !p.active || !p.sess.lead() || p.state == listNone {
		return p
	}
	if p.stale && !p.loading {
		p.stale, p.loading = false, true
		p.out = append(slices.Clip(p.out), officesRead())
	}
	if p.ranking && !p.rankLoaded && !p.rankAsked {
		p.rankAsked = true
		p.out = append(slices.Clip(p.out), rankingRead(p.rankRound))
	}
	return p
}

// officesMsg answers officesRead.
type officesMsg struct {
	offices []store.OfficeSummary
	err     error
}

func officesRead() op {
	return pageRead(func(ctx context.Context, st *store.Store) tea.Msg {
		os, err := st.OfficeSummaries(ctx, 0)
		return officesMsg{offices: os, err: err}
	})
}

// rankingMsg answers rankingRead.
type rankingMsg struct {
	data rankingData
	err  error
}

// rankingRead reads the department ranking of round n (0: the latest
// audited) with the round before it, to say when their rubrics differ.
func rankingRead(n int) op {
	return pageRead(func(ctx context.Context, st *store.Store) tea.Msg {
		d, err := readRanking(ctx, st, n)
		return rankingMsg{data: d, err: err}
	})
}

func readRanking(ctx context.Context, st *store.Store, n int) (rankingData, error) {
	var d rankingData
	var err error
	if d.latest, err = st.LatestAuditedRound(ctx); err != nil {
		return d, err
	}
	if n <= 0 || n > d.latest {
		n = d.latest
	}
	rounds, err := st.Rounds(ctx)
	if err != nil {
		return d, err
	}
	for _, r := range rounds {
		switch r.Number {
		case n:
			d.round = r
		case n - 1:
			d.prev, d.hasPrev = r, true
		}
	}
	sum, err := publish.Summary(ctx, st, d.round.ID)
	d.ranks = sum.DepartmentRanking
	return d, err
}

func (p officesPage) loaded(msg officesMsg) officesPage {
	p.loading = false
	if msg.err != nil {
		p.state, p.err = listFailed, errText(p.lang, msg.err)
		return p
	}
	p.state, p.err, p.offices = listReady, "", msg.offices
	p.categories, p.departments = []string{""}, []string{""}
	for _, o := range p.offices {
		if !slices.Contains(p.categories, o.Category) {
			p.categories = append(p.categories, o.Category)
		}
		if !slices.Contains(p.departments, o.Department) {
			p.departments = append(p.departments, o.Department)
		}
	}
	slices.Sort(p.categories[1:])
	p.cat, p.dept = min(p.cat, len(p.categories)-1), min(p.dept, len(p.departments)-1)
	return p.refill().loadIfShown()
}

// refill gives the list the offices of the category and department chosen.
func (p officesPage) refill() officesPage {
	cat, dept := p.categories[p.cat], p.departments[p.dept]
	hay, left := make([]string, len(p.offices)), make([]bool, len(p.offices))
	for i, o := range p.offices {
		left[i] = (cat != "" && o.Category != cat) || (dept != "" && o.Department != dept)
		hay[i] = strings.ToLower(o.Department + "\n" + o.Name + "\n" + o.Category)
	}
	p.list = p.list.setRows(hay, left).clamp(p.listRows())
	return p
}

func (p officesPage) handleKey(msg tea.KeyPressMsg) (officesPage, tea.Cmd) {
	if lp, cmd, ok := p.routeKey(msg); ok {
		p.leadPage = lp
		return p, cmd
	}
	k := p.keys
	switch {
	case key.Matches(msg, k.Open):
		return p.openHistory(), nil
	case key.Matches(msg, k.Category):
		p.cat = (p.cat + 1) % len(p.categories)
		return p.refill(), nil
	case key.Matches(msg, k.Department):
		p.dept = (p.dept + 1) % len(p.departments)
		return p.refill(), nil
	case key.Matches(msg, k.Ranking):
		p.ranking = !p.ranking
		return p.loadIfShown(), nil
	case key.Matches(msg, k.PrevRound):
		return p.rankOf(p.rank.round.Number - 1), nil
	case key.Matches(msg, k.NextRound):
		return p.rankOf(p.rank.round.Number + 1), nil
	}
	if p.ranking {
		return p.scrollRanking(msg), nil
	}
	p.list, _ = p.list.move(msg, k, p.listRows())
	return p, nil
}

// rankOf reads the ranking of round n.
func (p officesPage) rankOf(n int) officesPage {
	if n < 1 || n > p.rank.latest {
		return p
	}
	p.rankRound, p.rankLoaded = n, false
	return p.loadIfShown()
}

func (p officesPage) openHistory() officesPage {
	i, ok := p.list.selected()
	if !ok || p.ranking {
		return p
	}
	o := p.offices[i]
	p.leadPage = p.leadPage.openHistory(officeRef{id: o.ID, department: o.Department, name: o.Name, kind: o.Category})
	return p
}

func (p *officesPage) syncKeys() {
	k := &p.keys
	ready := p.ready()
	k.listKeys(p.list, ready && !p.ranking)
	if ready && p.ranking && p.rankLoaded && len(p.rank.ranks) > 1 {
		for _, b := range []*key.Binding{&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Home, &k.End} {
			b.SetEnabled(true)
		}
	}
	free := ready && !p.list.filtering
	k.Category.SetEnabled(free && !p.ranking && len(p.categories) > 2)
	k.Department.SetEnabled(free && !p.ranking && len(p.departments) > 2)
	k.Ranking.SetEnabled(free)
	k.PrevRound.SetEnabled(free && p.ranking && p.rankLoaded && p.rank.round.Number > 1)
	k.NextRound.SetEnabled(free && p.ranking && p.rankLoaded && p.rank.round.Number < p.rank.latest)
	k.Persons.SetEnabled(false)
}

func (p officesPage) ShortHelp() []key.Binding {
	if p.inHistory {
		return p.hist.shortHelp()
	}
	k := p.keys
	return []key.Binding{k.ApplyFilter, k.LeaveFilter, k.Open, k.Ranking, k.PrevRound, k.NextRound,
		k.Category, k.Department, k.Filter, k.ClearFilter, k.Up, k.Down}
}

func (p officesPage) FullHelp() [][]key.Binding {
	if p.inHistory {
		return p.hist.fullHelp()
	}
	k := p.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End},
		{k.Open, k.Ranking, k.PrevRound, k.NextRound, k.Category, k.Department},
		{k.Filter, k.ClearFilter, k.ApplyFilter, k.LeaveFilter},
	}
}
