package scoring

// ImportedResult is the result of a past call read from a results file: done,
// not scored on a rubric. A given total is kept and graded on the default
// rubric's bands (imported rounds have no rubric). The reasons text is cut
// into reasons, each typed by ClassifyReason; a problem without any text gets
// one reason of type Other, and a call without a problem gets no reasons
// whatever the text says, so the bulletin never lists it.
func ImportedResult(problem bool, total *float64, reasons string) Result {
	res := Result{Status: Done, Finished: true, Problem: problem}
	if total != nil {
		res.Total = *total
		res.Grade = DefaultRubric().GradeOf(*total).Key
	}
	if !problem {
		return res
	}
	res.Reasons = importedReasons(reasons)
	if len(res.Reasons) == 0 {
		res.Reasons = []Reason{reasonNotStated}
	}
	return res
}

// ProblemTypes lists the problem types a call is listed under in the
// bulletin, in bulletin order: the type of each reason, with 其他 only when
// nothing else applies. So a call that passed the buck and scored 40 is
// 事难办, not also 其他.
func (r Result) ProblemTypes() []ProblemType {
	has := map[ProblemType]bool{}
	for _, reason := range r.Reasons {
		has[reason.Type] = true
	}
	var out []ProblemType
	for _, t := range ProblemTypes {
		if has[t] && t != Other {
			out = append(out, t)
		}
	}
	if len(out) == 0 && has[Other] {
		out = append(out, Other)
	}
	return out
}
