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
	// Full help may not push the body off a short terminal entirely.
	helpLines = helpLines[:min(len(helpLines), max(m.height-headerLines-statusLines-1, 1))]
	bodyHeight := max(m.height-headerLines-statusLines-len(helpLines), 0)

	lines := make([]string, 0, m.height)
	lines = append(lines, m.header(w), m.styles.Rule.Render(strings.Repeat("─", w)))
	lines = append(lines, fitBlock(m.body(w, bodyHeight), w, bodyHeight)...)
	lines = append(lines, m.statusLine(w))
	lines = append(lines, helpLines...)
	return frame(lines, m.width, m.height)
}

// body is the welcome panel on an empty database, else the active page.
func (m Model) body(width, height int) string {
	switch m.db {
	case dbChecking:
		return ""
	case dbEmpty:
		w := welcome{shared: m.shared, offerDemo: m.keys.LoadDemo.Enabled()}
		return w.View(width, height)
	}
	return m.pages[m.active].View(width, height)
}

// header is "phoneaudit  tabs …  database  user" in one line; the database
// name gives way first when the line is short.
func (m Model) header(width int) string {
	left := m.tabBar()
	right := m.whoWhere(width - lipgloss.Width(left) - 2)
	if right == "" {
		return ansi.Truncate(left, width, "…")
	}
	gap := width - lipgloss.Width(left) - lipgloss.Width(right)
	return left + strings.Repeat(" ", gap) + right
}

func (m Model) tabBar() string {
	st := m.styles
	names := make([]string, tabCount)
	for t := range tabCount {
		style := st.Tab
		if t == m.active {
			style = st.ActiveTab
		}
		names[t] = style.Render(m.lang.tr(t.nameID()))
	}
	return st.Title.Render("phoneaudit") + " " + strings.Join(names, st.TabSep.Render("·"))
}

// whoWhere is the database name and the user, cut to room cells.
func (m Model) whoWhere(room int) string {
	if room <= 0 {
		return ""
	}
	st := m.styles
	user := ""
	if m.user != "" {
		user = st.User.Render(ansi.Truncate(m.user, room, "…"))
	}
	dbRoom := room - lipgloss.Width(user)
	if user != "" {
		dbRoom -= 2
	}
	if m.dbName == "" || dbRoom < 4 { // less than a character and "…" says nothing
		return user
	}
	db := st.DBName.Render(ansi.Truncate(m.dbName, dbRoom, "…"))
	if user == "" {
		return db
	}
	return db + "  " + user
}

// statusLine shows the status in one line: an error with line breaks would
// otherwise push the help off the screen.
func (m Model) statusLine(width int) string {
	if m.status.text == "" {
		return ""
	}
	style := m.styles.Status
	if m.status.isErr {
		style = m.styles.StatusError
	}
	return style.Render(ansi.Truncate(oneLine(m.status.text), width, "…"))
}

// oneLine joins the lines of s with spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// wrap breaks text into lines of at most width cells; Chinese text, which
// has no spaces, is broken between characters.
func wrap(s string, width int) string {
	if width <= 0 {
		return ""
	}
	return lipgloss.Wrap(s, width, "")
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
