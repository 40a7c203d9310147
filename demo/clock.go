package demo

import (
	"math/rand/v2"
	"time"

	"phoneaudit/scoring"
)

// cityZone is Asia/Shanghai. China has kept UTC+8 without summer time since
// 1991, so a fixed zone gives the same instants without the zone database.
var cityZone = time.FixedZone("CST", 8*60*60)

// localDay is midnight of a date in the city.
func localDay(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, cityZone)
}

// dateOf turns a local midnight into the calendar-date value Round uses.
func dateOf(local time.Time) time.Time {
	y, m, d := local.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// weekdays lists the local midnights of the working days from..to inclusive.
// Holidays are ignored: the demo's rounds avoid them.
func weekdays(from, to time.Time) []time.Time {
	var out []time.Time
	for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			out = append(out, d)
		}
	}
	return out
}

// atMinute is minute (after midnight) and second of day.
func atMinute(day time.Time, minute, second int) time.Time {
	return day.Add(time.Duration(minute)*time.Minute + time.Duration(second)*time.Second)
}

// slotMargin is how many minutes a planned call keeps free before its span of
// working hours ends, so a jittered first dial and a counted retry (the gap
// plus up to 25 minutes) still fall inside it.
const slotMargin = 60

// slot picks a planned time on day inside the working hours, at least margin
// minutes before the end of its span; it also returns the span's index.
// Longer spans get proportionally more calls.
func slot(rng *rand.Rand, hours []scoring.Span, day time.Time, margin int) (time.Time, int) {
	total := 0
	for _, s := range hours {
		total += max(0, s.To-s.From-margin)
	}
	if total == 0 {
		// A rubric with very short hours: the start of the first span is the best there is.
		return atMinute(day, hours[0].From, 0), 0
	}
	n := rng.IntN(total)
	for i, s := range hours {
		l := max(0, s.To-s.From-margin)
		if n < l {
			return atMinute(day, s.From+n, 0), i
		}
		n -= l
	}
	panic("unreachable: n < total")
}
