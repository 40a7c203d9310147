package store_test

import (
	"context"
	"strconv"
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
	if _, err := raw.Exec(`DROP TRIGGER answers_insert_activity; DROP TRIGGER answers_update_activity;
		ALTER TABLE calls DROP COLUMN last_activity_at; PRAGMA user_version = ` + strconv.Itoa(store.LatestSchema()-1)); err != nil {
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
