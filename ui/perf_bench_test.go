package ui

import (
	"context"
	"testing"
	"time"

	"phoneaudit/internal/benchdb"
	"phoneaudit/store"
)

// The province benchmarks of the screens a lead opens first. Both run on the cached province
// database (benchdb), whose open round has a call for each of its 2,000 offices, and only
// under -bench: they never build that database during a plain go test.

// benchLead opens the province database and returns it with the name of a lead.
func benchLead(b *testing.B) (*store.Store, string) {
	b.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, benchdb.Path(b, benchdb.Rounds()))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	auditors, err := st.Auditors(ctx)
	if err != nil {
		b.Fatal(err)
	}
	for _, a := range auditors {
		if a.Role == "lead" && a.Active {
			return st, a.Name
		}
	}
	b.Fatal("the province database has no lead")
	return nil, ""
}

// BenchmarkCallsTabProvince measures tab 1 as a lead opens the program on the province
// database: the model built at 120×40, its first reads (the database, who I am, the open
// round's 2,000 calls) run, and the first whole View. It depends on the open round, not on the
// closed rounds stored, so it should cost the same at 10 rounds as at 500.
func BenchmarkCallsTabProvince(b *testing.B) {
	st, lead := benchLead(b)
	o := Options{Store: st, As: lead, OSUser: "bench", Now: func() time.Time { return testNow }}
	m := start(b, o, 120, 40)
	calls := m.pages[tabCalls].(callsPage).calls
	if len(calls) < 2000 || !hasText(m, calls[0].Office) {
		b.Fatalf("tab 1 shows %d calls, want the open round's 2,000:\n%s", len(calls), screen(m))
	}
	for b.Loop() {
		m := start(b, o, 120, 40)
		if len(m.View().Content) == 0 {
			b.Fatal("empty view")
		}
	}
	b.ReportMetric(float64(len(calls)), "calls")
}

// BenchmarkFlagsTabProvince measures tab 2 as a lead opens it: the key 2, the reads it starts
// (the flagged offices with their streaks, reasons and notices, the flagged persons, the rounds,
// the overdue notices) and the whole View at 120×40. Each time starts from the same model,
// whose tab 2 has not been read yet.
func BenchmarkFlagsTabProvince(b *testing.B) {
	st, lead := benchLead(b)
	o := Options{Store: st, As: lead, OSUser: "bench", Now: func() time.Time { return testNow }}
	m0 := start(b, o, 120, 40)
	m := press(b, m0, "2")
	rows := m.pages[tabFlagged].(flagsPage).data.rows
	if m.active != tabFlagged || len(rows) == 0 {
		b.Fatalf("tab 2 shows no flagged office:\n%s", screen(m))
	}
	first := rows[0]
	if !hasText(m, first.Office) {
		b.Fatalf("tab 2 does not show its first row %s · %s:\n%s", first.Department, first.Office, screen(m))
	}
	for b.Loop() {
		m := press(b, m0, "2")
		if len(m.View().Content) == 0 {
			b.Fatal("empty view")
		}
	}
	b.ReportMetric(float64(len(rows)), "rows")
}
