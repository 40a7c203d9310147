package demo

import (
	"math/rand/v2"
	"time"

	"phoneaudit/scoring"
)

// callState is where a planned call ends up in the generated data.
type callState int

const (
	stateFinished   callState = iota // done or unreachable
	stateNotAudited                  // closed round: dialled, never reached, never two counted failures
	stateDialling                    // open round: one failed dial so far
	stateDraft                       // open round: reached, the sheet half filled
	stateToCall                      // open round: not dialled yet
)

// callPlan is what a round decided about one call before its details are drawn.
type callPlan struct {
	office, auditor, scenario int
	persona                   scoring.Persona
	planned                   time.Time // local
	span                      int       // the span of working hours planned falls in
	state                     callState
	problem                   bool // a finished call that goes wrong, the office's way
}

// builder draws the details of calls: dials, the sheet, who answered, the note.
type builder struct {
	rng   *rand.Rand
	model *sheetModel
}

func (b *builder) hours() []scoring.Span { return b.model.rubric.Hours }
func (b *builder) gap() time.Duration    { return b.model.rubric.Retry.MinGap }

// minutes is n minutes and a random number of seconds.
func (b *builder) minutes(n int) time.Duration {
	return time.Duration(n)*time.Minute + time.Duration(b.rng.IntN(60))*time.Second
}

// call draws one call of plan p to an office with traits t.
func (b *builder) call(p callPlan, t *traits) Call {
	c := Call{Office: p.office, Auditor: p.auditor, Persona: p.persona, Scenario: p.scenario, Planned: p.planned.UTC()}
	if p.state == stateToCall {
		return c
	}
	first := p.planned.Add(b.minutes(b.rng.IntN(10)))
	switch {
	case p.state == stateNotAudited || p.state == stateDialling:
		b.stalled(&c, first, p.state)
	case p.state == stateDraft:
		b.reached(&c, first, t, p.problem, true)
	case !p.problem:
		b.reached(&c, first, t, false, false)
	case t.vice == viceUnreachable:
		b.unreachable(&c, first, p.span, t)
	case t.vice == viceWrongNumber:
		b.immediate(&c, first, scoring.WrongNumber, notesWrongNo)
	case t.vice == viceHungUp:
		b.immediate(&c, first, scoring.HungUp, notesHungUp)
	default:
		b.reached(&c, first, t, true, false)
	}
	return c
}

func (b *builder) dial(c *Call, at time.Time, o scoring.Outcome) {
	c.Dials = append(c.Dials, Dial{At: at.UTC(), Outcome: o})
}

// failedOutcome is a no-answer, now and then a busy line.
func (b *builder) failedOutcome() scoring.Outcome {
	if chance(b.rng, 0.25) {
		return scoring.Busy
	}
	return scoring.NoAnswer
}

// reached: the office picked up (after a failed dial now and then) and the
// caller scored the call; a draft stops part-way through the sheet.
func (b *builder) reached(c *Call, at time.Time, t *traits, problem, draft bool) {
	if chance(b.rng, 0.12) {
		b.dial(c, at, b.failedOutcome())
		at = at.Add(b.minutes(3 + b.rng.IntN(12)))
	}
	outcome := scoring.Connected
	if chance(b.rng, 0.07) {
		outcome = scoring.ConnectedDept
	}
	b.dial(c, at, outcome)

	var a scoring.Answers
	var secs int
	failedKey := ""
	if problem {
		a, secs, failedKey = b.model.failing(b.rng, t.quality, t.vice.problemType())
	} else {
		a, secs = b.model.clean(b.rng, t.quality)
	}
	c.AnswerSeconds = &secs
	c.AnsweredBy = b.answerer(t, problem)
	if draft {
		c.Answers = b.model.partial(a, 1+b.rng.IntN(max(1, len(b.model.rated)-2)))
		return
	}
	c.Answers, c.Submitted = a, true
	c.SubmittedAt = at.Add(b.minutes(3 + b.rng.IntN(7))).UTC()
	c.Notes = noteFor(b.rng, b.model, a, secs, failedKey, problem && failedKey == "")
	if outcome == scoring.ConnectedDept {
		c.Notes = withDeptLine(c.Notes)
	}
}

// answerer is who the caller noted as having answered. Problem calls are
// mostly the office's culprit, and callers ask for a staff number when
// something goes wrong, so those are noted more often.
func (b *builder) answerer(t *traits, problem bool) Staff {
	if problem {
		who := t.staff[t.culprit]
		switch r := b.rng.Float64(); {
		case r < 0.4:
			return Staff{StaffNo: who.StaffNo}
		case r < 0.7:
			return who
		default:
			return Staff{}
		}
	}
	who := oneOf(b.rng, t.staff)
	switch r := b.rng.Float64(); {
	case r < 0.25:
		return Staff{StaffNo: who.StaffNo}
	case r < 0.35:
		return Staff{Name: who.Name}
	case r < 0.45:
		return who
	default:
		return Staff{}
	}
}

// unreachable: two failed dials at least the retry gap apart, both in working
// hours: later in the same span, or in the next span of the day.
func (b *builder) unreachable(c *Call, first time.Time, span int, t *traits) {
	o1, o2 := b.failedOutcome(), b.failedOutcome()
	notes := notesUnreachable
	switch {
	case t.deadLine:
		o1, o2, notes = scoring.Invalid, scoring.Invalid, notesDeadLine
	case o1 == scoring.Busy && o2 == scoring.Busy:
		notes = notesBusy
	}
	second := first.Add(b.gap() + b.minutes(2+b.rng.IntN(23)))
	if hs := b.hours(); span+1 < len(hs) && chance(b.rng, 0.4) {
		next := hs[span+1]
		later := atMinute(startOfDay(first), next.From+b.rng.IntN(max(1, next.To-next.From-10)), b.rng.IntN(60))
		if later.Sub(first) > b.gap() {
			second = later
			if o1 == scoring.NoAnswer && o2 == scoring.NoAnswer {
				notes = notesUnreachableApart
			}
		}
	}
	b.dial(c, first, o1)
	b.dial(c, second, o2)
	c.SubmittedAt = second.Add(b.minutes(1)).UTC()
	c.Notes = oneOf(b.rng, notes)
}

// immediate: the call ended at once in 13 or 14, sometimes after a failed dial.
func (b *builder) immediate(c *Call, at time.Time, o scoring.Outcome, notes []string) {
	if chance(b.rng, 0.2) {
		b.dial(c, at, b.failedOutcome())
		at = at.Add(b.minutes(3 + b.rng.IntN(12)))
	}
	b.dial(c, at, o)
	c.SubmittedAt = at.Add(b.minutes(1)).UTC()
	c.Notes = oneOf(b.rng, notes)
}

// stalled: a call left open. One failed dial, or in a closed round sometimes
// two too close together for the second to count, so the call was never
// unreachable and round close made it not audited.
func (b *builder) stalled(c *Call, first time.Time, s callState) {
	b.dial(c, first, b.failedOutcome())
	if gapMin := int(b.gap() / time.Minute); s == stateNotAudited && gapMin >= 4 && chance(b.rng, 0.5) {
		b.dial(c, first.Add(b.minutes(2+b.rng.IntN(gapMin-3))), b.failedOutcome())
	}
	if chance(b.rng, 0.3) {
		c.Notes = oneOf(b.rng, notesStalled)
	}
}

// startOfDay is local midnight of t's day in its own zone.
func startOfDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}
