package ui

import (
	"errors"

	"phoneaudit/store"
)

// errText words a database error for the status line in the UI language.
// The errors a clerk meets at the desk (busy, read-only, disk full, a
// finished record, a round no longer open) are translated; any other error
// keeps the store's own words, which already say what failed and where.
func errText(l Lang, err error) string {
	if err == nil {
		return ""
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
	}
	for _, k := range known {
		if errors.Is(err, k.target) {
			return l.tr(k.id)
		}
	}
	return oneLine(err.Error())
}
