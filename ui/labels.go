package ui

import "phoneaudit/store"

// The words that name a round and its state, alike on every screen that
// shows one.

// roundLabel names a round as the command line does: 第7轮「2026年第7轮」.
func roundLabel(l Lang, r store.Round) string {
	return l.tr(msgRoundLabel, r.Number, r.Name)
}

// roundStatusLabel words a round's state: planning, open, closed, published.
func roundStatusLabel(l Lang, status string) string {
	switch status {
	case store.RoundPlanning:
		return l.tr(msgRoundPlanning)
	case store.RoundOpen:
		return l.tr(msgRoundOpen)
	case store.RoundClosed:
		return l.tr(msgRoundClosedStatus)
	case store.RoundPublished:
		return l.tr(msgRoundPublished)
	}
	return status
}
