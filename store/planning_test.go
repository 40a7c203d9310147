package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"phoneaudit/demo"
	"phoneaudit/recording"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// demoStore is a real database holding the demo city (rounds 1–5 closed, 6 open).
func demoStore(t *testing.T) *store.Store {
	t.Helper()
	s, _ := mustOpen(t)
	if err := demo.Load(context.Background(), s, 1); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestPlanRoundOnTheDemoCity plans round 7 after round 6 is closed, as a lead would, and checks
// the plan against the database: one call per active office, auditors even, nobody calls the
// office they called last, personas rotate, scenarios fit, slots lie on working days inside
// working hours within the round's dates.
func TestPlanRoundOnTheDemoCity(t *testing.T) {
	s := demoStore(t)
	ctx := context.Background()
	if _, err := s.CloseRound(ctx, "6", true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.NewRound(ctx, "2026年第7轮", "2026-12-01", "2026-12-14"); err != nil {
		t.Fatal(err)
	}
	rep, err := s.PlanRound(ctx, "7", store.PlanOptions{Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Calls != 100 || len(rep.Problems) != 0 {
		t.Fatalf("plan: %d calls, problems %+v", rep.Calls, rep.Problems)
	}
	calls, _ := s.Calls(ctx, store.CallFilter{RoundID: rep.Round.ID})
	prev := previousCalls(t, s, 6)
	rub, _ := s.Rubric(ctx, 0)
	cal, _ := s.Calendar(ctx)
	loc, _ := s.Location(ctx)
	perAuditor := map[string]int{}
	for _, c := range calls {
		perAuditor[c.Auditor]++
		if p, ok := prev[c.OfficeID]; ok {
			if p.Auditor == c.Auditor {
				t.Errorf("%s gets %s again", c.Office, c.Auditor)
			}
			if p.Persona == c.Persona {
				t.Errorf("%s gets persona %s again", c.Office, c.Persona)
			}
		}
		if c.Question == "" {
			t.Errorf("%s has no scenario", c.Office)
		}
		day := c.Planned.In(loc).Format(time.DateOnly)
		if !rub.WorkingTime(c.Planned, cal, loc) || day < "2026-12-01" || day > "2026-12-14" {
			t.Errorf("%s planned at %v", c.Office, c.Planned.In(loc))
		}
	}
	lo, hi := 1000, 0
	for _, n := range perAuditor {
		lo, hi = min(lo, n), max(hi, n)
	}
	if hi-lo > 1 {
		t.Errorf("auditor counts %v differ by more than one", perAuditor)
	}
	if _, err := s.PlanRound(ctx, "7", store.PlanOptions{Seed: 7}); !errors.Is(err, store.ErrRoundState) {
		t.Errorf("planning twice: %v", err)
	}

	// Moving calls to one auditor breaks the balance, and the re-check says so.
	for _, c := range calls[:3] {
		if err := s.MoveCall(ctx, c.ID, calls[3].Auditor, time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	problems, err := s.CheckPlan(ctx, "7")
	if err != nil || len(problems) == 0 {
		t.Errorf("re-check after moving calls to one auditor: %+v, %v", problems, err)
	}
}

type prevCall struct {
	Auditor string
	Persona scoring.Persona
}

func previousCalls(t *testing.T, s *store.Store, round int) map[int64]prevCall {
	t.Helper()
	r, err := s.FindRound(context.Background(), strconv.Itoa(round))
	if err != nil {
		t.Fatal(err)
	}
	calls, _ := s.Calls(context.Background(), store.CallFilter{RoundID: r.ID})
	out := map[int64]prevCall{}
	for _, c := range calls {
		if c.Status == scoring.Done || c.Status == scoring.Unreachable {
			out[c.OfficeID] = prevCall{c.Auditor, c.Persona}
		}
	}
	return out
}

func TestPlanIsReproducibleForASeed(t *testing.T) {
	plans := map[int64][]store.Call{}
	for _, seed := range []int64{3, 3, 4} {
		s := demoStore(t)
		ctx := context.Background()
		s.CloseRound(ctx, "6", true)
		if _, err := s.NewRound(ctx, "2026年第7轮", "", ""); err != nil {
			t.Fatal(err)
		}
		if _, err := s.PlanRound(ctx, "7", store.PlanOptions{Seed: seed}); err != nil {
			t.Fatal(err)
		}
		r, _ := s.FindRound(ctx, "7")
		if r.From == "" || r.To == "" {
			t.Errorf("a round without dates did not get the next working days: %+v", r)
		}
		calls, _ := s.Calls(ctx, store.CallFilter{RoundID: r.ID})
		if prev, ok := plans[seed]; ok {
			for i := range calls {
				if calls[i].OfficeID != prev[i].OfficeID || calls[i].Auditor != prev[i].Auditor || !calls[i].Planned.Equal(prev[i].Planned) {
					t.Fatalf("seed %d gave two plans: %+v vs %+v", seed, calls[i], prev[i])
				}
			}
		}
		plans[seed] = calls
	}
	same := 0
	for i := range plans[3] {
		if plans[3][i].OfficeID == plans[4][i].OfficeID && plans[3][i].Planned.Equal(plans[4][i].Planned) {
			same++
		}
	}
	if same == len(plans[3]) {
		t.Error("seeds 3 and 4 gave the same plan")
	}
}

func TestReopenRoundNeedsAReason(t *testing.T) {
	s := demoStore(t)
	ctx := context.Background()
	rep, err := s.CloseRound(ctx, "6", true)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ReopenRound(ctx, "6", " "); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("re-open without a reason: %v", err)
	}
	if err := s.ReopenRound(ctx, "6", "停电，补打"); err != nil {
		t.Fatal(err)
	}
	r, _ := s.FindRound(ctx, "6")
	if r.Status != store.RoundOpen {
		t.Errorf("status after re-open: %s", r.Status)
	}
	c, _ := s.GetCall(ctx, rep.NotAudited[0].ID)
	if c.Status != scoring.ToCall && c.Status != scoring.InProgress {
		t.Errorf("a not-audited call after re-open: %s", c.Status)
	}
	changes, _ := s.Changes(ctx, 1)
	if len(changes) != 1 || changes[0].Action != "reopen" {
		t.Errorf("the re-open was not recorded: %+v", changes)
	}
}

func TestAttachRecordingAfterSubmission(t *testing.T) {
	s := demoStore(t)
	ctx := context.Background()
	r, _ := s.FindRound(ctx, "5")
	calls, _ := s.Calls(ctx, store.CallFilter{RoundID: r.ID})
	rec := filepath.Join(t.TempDir(), "会议室.wav")
	if err := os.WriteFile(rec, []byte("session"), 0o600); err != nil {
		t.Fatal(err)
	}
	links := []store.RecordingLink{{CallID: calls[0].ID, Offset: 754}, {CallID: calls[1].ID, Offset: 1322.5}}
	sum, err := recording.Hash(rec)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AttachRecording(ctx, r.ID, rec, sum, links); err != nil {
		t.Fatal(err)
	}
	c, _ := s.GetCall(ctx, calls[1].ID)
	if c.RecordingFile != rec || c.RecordingOffset == nil || *c.RecordingOffset != 1322.5 || len(c.RecordingSHA256) != 64 {
		t.Errorf("linked call: %q %v %q", c.RecordingFile, c.RecordingOffset, c.RecordingSHA256)
	}
	if c.Result.Total != calls[1].Result.Total || c.Status != calls[1].Status {
		t.Error("attaching a recording changed the result")
	}
	other, _ := s.FindRound(ctx, "4")
	if err := s.AttachRecording(ctx, other.ID, rec, sum, links); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("linking calls of another round: %v", err)
	}
}
