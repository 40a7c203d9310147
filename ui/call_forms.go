package ui

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"phoneaudit/store"
)

// The small inputs of the call screen (who answered, recording, seconds),
// the notes and the two questions (submit, abandon). While one is open it
// has the keyboard: the screen's own keys wait.

func newNotesArea(s shared) textarea.Model {
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.Prompt = "│ "
	ta.Placeholder = tr(s.lang, msgNotesPlaceholder)
	ta.CharLimit = 2000
	ta.SetStyles(s.styles.Notes)
	ta.SetHeight(notesHeight)
	return ta
}

// notesHeight is the lines of the notes while they are edited.
const notesHeight = 3

func (c callScreen) openSeconds() callScreen {
	c.form, c.formErr = formSeconds, ""
	c.secIn.Reset()
	if c.seconds != nil {
		c.secIn.SetValue(strconv.Itoa(*c.seconds))
	}
	c.secIn.Focus()
	return c
}

func (c callScreen) openAnsweredBy() callScreen {
	c.form, c.formErr = formAnsweredBy, ""
	c.staffIn.SetValue(c.staffNo)
	c.nameIn.SetValue(c.answeredBy)
	c.staffIn.Focus()
	c.nameIn.Blur()
	c.nameFocused = false
	return c
}

func (c callScreen) openRecording() callScreen {
	c.form, c.formErr = formRecording, ""
	c.recIn.SetValue(c.recording)
	c.recIn.CursorEnd()
	c.recIn.Focus()
	return c
}

func (c callScreen) openNotes() callScreen {
	c.form = formNotes
	c.notesArea.Focus()
	c.notesArea.CursorEnd()
	return c
}

// openSubmit asks before submitting; the notes are saved first, so the
// sheet goes in with them.
func (c callScreen) openSubmit() (callScreen, callOut) {
	c.form, c.formErr = formSubmit, ""
	var out callOut
	if w, ok := c.flushNotes(); ok {
		out.writes = append(out.writes, w)
	}
	return c, out
}

func (c callScreen) closeForm() callScreen {
	c.form, c.formErr = formNone, ""
	c.staffIn.Blur()
	c.nameIn.Blur()
	c.recIn.Blur()
	c.secIn.Blur()
	c.notesArea.Blur()
	c.reasonIn.Blur()
	return c
}

// formKey gives a key to the open form or question.
func (c callScreen) formKey(msg tea.KeyPressMsg) (callScreen, callOut) {
	switch c.form {
	case formNotes:
		return c.notesKey(msg)
	case formSubmit, formAbandon, formTakeOver:
		return c.questionKey(msg)
	case formReview:
		return c.reviewKey(msg)
	}
	k := c.keys
	switch {
	case key.Matches(msg, k.Cancel):
		return c.closeForm(), callOut{}
	case key.Matches(msg, k.Save):
		return c.saveForm()
	case key.Matches(msg, k.Next):
		c.nameFocused = !c.nameFocused
		if c.nameFocused {
			c.staffIn.Blur()
			return c, callOut{cmd: c.nameIn.Focus()}
		}
		c.nameIn.Blur()
		return c, callOut{cmd: c.staffIn.Focus()}
	}
	var cmd tea.Cmd
	switch {
	case c.form == formSeconds:
		c.secIn, cmd = c.secIn.Update(msg)
	case c.form == formRecording:
		c.recIn, cmd = c.recIn.Update(msg)
	case c.nameFocused:
		c.nameIn, cmd = c.nameIn.Update(msg)
	default:
		c.staffIn, cmd = c.staffIn.Update(msg)
	}
	return c, callOut{cmd: cmd}
}

// saveForm takes what the form holds; a bad value keeps the form open.
func (c callScreen) saveForm() (callScreen, callOut) {
	switch c.form {
	case formSeconds:
		secs, err := strconv.Atoi(strings.TrimSpace(c.secIn.Value()))
		if err != nil || secs < 0 {
			c.formErr = tr(c.lang, msgSecondsInvalid)
			return c, callOut{}
		}
		c = c.closeForm()
		return c.setSeconds(secs)
	case formAnsweredBy:
		c.staffNo = strings.TrimSpace(c.staffIn.Value())
		c.answeredBy = strings.TrimSpace(c.nameIn.Value())
		c = c.closeForm()
		return c, callOut{writes: []op{answeredByWrite(c.callID, c.staffNo, c.answeredBy)}}
	case formRecording:
		path := strings.TrimSpace(c.recIn.Value())
		if path == "" {
			c.recording = ""
			c = c.closeForm()
			return c, callOut{writes: []op{recordingWrite(c.callID, "")}}
		}
		c.formErr = tr(c.lang, msgCheckingFile)
		return c, callOut{cmd: checkRecording(c.callID, path)}
	}
	return c, callOut{}
}

