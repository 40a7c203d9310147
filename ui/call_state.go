package ui

import (
	"maps"
	"slices"
	"time"

	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"phoneaudit/scoring"
	"phoneaudit/store"
)

// callScreen is the live call screen: modal, so that no key means two
// things at once (DESIGN "Screens and keys"): idle → dialling with the
// outcome picker → scoring. It holds the call as the database has it plus
// what the auditor changed since, which is always on its way to the database
// through the root's queue of operations; the screen itself never waits for a
// write.
type callScreen struct {
	shared
	keys   callKeyMap
	open   bool
	callID int64
	pos    int // "第 37/100 个"
	total  int
	sess   session
	panel  bool // I score another auditor's call as a panel member

	loading bool
	loadErr string
	early   []tea.KeyPressMsg // keys pressed while loading, replayed once the call is read
	busy    bool              // a submit or an abandon is on its way: keys wait

	// The call as the database has it, with this visit's changes.
	call                store.Call
	attempts            []scoring.Attempt
	timer               time.Time // the timer mark: when the last dial started (zero: none)
	seconds             *int      // seconds until answered
	answers             scoring.Answers
	submitted           bool // my sheet is in (the call may wait for panel sheets)
	stored              bool // the call was over when opened: its stored result stands
	staffNo, answeredBy string
	recording, notes    string

	// The screen.
	sel         int // the selected criterion
	undo        []undoStep
	note        string // one line of feedback under the timer ("已撤销上一步")
	form        callForm
	formErr     string
	staffIn     textinput.Model
	nameIn      textinput.Model
	recIn       textinput.Model
	secIn       textinput.Model
	nameFocused bool // in the who-answered form
	notesArea   textarea.Model
	notesSeq    int    // the debounce: only the latest tick saves
	notesSaved  string // the notes as last sent to the database

	// The panel (call_panel.go).
	sheets   []store.SheetInfo // the call's sheets as I may see them: blind until mine is in
	review   reviewStep        // a lead settling a call that needs review
	mine     scoring.Answers   // my own answers while the criteria set a consensus
	dropping store.SheetInfo   // the panel member's sheet a lead is dropping

	starts   *startsCache // the criteria rows' fixed parts, drawn once (call_view_rows.go)
	reasonIn textinput.Model

	lease sheetLease // who has my sheet open (call_lease.go)
}

// callData is a call as the database has it, read when the screen opens.
type callData struct {
	call     store.Call
	attempts []scoring.Attempt
	sheet    store.SheetInfo // my live sheet; ID 0 when I have none
	sheets   []store.SheetInfo

	lease      store.Lease // who has my sheet open, when leaseAsked
	leaseAsked bool        // the read took or read the lease of my sheet
	took       store.Lease // a take-over: the lease as it was before
}

// callMode is which keys the screen takes.
type callMode int

const (
	modeLoading   callMode = iota
	modeIdle               // space starts dialling
	modeDialling           // the outcome picker
	modeScoring            // the criteria
	modeFinished           // the result; enter or esc goes back
	modeReadOnly           // another auditor's call, which a lead may look at
	modeElsewhere          // my sheet is open in another session: read-only, T takes it over
)

// callForm is a small input or a question open over the screen.
type callForm int

const (
	formNone callForm = iota
	formAnsweredBy
	formRecording
	formSeconds
	formNotes
	formSubmit
	formAbandon
	formReview // why a lead settles a call that needs review
	formTakeOver
)

// undoStep is one change of this visit that u takes back. The stack lives
// in memory: a call reopened later starts with an empty one.
type undoStep struct {
	kind    undoKind
	crit    int // undoAnswer: the criterion
	prev    int
	hadPrev bool
}

// undoKind is what an undoStep takes back.
type undoKind int

const (
	undoAnswer  undoKind = iota // an answer: set again to prev, or unset
	undoAttempt                 // the last dial
	undoSeconds                 // the seconds until answered: set again to prev
)

func newCallScreen(s shared, sess session, c store.Call, pos, total int) callScreen {
	cs := callScreen{
		shared: s, keys: newCallKeyMap(s.lang), open: true, callID: c.ID,
		pos: pos, total: total, sess: sess, loading: true, call: c,
		answers: scoring.Answers{},
	}
	cs.staffIn = newFormInput(s, tr(s.lang, msgStaffNo)+": ", 12)
	cs.nameIn = newFormInput(s, tr(s.lang, msgStaffName)+": ", 16)
	cs.recIn = newFormInput(s, tr(s.lang, msgRecording)+": ", 0)
	cs.secIn = newFormInput(s, tr(s.lang, msgSecondsPrompt)+": ", 4)
	cs.notesArea = newNotesArea(s)
	cs.reasonIn = newFormInput(s, tr(s.lang, msgReviewReasonIs), 200)
	cs.starts = &startsCache{}
	cs.syncKeys()
	return cs
}

