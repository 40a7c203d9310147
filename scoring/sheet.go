package scoring

// ScoreSheet scores one sheet. The seconds criterion takes answerSeconds
// (nil = the timer has not marked the answer yet) and ignores any value in a;
// every other criterion takes its value from a. A value the criterion cannot
// take counts as unset, so a sheet holding one is never complete. Total is the
// sum of the points of the criteria that are set.
func (r Rubric) ScoreSheet(a Answers, answerSeconds *int) SheetResult {
	res := SheetResult{Points: map[string]float64{}}
	for _, c := range r.Criteria {
		v, ok := sheetValue(c, a, answerSeconds)
		if !ok || !c.ValidValue(v) {
			res.Missing = append(res.Missing, c.Key)
			continue
		}
		p := c.PointsFor(v)
		res.Points[c.Key] = p
		res.Total += p
		if c.Fails(v) {
			res.Failed = append(res.Failed, c.Key)
		}
	}
	res.Total = snap(res.Total)
	res.Complete = len(res.Missing) == 0
	return res
}

func sheetValue(c Criterion, a Answers, answerSeconds *int) (int, bool) {
	if c.Kind == Seconds {
		if answerSeconds == nil {
			return 0, false
		}
		return *answerSeconds, true
	}
	v, ok := a[c.Key]
	return v, ok
}