// recordingCheckedMsg answers checkRecording.
type recordingCheckedMsg struct {
	callID int64
	path   string // made absolute, so a submit from another folder finds it
	err    error
}

// checkRecording makes sure the recording file exists before it is linked
// (the store refuses a missing one, and a write that can never succeed
// would block the ones behind it).
func checkRecording(callID int64, path string) tea.Cmd {
	return func() tea.Msg {
		abs, err := filepath.Abs(path)
		if err != nil {
			return recordingCheckedMsg{callID: callID, path: path, err: err}
		}
		st, err := os.Stat(abs)
		if err == nil && !st.Mode().IsRegular() {
			err = fmt.Errorf("%s: %w", abs, errNotAFile)
		}
		return recordingCheckedMsg{callID: callID, path: abs, err: err}
	}
}

var errNotAFile = errors.New("not a file")

// recordingChecked links the file, or says in words why it cannot.
func (c callScreen) recordingChecked(msg recordingCheckedMsg) (callScreen, callOut) {
	if c.form != formRecording {
		return c, callOut{}
	}
	switch {
	case errors.Is(msg.err, os.ErrNotExist):
		c.formErr = tr(c.lang, msgNoSuchFile, msg.path)
	case errors.Is(msg.err, errNotAFile):
		c.formErr = tr(c.lang, msgNotAFile, msg.path)
	case msg.err != nil:
		c.formErr = tr(c.lang, msgFileUnreadable, oneLine(msg.err.Error()))
	default:
		c.recording = msg.path
		c = c.closeForm()
		return c, callOut{writes: []op{recordingWrite(c.callID, msg.path)}}
	}
	return c, callOut{}
}

// notesKey types into the notes; each change restarts the one-second
// debounce, and esc saves at once.
func (c callScreen) notesKey(msg tea.KeyPressMsg) (callScreen, callOut) {
	if key.Matches(msg, c.keys.CloseNotes) {
		c = c.closeForm()
		c.notesSeq++ // a tick still on its way finds nothing to do
		var out callOut
		if w, ok := c.flushNotes(); ok {
			out.writes = append(out.writes, w)
		}
		return c, out
	}
	before := c.notesArea.Value()
	var cmd tea.Cmd
	c.notesArea, cmd = c.notesArea.Update(msg)
	out := callOut{cmd: cmd}
	if c.notesArea.Value() != before {
		c.notes = c.notesArea.Value()
		c.notesSeq++
		out.notesTick = c.notesSeq
	}
	return c, out
}

// notesTickMsg is the debounce: a second after a keystroke in the notes.
type notesTickMsg struct {
	callID int64
	seq    int
}

// notesTick saves the notes when no key followed in the second since.
func (c callScreen) notesTick(seq int) (callScreen, callOut) {
	if seq != c.notesSeq {
		return c, callOut{}
	}
	var out callOut
	if w, ok := c.flushNotes(); ok {
		out.writes = append(out.writes, w)
	}
	return c, out
}

// questionKey answers the submit or abandon question. An incomplete sheet
// cannot be submitted: only esc closes that question.
func (c callScreen) questionKey(msg tea.KeyPressMsg) (callScreen, callOut) {
	k := c.keys
	switch {
	case key.Matches(msg, k.Confirm) && c.form == formSubmit:
		c = c.closeForm()
		c.busy = true
		// What the confirmation shows is what is submitted, or nothing (the store compares).
		shown := store.Confirmed{Answers: maps.Clone(c.answers)}
		if c.seconds != nil {
			secs := *c.seconds
			shown.Seconds = &secs
		}
		return c, callOut{writes: []op{submitWrite(c.callID, shown)}}
	case key.Matches(msg, k.Confirm) && c.form == formTakeOver:
		c = c.closeForm()
		c.busy = true
		return c, callOut{writes: []op{takeOverOp(c.callID)}}
	case key.Matches(msg, k.Confirm):
		c = c.closeForm()
		c.busy = true
		return c, callOut{writes: []op{abandonWrite(c.callID)}}
	case key.Matches(msg, k.Deny), key.Matches(msg, k.Cancel):
		return c.closeForm(), callOut{}
	}
	return c, callOut{}
}