// loaded shows the call as the database has it, exactly: the attempts, the
// timer mark (a mark after the last attempt means still dialling, the timer
// running on), the seconds, my draft's answers, who answered, the
// recording and the notes.
func (c callScreen) loaded(d callData) callScreen {
	c.loading, c.loadErr = false, ""
	c.call = d.call
	c.attempts = slices.Clone(d.attempts)
	c.timer = d.call.TimerStarted
	c.seconds = d.call.AnswerSeconds
	c.answers = maps.Clone(d.sheet.Answers)
	if c.answers == nil {
		c.answers = scoring.Answers{}
	}
	c.submitted = d.sheet.Status == "submitted"
	c.sheets = d.sheets
	// A sheet of mine on another's call: I am on its panel, however I came.
	c.panel = c.panel || (!c.caller() && d.sheet.Status != "")
	c.stored = d.call.Status == scoring.Done || d.call.Status == scoring.Unreachable
	c.staffNo, c.answeredBy = d.call.AnsweredStaffNo, d.call.AnsweredName
	c.recording, c.notes, c.notesSaved = d.call.RecordingFile, d.call.Notes, d.call.Notes
	c.notesArea.SetValue(c.notes)
	c.sel = c.firstUnset()
	c.syncKeys()
	return c
}

func (c callScreen) criteria() []scoring.Criterion { return c.sess.rubric.Criteria }

// mode is where the call stands, derived from its data so that a reopened
// call lands in the same mode it was left in.
func (c callScreen) mode() callMode {
	switch {
	case c.loading || c.loadErr != "":
		return modeLoading
	case c.review == reviewConsensus:
		return modeScoring // a lead sets the consensus on the criteria
	case !c.caller() && !c.panel:
		return modeReadOnly
	case c.finished():
		return modeFinished
	case c.elsewhere():
		return modeElsewhere
	case !c.caller():
		return modeScoring // a panel member scores while the caller's call runs
	case c.reach().Reached:
		return modeScoring
	case c.dialling():
		return modeDialling
	}
	return modeIdle
}

func (c callScreen) reach() scoring.Reach {
	return c.sess.rubric.Reach(c.attempts, c.sess.cal, c.sess.loc)
}

// dialling: the timer mark is after the last attempt (or there is none).
func (c callScreen) dialling() bool {
	if c.timer.IsZero() {
		return false
	}
	return len(c.attempts) == 0 || c.timer.After(c.attempts[len(c.attempts)-1].At)
}

// status is the call's status as it stands now, this visit included.
func (c callScreen) status() scoring.CallStatus {
	switch c.call.Status {
	case scoring.Done, scoring.Unreachable, scoring.NotAudited:
		return c.call.Status
	}
	r := c.reach()
	switch {
	case c.submitted || r.Immediate:
		return scoring.Done
	case r.Unreachable:
		return scoring.Unreachable
	case len(c.attempts) > 0 || !c.timer.IsZero():
		return scoring.InProgress
	}
	return scoring.ToCall
}

func (c callScreen) finished() bool {
	s := c.status()
	return s == scoring.Done || s == scoring.Unreachable || s == scoring.NotAudited
}

// result is the live result from memory, or the stored one of a call that
// finished before this visit.
func (c callScreen) result() scoring.Result {
	if c.stored && c.review != reviewConsensus {
		return c.call.Result
	}
	in := scoring.CallInput{
		Attempts:      c.attempts,
		AnswerSeconds: c.seconds,
		Sheets:        []scoring.Sheet{{Rater: c.sess.me.Name, Answers: c.answers, Submitted: c.submitted}},
	}
	return c.sess.rubric.Result(in, c.sess.cal, c.sess.loc)
}

// isSet says whether criterion i has a value.
func (c callScreen) isSet(i int) bool {
	cr := c.criteria()[i]
	if cr.Kind == scoring.Seconds {
		return c.seconds != nil
	}
	_, ok := c.answers[cr.Key]
	return ok
}

func (c callScreen) firstUnset() int {
	return c.nextUnset(-1, 0)
}

// nextUnset is the first unset criterion after from, wrapping round;
// fallback when every one is set.
func (c callScreen) nextUnset(from, fallback int) int {
	n := len(c.criteria())
	for step := 1; step <= n; step++ {
		if i := (from + step + n) % n; !c.isSet(i) {
			return i
		}
	}
	return fallback
}

// missing lists the labels of the criteria not yet set.
func (c callScreen) missing() []string {
	var out []string
	for i, cr := range c.criteria() {
		if !c.isSet(i) {
			out = append(out, cr.Label(c.lang))
		}
	}
	return out
}

// stamp is the time an attempt or a timer mark records: whole seconds, as
// the database keeps them, and never before the last attempt, so the order
// of marks and attempts read back is the order they were made.
func (c callScreen) stamp(now time.Time, after bool) time.Time {
	at := now.Truncate(time.Second)
	if n := len(c.attempts); n > 0 {
		last := c.attempts[n-1].At
		if after && !at.After(last) {
			at = last.Add(time.Second)
		} else if at.Before(last) {
			at = last
		}
	}
	if !c.timer.IsZero() && at.Before(c.timer) {
		at = c.timer
	}
	return at
}

// needsClock says whether the timer on screen runs.
func (c callScreen) needsClock() bool {
	if !c.open || c.timer.IsZero() {
		return false
	}
	m := c.mode()
	return m == modeDialling || m == modeScoring
}

// typing says whether a text field has the keyboard: then ? and the other
// shell keys type instead of acting.
func (c callScreen) typing() bool {
	switch c.form {
	case formAnsweredBy, formRecording, formSeconds, formNotes, formReview:
		return true
	}
	return false
}
