package ui

import (
	"context"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"phoneaudit/scoring"
	"phoneaudit/store"
)

// The fields of the notice forms.
const (
	inResponse = iota // R: the office's response
	inDeadline        // X: the new deadline
	inReason          // X: why
	inChecker         // V: who checked
	inHow             // V: how
	inputCount
)

func newNoticeInputs(s shared) [inputCount]textinput.Model {
	l := s.lang
	in := [inputCount]textinput.Model{
		inResponse: newFormInput(s, tr(l, msgResponseIs), 500),
		inDeadline: newFormInput(s, tr(l, msgDeadlineIs), 12),
		inReason:   newFormInput(s, tr(l, msgReasonIs), 200),
		inChecker:  newFormInput(s, tr(l, msgCheckerIs), 40),
		inHow:      newFormInput(s, tr(l, msgHowIs), 200),
	}
	in[inHow].Placeholder = tr(l, msgHowPlaceholder)
	return in
}

// formFields is the fields of a form, in the order tab goes through them.
func formFields(f historyForm) []int {
	switch f {
	case hfReport:
		return []int{inResponse}
	case hfExtend:
		return []int{inDeadline, inReason}
	case hfVerify:
		return []int{inChecker, inHow}
	}
	return nil
}

// noticesIn is the office's notices in status want (issued ones include the overdue).
func (h historyView) noticesIn(want string) []store.Notice {
	var out []store.Notice
	for _, n := range h.notices {
		if n.Status == want {
			out = append(out, n)
		}
	}
	return out
}

// startStep opens form f on the office's notice in status want, or asks which one first when
// it has several.
func (h historyView) startStep(f historyForm, want string) (historyView, tea.Cmd, bool) {
	ns := h.noticesIn(want)
	switch len(ns) {
	case 0:
		return h, nil, false
	case 1:
		return h.openForm(f, ns[0])
	}
	h.form, h.pickFor, h.picks, h.pickSel = hfPick, f, ns, len(ns)-1 // the newest first chosen, as before there was a choice
	return h, nil, false
}

// pickKey moves through the notices; enter opens the form on the chosen one, esc cancels.
func (h historyView) pickKey(msg tea.KeyPressMsg) (historyView, tea.Cmd) {
	k := h.keys
	switch {
	case key.Matches(msg, k.Cancel):
		return h.closeForm(), nil
	case key.Matches(msg, k.PrevRow):
		h.pickSel = max(h.pickSel-1, 0)
	case key.Matches(msg, k.NextRow):
		h.pickSel = min(h.pickSel+1, len(h.picks)-1)
	case key.Matches(msg, k.Choose):
		h, cmd, _ := h.openForm(h.pickFor, h.picks[h.pickSel])
		return h, cmd
	}
	return h, nil
}

// openForm opens form f on notice n. X's date starts as the deadline plus the working days a
// notice is given, V's checker as the acting user.
func (h historyView) openForm(f historyForm, n store.Notice) (historyView, tea.Cmd, bool) {
	h.form, h.target, h.confirm, h.picks = f, n, false, nil
	for i := range h.inputs {
		h.inputs[i].Reset()
		h.inputs[i].Blur()
	}
	switch f {
	case hfExtend:
		h.inputs[inDeadline].SetValue(h.laterDeadline(n.Deadline))
	case hfVerify:
		h.inputs[inChecker].SetValue(h.sess.me.Name)
	}
	h.field = formFields(f)[0]
	cmd := h.inputs[h.field].Focus()
	return h, cmd, false
}

// laterDeadline is deadline plus store.DefaultNoticeDays working days of the city's calendar.
func (h historyView) laterDeadline(deadline string) string {
	loc := orUTC(h.sess.loc)
	d, err := time.ParseInLocation(time.DateOnly, deadline, loc)
	if err != nil {
		return ""
	}
	return scoring.AddWorkingDays(d, store.DefaultNoticeDays, h.sess.cal).Format(time.DateOnly)
}

func (h historyView) formKey(msg tea.KeyPressMsg) (historyView, tea.Cmd) {
	k := h.keys
	if h.busy {
		return h, nil
	}
	if h.form == hfPick {
		return h.pickKey(msg)
	}
	if h.confirm {
		switch {
		case key.Matches(msg, k.Confirm):
			return h.commit(), nil
		case key.Matches(msg, k.Deny):
			h.confirm, h.note, h.isErr = false, "", false
			return h, h.inputs[h.field].Focus()
		}
		return h, nil
	}
	switch {
	case key.Matches(msg, k.Cancel):
		h.note, h.isErr = "", false
		return h.closeForm(), nil
	case key.Matches(msg, k.Save):
		return h.saveForm()
	case key.Matches(msg, k.NextField):
		return h.nextField()
	}
	var cmd tea.Cmd
	h.inputs[h.field], cmd = h.inputs[h.field].Update(msg)
	return h, cmd
}

func (h historyView) nextField() (historyView, tea.Cmd) {
	fs := formFields(h.form)
	h.inputs[h.field].Blur()
	h.field = fs[(slices.Index(fs, h.field)+1)%len(fs)]
	return h, h.inputs[h.field].Focus()
}

