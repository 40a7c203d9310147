package ui

import "charm.land/bubbles/v2/textinput"

// newFormInput is the one-line input of a form (the call screen's, tab 3's,
// an office history's): prompt before it, at most limit characters.
func newFormInput(s shared, prompt string, limit int) textinput.Model {
	in := textinput.New()
	in.Prompt = prompt
	in.CharLimit = limit
	in.SetStyles(s.styles.Input)
	return in
}
