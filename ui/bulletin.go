package ui

import (
	"slices"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"phoneaudit/lang"
	"phoneaudit/store"
)

// bulletinPage is tab 5 (通报): a round's bulletin in a scrolling viewport,
// as the newspaper would print it. Once the round is published it is the
// stored text, marked 已发布（存档稿）; before, a preview rendered from the data
// now. A lead publishes a closed round here (P, after a confirm); anyone
// writes the text to a file (w). An auditor sees only published rounds: a
// preview would show the results of a round still being worked.
//
// Rendering reads the database, so it runs in a command through the queue
// of operations, never in Update or View; it runs again when this program changes
// the data and the tab comes on screen.
type bulletinPage struct {
	shared
	keys    bulletinKeyMap
	state   listState
	err     string
	sess    session
	active  bool // tab 5 is on screen
	stale   bool // the data may have changed since the list and text were read
	loading bool // the list is on its way

	rounds []store.Round // the rounds whose bulletin I may read, in number order
	sel    int
	format string // "text" or "md"

	gen       int  // the latest rendering asked for; older answers are dropped
	rendering bool // … and it is on its way
	doc       bulletinDoc
	hasDoc    bool
	view      viewport.Model

	confirming bool // the publish question is open
	correcting bool // … the question is the correction's
	busy       bool // a publication or a file is on its way
	note       string
	noteErr    bool

	out           []op
	width, height int
}

// bulletinDoc is the text on screen: which round and format, and whether
// it is the stored text of a publication.
type bulletinDoc struct {
	roundID   int64
	format    string
	text      []byte
	published bool
	err       string // the rendering failed: this says why
	// pending is, for a lead, how a published round's data now differs from what was published
	// (nil when it agrees): C publishes the correction.
	pending *store.CorrectionState
}

// bulletinTop is the lines above the text: the round line and the note line.
const bulletinTop = 2

type bulletinKeyMap struct {
	Prev, Next             key.Binding // the round
	moveKeys                           // the text
	Format, Write, Publish key.Binding
	Correct                key.Binding
	Confirm, Deny          key.Binding
}

func newBulletinKeyMap(l lang.Lang) bulletinKeyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	k := bulletinKeyMap{
		Prev:     b("←/h", tr(l, msgKeyPrevRound), "left", "h"),
		Next:     b("→/l", tr(l, msgKeyNextRound), "right", "l"),
		moveKeys: newMoveKeys(l),
		Format:   b("m", tr(l, msgKeyMarkdown), "m"),
		Write:    b("w", tr(l, msgKeyWriteFile), "w"),
		Publish:  b("P", tr(l, msgKeyPublish), "P"),
		Correct:  b("C", tr(l, msgKeyCorrect), "C"),
		Confirm:  b("y", tr(l, msgKeyPublishNow), "y"),
		Deny:     b("n/esc", tr(l, msgKeyCancel), "n", "esc"),
	}
	k.PageDown = b("pgdn", tr(l, msgKeyPageDown), "pgdown", "space") // space pages on, as in a pager
	return k
}

func newBulletinPage(s shared, withStore bool) bulletinPage {
	p := bulletinPage{shared: s, keys: newBulletinKeyMap(s.lang), format: "text", stale: true}
	p.view = viewport.New()
	p.view.KeyMap = viewport.KeyMap{} // the page's own keys scroll it
	if withStore {
		p.state = listWaiting
	}
	p.syncKeys()
	return p
}

// typing: the publish question takes every key until it is answered.
func (p bulletinPage) typing() bool { return p.confirming }

func (p bulletinPage) takeOps() (page, []op) {
	ws := p.out
	p.out = nil
	return p, ws
}

func (p bulletinPage) resized(width, height int) page {
	p.width, p.height = width, height
	return p.fitText()
}

func (p bulletinPage) Update(msg tea.Msg) (page, tea.Cmd) {
	p, cmd := p.update(msg)
	p.syncKeys()
	return p, cmd
}

func (p bulletinPage) update(msg tea.Msg) (bulletinPage, tea.Cmd) {
	switch msg := msg.(type) {
	case sessionReadyMsg:
		p.sess = msg.sess
		return p.loadIfShown(), nil
	case tabShownMsg:
		p.active = msg.tab == tabBulletin
		return p.loadIfShown(), nil
	case dataChangedMsg:
		p.stale = true
		return p.loadIfShown(), nil
	case bulletinRoundsMsg:
		return p.roundsLoaded(msg), nil
	case bulletinRenderedMsg:
		return p.rendered(msg), nil
	case bulletinPublishedMsg:
		return p.published(msg), nil
	case bulletinCorrectedMsg:
		return p.corrected(msg), nil
	case bulletinFileMsg:
		return p.fileWritten(msg), nil
	case tea.KeyPressMsg:
		return p.handleKey(msg)
	case tea.MouseWheelMsg:
		if p.state == listReady && !p.confirming {
			p.view, _ = p.view.Update(msg)
		}
	}
	return p, nil
}

// loadIfShown reads the rounds, and then the text, when the tab is on screen
// and the data changed since: a hidden tab renders nothing.
func (p bulletinPage) loadIfShown() bulletinPage {
	if !p.active || !p.stale || p.loading || !p.sess.known || p.state == listNone {
		return p
	}
	p.stale, p.loading = false, true
	p.out = append(slices.Clip(p.out), bulletinRoundsRead(!p.sess.lead()))
	return p
}

