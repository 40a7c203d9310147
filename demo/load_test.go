package demo_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"phoneaudit/demo"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// TestLoadCity writes the demo city into a real database and checks what a new user will see:
// five closed rounds and an open sixth, red and yellow offices, unreachable calls.
func TestLoadCity(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := demo.Load(ctx, s, 1); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.CountOffices(ctx); n != 100 {
		t.Errorf("offices = %d, want 100", n)
	}
	rounds, err := s.Rounds(ctx)
	if err != nil || len(rounds) != 6 {
		t.Fatalf("rounds: %d, %v", len(rounds), err)
	}
	for i, r := range rounds[:5] {
		want := store.RoundPublished
		if i == 4 {
			want = store.RoundClosed
		}
		if r.Status != want || r.Finished == 0 {
			t.Errorf("round %s: %+v", r.Name, r)
		}
	}
	// A new user finds notices in every state.
	for _, status := range []string{store.NoticeIssued, store.NoticeReported, store.NoticeVerified, store.NoticeOverdue} {
		ns, err := s.Notices(ctx, store.NoticeFilter{Status: status})
		if err != nil || len(ns) == 0 {
			t.Errorf("no %s notice: %v", status, err)
		}
	}
	issued, _ := s.Notices(ctx, store.NoticeFilter{Status: store.NoticeIssued})
	current := 0
	for _, n := range issued {
		if !n.Overdue {
			current++
		}
	}
	if current == 0 {
		t.Error("every issued notice is overdue: none is still running")
	}
	if rounds[5].Status != store.RoundOpen || rounds[5].Finished >= rounds[5].Planned {
		t.Errorf("round 6 should be open with calls to make: %+v", rounds[5])
	}
	flags, err := s.Flags(ctx, 5)
	if err != nil {
		t.Fatal(err)
	}
	var red, yellow int
	for _, f := range flags {
		switch f.Level {
		case scoring.Red:
			red++
		case scoring.Yellow:
			yellow++
		}
	}
	if red < 3 || yellow < 3 {
		t.Errorf("as of round 5: %d red, %d yellow; want at least 3 of each", red, yellow)
	}
	calls, _ := s.Calls(ctx, store.CallFilter{RoundID: rounds[4].ID})
	unreachable := 0
	for _, c := range calls {
		if c.Status == scoring.Unreachable {
			unreachable++
		}
	}
	if unreachable == 0 {
		t.Error("round 5 has no unreachable call")
	}
	if err := demo.Load(ctx, s, 1); !errors.Is(err, store.ErrNotEmpty) {
		t.Errorf("a second load: %v, want ErrNotEmpty", err)
	}
}
