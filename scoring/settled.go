package scoring

// SettledResult works a finished call's result out again as Result did when it finished, with
// the reach decision it recorded instead of the calendar: status is the call's recorded status
// (Done or Unreachable). Unreachable is a problem by the retry rule; a call that is Done got
// through with its first connection, so a 13 or a 14 is a problem at once, and an 11 or a 12 is
// scored from its sheets as Result scores it. verify uses it, since the calendar, the time zone
// and the working hours the decision was made with may have changed since. A Done call whose
// attempts never connected gives InProgress, which fits no finished call.
func (r Rubric) SettledResult(in CallInput, status CallStatus) Result {
	if status == Unreachable {
		return problemResult(Unreachable, reasonUnreachable)
	}
	switch firstConnection(in.Attempts) {
	case WrongNumber:
		return problemResult(Done, reasonWrongNumber)
	case HungUp:
		return problemResult(Done, reasonHungUp)
	case Connected, ConnectedDept:
		return r.reachedResult(in)
	}
	return Result{Status: InProgress}
}
