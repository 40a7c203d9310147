package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"phoneaudit/imports"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// TestAuditorSeesOnlyOwnCalls: 王芳 and 陈刚 each have a call; an auditor lists and reads only
// their own, plus a running call they may join.
func TestAuditorSeesOnlyOwnCalls(t *testing.T) {
	p := newPanelFixture(t)
	ctx := context.Background()
	mine, his := p.calls[0].ID, p.calls[1].ID
	if err := p.s.MoveCall(ctx, his, "陈刚", time.Time{}); err != nil {
		t.Fatal(err)
	}
	chen, _ := p.s.FindAuditor(ctx, "陈刚")
	ids := func(st *store.Store, f store.CallFilter) []int64 {
		t.Helper()
		cs, err := st.Calls(ctx, f)
		if err != nil {
			t.Fatalf("calls as %s: %v", st.Actor(), err)
		}
		var out []int64
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return out
	}
	for _, tc := range []struct {
		st     *store.Store
		filter store.CallFilter
		want   int
		first  int64
	}{
		{p.caller, store.CallFilter{RoundID: p.round.ID}, 1, mine},
		{p.caller, store.CallFilter{RoundID: p.round.ID, AuditorID: chen.ID}, 1, mine}, // the filter cannot widen it
		{p.chen, store.CallFilter{RoundID: p.round.ID}, 1, his},
		{p.zhao, store.CallFilter{RoundID: p.round.ID}, 0, 0},
		{p.lead, store.CallFilter{RoundID: p.round.ID}, 2, 0},
		{p.s, store.CallFilter{RoundID: p.round.ID}, 2, 0},
		{p.lead, store.CallFilter{RoundID: p.round.ID, AuditorID: chen.ID}, 1, his},
	} {
		got := ids(tc.st, tc.filter)
		if len(got) != tc.want || tc.first != 0 && got[0] != tc.first {
			t.Errorf("calls as %s with %+v = %v", tc.st.Actor(), tc.filter, got)
		}
	}
	for _, read := range []struct {
		name string
		do   func(st *store.Store) error
	}{
		{"GetCall", func(st *store.Store) error { _, err := st.GetCall(ctx, his); return err }},
		{"Sheets", func(st *store.Store) error { _, err := st.Sheets(ctx, his); return err }},
		{"Attempts", func(st *store.Store) error { _, err := st.Attempts(ctx, his); return err }},
		{"FindCall", func(st *store.Store) error {
			_, err := st.FindCall(ctx, p.round.ID, p.offices[1].Department, p.offices[1].Name)
			return err
		}},
	} {
		if err := read.do(p.caller); !errors.Is(err, store.ErrForbidden) {
			t.Errorf("%s of another auditor's call: %v, want ErrForbidden", read.name, err)
		}
		for _, st := range []*store.Store{p.chen, p.lead, p.s} {
			if err := read.do(st); err != nil {
				t.Errorf("%s as %s: %v", read.name, st.Actor(), err)
			}
		}
	}
	if _, err := p.caller.GetCall(ctx, 9999); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a missing call: %v, want ErrNotFound", err)
	}
	// Once 陈刚 dials, his call is live: 王芳 may read it, join it and score it.
	if err := p.chen.StartTimer(ctx, his, p.s.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := p.caller.GetCall(ctx, his); err != nil {
		t.Errorf("reading a live call: %v", err)
	}
	if err := p.caller.StartTimer(ctx, his, p.s.Now()); !errors.Is(err, store.ErrForbidden) {
		t.Errorf("starting another auditor's timer: %v", err)
	}
	if _, err := p.chen.AddAttempt(ctx, his, p.s.Now(), 11); err != nil {
		t.Fatal(err)
	}
	sheet, err := p.caller.JoinCall(ctx, his)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.chen.SetAnswerSeconds(ctx, his, 9); err != nil {
		t.Fatal(err)
	}
	p.answer(t, p.caller, sheet, good)
	if _, err := p.chen.SubmitSheet(ctx, sheet); !errors.Is(err, store.ErrForbidden) {
		t.Errorf("the caller submitting a panel member's sheet: %v, want ErrForbidden", err)
	}
	if err := p.chen.AbandonDraft(ctx, sheet); !errors.Is(err, store.ErrForbidden) {
		t.Errorf("the caller abandoning a panel member's sheet: %v, want ErrForbidden", err)
	}
	if res, err := p.caller.SubmitSheet(ctx, sheet); err != nil || res.Status != scoring.InProgress {
		t.Errorf("a panel member's submit: %+v, %v (the caller has not submitted)", res, err)
	}
}

