package ui

import (
	"time"

	"phoneaudit/lang"
	"phoneaudit/store"
)

// noticeLabel names a notice's status; an issued notice past its deadline is overdue. It is the
// one wording of the statuses (DESIGN.md: 已下发 / 已反馈 / 已核实 / 已撤回 / 逾期): the
// commands take it through NoticeStatusWord.
func noticeLabel(l lang.Lang, status string, overdue bool) string {
	switch {
	case overdue:
		return tr(l, msgNoticeOverdue)
	case status == store.NoticeIssued:
		return tr(l, msgNoticeIssued)
	case status == store.NoticeReported:
		return tr(l, msgNoticeReportedS)
	case status == store.NoticeVerified:
		return tr(l, msgNoticeVerifiedS)
	case status == store.NoticeWithdrawn:
		return tr(l, msgNoticeWithdrawnS)
	}
	return status
}

// NoticeStatusWord names a notice's status as the screens do, for the commands.
func NoticeStatusWord(l lang.Lang, status string, overdue bool) string {
	return noticeLabel(l, status, overdue)
}

// NoticeEventLine words one event of a notice's life, for the office history and for
// `notices show`: "2026-12-03 10:00 已反馈，逾期（期限 2026-12-02）：已整改（张组长）".
func NoticeEventLine(l lang.Lang, e store.NoticeEvent, loc *time.Location) string {
	when := e.At.In(orUTC(loc)).Format("2006-01-02 15:04")
	switch e.Kind {
	case store.EventIssue:
		return tr(l, msgEventIssue, when, orDash(e.Deadline), e.By)
	case store.EventReport:
		id := msgEventReportOnTime
		if e.Late {
			id = msgEventReportLate
		}
		return tr(l, id, when, orDash(e.Deadline), oneLine(e.Response), e.By)
	case store.EventExtend:
		return tr(l, msgEventExtend, when, orDash(e.Deadline), e.NewDeadline, oneLine(e.Reason), e.By)
	case store.EventVerify:
		if e.How == "" {
			return tr(l, msgEventVerifyNoHow, when, e.CheckedBy, e.By)
		}
		return tr(l, msgEventVerify, when, e.CheckedBy, oneLine(e.How), e.By)
	case store.EventWithdraw:
		return tr(l, msgEventWithdraw, when, oneLine(e.Reason), e.By)
	}
	return when + " " + e.Kind
}

// NoticeRefusal words a step refused on a notice in the wrong status.
func NoticeRefusal(l lang.Lang, e *store.NoticeStateError) string {
	step := map[string]msgID{store.EventReport: msgStepReport, store.EventExtend: msgStepExtend,
		store.EventVerify: msgStepVerify, store.EventWithdraw: msgStepWithdraw}[e.Step]
	return tr(l, msgNoticeRefused, e.Number, noticeLabel(l, e.Status, false), tr(l, step))
}

// wrapIndented flows s to width behind first on its first line and rest on the others.
func wrapIndented(s, first, rest string, width int) []string {
	lines := wrapLines(s, max(width-max(len(first), len(rest)), 8))
	for i := range lines {
		if i == 0 {
			lines[i] = first + lines[i]
		} else {
			lines[i] = rest + lines[i]
		}
	}
	return lines
}
