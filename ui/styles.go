package ui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/table"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"
)

// Styles are every look of the screens, built once by DefaultStyles and
// shared by pointer, so no View builds a style.
//
// Colours are the terminal's own 16 ANSI colours: each terminal theme tunes
// them to its background, so they read on light and dark screens alike
// without asking the terminal what its background is. Whatever must be seen
// also has a text attribute (bold, reverse, underline), because under
// NO_COLOR the renderer drops colours but keeps attributes.
type Styles struct {
	Title     lipgloss.Style // "phoneaudit" in the header
	Tab       lipgloss.Style
	ActiveTab lipgloss.Style
	TabSep    lipgloss.Style
	DBName    lipgloss.Style
	User      lipgloss.Style
	Round     lipgloss.Style
	Rule      lipgloss.Style // the line under the header

	// The saved mark: ● saved, ◌ saving…, ✗ NOT SAVED.
	Saved    lipgloss.Style
	Saving   lipgloss.Style
	NotSaved lipgloss.Style

	// Lists and the call screen.
	Table         table.Styles
	ListHeader    lipgloss.Style // the header row of a list drawn without the table
	Count         lipgloss.Style // "已完成 12/34"
	PanelTitle    lipgloss.Style
	Selected      lipgloss.Style // the selected row of a list
	CallTitle     lipgloss.Style // department · office
	Timer         lipgloss.Style
	Label         lipgloss.Style // a criterion's name
	SelectedLabel lipgloss.Style
	Hint          lipgloss.Style // quiet explanations
	Key           lipgloss.Style // a key to press, in the text
	Value         lipgloss.Style
	Missing       lipgloss.Style // "← 未评"
	Problem       lipgloss.Style
	Yellow        lipgloss.Style // 黄牌
	Note          lipgloss.Style // what just happened ("已撤销")
	Input         textinput.Styles
	Notes         textarea.Styles

	// Tab 5: whether the bulletin is the stored text or rendered now.
	Published lipgloss.Style // 已发布（存档稿）
	Preview   lipgloss.Style // 预览

	Placeholder lipgloss.Style // a faint note in a tab: what it is for, loading, nothing matches

	WelcomePanel lipgloss.Style
	WelcomeTitle lipgloss.Style
	Command      lipgloss.Style // a command line to type
	KeyHint      lipgloss.Style

	Status      lipgloss.Style
	StatusError lipgloss.Style

	Help help.Styles
}

// DefaultStyles returns the styles of phoneaudit.
func DefaultStyles() *Styles {
	accent := lipgloss.Blue
	plain := lipgloss.NewStyle()
	faint := plain.Faint(true)
	keyStyle := plain.Foreground(accent).Bold(true)
	reverse := plain.Reverse(true)

	return &Styles{
		Title:     plain.Bold(true).Foreground(accent),
		Tab:       plain.Padding(0, 1),
		ActiveTab: plain.Padding(0, 1).Bold(true).Reverse(true),
		TabSep:    faint,
		DBName:    faint,
		User:      plain.Bold(true),
		Round:     plain,
		Rule:      faint,

		Saved:    plain.Foreground(lipgloss.Green),
		Saving:   plain.Foreground(lipgloss.Yellow).Bold(true),
		NotSaved: plain.Foreground(lipgloss.Red).Bold(true).Reverse(true),

		Table: table.Styles{
			Header:   plain.Bold(true).Underline(true).Padding(0, 1),
			Cell:     plain.Padding(0, 1),
			Selected: reverse,
		},
		ListHeader:    plain.Bold(true).Underline(true),
		Count:         plain.Bold(true),
		PanelTitle:    plain.Bold(true),
		Selected:      reverse,
		CallTitle:     plain.Bold(true).Foreground(accent),
		Timer:         plain.Bold(true),
		Label:         plain,
		SelectedLabel: plain.Bold(true).Underline(true),
		Hint:          faint,
		Key:           keyStyle,
		Value:         plain.Bold(true),
		Missing:       plain.Foreground(lipgloss.Red),
		Problem:       plain.Bold(true).Foreground(lipgloss.Red),
		Yellow:        plain.Bold(true).Foreground(lipgloss.Yellow),
		Note:          plain.Foreground(lipgloss.Yellow),
		Input:         inputStyles(),
		Notes:         notesStyles(),

		Published: plain.Bold(true).Reverse(true).Foreground(lipgloss.Green),
		Preview:   plain.Bold(true).Underline(true).Foreground(lipgloss.Yellow),

		Placeholder: faint,

		WelcomePanel: plain.Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(0, 2),
		WelcomeTitle: plain.Bold(true).Foreground(accent),
		Command:      plain.Bold(true),
		KeyHint:      plain,

		Status:      plain,
		StatusError: plain.Bold(true).Foreground(lipgloss.Red),

		Help: help.Styles{
			Ellipsis:       faint,
			ShortKey:       keyStyle,
			ShortDesc:      plain,
			ShortSeparator: faint,
			FullKey:        keyStyle,
			FullDesc:       plain,
			FullSeparator:  faint,
		},
	}
}

// inputStyles are the text inputs' styles with a steady cursor: a blinking
// one sends a timer message twice a second for nothing.
func inputStyles() textinput.Styles {
	s := textinput.DefaultDarkStyles()
	plain := lipgloss.NewStyle()
	s.Focused.Prompt = plain.Bold(true)
	s.Blurred.Prompt = plain.Faint(true)
	s.Focused.Text, s.Blurred.Text = plain, plain
	s.Cursor.Blink = false
	return s
}

func notesStyles() textarea.Styles {
	s := textarea.DefaultDarkStyles()
	plain := lipgloss.NewStyle()
	s.Focused.CursorLine, s.Focused.Text, s.Blurred.Text = plain, plain, plain
	s.Focused.Base, s.Blurred.Base = plain, plain
	s.Cursor.Blink = false
	return s
}
