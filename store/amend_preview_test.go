package store_test

import (
	"context"
	"errors"
	"testing"

	"phoneaudit/scoring"
	"phoneaudit/store"
)

// A preview gives what the amendment gives, refuses what it refuses, and writes nothing: no
// amendment, the same ledger head, the same flags.
func TestPreviewAmendSheetWritesNothing(t *testing.T) {
	f, rounds, sheets := redFixture(t)
	ctx := context.Background()
	head, err := f.s.LedgerHead(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Round 2's sheet made good: the first office's streak as of round 2 goes from 2 to 0.
	p, err := f.s.PreviewAmendSheet(ctx, sheets[1], good, "复听录音")
	if err != nil {
		t.Fatal(err)
	}
	if p.RoundNumber != rounds[1].Number || !p.Before.Problem || p.After.Problem || p.After.Total != 100 ||
		p.StreakBefore != 2 || p.StreakAfter != 0 || p.Published {
		t.Fatalf("preview: %+v", p)
	}
	if now, err := f.s.LedgerHead(ctx); err != nil || now != head {
		t.Fatalf("the preview moved the ledger head: %s → %s (%v)", head, now, err)
	}
	c := callOf(t, f.s, rounds[1].ID, f.offices[0].ID)
	if c.Amended || !c.Result.Problem {
		t.Fatalf("the preview amended the call: %+v", c.Result)
	}
	if fl, ok := flagOf(t, f.s, f.offices[0].Name); !ok || fl.Level != scoring.Red {
		t.Fatalf("the preview changed the flags: %+v %v", fl, ok)
	}
	if _, err := f.s.PreviewAmendSheet(ctx, sheets[1], good, " "); !errors.Is(err, store.ErrInvalid) {
		t.Fatalf("a preview without a reason: %v", err)
	}
	if _, err := f.s.PreviewAmendSheet(ctx, sheets[1], bad, "x"); !errors.Is(err, store.ErrInvalid) {
		t.Fatalf("a preview that changes nothing: %v", err)
	}

	// The amendment itself does what the preview said.
	m, err := f.s.AmendSheet(ctx, sheets[1], good, "复听录音")
	if err != nil {
		t.Fatal(err)
	}
	if m.Before.Total != p.Before.Total || m.After.Total != p.After.Total || m.After.Problem != p.After.Problem {
		t.Fatalf("amended %+v → %+v, previewed %+v → %+v", m.Before, m.After, p.Before, p.After)
	}
}
