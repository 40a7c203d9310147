package ui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// margin is the blank column kept at each side of the screen.
const margin = 1

// The frame: header, rule, body, status, help. Everything but the body has
// a fixed height, so the body takes what is left.
const (
	headerLines = 2 // the header and the rule under it
	statusLines = 1
)

// innerWidth is the width left between the margins.
func (m Model) innerWidth() int {
	return max(m.width-2*margin, 1)
}

// render builds exactly m.height lines, none wider than m.width cells.
func (m Model) render() string {
	if m.width <= 0 || m.height <= 0 {
		return "" // the size comes with the first WindowSizeMsg
	}
	w := m.innerWidth()
	helpLines := strings.Split(m.help.View(m.helpKeys()), "\n")
	helpLines = helpLines[:min(len(helpLines), m.helpHeight())]
	bodyHeight := m.bodyHeight()

	lines := make([]string, 0, m.height)
	lines = append(lines, m.header(w), m.infoRule(w))
	lines = append(lines, fitBlock(m.body(w, bodyHeight), w, bodyHeight)...)
	lines = append(lines, m.statusLine(w))
	lines = append(lines, helpLines...)
	return frame(lines, m.width, m.height)
}

// body is what the state puts on screen: the welcome panel on an empty
// database, the picker while I am not known, the call screen while a call
// is open, else the active page.
func (m Model) body(width, height int) string {
	switch {
	case m.db == dbChecking:
		return ""
	case m.db == dbEmpty:
		w := welcome{shared: m.shared, offerDemo: m.keys.LoadDemo.Enabled()}
		return w.View(width, height)
	case m.picking:
		return m.picker.View(width, height)
	case m.call.open:
		return m.call.View(width, height, m.now())
	}
	return m.pages[m.active].View(width, height)
}

// header is "phoneaudit  tabs …" with the saved mark at the right, which
// stays when the line is short: it is the one thing the auditor must see.
func (m Model) header(width int) string {
	mark := m.saveMark()
	if mark == "" {
		return ansi.Truncate(m.tabBar(), width, "…")
	}
	return spread(m.tabBar(), mark, width)
}

// saveMark is ● 已保存, ◌ 保存中… or ✗ 未保存: what the writes in flight say.
func (m Model) saveMark() string {
	if m.base == nil {
		return ""
	}
	l, st := m.lang, m.styles
	switch m.ops.mark() {
	case markSaving:
		return st.Saving.Render("◌ " + tr(l, msgSaving))
	case markFailed:
		return st.NotSaved.Render("✗ " + tr(l, msgNotSaved))
	case markWaiting:
		return st.Saving.Render("◌ " + tr(l, msgWaitingToSave))
	case markBroken:
		return st.NotSaved.Render("✗ " + tr(l, msgCannotSave))
	}
	return st.Saved.Render("● " + tr(l, msgSaved))
}

func (m Model) tabBar() string {
	st := m.styles
	names := make([]string, tabCount)
	for t := range tabCount {
		style := st.Tab
		if t == m.active {
			style = st.ActiveTab
		}
		names[t] = style.Render(tr(m.lang, t.nameID()))
	}
	return st.Title.Render("phoneaudit") + " " + strings.Join(names, st.TabSep.Render("·"))
}

// infoRule is the line under the header, which carries who I am, the open
// round and the database: "──── 张伟 测评员 · 2026年第6轮 进行中 · city.db".
// The database name gives way first, then the round.
func (m Model) infoRule(width int) string {
	l, st := m.lang, m.styles
	var parts []string
	if m.sess.known {
		parts = append(parts, st.User.Render(m.sess.me.Name+" "+roleLabel(l, m.sess.me.Role)))
	}
	switch {
	case m.sess.hasRound:
		parts = append(parts, st.Round.Render(m.sess.round.Name+" "+tr(l, msgRoundOpen)))
	case m.sess.loc != nil:
		parts = append(parts, st.DBName.Render(tr(l, msgNoOpenRound)))
	}
	if m.dbName != "" {
		parts = append(parts, st.DBName.Render(m.dbName))
	}
	info := joinFit(parts, st.TabSep.Render(" · "), width-3)
	if info == "" && len(parts) > 0 && width > 6 {
		info = ansi.Truncate(parts[0], width-3, "…")
	}
	if info == "" {
		return st.Rule.Render(strings.Repeat("─", width))
	}
	return st.Rule.Render(strings.Repeat("─", width-lipgloss.Width(info)-1)) + " " + info
}

// statusLine shows the status in one line: an error with line breaks would
// otherwise push the help off the screen.
func (m Model) statusLine(width int) string {
	text, isErr := m.status.text, m.status.isErr
	if m.ops.broken != nil && !isErr {
		// Nothing more can be saved: said until the program ends, not only once.
		text, isErr = errText(m.lang, m.ops.broken), true
	}
	if text == "" {
		return ""
	}
	style := m.styles.Status
	if isErr {
		style = m.styles.StatusError
	}
	return style.Render(ansi.Truncate(oneLine(text), width, "…"))
}

// fitBlock cuts s to exactly height lines of at most width cells.
func fitBlock(s string, width, height int) []string {
	lines := strings.Split(s, "\n")
	if s == "" {
		lines = nil
	}
	out := make([]string, height)
	for i := range min(len(lines), height) {
		out[i] = ansi.Truncate(lines[i], width, "…")
	}
	return out
}

// frame puts the margin before each line and makes the screen exactly
// height lines of at most width cells.
func frame(lines []string, width, height int) string {
	lines = lines[:min(len(lines), height)]
	pad := strings.Repeat(" ", margin)
	for i, l := range lines {
		lines[i] = ansi.Truncate(pad+l, width, "")
	}
	for len(lines) < height {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}
