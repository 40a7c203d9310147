package scoring

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestStaleMinutes: a rubric without stale_minutes formats as it did before the field (so stored
// rubrics rebuild byte for byte) and means 30 minutes; one with it round-trips.
func TestStaleMinutes(t *testing.T) {
	def := DefaultRubric()
	text := string(FormatRubric(def))
	if strings.Contains(text, "stale_minutes") {
		t.Errorf("the default rubric writes stale_minutes:\n%s", text)
	}
	if got := def.Stale(); got != 30*time.Minute {
		t.Errorf("default Stale() = %v, want 30m", got)
	}
	back, err := ParseRubric([]byte(text))
	if err != nil || back.StaleAfter != 0 || string(FormatRubric(back)) != text {
		t.Errorf("a rubric without stale_minutes does not read and write back unchanged: %v, %v", back.StaleAfter, err)
	}

	r := customRubric()
	r.StaleAfter = 45 * time.Minute
	text = string(FormatRubric(r))
	if !strings.Contains(text, "stale_minutes = 45") {
		t.Errorf("stale_minutes not written:\n%s", text)
	}
	got, err := ParseRubric([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, r) || got.Stale() != 45*time.Minute {
		t.Errorf("round trip with stale_minutes: got %v, want %v", got.StaleAfter, r.StaleAfter)
	}
}

func TestStaleMinutesErrors(t *testing.T) {
	def := string(FormatRubric(DefaultRubric()))
	for _, tt := range []struct{ line, want string }{
		{"stale_minutes = 0", "rubric: stale_minutes: must be whole minutes from 1 to 1440, not the number 0"},
		{"stale_minutes = -5", "rubric: stale_minutes: must be whole minutes from 1 to 1440, not the number -5"},
		{"stale_minutes = 2000", "rubric: stale_minutes: must be whole minutes from 1 to 1440, not the number 2000"},
		{`stale_minutes = "30"`, `rubric: stale_minutes: must be a whole number, not text "30"`},
		{"stale_minutes = 7.5", "rubric: stale_minutes: must be a whole number, not the number 7.5"},
	} {
		_, err := ParseRubric([]byte(tt.line + "\n" + def))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.line, err, tt.want)
		}
	}
}
