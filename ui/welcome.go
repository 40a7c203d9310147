package ui

import (
	"context"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"phoneaudit/store"
)

// welcome is the body on a database without offices: how to import the
// office list, and the demo key for those who only want to look around.
type welcome struct {
	shared
	offerDemo bool // d works now (not while the demo is being made)
}

// maxPanelWidth keeps the lines of the panel short enough to read.
const maxPanelWidth = 76

// View draws the panel centred in width. When the panel does not fit, the
// text goes without border and blank lines, so the demo key stays on screen.
func (w welcome) View(width, height int) string {
	if height < 1 {
		return ""
	}
	panel := w.styles.WelcomePanel
	boxWidth := min(width, maxPanelWidth)
	if textWidth := boxWidth - panel.GetHorizontalFrameSize(); textWidth >= 20 {
		box := panel.Width(boxWidth).Render(w.text(textWidth, "\n\n"))
		if h := lipgloss.Height(box); h < height {
			box = "\n" + box // a blank line under the header
		}
		if lipgloss.Height(box) <= height {
			return lipgloss.PlaceHorizontal(width, lipgloss.Center, box)
		}
	}
	return w.text(width, "\n")
}

// text is the content of the panel wrapped to width, its paragraphs
// joined by sep.
func (w welcome) text(width int, sep string) string {
	l, st := w.lang, w.styles
	paras := []string{
		st.WelcomeTitle.Render(wrap(tr(l, msgWelcomeTitle), width)),
		wrap(tr(l, msgWelcomeIntro), width),
		st.Command.Render(wrap("  "+tr(l, msgWelcomeCommand), width)),
		wrap(tr(l, msgWelcomeColumns), width),
	}
	if w.offerDemo {
		paras = append(paras, st.KeyHint.Render(wrap(tr(l, msgWelcomeDemo), width)))
	}
	return strings.Join(paras, sep)
}

// emptyCheckedMsg answers checkEmpty.
type emptyCheckedMsg struct {
	empty bool
	err   error
}

// checkEmpty asks whether the database has no offices yet.
func checkEmpty(ctx context.Context, st *store.Store) tea.Cmd {
	return func() tea.Msg {
		n, err := st.CountOffices(ctx)
		return emptyCheckedMsg{empty: n == 0, err: err}
	}
}

// emptyChecked shows the welcome panel on an empty database, else reads who
// I am and the open round. When the check fails the tabs stay, with the
// error in the status line: the user can still quit and look at the
// database with the command line.
func (m Model) emptyChecked(msg emptyCheckedMsg) (Model, tea.Cmd) {
	switch {
	case msg.err != nil:
		m.db = dbReady
		m.status = status{text: tr(m.lang, msgCheckFailed, m.dbName, errText(m.lang, msg.err)), isErr: true}
		m.setCalls(m.callsPage().failed(msg.err))
		return m, nil
	case msg.empty:
		m.db, m.status = dbEmpty, status{}
		return m, nil
	}
	m.db, m.status = dbReady, status{}
	return m, loadSession(m.ctx, m.base, m.as, m.osUser, m.fixed)
}

// demoLoadedMsg answers loadDemoCity.
type demoLoadedMsg struct{ err error }

// loadDemoCity fills the database with the demo city.
func loadDemoCity(ctx context.Context, loadDemo func(context.Context) error) tea.Cmd {
	return func() tea.Msg {
		return demoLoadedMsg{err: loadDemo(ctx)}
	}
}

// startDemo runs LoadDemo; the key stays off until it answers, so a second
// d cannot start a second demo city.
func (m Model) startDemo() (Model, tea.Cmd) {
	m.loadingDemo = true
	m.status = status{text: tr(m.lang, msgDemoLoading)}
	return m, loadDemoCity(m.ctx, m.loadDemo)
}

// demoLoaded leaves the welcome panel on success and reads the new data;
// on failure it stays, with the error, so the user may press d again or
// import the real list.
func (m Model) demoLoaded(msg demoLoadedMsg) (Model, tea.Cmd) {
	m.loadingDemo = false
	if msg.err != nil {
		m.status = status{text: tr(m.lang, msgDemoFailed, errText(m.lang, msg.err)), isErr: true}
		return m, nil
	}
	m.db = dbReady
	m.status = status{text: tr(m.lang, msgDemoLoaded)}
	if m.base == nil {
		return m, nil
	}
	return m, loadSession(m.ctx, m.base, m.as, m.osUser, m.fixed)
}