// TestLeadOnly: everything that shows other auditors' results or plans, or changes the round,
// the registry or results, is refused to an auditor and allowed to a lead and the command line
// (which may still fail for their own reasons: only ErrForbidden is checked).
func TestLeadOnly(t *testing.T) {
	p := newPanelFixture(t)
	ctx := context.Background()
	r := p.round.ID
	office := p.offices[0].ID
	ops := []struct {
		name string
		do   func(st *store.Store) error
	}{
		{"Flags", func(st *store.Store) error { _, err := st.Flags(ctx, 0); return err }},
		{"FlagRows", func(st *store.Store) error { _, err := st.FlagRows(ctx, 0); return err }},
		{"PersonFlags", func(st *store.Store) error { _, err := st.PersonFlags(ctx, 0); return err }},
		{"OfficeHistory", func(st *store.Store) error { _, err := st.OfficeHistory(ctx, office, 0, 10); return err }},
		{"OfficeTrend", func(st *store.Store) error { _, err := st.OfficeTrend(ctx, office, 5); return err }},
		{"OfficeSummaries", func(st *store.Store) error { _, err := st.OfficeSummaries(ctx, 0); return err }},
		{"Notices", func(st *store.Store) error { _, err := st.Notices(ctx, store.NoticeFilter{}); return err }},
		{"Export", func(st *store.Store) error { _, err := imports.Export(ctx, st, r, false); return err }},
		{"Export sheets", func(st *store.Store) error { _, err := imports.Export(ctx, st, r, true); return err }},
		{"RoundSummaryInput", func(st *store.Store) error { _, _, _, err := st.RoundSummaryInput(ctx, r); return err }},
		{"PublishedText", func(st *store.Store) error { _, _, _, err := st.PublishedText(ctx, r, "zh", "text"); return err }},
		{"CheckPlan", func(st *store.Store) error { _, err := st.CheckPlan(ctx, p.round.Name); return err }},
		{"UnfinishedCalls", func(st *store.Store) error { _, err := st.UnfinishedCalls(ctx, r); return err }},
		{"Changes", func(st *store.Store) error { _, err := st.Changes(ctx, 10); return err }},
		{"NewRound", func(st *store.Store) error { _, err := st.NewRound(ctx, "2026", "", ""); return err }},
		{"CloseRound", func(st *store.Store) error { _, err := st.CloseRound(ctx, p.round.Name, false); return err }},
		{"SetOffice", func(st *store.Store) error { return st.SetOffice(ctx, "无此单位", "无此科室", nil, nil) }},
		{"UpsertAuditors", func(st *store.Store) error {
			_, err := st.UpsertAuditors(ctx, []store.Auditor{{Name: "王芳", Role: "bad"}}, nil)
			return err
		}},
		{"ImportOffices", func(st *store.Store) error {
			_, err := imports.Offices(ctx, st, "/nonexistent/offices.csv")
			return err
		}},
		{"ImportResults", func(st *store.Store) error {
			_, err := imports.Results(ctx, st, "/nonexistent/results.csv")
			return err
		}},
		{"AmendSheet", func(st *store.Store) error { _, err := st.AmendSheet(ctx, 9999, good, "更正"); return err }},
		{"SetTimeZone", func(st *store.Store) error { return st.SetTimeZone(ctx, "Nowhere/Nothing") }},
		{"Backup", func(st *store.Store) error { return st.Backup(ctx, "/nonexistent/dir/copy.db") }},
	}
	for _, op := range ops {
		err := op.do(p.caller)
		if !errors.Is(err, store.ErrForbidden) {
			t.Errorf("%s as an auditor: %v, want ErrForbidden", op.name, err)
		}
		var role *store.RoleError
		if !errors.As(err, &role) || role.Actor != p.caller.Actor() || !slices.Contains(store.Actions, role.Action) {
			t.Errorf("%s as an auditor: %v, want a RoleError naming %s and what was refused", op.name, err, p.caller.Actor())
		}
		for _, st := range []*store.Store{p.lead, p.s, p.s.As("")} {
			if err := op.do(st); errors.Is(err, store.ErrForbidden) {
				t.Errorf("%s as %q: %v", op.name, st.Actor(), err)
			}
		}
	}
	// A role change counts at once: nothing is cached.
	if _, err := p.s.UpsertAuditors(ctx, []store.Auditor{{Name: "王芳", Role: "lead"}}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := p.caller.Flags(ctx, 0); err != nil {
		t.Errorf("flags after 王芳 became a lead: %v", err)
	}
}

// TestPublishedBulletinIsPublic: an auditor reads the bulletin of a published round, never of
// one that is not.
func TestPublishedBulletinIsPublic(t *testing.T) {
	p := newPanelFixture(t)
	ctx := context.Background()
	r := p.round.ID
	if _, err := p.s.CloseRound(ctx, p.round.Name, true); err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := p.caller.RoundSummaryInput(ctx, r); !errors.Is(err, store.ErrForbidden) {
		t.Errorf("the summary of a closed round as an auditor: %v", err)
	}
	texts := []store.Rendering{{Lang: "zh", Format: "text", Body: []byte("关于2026年第1轮的通报")}}
	if _, err := p.caller.PublishRound(ctx, r, texts, time.Time{}); !errors.Is(err, store.ErrForbidden) {
		t.Errorf("an auditor publishing: %v", err)
	}
	if _, err := p.lead.PublishRound(ctx, r, texts, time.Time{}); err != nil {
		t.Fatal(err)
	}
	body, _, _, err := p.caller.PublishedText(ctx, r, "zh", "text")
	if err != nil || string(body) != "关于2026年第1轮的通报" {
		t.Errorf("the published bulletin as an auditor: %q, %v", body, err)
	}
	if _, _, _, err := p.caller.RoundSummaryInput(ctx, r); err != nil {
		t.Errorf("the summary of a published round as an auditor: %v", err)
	}
}

// An auditor sees each round's progress but the problems only of published rounds.
func TestAuditorSeesNoUnpublishedResults(t *testing.T) {
	f, rounds, _ := redFixture(t)
	ctx := context.Background()
	texts := []store.Rendering{{Lang: "zh", Format: "text", Body: []byte("关于2026年第1轮的通报")}}
	if _, err := f.s.PublishRound(ctx, rounds[0].ID, texts, time.Time{}); err != nil {
		t.Fatal(err)
	}
	auditor := f.s.As(f.caller.Name)
	for _, st := range []*store.Store{f.s, auditor} {
		rs, err := st.Rounds(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			hidden := st == auditor && r.Status != store.RoundPublished
			if (r.Problems == 0) != hidden || r.Planned == 0 {
				t.Errorf("%s sees round %d (%s) with %d problems of %d calls", st.Actor(), r.Number, r.Status, r.Problems, r.Planned)
			}
		}
	}
	if r, err := auditor.FindRound(ctx, "3"); err != nil || r.Problems != 0 || r.Finished == 0 {
		t.Errorf("round 3 found by an auditor: %+v, %v", r, err)
	}
}
