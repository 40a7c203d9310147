package ui

import (
	"context"
	"errors"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"phoneaudit/internal/benchdb"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// benchRoundName is the open round the benchmark adds to the cached
// province database, whose rounds are all closed.
const benchRoundName = "基准测试轮"

// BenchmarkCallKeystroke measures one keystroke on the call screen in
// scoring mode, on the province-scale database: Update with the key, then
// the whole View at 120×40. The keys cycle j, k, 3, y (move, move, a scale
// value, a yes). The writes the keys return are commands the program would
// run afterwards; they are not run here (BenchmarkSaveAnswer in store
// measures them), which is the point: no query runs inside Update or View.
func BenchmarkCallKeystroke(b *testing.B) {
	ctx := context.Background()
	st, err := store.Open(ctx, benchdb.Path(b, benchdb.Rounds()))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	auditor := benchCall(b, st)

	m := New(Options{Store: st, As: auditor, Now: func() time.Time { return testNow }})
	m.tick = noTick
	m = update(b, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	m = settle(b, m, m.Init())
	m = press(b, m, "enter")
	if m.call.mode() != modeScoring {
		b.Fatalf("the call is not in scoring mode (%d):\n%s", m.call.mode(), screen(m))
	}
	keys := []tea.KeyPressMsg{keyPress("j"), keyPress("k"), keyPress("3"), keyPress("y")}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		next, _ := m.Update(keys[i%len(keys)])
		m = next.(Model)
		if len(m.View().Content) == 0 {
			b.Fatal("empty view")
		}
	}
}

// benchCall makes sure the database has an open round with a call answered
// (11) for one auditor, first in that auditor's list, and returns the
// auditor. It is idempotent: the cached file keeps the round for the next run.
func benchCall(b *testing.B, st *store.Store) string {
	ctx := context.Background()
	r, ok, err := st.OpenRound(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if !ok {
		r = benchRound(b, st)
	}
	calls, err := st.Calls(ctx, store.CallFilter{RoundID: r.ID})
	if err != nil || len(calls) == 0 {
		b.Fatalf("the open round %s has no calls: %v", r.Name, err)
	}
	auditor := calls[0].Auditor
	mine, err := st.Calls(ctx, store.CallFilter{RoundID: r.ID, AuditorID: calls[0].AuditorID})
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range mine {
		if c.Status != scoring.ToCall && c.Status != scoring.InProgress {
			continue
		}
		if c.Status == scoring.ToCall { // the first call the list selects: answer it once
			at := testNow
			if err := st.StartTimer(ctx, c.ID, at); err != nil {
				b.Fatal(err)
			}
			if _, err := st.AddAttempt(ctx, c.ID, at.Add(5*time.Second), scoring.Connected); err != nil {
				b.Fatal(err)
			}
			if err := st.SetAnswerSeconds(ctx, c.ID, 5); err != nil {
				b.Fatal(err)
			}
		}
		return auditor
	}
	b.Fatalf("no call left to make in %s: remove the cached database to start afresh", r.Name)
	return ""
}

// benchRound creates the benchmark's round (one call per office for the
// first auditor) and opens it; a round left in planning by an interrupted
// run is opened as it is.
func benchRound(b *testing.B, st *store.Store) store.Round {
	ctx := context.Background()
	r, err := st.FindRound(ctx, benchRoundName)
	if errors.Is(err, store.ErrNotFound) {
		r = newBenchRound(b, st)
	} else if err != nil {
		b.Fatal(err)
	}
	if r.Status == store.RoundPlanning {
		if err := st.StartRound(ctx, benchRoundName); err != nil {
			b.Fatal(err)
		}
	}
	r, err = st.FindRound(ctx, benchRoundName)
	if err != nil || r.Status != store.RoundOpen {
		b.Fatalf("the benchmark round is not open: %v %s", err, r.Status)
	}
	return r
}

func newBenchRound(b *testing.B, st *store.Store) store.Round {
	ctx := context.Background()
	r, err := st.NewRound(ctx, benchRoundName, "", "")
	if err != nil {
		b.Fatal(err)
	}
	auditors, err := st.Auditors(ctx)
	if err != nil || len(auditors) == 0 {
		b.Fatalf("no auditors: %v", err)
	}
	offices, err := st.Offices(ctx)
	if err != nil {
		b.Fatal(err)
	}
	plans := make([]store.CallPlan, 0, len(offices))
	for i, o := range offices {
		if !o.Active || o.MergedInto != 0 {
			continue
		}
		plans = append(plans, store.CallPlan{OfficeID: o.ID, AuditorID: auditors[0].ID,
			Persona: scoring.Personas[i%len(scoring.Personas)], Planned: testNow.Add(time.Duration(i) * time.Minute)})
	}
	if err := st.AddCalls(ctx, r.ID, plans); err != nil {
		b.Fatal(err)
	}
	return r
}
