package ui

import (
	"phoneaudit/lang"
	"phoneaudit/store"
)

// The words that name a round and its state, alike on every screen that
// shows one.

// roundLabel names a round as the command line does: 第7轮「2026年第7轮」.
func roundLabel(l lang.Lang, r store.Round) string {
	return tr(l, msgRoundLabel, r.Number, r.Name)
}

// roundStatusLabel words a round's state: planning, open, closed, published.
func roundStatusLabel(l lang.Lang, status string) string {
	switch status {
	case store.RoundPlanning:
		return tr(l, msgRoundPlanning)
	case store.RoundOpen:
		return tr(l, msgRoundOpen)
	case store.RoundClosed:
		return tr(l, msgRoundClosedStatus)
	case store.RoundPublished:
		return tr(l, msgRoundPublished)
	}
	return status
}
