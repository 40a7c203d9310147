package scoring

import (
	"slices"
	"time"
)

// Result works out where a call stands and what it scores.
//
//   - No attempts: ToCall.
//   - A first connection of 13 or 14: Done at once, a problem (wrong number:
//     门难进; hung up: 话难听), not scored. Sheets are ignored.
//   - Unreachable by the retry rule: Unreachable, a problem (门难进).
//   - Reached (11, 12): Done when a consensus sheet is present, or there is
//     at least one sheet and every sheet is submitted. Then it is Scored:
//     Total is the consensus sheet's, or the mean of the sheets'; a critical
//     criterion fails on the consensus sheet, or on at least half the
//     sheets. The call is a problem if any critical criterion fails or the
//     total is under the pass mark; the reasons list the failed criteria in
//     rubric order, then "below_pass" (always of type Other: ProblemTypes
//     leaves 其他 out when a sharper type is present). With two or more
//     submitted sheets it NeedsReview when their Spread exceeds ReviewSpread
//     or they split on a critical criterion, unless a consensus sheet or an
//     accepted aggregate settles it.
//   - Otherwise InProgress.
//
// While a reached call is in progress, Result carries a live view of all
// its sheets, drafts included, for the call screen: Total is their mean and
// failing critical criteria already show as reasons. Grade and the
// below-pass reason wait until every sheet is complete, because a half-filled
// sheet is below the pass mark by nature. Finished and Scored stay false, so
// nothing that counts audits may use it.
func (r Rubric) Result(in CallInput, cal Calendar, loc *time.Location) Result {
	if len(in.Attempts) == 0 {
		return Result{Status: ToCall}
	}
	rc := r.Reach(in.Attempts, cal, loc)
	switch {
	case rc.Immediate && firstConnection(in.Attempts) == WrongNumber:
		return problemResult(Done, reasonWrongNumber)
	case rc.Immediate:
		return problemResult(Done, reasonHungUp)
	case rc.Unreachable:
		return problemResult(Unreachable, reasonUnreachable)
	case rc.Reached:
		return r.reachedResult(in)
	default:
		return Result{Status: InProgress}
	}
}

// firstConnection is the outcome of the earliest attempt that connected
// (11–14), or 0. It tells 13 from 14: Reach.Outcome is the last attempt's,
// which a later dial may have changed.
func firstConnection(attempts []Attempt) Outcome {
	var first Attempt
	for _, a := range attempts {
		if a.Outcome.connects() && (first.Outcome == 0 || a.At.Before(first.At)) {
			first = a
		}
	}
	return first.Outcome
}

func problemResult(s CallStatus, reason Reason) Result {
	return Result{Status: s, Finished: true, Problem: true, Reasons: []Reason{reason}}
}

// reachedResult scores a call that got through (11 or 12).
func (r Rubric) reachedResult(in CallInput) Result {
	submitted := r.scoreSheets(in.Sheets, in.AnswerSeconds, true)
	consensus := in.Consensus != nil && in.Consensus.Submitted
	done := consensus || (len(in.Sheets) > 0 && len(submitted) == len(in.Sheets))
	if !done {
		return r.liveResult(in)
	}
	res := Result{Status: Done, Finished: true, Scored: true, Spread: spread(submitted)}
	var failed []string
	if consensus {
		c := r.ScoreSheet(in.Consensus.Answers, in.AnswerSeconds)
		res.Total, failed = c.Total, c.Failed
	} else {
		res.Total, failed = mean(submitted), r.failedByHalf(submitted)
		res.NeedsReview = len(submitted) >= 2 && !in.AcceptedAggregate &&
			(res.Spread > r.ReviewSpread || r.splitOnCritical(submitted))
	}
	res.Grade = r.GradeOf(res.Total).Key
	res.Reasons = r.reasons(failed, res.Total, true)
	res.Problem = len(res.Reasons) > 0
	return res
}

// liveResult is the running view of a reached call that is not done yet.
func (r Rubric) liveResult(in CallInput) Result {
	res := Result{Status: InProgress}
	sheets := r.scoreSheets(in.Sheets, in.AnswerSeconds, false)
	if len(sheets) == 0 {
		return res
	}
	complete := true
	for _, s := range sheets {
		complete = complete && s.Complete
	}
	res.Total = mean(sheets)
	res.Spread = spread(sheets)
	if complete {
		res.Grade = r.GradeOf(res.Total).Key
	}
	res.Reasons = r.reasons(r.failedByHalf(sheets), res.Total, complete)
	res.Problem = len(res.Reasons) > 0
	return res
}

// scoreSheets scores the sheets, only the submitted ones when onlySubmitted.
func (r Rubric) scoreSheets(sheets []Sheet, answerSeconds *int, onlySubmitted bool) []SheetResult {
	var out []SheetResult
	for _, s := range sheets {
		if onlySubmitted && !s.Submitted {
			continue
		}
		out = append(out, r.ScoreSheet(s.Answers, answerSeconds))
	}
	return out
}

// reasons lists, in rubric order, the critical criteria that failed and then
// the total under the pass mark (when judged).
func (r Rubric) reasons(failed []string, total float64, judgeTotal bool) []Reason {
	var out []Reason
	for _, c := range r.Criteria {
		if slices.Contains(failed, c.Key) {
			out = append(out, c.reason())
		}
	}
	if judgeTotal && total < r.PassMark {
		out = append(out, belowPass(r.PassMark))
	}
	return out
}

// failedByHalf is the critical criteria that at least half the sheets fail.
func (r Rubric) failedByHalf(sheets []SheetResult) []string {
	var out []string
	for _, c := range r.Criteria {
		if n := failCount(sheets, c.Key); n > 0 && 2*n >= len(sheets) {
			out = append(out, c.Key)
		}
	}
	return out
}

// splitOnCritical says whether some sheets fail a critical criterion that
// others pass.
func (r Rubric) splitOnCritical(sheets []SheetResult) bool {
	return slices.ContainsFunc(r.Criteria, func(c Criterion) bool {
		n := failCount(sheets, c.Key)
		return n > 0 && n < len(sheets)
	})
}

func failCount(sheets []SheetResult, key string) int {
	n := 0
	for _, s := range sheets {
		if slices.Contains(s.Failed, key) {
			n++
		}
	}
	return n
}

func mean(sheets []SheetResult) float64 {
	if len(sheets) == 0 {
		return 0
	}
	sum := 0.0
	for _, s := range sheets {
		sum += s.Total
	}
	return snap(sum / float64(len(sheets)))
}

// spread is max − min of the sheets' totals, 0 for fewer than two.
func spread(sheets []SheetResult) float64 {
	if len(sheets) < 2 {
		return 0
	}
	lo, hi := sheets[0].Total, sheets[0].Total
	for _, s := range sheets[1:] {
		lo, hi = min(lo, s.Total), max(hi, s.Total)
	}
	return snap(hi - lo)
}
