package ui

import (
	"charm.land/bubbles/v2/key"

	"phoneaudit/lang"
	"phoneaudit/store"
)

// historyKeyMap is the keys of an office's history.
type historyKeyMap struct {
	moveKeys
	Back                    key.Binding
	Report, Verify, Extend  key.Binding // on a notice: asked which when the office has several
	Choose                  key.Binding // the notice, in the picker
	Confirm, Deny           key.Binding // the confirmation of a report or a verification
	Amend                   key.Binding
	Save, NextField, Cancel key.Binding // in the forms
	PrevRow, NextRow        key.Binding // in the amendment
	PrevAudit, NextAudit    key.Binding // the amendment's audit
}

func newHistoryKeyMap(l lang.Lang) historyKeyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	k := historyKeyMap{
		moveKeys:  newMoveKeys(l),
		Back:      b("esc", tr(l, msgKeyBack), "esc"),
		Report:    b("R", tr(l, msgKeyReportNotice), "R"),
		Verify:    b("V", tr(l, msgKeyVerifyNotice), "V"),
		Extend:    b("X", tr(l, msgKeyExtendNotice), "X"),
		Amend:     b("A", tr(l, msgKeyAmend), "A"),
		PrevRow:   b("↑/shift+tab", tr(l, msgKeyUp), "up", "shift+tab"),
		NextRow:   b("↓/tab", tr(l, msgKeyDown), "down", "tab"),
		PrevAudit: b("[/pgup", tr(l, msgKeyNewerAudit), "[", "pgup"),
		NextAudit: b("]/pgdn", tr(l, msgKeyOlderAudit), "]", "pgdown"),
		Save:      b("enter", tr(l, msgKeySave), "enter"),
		NextField: b("tab", tr(l, msgKeyNextField), "tab", "shift+tab"),
		Cancel:    b("esc", tr(l, msgKeyCancel), "esc"),
		Choose:    b("enter", tr(l, msgKeyChooseNotice), "enter"),
		Confirm:   b("y", tr(l, msgKeyConfirm), "y"),
		Deny:      b("n/esc", tr(l, msgKeyBackToForm), "n", "esc"),
	}
	k.PageDown = b("pgdn", tr(l, msgKeyPageDownMore), "pgdown") // at the end it reads older audits
	return k
}

// syncKeys: R and X need an issued notice, V a reported one; a lead's only.
func (h *historyView) syncKeys() {
	k := &h.keys
	form := h.form != hfNone
	free := !form && !h.busy
	for _, b := range []*key.Binding{&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Home, &k.End, &k.Back} {
		b.SetEnabled(!form)
	}
	issued := len(h.noticesIn(store.NoticeIssued)) > 0
	reported := len(h.noticesIn(store.NoticeReported)) > 0
	lead := h.sess.lead()
	k.Report.SetEnabled(free && lead && issued)
	k.Extend.SetEnabled(free && lead && issued)
	k.Verify.SetEnabled(free && lead && reported)
	picking := h.form == hfPick && !h.busy
	k.Choose.SetEnabled(picking)
	k.Confirm.SetEnabled(h.confirm && !h.busy)
	k.Deny.SetEnabled(h.confirm && !h.busy)
	k.Amend.SetEnabled(free && lead && h.loaded)
	amending := h.form == hfAmend && !h.busy
	k.PrevRow.SetEnabled(amending || picking)
	k.NextRow.SetEnabled(amending || picking)
	k.PrevAudit.SetEnabled(amending)
	k.NextAudit.SetEnabled(amending)
	editing := form && !h.busy && !h.confirm && h.form != hfPick
	k.Save.SetEnabled(editing)
	k.Cancel.SetEnabled(form && !h.busy && !h.confirm)
	k.NextField.SetEnabled(editing && (h.form == hfExtend || h.form == hfVerify))
}

func (h historyView) shortHelp() []key.Binding {
	k := h.keys
	return []key.Binding{k.Confirm, k.Deny, k.Choose, k.Save, k.NextField, k.NextRow, k.PrevAudit, k.NextAudit, k.Cancel,
		k.Report, k.Verify, k.Extend, k.Amend, k.Back, k.PageDown}
}

func (h historyView) fullHelp() [][]key.Binding {
	k := h.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End, k.Back},
		{k.Report, k.Verify, k.Extend, k.Amend, k.Save, k.NextField, k.Cancel, k.Choose, k.Confirm, k.Deny},
		{k.PrevRow, k.NextRow, k.PrevAudit, k.NextAudit},
	}
}