func (p bulletinPage) roundsLoaded(msg bulletinRoundsMsg) bulletinPage {
	p.loading = false
	if msg.err != nil {
		p.state, p.err = listFailed, errText(p.lang, msg.err)
		return p
	}
	var keep int64
	if r, ok := p.selected(); ok {
		keep = r.ID
	}
	first := p.state != listReady
	p.state, p.err, p.rounds = listReady, "", msg.rounds
	switch {
	case first || keep == 0:
		p.sel = defaultBulletinRound(p.rounds)
	default:
		p.sel = slices.IndexFunc(p.rounds, func(r store.Round) bool { return r.ID == keep })
	}
	p.sel = max(p.sel, 0)
	p = p.render()
	return p.loadIfShown() // changed again while it was read
}

// defaultBulletinRound is the latest closed or published round, the one a
// bulletin is written for; else the latest.
func defaultBulletinRound(rounds []store.Round) int {
	for i := len(rounds) - 1; i >= 0; i-- {
		if s := rounds[i].Status; s == store.RoundClosed || s == store.RoundPublished {
			return i
		}
	}
	return len(rounds) - 1
}

func (p bulletinPage) selected() (store.Round, bool) {
	if p.sel < 0 || p.sel >= len(p.rounds) {
		return store.Round{}, false
	}
	return p.rounds[p.sel], true
}

// current says whether the text on screen is the selected round's in the
// chosen format, so w writes what the user sees.
func (p bulletinPage) current() bool {
	r, ok := p.selected()
	return ok && p.hasDoc && p.doc.err == "" && p.doc.roundID == r.ID && p.doc.format == p.format
}

func (p bulletinPage) handleKey(msg tea.KeyPressMsg) (bulletinPage, tea.Cmd) {
	k := p.keys
	if p.confirming {
		switch {
		case key.Matches(msg, k.Confirm) && p.correcting:
			return p.correct(), nil
		case key.Matches(msg, k.Confirm):
			return p.publish(), nil
		case key.Matches(msg, k.Deny):
			p.confirming, p.correcting = false, false
		}
		return p, nil
	}
	switch {
	case key.Matches(msg, k.Prev), key.Matches(msg, k.Next):
		step := 1
		if key.Matches(msg, k.Prev) {
			step = -1
		}
		p.sel = max(min(p.sel+step, len(p.rounds)-1), 0)
		p.note, p.noteErr = "", false
		return p.render(), nil
	case key.Matches(msg, k.Format):
		p.format = map[string]string{"text": "md", "md": "text"}[p.format]
		return p.render(), nil
	case key.Matches(msg, k.Write):
		return p.writeFile()
	case key.Matches(msg, k.Publish):
		p.confirming = true
		p.note, p.noteErr = "", false
		return p, nil
	case key.Matches(msg, k.Correct):
		p.confirming, p.correcting = true, true
		p.note, p.noteErr = "", false
		return p, nil
	}
	p.view = p.scroll(msg)
	return p, nil
}

func (p bulletinPage) scroll(msg tea.KeyPressMsg) viewport.Model {
	k := p.keys
	return scrollView(msg, k.moveKeys, p.view)
}

// fitText wraps the text at the viewport's width, by display width: most
// of it is Chinese, two cells a character, with no spaces to break at.
func (p bulletinPage) fitText() bulletinPage {
	w := max(p.width, 1)
	p.view.SetWidth(w)
	p.view.SetHeight(max(p.height-bulletinTop, 0))
	if p.hasDoc && p.doc.err == "" {
		p.view.SetContent(flowText(string(p.doc.text), w))
	} else {
		p.view.SetContent("")
	}
	return p
}

// syncKeys switches on the keys that work now.
func (p *bulletinPage) syncKeys() {
	k := &p.keys
	ready := p.state == listReady && !p.confirming
	k.Prev.SetEnabled(ready && p.sel > 0)
	k.Next.SetEnabled(ready && p.sel < len(p.rounds)-1)
	scrolls := ready && p.view.TotalLineCount() > p.view.Height()
	for _, b := range []*key.Binding{&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Home, &k.End} {
		b.SetEnabled(scrolls)
	}
	r, ok := p.selected()
	k.Format.SetEnabled(ready && ok)
	if p.format == "md" {
		k.Format.SetHelp("m", tr(p.lang, msgKeyPlainText))
	} else {
		k.Format.SetHelp("m", tr(p.lang, msgKeyMarkdown))
	}
	k.Write.SetEnabled(ready && p.current() && !p.busy)
	k.Publish.SetEnabled(ready && ok && p.sess.lead() && r.Status == store.RoundClosed && !p.busy)
	k.Correct.SetEnabled(ready && ok && p.sess.lead() && p.current() && p.doc.pending != nil && !p.busy)
	k.Confirm.SetEnabled(p.confirming)
	k.Deny.SetEnabled(p.confirming)
}

func (p bulletinPage) ShortHelp() []key.Binding {
	k := p.keys
	return []key.Binding{k.Confirm, k.Deny, k.Prev, k.Next, k.Down, k.PageDown, k.Format, k.Write, k.Publish, k.Correct}
}

func (p bulletinPage) FullHelp() [][]key.Binding {
	k := p.keys
	return [][]key.Binding{
		{k.Prev, k.Next, k.Format, k.Write, k.Publish, k.Correct},
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End},
		{k.Confirm, k.Deny},
	}
}
