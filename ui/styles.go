package ui

import (
	"charm.land/bubbles/v2/help"
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
	Rule      lipgloss.Style // the line under the header

	Placeholder lipgloss.Style // a tab's body until its screen exists

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

	return &Styles{
		Title:     plain.Bold(true).Foreground(accent),
		Tab:       plain.Padding(0, 1),
		ActiveTab: plain.Padding(0, 1).Bold(true).Reverse(true),
		TabSep:    faint,
		DBName:    faint,
		User:      plain.Bold(true),
		Rule:      faint,

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
