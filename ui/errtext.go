package ui

import (
	"errors"
	"strings"

	"phoneaudit/lang"
	"phoneaudit/store"
)

// errText words a database error for the status line in the UI language.
// The errors a clerk meets at the desk (busy, read-only, disk full, a
// finished record, a round no longer open) are translated; any other error
// keeps the store's own words, which already say what failed and where.
func errText(l lang.Lang, err error) string {
	if err == nil {
		return ""
	}
	if s, ok := staleErrText(l, err); ok {
		return s
	}
	if s, ok := leaseErrText(l, err); ok {
		return s
	}
	if !errors.Is(err, store.ErrDiskFull) { // the screens say ctrl+r retries
		if s, ok := StorageText(l, err); ok {
			return s
		}
	}
	var changed *store.SheetChangedError
	if errors.As(err, &changed) { // the call screen names the criteria by their labels
		return tr(l, msgErrSheetChanged, strings.Join(changed.Changed, tr(l, msgListSep)))
	}
	known := []struct {
		target error
		id     msgID
	}{
		{store.ErrBusy, msgErrBusy},
		{store.ErrReadOnly, msgErrReadOnly},
		{store.ErrDiskFull, msgErrDiskFull},
		{store.ErrImmutable, msgErrImmutable},
		{store.ErrRoundState, msgErrRoundState},
		{store.ErrLedgerMoved, msgErrLedgerMoved},
		{store.ErrNothingToCorrect, msgErrNothingToCorrect},
	}
	for _, k := range known {
		if errors.Is(err, k.target) {
			return tr(l, k.id)
		}
	}
	if s, ok := FaultText(l, err); ok {
		return oneLine(s)
	}
	var role *store.RoleError
	if errors.As(err, &role) { // what the store wrapped it in stays, in the store's words
		return oneLine(strings.Replace(err.Error(), role.Error(), RoleRefusal(lang.Lang(l), role), 1))
	}
	return oneLine(err.Error())
}

// opErrText words the error of an operation on a round. The store's words
// for a round in the wrong state, a bad value or a missing record already
// name the round and say why; errText would turn a wrong state into the call
// screen's "the round is no longer open".
func opErrText(l lang.Lang, err error) string {
	var notice *store.NoticeStateError
	if errors.As(err, &notice) {
		return NoticeRefusal(l, notice)
	}
	if s, ok := FaultText(l, err); ok {
		return oneLine(s)
	}
	if errors.Is(err, store.ErrRoundState) || errors.Is(err, store.ErrInvalid) || errors.Is(err, store.ErrNotFound) {
		return oneLine(err.Error())
	}
	return errText(l, err)
}
