package ui

import (
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"phoneaudit/store"
)

// The forms and questions of tab 3: a new round (name and dates), the plan
// and open questions, the reason to re-open, and the close question that
// lists the calls that would become not audited. While one is open it has
// the keyboard.

func (p roundsPage) openNew() (roundsPage, tea.Cmd) {
	p.form, p.formErr, p.field = rfNew, "", 0
	for i := range p.inputs {
		p.inputs[i].Reset()
		p.inputs[i].Blur()
	}
	cmd := p.inputs[0].Focus()
	return p.laidOut(false), cmd
}

// askPlan shows the seed that will make the plan, so the same plan can be
// made again from the command line (round plan R --seed N).
func (p roundsPage) askPlan() roundsPage {
	p.form = rfPlan
	p.seed = p.now().UnixNano() % 1_000_000 // as the command line picks one
	return p
}

func (p roundsPage) askOpen() roundsPage {
	if p.refuseSecondOpen() {
		return p
	}
	p.form = rfOpen
	return p
}

func (p roundsPage) openReason() (roundsPage, tea.Cmd) {
	if p.refuseSecondOpen() {
		return p, nil
	}
	p.form, p.formErr = rfReason, ""
	p.reason.Reset()
	cmd := p.reason.Focus()
	return p, cmd
}

// refuseSecondOpen says, before anything is asked, that one round is open
// at a time: the lead learns which one to close first.
func (p *roundsPage) refuseSecondOpen() bool {
	other, ok := p.openRound()
	if !ok {
		return false
	}
	p.note, p.noteErr = tr(p.lang, msgOtherRoundOpen, roundLabel(p.lang, other)), true
	return true
}

// askClose reads the calls a close would leave not audited; the question
// lists them once they are read.
func (p roundsPage) askClose() roundsPage {
	r, _ := p.selected()
	p.form, p.unfinished, p.closeReady = rfClose, nil, false
	p.out = append(slices.Clip(p.out), unfinishedRead(r))
	return p
}

func (p roundsPage) closeForm() roundsPage {
	p.form, p.formErr = rfNone, ""
	for i := range p.inputs {
		p.inputs[i].Blur()
	}
	p.reason.Blur()
	p.move = p.move.blurred()
	return p
}

// formKey gives a key to the open form or question.
func (p roundsPage) formKey(msg tea.KeyPressMsg) (roundsPage, tea.Cmd) {
	k := p.keys
	if p.busy {
		return p, nil // the answer is on its way
	}
	switch p.form {
	case rfMove:
		return p.moveFormKey(msg)
	case rfPlan, rfOpen, rfClose:
		switch {
		case key.Matches(msg, k.Confirm) && (p.form != rfClose || p.closeReady):
			return p.confirm(), nil
		case key.Matches(msg, k.Deny):
			return p.closeForm(), nil
		}
		return p, nil
	}
	switch {
	case key.Matches(msg, k.Cancel):
		return p.closeForm(), nil
	case key.Matches(msg, k.Save):
		return p.saveForm(), nil
	case key.Matches(msg, k.NextField):
		return p.nextField(msg.String() == "shift+tab" || msg.String() == "up")
	}
	var cmd tea.Cmd
	if p.form == rfReason {
		p.reason, cmd = p.reason.Update(msg)
	} else {
		p.inputs[p.field], cmd = p.inputs[p.field].Update(msg)
	}
	return p, cmd
}

func (p roundsPage) nextField(back bool) (roundsPage, tea.Cmd) {
	p.inputs[p.field].Blur()
	step := 1
	if back {
		step = len(p.inputs) - 1
	}
	p.field = (p.field + step) % len(p.inputs)
	cmd := p.inputs[p.field].Focus()
	return p, cmd
}

// confirm sends the operation the lead said yes to.
func (p roundsPage) confirm() roundsPage {
	r, ok := p.selected()
	if !ok {
		return p.closeForm()
	}
	var o op
	switch p.form {
	case rfPlan:
		o = planWrite(r, p.seed)
	case rfOpen:
		o = openWrite(r)
	case rfClose:
		o = closeWrite(r)
	}
	p = p.closeForm()
	p.busy = true
	p.note, p.noteErr = tr(p.lang, msgWorking), false
	p.out = append(slices.Clip(p.out), o)
	return p
}

// saveForm checks what the form holds as the command line does; a mistake
// keeps the form open and says what to change.
func (p roundsPage) saveForm() roundsPage {
	l := p.lang
	if p.form == rfReason {
		reason := strings.TrimSpace(p.reason.Value())
		if reason == "" {
			p.formErr = tr(l, msgReasonNeeded)
			return p
		}
		r, _ := p.selected()
		p.busy, p.formErr = true, tr(l, msgWorking)
		p.out = append(slices.Clip(p.out), reopenWrite(r, reason))
		return p
	}
	name, from, to, problem := p.newRoundValues()
	if problem != "" {
		p.formErr = problem
		return p
	}
	p.busy, p.formErr = true, tr(l, msgWorking)
	p.out = append(slices.Clip(p.out), newRoundWrite(name, from, to))
	return p
}

// newRoundValues reads the new round's form: the name, and the dates as
// 2006-01-02; problem says in words what is wrong, if anything.
func (p roundsPage) newRoundValues() (name, from, to, problem string) {
	l := p.lang
	name = strings.TrimSpace(p.inputs[0].Value())
	switch {
	case name == "":
		return "", "", "", tr(l, msgRoundNameEmpty)
	case store.ValidRoundName(name) != nil: // the only other mistake: all digits
		return "", "", "", tr(l, msgRoundNameDigits, name)
	}
	if slices.ContainsFunc(p.rounds, func(r store.Round) bool { return r.Name == name }) {
		return "", "", "", tr(l, msgRoundExists, name)
	}
	dates := [2]string{}
	for i, in := range p.inputs[1:] {
		v := strings.TrimSpace(in.Value())
		if v == "" {
			continue
		}
		d, ok := parseDate(v)
		if !ok {
			return "", "", "", tr(l, msgDateInvalid, v)
		}
		dates[i] = d
	}
	if dates[0] != "" && dates[1] != "" && dates[1] < dates[0] {
		return "", "", "", tr(l, msgDateOrder, dates[1], dates[0])
	}
	return name, dates[0], dates[1], ""
}

// dateLayouts are the ways the command line reads a date (its dateLayouts):
// how clerks write them, and Excel's displayed defaults.
var dateLayouts = []string{
	"2006-1-2", "2006/1/2", "2006.1.2", "2006年1月2日", "20060102",
	"1/2/2006", "1/2/06", "01-02-06",
}

// parseDate reads a date and writes it as 2006-01-02.
func parseDate(s string) (string, bool) {
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(time.DateOnly), true
		}
	}
	return "", false
}
