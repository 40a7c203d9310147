package ui

import (
	"fmt"
	"time"

	"phoneaudit/lang"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// amendmentLine describes an amendment in one line for the history, e.g.
// "原 62.5 → 改 75（接听人答复准确，录音可证，李强，11-28）" or in English
// "was 62.5 → now 75 (…, 李强, 11-28)", with 发布后 / after publication when it was.
func amendmentLine(l lang.Lang, a store.Amendment, loc *time.Location) string {
	flip := a.Before.Problem != a.After.Problem
	before, after := amendedResultWords(l, a.Before, flip), amendedResultWords(l, a.After, flip)
	day := a.At.In(loc).Format("01-02")
	if l == lang.EN {
		s := fmt.Sprintf("was %s → now %s (%s, %s, %s)", before, after, a.Reason, a.By, day)
		if a.AfterPublication {
			s += " after publication"
		}
		return s
	}
	s := fmt.Sprintf("原 %s → 改 %s（%s，%s，%s）", before, after, a.Reason, a.By, day)
	if a.AfterPublication {
		s += "（发布后）"
	}
	return s
}

// amendedResultWords is a result's total (— when it has none), and whether it is a problem when
// that is what changed.
func amendedResultWords(l lang.Lang, r scoring.Result, withProblem bool) string {
	s := "—"
	if r.Scored || r.Grade != "" {
		s = scoring.FormatTotal(r.Total)
	}
	if !withProblem {
		return s
	}
	switch {
	case l == lang.EN && r.Problem:
		return s + " problem"
	case l == lang.EN:
		return s + " no problem"
	case r.Problem:
		return s + " 有问题"
	default:
		return s + " 无问题"
	}
}

// amendmentLine is an amendment's line in the history's language and time zone.
func (h historyView) amendmentLine(a store.Amendment) string {
	return amendmentLine(lang.Lang(h.lang), a, orUTC(h.sess.loc))
}
