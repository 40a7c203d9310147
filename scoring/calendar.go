package scoring

import (
	"slices"
	"time"
)

// dateLayout is how calendar dates are keyed: the city's dates, no zone.
const dateLayout = "2006-01-02"

// Calendar holds the loaded holidays (休) and make-up working days (班, 调休)
// by date "2006-01-02". Weekdays work and weekends rest unless it says
// otherwise. A date in both maps is a holiday: a dial is not counted and a
// deadline not shortened on a day nobody can be sure was worked. The zero
// Calendar is plain weekdays.
type Calendar struct {
	Off map[string]bool
	On  map[string]bool
}

// WorkingDay says whether the date of t, in t's own location, is a working day.
func (c Calendar) WorkingDay(t time.Time) bool {
	key := t.Format(dateLayout)
	switch {
	case c.Off[key]:
		return false
	case c.On[key]:
		return true
	default:
		wd := t.Weekday()
		return wd != time.Saturday && wd != time.Sunday
	}
}

// WorkingTime says whether t, seen in the city's zone loc, falls on a working
// day inside the rubric's working hours (each span's end excluded). A nil loc
// leaves t in its own zone.
func (r Rubric) WorkingTime(t time.Time, c Calendar, loc *time.Location) bool {
	if loc != nil {
		t = t.In(loc)
	}
	return c.WorkingDay(t) && r.spanAt(t) >= 0
}

// spanAt is the index of the working-hours span holding t's clock time, or -1.
func (r Rubric) spanAt(t time.Time) int {
	sec := t.Hour()*3600 + t.Minute()*60 + t.Second()
	return slices.IndexFunc(r.Hours, func(s Span) bool { return sec >= s.From*60 && sec < s.To*60 })
}

// searchDays bounds the search for the next working time: a calendar that
// rests for longer than this has surely been loaded wrong.
const searchDays = 400

// nextWorkingTime is t itself if it is working time, otherwise the start of
// the next span of working hours, in loc. Zero when there is none within
// searchDays.
func (r Rubric) nextWorkingTime(t time.Time, c Calendar, loc *time.Location) time.Time {
	if loc != nil {
		t = t.In(loc)
	}
	if r.WorkingTime(t, c, loc) {
		return t
	}
	day := startOfDay(t)
	for i := 0; i < searchDays; i++ {
		if c.WorkingDay(day) {
			for _, s := range r.Hours {
				start := time.Date(day.Year(), day.Month(), day.Day(), s.From/60, s.From%60, 0, 0, day.Location())
				if start.After(t) {
					return start
				}
			}
		}
		day = day.AddDate(0, 0, 1)
	}
	return time.Time{}
}

// AddWorkingDays is the date n working days after t's date, at t's clock time
// in t's location (n < 0 counts back). Used for deadlines: 10 working days
// after publication.
func AddWorkingDays(t time.Time, n int, c Calendar) time.Time {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		t = t.AddDate(0, 0, step)
		if c.WorkingDay(t) {
			n--
		}
	}
	return t
}

// WorkingDaysFrom lists the first n working days on or after start's date, as
// dates at 00:00 in start's location. Planning spreads calls over them.
func WorkingDaysFrom(start time.Time, n int, c Calendar) []time.Time {
	days := make([]time.Time, 0, max(n, 0))
	for day := startOfDay(start); len(days) < n; day = day.AddDate(0, 0, 1) {
		if c.WorkingDay(day) {
			days = append(days, day)
		}
	}
	return days
}

func startOfDay(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}