// saveForm checks the form: a report or a verification is then shown for a confirm, an
// extension sent. A mistake keeps the form, with the error.
func (h historyView) saveForm() (historyView, tea.Cmd) {
	l, n := h.lang, h.target
	switch h.form {
	case hfReport:
		if strings.TrimSpace(h.inputs[inResponse].Value()) == "" {
			return h.withFormErr(tr(l, msgResponseNeeded)), nil
		}
		h.confirm, h.note, h.isErr = true, "", false
		h.inputs[h.field].Blur()
	case hfVerify:
		h.confirm, h.note, h.isErr = true, "", false
		h.inputs[h.field].Blur()
	case hfExtend:
		text := strings.TrimSpace(h.inputs[inDeadline].Value())
		d, ok := parseDate(text)
		if !ok {
			return h.withFormErr(tr(l, msgDateInvalid, text)), nil
		}
		if d <= n.Deadline {
			return h.withFormErr(tr(l, msgDeadlineNotLater, d, n.Deadline)), nil
		}
		reason := strings.TrimSpace(h.inputs[inReason].Value())
		if reason == "" && h.field == inDeadline { // enter takes the date and goes on to the reason
			h.note, h.isErr = "", false
			return h.nextField()
		}
		if reason == "" {
			return h.withFormErr(tr(l, msgExtendReasonNeeded)), nil
		}
		day, err := time.ParseInLocation(time.DateOnly, d, orUTC(h.sess.loc))
		if err != nil {
			return h.withFormErr(tr(l, msgDateInvalid, text)), nil
		}
		h.out = append(slices.Clip(h.out), historyOp(h.owner, h.office.id, msgNoticeExtended, n.Number,
			func(ctx context.Context, st *store.Store) error { return st.ExtendNotice(ctx, n.ID, day, reason) }))
		h.busy, h.note, h.isErr = true, tr(l, msgWorking), false
	}
	return h, nil
}

// commit sends the confirmed report or verification.
func (h historyView) commit() historyView {
	n := h.target
	switch h.form {
	case hfReport:
		response := strings.TrimSpace(h.inputs[inResponse].Value())
		h.out = append(slices.Clip(h.out), historyOp(h.owner, h.office.id, msgNoticeReported, n.Number,
			func(ctx context.Context, st *store.Store) error { return st.ReportNotice(ctx, n.ID, response) }))
	case hfVerify:
		by, how := strings.TrimSpace(h.inputs[inChecker].Value()), strings.TrimSpace(h.inputs[inHow].Value())
		h.out = append(slices.Clip(h.out), historyOp(h.owner, h.office.id, msgNoticeVerified, n.Number,
			func(ctx context.Context, st *store.Store) error { return st.VerifyNotice(ctx, n.ID, by, how) }))
	}
	h.busy, h.note, h.isErr = true, tr(h.lang, msgWorking), false
	return h
}

// formLines is the picker, or the open form over the history with its confirmation.
func (h historyView) formLines(width int) []string {
	l, st := h.lang, h.styles
	n := h.target
	var lines []string
	switch h.form {
	case hfPick:
		step := map[historyForm]msgID{hfReport: msgKeyReportNotice, hfVerify: msgKeyVerifyNotice, hfExtend: msgKeyExtendNotice}[h.pickFor]
		lines = wrapStyled(st.PanelTitle, tr(l, msgPickTitle, tr(l, step)), width)
		for i, p := range h.picks {
			row := "  " + strings.TrimLeft(tr(l, msgNoticeRow, p.Number, p.RoundNumber, p.Deadline, noticeLabel(l, p.Status, p.Overdue)), " ")
			if i == h.pickSel {
				lines = append(lines, st.Selected.Render(cell("› "+strings.TrimLeft(row, " "), width)))
			} else {
				lines = append(lines, cell(row, width))
			}
		}
		return lines
	case hfReport:
		lines = wrapStyled(st.PanelTitle, tr(l, msgReportTitle, n.Number, n.Deadline), width)
	case hfVerify:
		lines = wrapStyled(st.PanelTitle, tr(l, msgVerifyTitle, n.Number, orDash(n.ReportedOn)), width)
	default:
		lines = wrapStyled(st.PanelTitle, tr(l, msgExtendTitle, n.Number, n.Deadline), width)
	}
	for _, i := range formFields(h.form) {
		in := h.inputs[i]
		in.SetWidth(max(min(48, width-lipgloss.Width(in.Prompt)-2), 4))
		lines = append(lines, in.View())
	}
	if h.confirm {
		lines = append(lines, wrapStyled(st.Note, h.confirmText(), width)...)
		lines = append(lines, st.Hint.Render(cell(tr(l, msgConfirmKeys), width)))
	}
	return lines
}

// confirmText is what a report or a verification will record.
func (h historyView) confirmText() string {
	l, n := h.lang, h.target
	if h.form == hfVerify {
		by, how := strings.TrimSpace(h.inputs[inChecker].Value()), strings.TrimSpace(h.inputs[inHow].Value())
		if by == "" {
			by = h.sess.me.Name
		}
		if how == "" {
			how = tr(l, msgHowNotNoted)
		}
		return tr(l, msgConfirmVerify, n.Number, by, how)
	}
	today := h.now().In(orUTC(h.sess.loc)).Format(time.DateOnly)
	when := tr(l, msgOnTime)
	if today > n.Deadline {
		when = tr(l, msgLate)
	}
	return tr(l, msgConfirmReport, n.Number, today, when, n.Deadline)
}
