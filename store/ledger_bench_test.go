package store_test

import (
	"context"
	"testing"

	"phoneaudit/scoring"
	"phoneaudit/store"
)

// BenchmarkSubmitSheet measures submitting a complete sheet, which finishes its call: the
// result is stored and, with the ledger, the sheet and the call are appended to the chain in the
// same transaction. Each call is dialled and scored with the timer stopped.
func BenchmarkSubmitSheet(b *testing.B) {
	f := newFixture(b)
	ctx := context.Background()
	plans := make([]store.CallPlan, b.N)
	for i := range plans {
		plans[i] = store.CallPlan{OfficeID: f.offices[i%len(f.offices)].ID, AuditorID: f.caller.ID,
			Persona: scoring.Resident, Planned: f.s.Now()}
	}
	if err := f.s.AddCalls(ctx, f.round.ID, plans); err != nil {
		b.Fatal(err)
	}
	calls, err := f.s.Calls(ctx, store.CallFilter{RoundID: f.round.ID})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		c := calls[i+len(f.calls)]
		if _, err := f.s.AddAttempt(ctx, c.ID, f.s.Now(), scoring.Connected); err != nil {
			b.Fatal(err)
		}
		if err := f.s.SetAnswerSeconds(ctx, c.ID, 9); err != nil {
			b.Fatal(err)
		}
		sheet, err := f.s.Draft(ctx, c.ID, f.caller.Name)
		if err != nil {
			b.Fatal(err)
		}
		for k, v := range good {
			cr, _ := f.rubric.Criterion(k)
			if err := f.s.SaveAnswer(ctx, sheet, cr, v); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		if _, err := f.s.SubmitSheet(ctx, sheet); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyProvince times a whole verify of the province database (PHONEAUDIT_BENCH_ROUNDS
// rounds): the chain rebuilt from the records, and every result, audit and streak worked out
// again beside it. It reports the entries checked per second.
func BenchmarkVerifyProvince(b *testing.B) {
	s := provinceStore(b)
	b.ResetTimer()
	var entries int
	for i := 0; i < b.N; i++ {
		rep, err := s.Verify(context.Background())
		if err != nil || !rep.OK() {
			b.Fatalf("verify: %v, %+v", err, rep.Problems)
		}
		entries = rep.Entries
	}
	b.ReportMetric(float64(entries)*float64(b.N)/b.Elapsed().Seconds(), "entries/s")
}
