package ui

import (
	"context"
	"maps"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"phoneaudit/lang"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// amendForm is a lead's amendment of one audit of the office: new values
// for the criteria of the sheet its score stands on, or new values for an
// imported result; always with a reason. The original stays as recorded:
// the store keeps both, and the history shows the amendment under the audit.
type amendForm struct {
	idx     int                // the audit: an index into the history's entries
	rub     scoring.Rubric     // its round's rubric (a sheet)
	waiting bool               // the rubric is being read
	answers scoring.Answers    // a sheet's new answers
	problem bool               // an imported result's 是否存在问题
	row     int                // the row selected: a criterion of a sheet, or a field
	inputs  [3]textinput.Model // an imported result's total and problem text; the reason
	// published holds the numbers of the published rounds (read when the form opens): their
	// amendments are previewed before they are saved, and saved only after a confirm.
	published map[int]bool
	checking  bool                // the preview is on its way
	effects   *store.AmendPreview // the preview on screen: y saves, n goes back to the form
}

// The text fields of the form.
const (
	amendTotal   = 0
	amendReasons = 1
	amendWhy     = 2
)

// amendRubricMsg answers the read of a round's rubric for the form.
type amendRubricMsg struct {
	owner    tab
	officeID int64
	version  int
	rub      scoring.Rubric
	err      error
}

func amendRubricRead(owner tab, officeID int64, version int) op {
	return pageRead(func(ctx context.Context, st *store.Store) tea.Msg {
		rub, err := st.Rubric(ctx, version)
		return amendRubricMsg{owner: owner, officeID: officeID, version: version, rub: rub, err: err}
	})
}

// amendable says whether a lead can amend an audit: an imported result, or
// a scored call settled on a submitted sheet (one that needs review is
// settled with a consensus first).
func amendable(e store.HistoryEntry) bool {
	if e.Status != scoring.Done {
		return false
	}
	if e.Imported {
		return true
	}
	return e.SheetID != 0 && e.Result.Scored && !e.Result.NeedsReview
}

// nextAmendable is the audit after (step 1) or before (step -1) index i that
// can be amended; i itself when there is none.
func (h historyView) nextAmendable(i, step int) int {
	for j := i + step; j >= 0 && j < len(h.entries); j += step {
		if amendable(h.entries[j]) {
			return j
		}
	}
	return i
}

// openAmend opens the form on the newest audit that can be amended.
func (h historyView) openAmend() (historyView, tea.Cmd, bool) {
	i := h.nextAmendable(-1, 1)
	if i < 0 {
		h.note, h.isErr = tr(h.lang, msgNothingToAmend), true
		return h, nil, false
	}
	h.form = hfAmend
	h.amend = amendForm{inputs: h.amend.inputs}
	h.out = append(slices.Clip(h.out), publishedRoundsRead(h.owner, h.office.id))
	return h.amendOn(i), nil, false
}

// amendRoundsMsg answers publishedRoundsRead.
type amendRoundsMsg struct {
	owner     tab
	officeID  int64
	published map[int]bool
	err       error
}

// publishedRoundsRead reads which rounds are published, for the form to say so.
func publishedRoundsRead(owner tab, officeID int64) op {
	return pageRead(func(ctx context.Context, st *store.Store) tea.Msg {
		rs, err := st.Rounds(ctx)
		msg := amendRoundsMsg{owner: owner, officeID: officeID, published: map[int]bool{}, err: err}
		for _, r := range rs {
			if r.Status == store.RoundPublished {
				msg.published[r.Number] = true
			}
		}
		return msg
	})
}

func (h historyView) roundsRead(msg amendRoundsMsg) historyView {
	if h.form != hfAmend {
		return h
	}
	if msg.err != nil {
		return h.withFormErr(tr(h.lang, msgActionFailed, opErrText(h.lang, msg.err)))
	}
	h.amend.published = msg.published
	return h
}

// amendPreviewMsg answers the preview of an amendment of a published round.
type amendPreviewMsg struct {
	owner    tab
	officeID int64
	idx      int
	preview  store.AmendPreview
	err      error
}

func (h historyView) previewed(msg amendPreviewMsg) historyView {
	a := &h.amend
	if h.form != hfAmend || !a.checking || a.idx != msg.idx {
		return h
	}
	a.checking, h.busy = false, false
	if msg.err != nil {
		return h.withFormErr(tr(h.lang, msgActionFailed, opErrText(h.lang, msg.err)))
	}
	h.note, h.isErr = "", false
	a.effects = &msg.preview
	return h
}

// amendOn shows audit i in the form with its values as they stand; a sheet
// waits for its rubric.
func (h historyView) amendOn(i int) historyView {
	e := h.entries[i]
	a := &h.amend
	why := a.inputs[amendWhy].Value()
	a.idx, a.row, a.waiting = i, 0, false
	for j := range a.inputs {
		a.inputs[j].Reset()
		a.inputs[j].Blur()
	}
	a.inputs[amendWhy].SetValue(why) // the reason is the lead's: it stays while they look around
	if e.Imported {
		a.problem = e.Result.Problem
		if e.Result.Grade != "" {
			a.inputs[amendTotal].SetValue(formatPoints(e.Result.Total))
		}
		a.inputs[amendReasons].SetValue(scoring.JoinReasons(e.Result.Reasons, lang.ZH))
		return h
	}
	a.answers = standing(e)
	if a.rub.Version == e.RubricVersion && len(a.rub.Criteria) > 0 {
		return h
	}
	a.waiting = true
	h.out = append(slices.Clip(h.out), amendRubricRead(h.owner, h.office.id, e.RubricVersion))
	return h
}

func (h historyView) rubricRead(msg amendRubricMsg) historyView {
	if h.form != hfAmend || !h.amend.waiting || h.entries[h.amend.idx].RubricVersion != msg.version {
		return h
	}
	h.amend.waiting = false
	if msg.err != nil {
		h.form = hfNone
		return h.withFormErr(tr(h.lang, msgActionFailed, opErrText(h.lang, msg.err)))
	}
	h.amend.rub = msg.rub
	return h
}

// amendCriteria is the criteria a lead sets: the seconds to answer belong to
// the call's timer and stay.
func (a amendForm) amendCriteria() []scoring.Criterion {
	var out []scoring.Criterion
	for _, c := range a.rub.Criteria {
		if c.Kind != scoring.Seconds {
			out = append(out, c)
		}
	}
	return out
}

// rows is how many rows the form has; the last is always the reason.
func (h historyView) amendRows() int {
	if h.entries[h.amend.idx].Imported {
		return 4 // 是否存在问题, 得分, 问题描述, the reason
	}
	return len(h.amend.amendCriteria()) + 1
}

// amendInput is the text field on a row, if the row is one.
func (h historyView) amendInput(row int) (int, bool) {
	if row == h.amendRows()-1 {
		return amendWhy, true
	}
	if h.entries[h.amend.idx].Imported && row > 0 {
		return row - 1, true // 1 得分, 2 问题描述
	}
	return 0, false
}

func (h historyView) amendKey(msg tea.KeyPressMsg) (historyView, tea.Cmd) {
	k := h.keys
	a := &h.amend
	_, typing := h.amendInput(a.row)
	switch {
	case h.busy:
		return h, nil
	case a.effects != nil: // what the amendment does to a published round is on screen
		switch msg.String() {
		case "y":
			return h.saveAmend(), nil
		case "n", "esc":
			a.effects = nil
		}
		return h, nil
	case key.Matches(msg, k.Cancel):
		h.note, h.isErr = "", false
		return h.closeForm(), nil
	case a.waiting:
		return h, nil
	case key.Matches(msg, k.Save):
		return h.saveAmend(), nil
	case key.Matches(msg, k.PrevAudit) && !(typing && msg.String() == "["):
		return h.amendOn(h.nextAmendable(a.idx, -1)).focusAmend(), nil
	case key.Matches(msg, k.NextAudit) && !(typing && msg.String() == "]"):
		return h.amendOn(h.nextAmendable(a.idx, 1)).focusAmend(), nil
	case key.Matches(msg, k.PrevRow), key.Matches(msg, k.NextRow):
		a.row = h.amendStep(msg)
		return h.focusAmend(), textinput.Blink
	}
	if i, ok := h.amendInput(a.row); ok {
		var cmd tea.Cmd
		a.inputs[i], cmd = a.inputs[i].Update(msg)
		return h, cmd
	}
	h.note, h.isErr = "", false
	return h.amendValue(msg), nil
}

// amendStep is the row a move goes to: ↑↓ the next row round the form; on a
// sheet tab jumps between the criteria and the reason, on an imported result
// it goes to the next field.
func (h historyView) amendStep(msg tea.KeyPressMsg) int {
	rows, row := h.amendRows(), h.amend.row
	back := key.Matches(msg, h.keys.PrevRow)
	if !h.entries[h.amend.idx].Imported && (msg.String() == "tab" || msg.String() == "shift+tab") {
		if row == rows-1 {
			return 0
		}
		return rows - 1
	}
	if back {
		return (row - 1 + rows) % rows
	}
	return (row + 1) % rows
}

// focusAmend puts the cursor in the selected row's text field, if it has one.
func (h historyView) focusAmend() historyView {
	for i := range h.amend.inputs {
		h.amend.inputs[i].Blur()
	}
	if i, ok := h.amendInput(h.amend.row); ok {
		h.amend.inputs[i].Focus()
	}
	return h
}

// amendValue sets the selected criterion (y/p/n, a digit) or, on an imported
// result, whether it is a problem (y/n or space).
func (h historyView) amendValue(msg tea.KeyPressMsg) historyView {
	a := &h.amend
	s := msg.String()
	if h.entries[a.idx].Imported {
		switch s {
		case "y":
			a.problem = true
		case "n":
			a.problem = false
		case "space":
			a.problem = !a.problem
		}
		return h
	}
	crits := a.amendCriteria()
	if a.row >= len(crits) {
		return h
	}
	cr := crits[a.row]
	v, ok := -1, false
	switch {
	case s == "y" && cr.Kind != scoring.Scale:
		v, ok = cr.YesValue(), true
	case s == "p" && cr.Kind == scoring.YesPartlyNo:
		v, ok = scoring.Partly, true
	case s == "n" && cr.Kind != scoring.Scale:
		v, ok = scoring.No, true
	case len(s) == 1 && s[0] >= '0' && s[0] <= '9' && cr.Kind == scoring.Scale:
		v, _ = strconv.Atoi(s)
		if ok = v <= cr.Max; !ok {
			h.note, h.isErr = tr(h.lang, msgScaleTop, cr.Max), true
		}
	}
	if ok {
		a.answers[cr.Key] = v
	}
	return h
}

// saveAmend sends the amendment; a mistake keeps the form with what was typed.
func (h historyView) saveAmend() historyView {
	l, a := h.lang, h.amend
	e := h.entries[a.idx]
	why := strings.TrimSpace(a.inputs[amendWhy].Value())
	if why == "" {
		return h.withFormErr(tr(l, msgAmendWhyNeeded))
	}
	label := roundLabel(l, store.Round{Number: e.RoundNumber, Name: e.RoundName})
	confirmed := a.effects != nil
	head := ""
	if confirmed {
		head = a.effects.Head
	}
	h.amend.effects = nil
	if e.Imported {
		var total *float64
		if text := strings.TrimSpace(a.inputs[amendTotal].Value()); text != "" {
			v, err := strconv.ParseFloat(strings.TrimSuffix(text, "分"), 64)
			if err != nil || v < 0 || v > 100 {
				return h.withFormErr(tr(l, msgAmendTotalInvalid, text))
			}
			total = &v
		}
		problem, reasons := a.problem, strings.TrimSpace(a.inputs[amendReasons].Value())
		if a.published[e.RoundNumber] && !confirmed {
			return h.previewAmend(func(ctx context.Context, st *store.Store) (store.AmendPreview, error) {
				return st.PreviewAmendResult(ctx, e.ID, problem, total, reasons, why)
			})
		}
		h.out = append(slices.Clip(h.out), historyOp(h.owner, h.office.id, msgAmended, label,
			func(ctx context.Context, st *store.Store) error {
				if confirmed { // what the lead saw is what is saved
					_, err := st.AmendResultAt(ctx, head, e.ID, problem, total, reasons, why)
					return err
				}
				_, err := st.AmendResult(ctx, e.ID, problem, total, reasons, why)
				return err
			}))
	} else {
		answers, sheet := a.editable(a.answers), e.SheetID
		if maps.Equal(answers, a.editable(standing(e))) {
			return h.withFormErr(tr(l, msgAmendNoChange))
		}
		if a.published[e.RoundNumber] && !confirmed {
			return h.previewAmend(func(ctx context.Context, st *store.Store) (store.AmendPreview, error) {
				return st.PreviewAmendSheet(ctx, sheet, answers, why)
			})
		}
		h.out = append(slices.Clip(h.out), historyOp(h.owner, h.office.id, msgAmended, label,
			func(ctx context.Context, st *store.Store) error {
				if confirmed {
					_, err := st.AmendSheetAt(ctx, head, sheet, answers, why)
					return err
				}
				_, err := st.AmendSheet(ctx, sheet, answers, why)
				return err
			}))
	}
	h.busy, h.note, h.isErr = true, tr(l, msgWorking), false
	return h
}

// previewAmend asks what the amendment would do to its published round (nothing is written).
func (h historyView) previewAmend(preview func(ctx context.Context, st *store.Store) (store.AmendPreview, error)) historyView {
	owner, office, idx := h.owner, h.office.id, h.amend.idx
	h.out = append(slices.Clip(h.out), pageRead(func(ctx context.Context, st *store.Store) tea.Msg {
		p, err := preview(ctx, st)
		return amendPreviewMsg{owner: owner, officeID: office, idx: idx, preview: p, err: err}
	}))
	h.amend.checking, h.busy, h.note, h.isErr = true, true, tr(h.lang, msgWorking), false
	return h
}

// standing is a sheet's answers as they stand (amended where they were).
func standing(e store.HistoryEntry) scoring.Answers {
	out := scoring.Answers{}
	for _, c := range e.Criteria {
		if c.Set {
			out[c.Key] = c.Value
		}
	}
	return out
}

// editable is the answers without the seconds to answer, which the call's
// timer sets.
func (a amendForm) editable(answers scoring.Answers) scoring.Answers {
	out := scoring.Answers{}
	for _, c := range a.amendCriteria() {
		if v, ok := answers[c.Key]; ok {
			out[c.Key] = v
		}
	}
	return out
}
