package ui

import (
	"charm.land/bubbles/v2/key"

	"phoneaudit/lang"
	"phoneaudit/store"
)

// roundsKeyMap is every key of tab 3. syncKeys switches on the ones that
// work now, so the help line never offers a key that does nothing: a lead's
// keys only to a lead, open only for a round in planning with calls, and so on.
type roundsKeyMap struct {
	moveKeys
	Detail, Back             key.Binding // enter into the detail, esc back to the list
	Filter, ClearFilter      key.Binding
	ApplyFilter, LeaveFilter key.Binding // while typing in the filter

	New, Plan, Open, Reopen, Close key.Binding // a lead's
	Move, PrevCall, NextCall       key.Binding // a lead's, in the detail: pick a call to move
	Cycle                          key.Binding // in the move form: the next or previous auditor

	Save, NextField, Cancel key.Binding // in the forms
	Confirm, Deny           key.Binding // in the questions
}

func newRoundsKeyMap(l lang.Lang) roundsKeyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return roundsKeyMap{
		moveKeys:    newMoveKeys(l),
		Detail:      b("enter", tr(l, msgKeyRoundDetail), "enter"),
		Back:        b("esc", tr(l, msgKeyRoundList), "esc"),
		Filter:      b("/", tr(l, msgKeyFilter), "/"),
		ClearFilter: b("esc", tr(l, msgKeyClearFilter), "esc"),
		ApplyFilter: b("enter", tr(l, msgKeyApplyFilter), "enter"),
		LeaveFilter: b("esc", tr(l, msgKeyClearFilter), "esc"),
		New:         b("n", tr(l, msgKeyNewRound), "n"),
		Plan:        b("p", tr(l, msgKeyPlanRound), "p"),
		Open:        b("o", tr(l, msgKeyOpenRound), "o"),
		Reopen:      b("o", tr(l, msgKeyReopenRound), "o"),
		Close:       b("c", tr(l, msgKeyCloseRound), "c"),
		Move:        b("m", tr(l, msgKeyMoveCall), "m"),
		PrevCall:    b("↑/k", tr(l, msgKeyPrevCall), "up", "k"),
		NextCall:    b("↓/j", tr(l, msgKeyNextCall), "down", "j"),
		Cycle:       b("←/→", tr(l, msgKeyCycleAuditor), "left", "right"),
		Save:        b("enter", tr(l, msgKeySave), "enter"),
		NextField:   b("tab/↓", tr(l, msgKeyNextField), "tab", "down", "shift+tab", "up"),
		Cancel:      b("esc", tr(l, msgKeyCancel), "esc"),
		Confirm:     b("y", tr(l, msgKeyConfirm), "y"),
		Deny:        b("n/esc", tr(l, msgKeyCancel), "n", "esc"),
	}
}

// syncKeys switches on the keys that work in the page's state.
func (p *roundsPage) syncKeys() {
	k := &p.keys
	ready := p.state == listReady && !p.filtering && p.form == rfNone
	list := ready && !p.inDetail
	for _, b := range []*key.Binding{&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Home, &k.End} {
		b.SetEnabled(ready && (p.inDetail || len(p.shown) > 1))
	}
	r, ok := p.selected()
	k.Detail.SetEnabled(list && ok)
	k.Back.SetEnabled(ready && p.inDetail)
	k.Filter.SetEnabled(list && len(p.rounds) > 0)
	k.ClearFilter.SetEnabled(list && p.filter.Value() != "")
	k.ApplyFilter.SetEnabled(p.filtering)
	k.LeaveFilter.SetEnabled(p.filtering)

	lead := ready && p.sess.lead() && !p.busy
	k.New.SetEnabled(lead)
	k.Plan.SetEnabled(lead && ok && r.Status == store.RoundPlanning && r.Planned == 0)
	k.Open.SetEnabled(lead && ok && r.Status == store.RoundPlanning && r.Planned > 0)
	k.Reopen.SetEnabled(lead && ok && r.Status == store.RoundClosed && !r.Imported)
	k.Close.SetEnabled(lead && ok && r.Status == store.RoundOpen)

	moving := lead && p.inDetail && len(p.movable()) > 0
	k.Move.SetEnabled(moving)
	k.PrevCall.SetEnabled(moving)
	k.NextCall.SetEnabled(moving)
	if moving { // the arrows pick the call; the page keys still scroll
		k.Up.SetEnabled(false)
		k.Down.SetEnabled(false)
	}

	form := (p.form == rfNew || p.form == rfReason || p.form == rfMove) && !p.busy
	k.Save.SetEnabled(form)
	k.NextField.SetEnabled(form && (p.form == rfNew || p.form == rfMove))
	k.Cycle.SetEnabled(form && p.form == rfMove && p.move.field == 0)
	k.Cancel.SetEnabled(form)
	question := p.form == rfPlan || p.form == rfOpen || p.form == rfClose
	k.Confirm.SetEnabled(question && (p.form != rfClose || p.closeReady))
	k.Deny.SetEnabled(question)
}

// ShortHelp lists the keys that work now, the lead's first: they are what
// the tab is for.
func (p roundsPage) ShortHelp() []key.Binding {
	k := p.keys
	return []key.Binding{
		k.Save, k.NextField, k.Cycle, k.Cancel, k.Confirm, k.Deny, k.ApplyFilter, k.LeaveFilter,
		k.Move, k.PrevCall, k.NextCall, k.New, k.Plan, k.Open, k.Reopen, k.Close,
		k.Detail, k.Back, k.Up, k.Down, k.Filter, k.ClearFilter,
	}
}

func (p roundsPage) FullHelp() [][]key.Binding {
	k := p.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End},
		{k.Detail, k.Back, k.Filter, k.ClearFilter, k.ApplyFilter, k.LeaveFilter},
		{k.New, k.Plan, k.Open, k.Reopen, k.Close, k.Move, k.PrevCall, k.NextCall},
		{k.Save, k.NextField, k.Cycle, k.Cancel, k.Confirm, k.Deny},
	}
}
