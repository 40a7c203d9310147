package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/textinput"
)

// newFormInput is the one-line input of a form (the call screen's, tab 3's,
// an office history's): prompt before it, at most limit characters.
func newFormInput(s shared, prompt string, limit int) textinput.Model {
	in := textinput.New()
	in.Prompt = prompt
	in.CharLimit = limit
	in.SetStyles(s.styles.Input)
	return in
}

// cycleName is the name after (or before) cur in names: ←/→ in a form field that takes an
// auditor (a move in tab 3, a hand-on in tab 1).
func cycleName(names []string, cur string, back bool) string {
	if len(names) == 0 {
		return cur
	}
	i := slices.Index(names, strings.TrimSpace(cur))
	switch {
	case i < 0:
		i = 0
	case back:
		i = (i + len(names) - 1) % len(names)
	default:
		i = (i + 1) % len(names)
	}
	return names[i]
}
