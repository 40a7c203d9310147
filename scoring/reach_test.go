package scoring

import (
	"testing"
	"time"
)

// dials turns "2026-01-05 09:00", 21, … into attempts stored in UTC, as the
// store keeps them.
func dials(pairs ...any) []Attempt {
	var out []Attempt
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, Attempt{At: at(pairs[i].(string)).UTC(), Outcome: Outcome(pairs[i+1].(int))})
	}
	return out
}

func TestReach(t *testing.T) {
	tests := []struct {
		name     string
		attempts []Attempt
		cal      Calendar
		want     Reach
		next     string // NextDial in the city's zone, "" = zero
	}{
		{"no attempts", nil, Calendar{}, Reach{}, ""},
		{"two failed dials 10 min apart", dials("2026-01-05 09:00", 21, "2026-01-05 09:10", 21), Calendar{},
			Reach{Outcome: NoAnswer, Counted: 2, Unreachable: true}, ""},
		{"9 min apart", dials("2026-01-05 09:00", 21, "2026-01-05 09:09", 21), Calendar{},
			Reach{Outcome: NoAnswer, Counted: 1}, "2026-01-05 09:10"},
		{"too soon, then late enough", dials("2026-01-05 09:00", 21, "2026-01-05 09:09", 22, "2026-01-05 09:10", 23), Calendar{},
			Reach{Outcome: Invalid, Counted: 2, Unreachable: true}, ""},
		{"gap counts from the last counted dial", dials("2026-01-05 09:00", 21, "2026-01-05 09:05", 21, "2026-01-05 09:12", 21), Calendar{},
			Reach{Outcome: NoAnswer, Counted: 2, Unreachable: true}, ""},
		{"mixed codes", dials("2026-01-05 09:00", 22, "2026-01-05 10:00", 23), Calendar{},
			Reach{Outcome: Invalid, Counted: 2, Unreachable: true}, ""},
		{"one before opening", dials("2026-01-05 08:20", 21, "2026-01-05 09:00", 21), Calendar{},
			Reach{Outcome: NoAnswer, Counted: 1}, "2026-01-05 09:10"},
		{"one at closing time", dials("2026-01-05 17:00", 21, "2026-01-05 17:30", 21), Calendar{},
			Reach{Outcome: NoAnswer, Counted: 1}, "2026-01-05 17:10"},
		{"across the lunch break", dials("2026-01-05 11:55", 21, "2026-01-05 14:35", 22), Calendar{},
			Reach{Outcome: Busy, Counted: 2, Unreachable: true}, ""},
		{"next dial after the last dial of the day", dials("2026-01-05 17:25", 21), Calendar{},
			Reach{Outcome: NoAnswer, Counted: 1}, "2026-01-06 08:30"},
		{"one in the lunch break", dials("2026-01-05 11:50", 21, "2026-01-05 12:30", 21), Calendar{},
			Reach{Outcome: NoAnswer, Counted: 1}, "2026-01-05 14:30"},
		{"weekend", dials("2026-01-03 09:00", 21, "2026-01-03 10:00", 21), Calendar{},
			Reach{Outcome: NoAnswer}, ""},
		{"friday and then monday", dials("2026-01-09 17:25", 21, "2026-01-12 08:30", 21), Calendar{},
			Reach{Outcome: NoAnswer, Counted: 2, Unreachable: true}, ""},
		{"holiday", dials("2026-10-02 09:00", 21, "2026-10-02 10:00", 21), nationalDay,
			Reach{Outcome: NoAnswer}, ""},
		{"make-up day", dials("2026-09-27 09:00", 21, "2026-09-27 10:00", 21), nationalDay,
			Reach{Outcome: NoAnswer, Counted: 2, Unreachable: true}, ""},
		{"next dial skips the holiday", dials("2026-09-30 17:25", 21), nationalDay,
			Reach{Outcome: NoAnswer, Counted: 1}, "2026-10-08 08:30"},
		{"next dial after friday closing", dials("2026-01-09 17:25", 21), Calendar{},
			Reach{Outcome: NoAnswer, Counted: 1}, "2026-01-12 08:30"},
		{"reached after a failed dial", dials("2026-01-05 09:00", 21, "2026-01-05 09:20", 11), Calendar{},
			Reach{Reached: true, Outcome: Connected, Counted: 1}, ""},
		{"failed dials after reaching are ignored", dials("2026-01-05 09:00", 12, "2026-01-05 09:20", 21, "2026-01-05 09:40", 21), Calendar{},
			Reach{Reached: true, Outcome: NoAnswer}, ""},
		{"wrong number", dials("2026-01-05 09:00", 13), Calendar{},
			Reach{Immediate: true, Outcome: WrongNumber}, ""},
		{"hung up after a failed dial", dials("2026-01-05 09:00", 22, "2026-01-05 09:01", 14), Calendar{},
			Reach{Immediate: true, Outcome: HungUp, Counted: 1}, ""},
		{"unreachable stands when a later dial connects", dials("2026-01-05 09:00", 21, "2026-01-05 09:10", 21, "2026-01-05 09:30", 11), Calendar{},
			Reach{Outcome: Connected, Counted: 2, Unreachable: true}, ""},
		{"attempts out of order", dials("2026-01-05 09:10", 21, "2026-01-05 09:00", 21), Calendar{},
			Reach{Outcome: NoAnswer, Counted: 2, Unreachable: true}, ""},
		{"unknown codes are only logged", dials("2026-01-05 09:00", 99), Calendar{},
			Reach{Outcome: 99}, ""},
	}
	r := DefaultRubric()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := r.Reach(tt.attempts, tt.cal, cst)
			want := tt.want
			if tt.next != "" {
				want.NextDial = at(tt.next)
			}
			if !got.NextDial.Equal(want.NextDial) {
				t.Errorf("NextDial = %v, want %v", got.NextDial, want.NextDial)
			}
			got.NextDial, want.NextDial = time.Time{}, time.Time{}
			if got != want {
				t.Errorf("got %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestReachFollowsTheRubric(t *testing.T) {
	r := DefaultRubric()
	r.Retry = RetryRule{FailedDials: 3, MinGap: 30 * time.Minute}
	attempts := dials("2026-01-05 09:00", 21, "2026-01-05 09:20", 21, "2026-01-05 09:30", 21)
	got := r.Reach(attempts, Calendar{}, cst)
	if got.Unreachable || got.Counted != 2 || !got.NextDial.Equal(at("2026-01-05 10:00")) {
		t.Errorf("3 dials 30 min apart: got %+v", got)
	}
}
