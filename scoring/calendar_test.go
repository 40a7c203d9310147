package scoring

import (
	"slices"
	"testing"
	"time"
)

// cst is the city's zone in these tests (China has no summer time).
var cst = time.FixedZone("CST", 8*3600)

// at is a time in the city's zone; "2026-01-05 09:00" is a Monday.
func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, cst)
	if err != nil {
		panic(err)
	}
	return t
}

// National Day week 2026 as the calendar file would load it: 10-01..10-07
// off, with make-up working days on Sunday 09-27 and Saturday 10-10.
var nationalDay = Calendar{
	Off: map[string]bool{
		"2026-10-01": true, "2026-10-02": true, "2026-10-03": true, "2026-10-04": true,
		"2026-10-05": true, "2026-10-06": true, "2026-10-07": true,
	},
	On: map[string]bool{"2026-09-27": true, "2026-10-10": true},
}

func TestWorkingDay(t *testing.T) {
	both := Calendar{Off: map[string]bool{"2026-01-06": true}, On: map[string]bool{"2026-01-06": true}}
	tests := []struct {
		name string
		cal  Calendar
		day  string
		want bool
	}{
		{"monday", Calendar{}, "2026-01-05 09:00", true},
		{"friday", Calendar{}, "2026-01-09 09:00", true},
		{"saturday", Calendar{}, "2026-01-03 09:00", false},
		{"sunday", Calendar{}, "2026-01-04 09:00", false},
		{"holiday on a thursday", nationalDay, "2026-10-01 09:00", false},
		{"make-up sunday", nationalDay, "2026-09-27 09:00", true},
		{"make-up saturday", nationalDay, "2026-10-10 09:00", true},
		{"off and on: off wins", both, "2026-01-06 09:00", false},
	}
	for _, tt := range tests {
		if got := tt.cal.WorkingDay(at(tt.day)); got != tt.want {
			t.Errorf("%s: WorkingDay(%s) = %v, want %v", tt.name, tt.day, got, tt.want)
		}
	}
}

func TestWorkingTime(t *testing.T) {
	r := DefaultRubric()
	tests := []struct {
		name string
		t    time.Time
		want bool
	}{
		{"before opening", at("2026-01-05 08:29"), false},
		{"opening", at("2026-01-05 08:30"), true},
		{"last minute of the morning", at("2026-01-05 11:59"), true},
		{"noon", at("2026-01-05 12:00"), false},
		{"lunch", at("2026-01-05 13:00"), false},
		{"afternoon", at("2026-01-05 14:30"), true},
		{"closing is outside", at("2026-01-05 17:30"), false},
		{"saturday morning", at("2026-01-03 09:00"), false},
		{"stored in UTC, seen in the city's zone", at("2026-01-05 09:00").UTC(), true},
		{"UTC morning is the city's evening", time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC), false},
	}
	for _, tt := range tests {
		if got := r.WorkingTime(tt.t, Calendar{}, cst); got != tt.want {
			t.Errorf("%s: WorkingTime(%v) = %v, want %v", tt.name, tt.t, got, tt.want)
		}
	}
	if !r.WorkingTime(time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC), Calendar{}, nil) {
		t.Error("a nil zone should leave the time in its own zone")
	}
}

func TestAddWorkingDays(t *testing.T) {
	tests := []struct {
		name string
		from string
		n    int
		cal  Calendar
		want string
	}{
		{"zero", "2026-01-05 10:15", 0, Calendar{}, "2026-01-05 10:15"},
		{"next day", "2026-01-05 10:15", 1, Calendar{}, "2026-01-06 10:15"},
		{"friday to monday", "2026-01-09 16:00", 1, Calendar{}, "2026-01-12 16:00"},
		{"ten working days", "2026-01-05 10:00", 10, Calendar{}, "2026-01-19 10:00"},
		{"from a saturday", "2026-01-03 10:00", 1, Calendar{}, "2026-01-05 10:00"},
		{"over national day", "2026-09-30 10:00", 1, nationalDay, "2026-10-08 10:00"},
		{"make-up saturday counts", "2026-10-09 10:00", 1, nationalDay, "2026-10-10 10:00"},
		{"backwards", "2026-01-12 10:00", -1, Calendar{}, "2026-01-09 10:00"},
	}
	for _, tt := range tests {
		if got := AddWorkingDays(at(tt.from), tt.n, tt.cal); !got.Equal(at(tt.want)) {
			t.Errorf("%s: AddWorkingDays(%s, %d) = %v, want %s", tt.name, tt.from, tt.n, got, tt.want)
		}
	}
}

func TestWorkingDaysFrom(t *testing.T) {
	tests := []struct {
		name  string
		start string
		n     int
		cal   Calendar
		want  []string
	}{
		{"none", "2026-01-05 10:00", 0, Calendar{}, nil},
		{"from a saturday", "2026-01-03 15:00", 3, Calendar{}, []string{"2026-01-05", "2026-01-06", "2026-01-07"}},
		{"start day counts", "2026-01-09 23:59", 2, Calendar{}, []string{"2026-01-09", "2026-01-12"}},
		{"holidays and make-up days", "2026-09-26 00:00", 4, nationalDay,
			[]string{"2026-09-27", "2026-09-28", "2026-09-29", "2026-09-30"}},
		{"after the holiday", "2026-10-01 00:00", 3, nationalDay, []string{"2026-10-08", "2026-10-09", "2026-10-10"}},
	}
	for _, tt := range tests {
		got := WorkingDaysFrom(at(tt.start), tt.n, tt.cal)
		if !slices.EqualFunc(got, tt.want, func(d time.Time, w string) bool { return d.Equal(at(w + " 00:00")) }) {
			t.Errorf("%s: got %d days %v, want %v (at 00:00)", tt.name, len(got), got, tt.want)
		}
	}
}
