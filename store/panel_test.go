package store_test

import (
	"context"
	"errors"
	"maps"
	"slices"
	"testing"
	"time"

	"phoneaudit/imports"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// panelFixture is the fixture with two more auditors (赵敏 and 陈刚, role auditor) and a store
// acting as each person: the caller 王芳, the lead 李强, the panel members, and the command line.
type panelFixture struct {
	fixture
	caller, lead, zhao, chen *store.Store
}

func newPanelFixture(t *testing.T) panelFixture {
	t.Helper()
	f := newFixture(t)
	if _, err := f.s.UpsertAuditors(context.Background(), []store.Auditor{{Name: "赵敏", Role: "auditor"}, {Name: "陈刚", Role: "auditor"}}, nil); err != nil {
		t.Fatal(err)
	}
	return panelFixture{fixture: f, caller: f.s.As("王芳"), lead: f.s.As("李强"), zhao: f.s.As("赵敏"), chen: f.s.As("陈刚")}
}

// answer saves answers on a sheet as the store st (someone's session).
func (p panelFixture) answer(t *testing.T, st *store.Store, sheet int64, answers scoring.Answers) {
	t.Helper()
	for k, v := range answers {
		c, _ := p.rubric.Criterion(k)
		if err := st.SaveAnswer(context.Background(), sheet, c, v); err != nil {
			t.Fatalf("%s saving %s on sheet %d: %v", st.Actor(), k, sheet, err)
		}
	}
}

// dial starts the caller's timer on a call, answers it (11) after secs seconds.
func (p panelFixture) dial(t *testing.T, callID int64, secs int) {
	t.Helper()
	ctx := context.Background()
	if err := p.caller.StartTimer(ctx, callID, p.s.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := p.caller.AddAttempt(ctx, callID, p.s.Now(), scoring.Connected); err != nil {
		t.Fatal(err)
	}
	if err := p.caller.SetAnswerSeconds(ctx, callID, secs); err != nil {
		t.Fatal(err)
	}
}

func liveIDs(t *testing.T, st *store.Store) map[int64]string {
	t.Helper()
	ls, err := st.LiveCalls(context.Background())
	if err != nil {
		t.Fatalf("live calls as %s: %v", st.Actor(), err)
	}
	out := map[int64]string{}
	for _, l := range ls {
		out[l.ID] = l.SheetStatus
	}
	return out
}

func TestLiveCallsAndJoin(t *testing.T) {
	p := newPanelFixture(t)
	ctx := context.Background()
	call, other := p.calls[0].ID, p.calls[1].ID
	if got := liveIDs(t, p.zhao); len(got) != 0 {
		t.Fatalf("live calls before any dial: %v", got)
	}
	if err := p.caller.StartTimer(ctx, call, p.s.Now()); err != nil {
		t.Fatal(err)
	}
	// The caller does not join their own call; everyone else sees it, not yet joined.
	for _, tc := range []struct {
		st   *store.Store
		want map[int64]string
	}{
		{p.caller, map[int64]string{}},
		{p.zhao, map[int64]string{call: ""}},
		{p.lead, map[int64]string{call: ""}},
		{p.s, map[int64]string{call: ""}},
	} {
		if got := liveIDs(t, tc.st); !maps.Equal(got, tc.want) {
			t.Errorf("live calls as %s = %v, want %v", tc.st.Actor(), got, tc.want)
		}
	}
	if _, err := p.zhao.JoinCall(ctx, other); !errors.Is(err, store.ErrRoundState) {
		t.Errorf("joining a call not yet dialled: %v, want ErrRoundState", err)
	}
	if _, err := p.s.JoinCall(ctx, call); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the command line joining a panel: %v, want ErrNotFound", err)
	}
	sheet, err := p.zhao.JoinCall(ctx, call)
	if err != nil {
		t.Fatal(err)
	}
	if again, err := p.zhao.JoinCall(ctx, call); err != nil || again != sheet {
		t.Errorf("joining twice gave sheet %d, %v; want the same %d", again, err, sheet)
	}
	ls, _ := p.zhao.LiveCalls(ctx)
	if len(ls) != 1 || ls[0].Sheet != sheet || !ls[0].Joined() || ls[0].Panel != 2 { // the caller's draft opened too
		t.Errorf("after joining: %+v", ls)
	}
	// The caller's JoinCall of their own call is their Draft, whatever its state.
	mine, err := p.caller.JoinCall(ctx, other)
	if err != nil {
		t.Fatal(err)
	}
	if d, _ := p.s.Draft(ctx, other, "王芳"); d != mine {
		t.Errorf("the caller's JoinCall gave %d, Draft %d", mine, d)
	}
	// A panel member scores only their own sheet and never dials the caller's call.
	crit, _ := p.rubric.Criterion("greeting")
	callerSheet, _ := p.caller.JoinCall(ctx, call)
	if err := p.zhao.SaveAnswer(ctx, callerSheet, crit, 2); !errors.Is(err, store.ErrForbidden) {
		t.Errorf("a panel member writing the caller's sheet: %v, want ErrForbidden", err)
	}
	if err := p.zhao.SaveAnswer(ctx, sheet, crit, 2); err != nil {
		t.Errorf("a panel member writing their own sheet: %v", err)
	}
	if _, err := p.zhao.AddAttempt(ctx, call, p.s.Now(), scoring.Connected); !errors.Is(err, store.ErrForbidden) {
		t.Errorf("a panel member dialling the caller's call: %v, want ErrForbidden", err)
	}
	if _, err := p.zhao.Draft(ctx, call, "陈刚"); !errors.Is(err, store.ErrForbidden) {
		t.Errorf("an auditor opening a sheet for someone else: %v, want ErrForbidden", err)
	}
}

// view is what one actor sees of a call's sheets: each rater with the number of answers shown.
func view(t *testing.T, st *store.Store, callID int64) []string {
	t.Helper()
	shs, err := st.PanelSheets(context.Background(), callID)
	if err != nil {
		t.Fatalf("sheets as %s: %v", st.Actor(), err)
	}
	out := []string{}
	for _, sh := range shs {
		out = append(out, sh.Rater+" "+sh.Status+" "+string(rune('0'+len(sh.Answers))))
	}
	return out
}

func TestPanelSheetsBlind(t *testing.T) {
	p := newPanelFixture(t)
	ctx := context.Background()
	call := p.calls[0].ID
	p.dial(t, call, 8)
	mine, _ := p.caller.JoinCall(ctx, call)
	theirs, err := p.zhao.JoinCall(ctx, call)
	if err != nil {
		t.Fatal(err)
	}
	p.answer(t, p.caller, mine, good)                                          // 5 answers
	p.answer(t, p.zhao, theirs, scoring.Answers{"greeting": 2, "attitude": 3}) // 2 answers
	steps := []struct {
		name  string
		do    func()
		views map[*store.Store][]string
	}{
		{"both drafts", func() {}, map[*store.Store][]string{
			p.caller: {"王芳 draft 5", "赵敏 draft 0"}, // who else scores, never their answers
			p.zhao:   {"王芳 draft 0", "赵敏 draft 2"},
			p.lead:   {"王芳 draft 5", "赵敏 draft 2"}, // a lead not on the panel sees them come in
			p.s:      {"王芳 draft 5", "赵敏 draft 2"},
			p.chen:   {}, // may read the live call, sees no sheet of it
		}},
		{"the caller submitted", func() {
			if _, err := p.caller.SubmitSheet(ctx, mine); err != nil {
				t.Fatal(err)
			}
		}, map[*store.Store][]string{
			p.caller: {"王芳 submitted 5", "赵敏 draft 0"},
			p.zhao:   {"王芳 submitted 0", "赵敏 draft 2"},
			p.lead:   {"王芳 submitted 5", "赵敏 draft 2"},
		}},
		{"the panel submitted", func() {
			p.answer(t, p.zhao, theirs, scoring.Answers{"accuracy": 4, "ownership": 1, "closing": 1})
			if _, err := p.zhao.SubmitSheet(ctx, theirs); err != nil {
				t.Fatal(err)
			}
		}, map[*store.Store][]string{
			p.caller: {"王芳 submitted 5", "赵敏 submitted 5"},
			p.zhao:   {"王芳 submitted 5", "赵敏 submitted 5"},
		}},
	}
	for _, step := range steps {
		step.do()
		for st, want := range step.views {
			if got := view(t, st, call); !slices.Equal(got, want) {
				t.Errorf("%s: %s sees %q, want %q", step.name, st.Actor(), got, want)
			}
			// Sheets is PanelSheets for an auditor, and everything for the others.
			if all, err := st.Sheets(ctx, call); err != nil || (st == p.caller || st == p.zhao) && len(all) != len(want) {
				t.Errorf("%s: Sheets as %s: %d sheets, %v", step.name, st.Actor(), len(all), err)
			}
		}
		if step.name == "the caller submitted" {
			if _, err := p.zhao.Answers(ctx, mine); !errors.Is(err, store.ErrForbidden) {
				t.Errorf("the panel member reading the caller's sheet before submitting: %v", err)
			}
			if _, err := p.caller.Answers(ctx, theirs); !errors.Is(err, store.ErrForbidden) {
				t.Errorf("the caller reading a panel draft: %v", err)
			}
		}
	}
	if a, err := p.zhao.Answers(ctx, mine); err != nil || len(a) != 5 {
		t.Errorf("after both submitted, the caller's answers as seen by the panel: %v, %v", a, err)
	}
	// The call is finished: an auditor with no part in it may no longer read it.
	if _, err := p.chen.PanelSheets(ctx, call); !errors.Is(err, store.ErrForbidden) {
		t.Errorf("another auditor reading a finished call's sheets: %v, want ErrForbidden", err)
	}
}

func TestDropSheet(t *testing.T) {
	p := newPanelFixture(t)
	ctx := context.Background()
	call := p.calls[0].ID
	p.dial(t, call, 8)
	mine, _ := p.caller.JoinCall(ctx, call)
	zhao, _ := p.zhao.JoinCall(ctx, call)
	chen, _ := p.chen.JoinCall(ctx, call)
	p.answer(t, p.zhao, zhao, scoring.Answers{"greeting": 1})
	refused := []struct {
		name   string
		st     *store.Store
		sheet  int64
		reason string
		want   error
	}{
		{"an auditor drops", p.caller, zhao, "不在场", store.ErrForbidden},
		{"no reason", p.lead, zhao, "  ", store.ErrInvalid},
		{"the caller's sheet", p.lead, mine, "不在场", store.ErrInvalid},
		{"no such sheet", p.lead, 9999, "不在场", store.ErrNotFound},
	}
	for _, tc := range refused {
		if _, err := tc.st.DropSheet(ctx, tc.sheet, tc.reason); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
	if _, err := p.lead.DropSheet(ctx, zhao, "临时离开会场"); err != nil {
		t.Fatal(err)
	}
	if _, err := p.zhao.JoinCall(ctx, call); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("joining again after the drop: %v, want ErrInvalid", err)
	}
	if got := liveIDs(t, p.zhao); got[call] != "dropped" {
		t.Errorf("the dropped member's live list: %v", got)
	}
	if _, err := p.lead.DropSheet(ctx, zhao, "again"); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("dropping a dropped sheet: %v", err)
	}
	p.answer(t, p.caller, mine, good)
	if res, err := p.caller.SubmitSheet(ctx, mine); err != nil || res.Status != scoring.InProgress {
		t.Fatalf("the caller's submit while 陈刚 scores: %+v, %v", res, err)
	}
	// The call waited only for 陈刚's sheet: dropping it settles the call on the caller's sheet.
	res, err := p.s.DropSheet(ctx, chen, "未评分")
	if err != nil || res.Status != scoring.Done || res.Total != 100 {
		t.Fatalf("after the last drop: %+v, %v", res, err)
	}
	shs, _ := p.s.Sheets(ctx, call)
	var got []string
	for _, sh := range shs {
		got = append(got, sh.Rater+" "+sh.Status+" "+sh.Reason)
	}
	if want := []string{"王芳 submitted ", "赵敏 dropped 临时离开会场", "陈刚 dropped 未评分"}; !slices.Equal(got, want) {
		t.Errorf("sheets after the drops = %q, want %q", got, want)
	}
	if c, _ := p.s.GetCall(ctx, call); c.Status != scoring.Done || c.Result.Total != 100 {
		t.Errorf("the call after the drops: %s %+v", c.Status, c.Result)
	}
	// export --sheets lists every sheet, the dropped ones marked and without a total.
	tab, err := imports.Export(ctx, p.lead, p.round.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	got = nil
	for _, m := range cells(t, tab) {
		if m["科室"] == "社保中心" {
			got = append(got, m["评分人"]+" "+m["得分"]+" "+m["规范用语"])
		}
	}
	if want := []string{"王芳 100 15", "赵敏（已撤销）  7.5", "陈刚（已撤销）  "}; !slices.Equal(got, want) {
		t.Errorf("sheet export = %q, want %q", got, want)
	}
}

// TestJoinCallOneTime checks that a transaction records one time: a panel member joining a call
// opens the caller's draft and their own in one transaction, and both sheets carry the same
// created_at even when the clock moves on each time it is read.
func TestJoinCallOneTime(t *testing.T) {
	p := newPanelFixture(t)
	ctx := context.Background()
	call := p.calls[0].ID
	if err := p.caller.StartTimer(ctx, call, p.s.Now()); err != nil {
		t.Fatal(err)
	}
	tick := p.s.Now()
	p.zhao.Now = func() time.Time { tick = tick.Add(time.Second); return tick }
	theirs, err := p.zhao.JoinCall(ctx, call)
	if err != nil {
		t.Fatal(err)
	}
	raw := openRaw(t, p.path)
	defer raw.Close()
	rows, err := raw.Query("SELECT id, created_at FROM sheets WHERE call_id = ? ORDER BY id", call)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	at := map[int64]string{}
	for rows.Next() {
		var id int64
		var created string
		if err := rows.Scan(&id, &created); err != nil {
			t.Fatal(err)
		}
		at[id] = created
	}
	if len(at) != 2 || at[theirs] == "" {
		t.Fatalf("sheets of the call after joining: %v, want the caller's and %d", at, theirs)
	}
	for id, created := range at {
		if created != at[theirs] {
			t.Errorf("sheet %d was created at %s, sheet %d at %s: one transaction, two times", id, created, theirs, at[theirs])
		}
	}
}
