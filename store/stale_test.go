package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"phoneaudit/scoring"
	"phoneaudit/store"
)

// clock is a settable time that every session of a panel fixture reads.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// withClock makes every session of p read the clock c, starting at a working-day morning.
func withClock(p *panelFixture) *clock {
	c := &clock{t: time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC)} // 10:00 in Asia/Shanghai, a Tuesday
	for _, st := range []*store.Store{p.s, p.caller, p.lead, p.zhao, p.chen} {
		st.Now = c.now
	}
	return c
}

func lastActivity(t *testing.T, st *store.Store, id int64) time.Time {
	t.Helper()
	c, err := st.GetCall(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c.LastActivity
}

// TestLastActivity: every write of the caller on a running call moves its last activity to the
// time of the write; a panel member's joining and answers do not.
func TestLastActivity(t *testing.T) {
	p := newPanelFixture(t)
	c := withClock(&p)
	ctx := context.Background()
	call := p.calls[0].ID
	if got := lastActivity(t, p.lead, call); !got.IsZero() {
		t.Fatalf("a call not started has last activity %v", got)
	}
	step := func(what string, write func() error) {
		t.Helper()
		c.t = c.t.Add(time.Minute)
		if err := write(); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if got := lastActivity(t, p.lead, call); !got.Equal(c.t) {
			t.Errorf("after %s: last activity %v, want %v", what, got, c.t)
		}
	}
	step("the timer mark", func() error { return p.caller.StartTimer(ctx, call, c.t) })
	step("a dial", func() error { _, err := p.caller.AddAttempt(ctx, call, c.t, scoring.Connected); return err })
	step("the seconds", func() error { return p.caller.SetAnswerSeconds(ctx, call, 9) })
	step("who answered", func() error { return p.caller.SetAnsweredBy(ctx, call, "1024", "张三") })
	step("the notes", func() error { return p.caller.SetNotes(ctx, call, "转接了一次") })
	var sheet int64
	step("opening the sheet", func() error { var err error; sheet, err = p.caller.Draft(ctx, call, "王芳"); return err })
	greeting, _ := p.rubric.Criterion("greeting")
	step("an answer", func() error { return p.caller.SaveAnswer(ctx, sheet, greeting, 2) })
	step("a changed answer", func() error { return p.caller.SaveAnswer(ctx, sheet, greeting, 1) })
	step("a cleared answer", func() error { return p.caller.ClearAnswer(ctx, sheet, "greeting") })

	// A panel member's work is not the caller's activity.
	was := c.t
	c.t = c.t.Add(time.Minute)
	mine, err := p.zhao.JoinCall(ctx, call)
	if err != nil {
		t.Fatal(err)
	}
	p.answer(t, p.zhao, mine, scoring.Answers{"greeting": 2})
	if got := lastActivity(t, p.lead, call); !got.Equal(was) {
		t.Errorf("after a panel member's answer: last activity %v, want the caller's %v", got, was)
	}
}

// TestLastActivityBackfill: a file from before the column gets it from what it recorded: the
// latest of the timer mark, the dials and the caller's sheet and answers.
func TestLastActivityBackfill(t *testing.T) {
	p := newPanelFixture(t)
	c := withClock(&p)
	ctx := context.Background()
	call := p.calls[0].ID
	if err := p.caller.StartTimer(ctx, call, c.t); err != nil {
		t.Fatal(err)
	}
	c.t = c.t.Add(3 * time.Minute)
	if _, err := p.caller.AddAttempt(ctx, call, c.t, scoring.NoAnswer); err != nil {
		t.Fatal(err)
	}
	dialled := c.t
	p.s.Close()
	raw := openRaw(t, p.path)
	// Back to schema 7: migrations 010 (the leases), 009 (the corrections) and 008 undone.
	if _, err := raw.Exec(`DROP TABLE sheet_leases; ` + undoCorrections + `; DROP TRIGGER answers_insert_activity; DROP TRIGGER answers_update_activity;
		ALTER TABLE calls DROP COLUMN last_activity_at; PRAGMA user_version = 7`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	s, err := store.Open(ctx, p.path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := lastActivity(t, s, call); !got.Equal(dialled) {
		t.Errorf("backfilled last activity %v, want the dial at %v", got, dialled)
	}
}

// staleFixture: 王芳 dials and answers the first call at the clock's start, opens her sheet and
// gives one answer; 陈刚 joins it as a panel member and answers too.
func staleFixture(t *testing.T) (panelFixture, *clock, int64, int64, int64) {
	t.Helper()
	p := newPanelFixture(t)
	c := withClock(&p)
	ctx := context.Background()
	call := p.calls[0].ID
	p.dial(t, call, 8)
	sheet, err := p.caller.Draft(ctx, call, "王芳")
	if err != nil {
		t.Fatal(err)
	}
	p.answer(t, p.caller, sheet, scoring.Answers{"greeting": 2, "attitude": 4})
	panel, err := p.chen.JoinCall(ctx, call)
	if err != nil {
		t.Fatal(err)
	}
	p.answer(t, p.chen, panel, scoring.Answers{"greeting": 1})
	return p, c, call, sheet, panel
}

// TestStaleCallNotJoinable: idle 29 minutes a call is offered for joining and may be joined; idle
// 31 it is neither (a typed refusal), and a lead sees it among the stale calls. A panel member who
// had joined it still finds it.
func TestStaleCallNotJoinable(t *testing.T) {
	p, c, call, _, _ := staleFixture(t)
	ctx := context.Background()
	start := c.t

	c.t = start.Add(29 * time.Minute)
	if _, ok := liveIDs(t, p.zhao)[call]; !ok {
		t.Fatalf("idle 29 minutes, the call is not offered: %v", liveIDs(t, p.zhao))
	}
	if stale, err := p.lead.StaleCalls(ctx); err != nil || len(stale) != 0 {
		t.Errorf("idle 29 minutes, stale calls %v, %v", stale, err)
	}

	c.t = start.Add(31 * time.Minute)
	if _, ok := liveIDs(t, p.zhao)[call]; ok {
		t.Errorf("idle 31 minutes, the call is still offered for joining")
	}
	_, err := p.zhao.JoinCall(ctx, call)
	var se *store.StaleCallError
	if !errors.As(err, &se) || se.Idle != 31*time.Minute || se.Limit != 30*time.Minute || se.Call.Auditor != "王芳" {
		t.Errorf("joining a call idle 31 minutes: %v, want a StaleCallError", err)
	}
	if st, ok := liveIDs(t, p.chen)[call]; !ok || st != "draft" {
		t.Errorf("the panel member who joined no longer finds the stale call: %v", liveIDs(t, p.chen))
	}
	stale, err := p.lead.StaleCalls(ctx)
	if err != nil || len(stale) != 1 || stale[0].ID != call || stale[0].Idle != 31*time.Minute {
		t.Errorf("stale calls: %+v, %v", stale, err)
	}
	if _, err := p.zhao.StaleCalls(ctx); !errors.Is(err, store.ErrForbidden) {
		t.Errorf("an auditor reading the stale calls: %v", err)
	}

	// The caller's activity makes it live again.
	if err := p.caller.SetNotes(ctx, call, "回来了"); err != nil {
		t.Fatal(err)
	}
	if _, err := p.zhao.JoinCall(ctx, call); err != nil {
		t.Errorf("joining after the caller came back: %v", err)
	}
}

// TestHandOnCall: a lead hands a stale call on to another auditor: the drafts are kept as
// abandoned with the reason and their answers, the call is to be called again by that auditor,
// the change is recorded and the database verifies. A call that is not stale is refused.
func TestHandOnCall(t *testing.T) {
	p, c, call, sheet, panel := staleFixture(t)
	ctx := context.Background()
	start := c.t

	c.t = start.Add(20 * time.Minute)
	var ns *store.NotStaleError
	if err := p.lead.HandOnCall(ctx, call, "陈刚", "王芳没接着打"); !errors.As(err, &ns) || !ns.Running {
		t.Errorf("handing on a call idle 20 minutes: %v, want a NotStaleError", err)
	}
	if err := p.lead.HandOnCall(ctx, p.calls[1].ID, "陈刚", "x"); !errors.As(err, &ns) || ns.Running {
		t.Errorf("handing on a call not started: %v, want a NotStaleError (not running)", err)
	}
	c.t = start.Add(42 * time.Minute)
	if err := p.lead.HandOnCall(ctx, call, "陈刚", "  "); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("handing on without a reason: %v", err)
	}
	if err := p.lead.HandOnCall(ctx, call, "无此人", "x"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("handing on to nobody: %v", err)
	}
	if err := p.zhao.HandOnCall(ctx, call, "赵敏", "x"); !errors.Is(err, store.ErrForbidden) {
		t.Errorf("an auditor handing on: %v", err)
	}

	if err := p.lead.HandOnCall(ctx, call, "陈刚", "王芳没接着打"); err != nil {
		t.Fatal(err)
	}
	got, err := p.lead.GetCall(ctx, call)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != scoring.ToCall || got.Auditor != "陈刚" || got.AnswerSeconds != nil || !got.TimerStarted.IsZero() || !got.LastActivity.IsZero() {
		t.Errorf("after the hand-on the call is %+v", got)
	}
	if tried, _ := p.lead.Attempts(ctx, call); len(tried) != 0 {
		t.Errorf("the abandoned dials are still on the call: %v", tried)
	}
	sheets, err := p.lead.Sheets(ctx, call)
	if err != nil || len(sheets) != 2 {
		t.Fatalf("sheets after the hand-on: %+v, %v", sheets, err)
	}
	for _, sh := range sheets {
		if sh.Status != "abandoned" || sh.Reason != "王芳没接着打" {
			t.Errorf("sheet %d of %s after the hand-on: %s, reason %q", sh.ID, sh.Rater, sh.Status, sh.Reason)
		}
	}
	if sheets[0].ID != sheet || sheets[0].Answers["attitude"] != 4 || sheets[1].ID != panel || sheets[1].Answers["greeting"] != 1 {
		t.Errorf("the abandoned sheets lost their answers: %+v", sheets)
	}
	changes, err := p.lead.Changes(ctx, 1)
	if err != nil || len(changes) != 1 || changes[0].Action != "hand_on" || changes[0].By != "李强" ||
		!strings.Contains(changes[0].Detail, `"auditor_was":"王芳"`) || !strings.Contains(changes[0].Detail, `"idle_minutes":42`) ||
		!strings.Contains(changes[0].Detail, `"outcome":11`) || !strings.Contains(changes[0].Detail, `"answer_seconds":8`) {
		t.Errorf("the hand-on's change: %+v, %v", changes, err)
	}
	mustVerify(t, p.s)

	// 陈刚 makes the call afresh and it finishes on his sheet alone.
	if ids := liveIDs(t, p.zhao); len(ids) != 0 {
		t.Errorf("a call handed on is offered for joining: %v", ids)
	}
	f := p.fixture
	f.s = p.chen
	f.caller, _ = p.s.FindAuditor(ctx, "陈刚")
	fresh := f.score(t, call, 5, good)
	if fresh == sheet || fresh == panel {
		t.Fatalf("the new caller got an abandoned sheet %d", fresh)
	}
	res, err := p.chen.SubmitSheet(ctx, fresh)
	if err != nil || res.Status != scoring.Done {
		t.Errorf("submitting after the hand-on: %+v, %v", res, err)
	}
	mustVerify(t, p.s)
}

// TestHandOnRefusedOnceAPanelSheetIsIn: a call on which a panel member has submitted a sheet is not
// handed on (the new caller's try would finish on the old try's score); nothing changes.
func TestHandOnRefusedOnceAPanelSheetIsIn(t *testing.T) {
	p, c, call, _, panel := staleFixture(t)
	ctx := context.Background()
	p.answer(t, p.chen, panel, good)
	if _, err := p.chen.SubmitSheet(ctx, panel); err != nil {
		t.Fatal(err)
	}
	c.t = c.t.Add(42 * time.Minute)
	var hs *store.HandOnSubmittedError
	if err := p.lead.HandOnCall(ctx, call, "赵敏", "王芳没接着打"); !errors.As(err, &hs) || hs.Sheets != 1 {
		t.Fatalf("handing on a call with a submitted panel sheet: %v, want a HandOnSubmittedError", err)
	}
	got, err := p.lead.GetCall(ctx, call)
	if err != nil || got.Status != scoring.InProgress || got.Auditor != "王芳" {
		t.Errorf("after the refusal the call is %+v, %v", got, err)
	}
	if tried, _ := p.lead.Attempts(ctx, call); len(tried) != 1 {
		t.Errorf("after the refusal the call's dials are %v", tried)
	}
	mustVerify(t, p.s)
}
