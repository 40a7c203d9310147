package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"phoneaudit/lang"
	"phoneaudit/store"
)

// picker asks who I am on a first start: a list of the auditors, enter
// chooses, and the choice is remembered for the OS user.
type picker struct {
	shared
	keys     pickerKeys
	auditors []store.Auditor
	sel      int
}

type pickerKeys struct {
	Up, Down, Choose key.Binding
}

func newPicker(s shared, auditors []store.Auditor) picker {
	l := s.lang
	p := picker{shared: s, auditors: auditors, keys: pickerKeys{
		Up:     key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", tr(l, msgKeyUp))),
		Down:   key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", tr(l, msgKeyDown))),
		Choose: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", tr(l, msgKeyChooseMe))),
	}}
	p.keys.Choose.SetEnabled(len(auditors) > 0)
	return p
}

// pickerTop is the lines above the list: the question and a blank line.
const pickerTop = 2

// update moves the selection; chosen is set when enter picks an auditor.
func (p picker) update(msg tea.KeyPressMsg) (picker, *store.Auditor) {
	switch {
	case key.Matches(msg, p.keys.Up):
		p.sel = max(p.sel-1, 0)
	case key.Matches(msg, p.keys.Down):
		p.sel = min(p.sel+1, len(p.auditors)-1)
	case key.Matches(msg, p.keys.Choose):
		a := p.auditors[p.sel]
		return p, &a
	}
	return p, nil
}

// mouse scrolls with the wheel and selects the clicked row; y counts from
// the top of the body.
func (p picker) mouse(msg tea.MouseMsg, height int) picker {
	m := msg.Mouse()
	switch msg.(type) {
	case tea.MouseWheelMsg:
		if m.Button == tea.MouseWheelUp {
			p.sel = max(p.sel-1, 0)
		} else if m.Button == tea.MouseWheelDown {
			p.sel = min(p.sel+1, len(p.auditors)-1)
		}
	case tea.MouseClickMsg:
		if i := p.offset(height) + m.Y - pickerTop; m.Button == tea.MouseLeft && m.Y >= pickerTop && i < len(p.auditors) {
			p.sel = i
		}
	}
	return p
}

// offset is the first row on screen: the list scrolls a page at a time.
func (p picker) offset(height int) int {
	rows := max(height-pickerTop, 1)
	return p.sel / rows * rows
}

func (p picker) View(width, height int) string {
	l, st := p.lang, p.styles
	if len(p.auditors) == 0 {
		return wrap(tr(l, msgPickerEmpty), width)
	}
	lines := []string{st.PanelTitle.Render(tr(l, msgPickerTitle)), ""}
	rows := max(height-pickerTop, 1)
	off := p.offset(height)
	nameW := 0
	for _, a := range p.auditors {
		nameW = max(nameW, lipgloss.Width(a.Name))
	}
	roleW := max(lipgloss.Width(roleLabel(l, "auditor")), lipgloss.Width(roleLabel(l, "lead")))
	for i := off; i < min(off+rows, len(p.auditors)); i++ {
		a := p.auditors[i]
		row := "  " + cell(a.Name, nameW) + "  " + cell(roleLabel(l, a.Role), roleW) + "  " + a.Affiliation
		row = cell(row, width)
		if i == p.sel {
			row = st.Selected.Render(row)
		}
		lines = append(lines, row)
	}
	return strings.Join(lines, "\n")
}

func (p picker) ShortHelp() []key.Binding {
	return []key.Binding{p.keys.Up, p.keys.Down, p.keys.Choose}
}

// roleLabel names a role in the glossary's words.
func roleLabel(l lang.Lang, role string) string {
	if role == "lead" {
		return tr(l, msgRoleLead)
	}
	return tr(l, msgRoleAuditor)
}
