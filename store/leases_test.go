package store_test

import (
	"context"
	"errors"
	"maps"
	"os"
	"os/exec"
	"slices"
	"testing"
	"time"

	"phoneaudit/scoring"
	"phoneaudit/store"
)

// twoSessions is the caller 王芳 in two sessions of the screens on one file: a terminal and an
// SSH session.
func twoSessions(p panelFixture) (term, ssh *store.Store) {
	term = p.caller.InSession(store.NewSession(store.LocalPlace("/dev/pts/3")))
	ssh = p.caller.InSession(store.NewSession(store.Place{SSH: true, Host: "server", PID: os.Getpid(), Remote: "10.0.0.5", Login: "wang"}))
	return term, ssh
}

func leaseRefused(t *testing.T, what string, err error, holder store.Session) {
	t.Helper()
	var le *store.LeaseError
	if !errors.As(err, &le) {
		t.Fatalf("%s on a sheet open elsewhere: %v, want a LeaseError", what, err)
	}
	if le.Lease.Session != holder.ID || le.Lease.Place != holder.Place || le.Lease.Rater != "王芳" || le.Lease.Since.IsZero() {
		t.Errorf("%s: the refusal names %+v, want the holder %+v", what, le.Lease, holder)
	}
}

// TestLeaseOneEditor: the first session that opens the caller's sheet holds it; the second sees
// where and since when, and every write of it — on the sheet and on the call's record — is
// refused in its transaction, as is the command line's; the holder writes on. A take-over turns
// it round: the first session's writes are refused and it learns it lost the sheet at its next
// heartbeat.
func TestLeaseOneEditor(t *testing.T) {
	p := newPanelFixture(t)
	ctx := context.Background()
	call := p.calls[0].ID
	term, ssh := twoSessions(p)

	l, err := term.OpenSheet(ctx, call)
	if err != nil || !l.Mine {
		t.Fatalf("the first session's open: %+v, %v; want the lease", l, err)
	}
	other, err := ssh.OpenSheet(ctx, call)
	if err != nil || other.Mine || other.Session != term.Session().ID || other.Place.TTY != "/dev/pts/3" || other.Since.IsZero() {
		t.Fatalf("the second session's open: %+v, %v; want the first session's lease", other, err)
	}
	if err := term.StartTimer(ctx, call, p.s.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := term.AddAttempt(ctx, call, p.s.Now(), scoring.Connected); err != nil {
		t.Fatal(err)
	}
	sheet, err := term.JoinCall(ctx, call)
	if err != nil {
		t.Fatal(err)
	}
	greeting, _ := p.rubric.Criterion("greeting")
	ownership, _ := p.rubric.Criterion("ownership")
	if err := term.SaveAnswer(ctx, sheet, greeting, 2); err != nil {
		t.Fatal(err)
	}

	writes := []struct {
		what string
		do   func(st *store.Store) error
	}{
		{"an answer", func(st *store.Store) error { return st.SaveAnswer(ctx, sheet, ownership, 0) }},
		{"a cleared answer", func(st *store.Store) error { return st.ClearAnswer(ctx, sheet, "greeting") }},
		{"the timer", func(st *store.Store) error { return st.StartTimer(ctx, call, p.s.Now()) }},
		{"the seconds", func(st *store.Store) error { return st.SetAnswerSeconds(ctx, call, 40) }},
		{"who answered", func(st *store.Store) error { return st.SetAnsweredBy(ctx, call, "007", "") }},
		{"the notes", func(st *store.Store) error { return st.SetNotes(ctx, call, "另一处") }},
		{"the undo of a dial", func(st *store.Store) error { return st.UndoAttempt(ctx, call) }},
		{"the draft", func(st *store.Store) error { _, err := st.JoinCall(ctx, call); return err }},
		{"the submit", func(st *store.Store) error { _, err := st.SubmitSheet(ctx, sheet); return err }},
		{"the abandon", func(st *store.Store) error { return st.AbandonDraft(ctx, sheet) }},
	}
	for _, w := range writes {
		leaseRefused(t, w.what+" by the second session", w.do(ssh), term.Session())
		leaseRefused(t, w.what+" by the command line", w.do(p.caller), term.Session())
	}
	answers, err := p.lead.Answers(ctx, sheet)
	if err != nil || !maps.Equal(answers, scoring.Answers{"greeting": 2}) {
		t.Fatalf("after the refused writes the sheet holds %v (%v), want greeting 2 alone", answers, err)
	}
	if c, _ := p.lead.GetCall(ctx, call); c.Notes != "" || c.AnswerSeconds != nil {
		t.Fatalf("a refused write reached the call: notes %q, seconds %v", c.Notes, c.AnswerSeconds)
	}
	if err := term.SaveAnswer(ctx, sheet, ownership, 0); err != nil {
		t.Fatalf("the holder's answer: %v", err)
	}

	was, err := ssh.TakeOver(ctx, call)
	if err != nil || was.Session != term.Session().ID {
		t.Fatalf("the take-over: %+v, %v; want the first session's lease as it was", was, err)
	}
	leaseRefused(t, "the first session's answer after the take-over", term.SaveAnswer(ctx, sheet, ownership, 1), ssh.Session())
	beat, err := term.Heartbeat(ctx, call)
	if err != nil || beat.Mine || beat.Session != ssh.Session().ID || !beat.Place.SSH || beat.Place.Remote != "10.0.0.5" {
		t.Fatalf("the first session's heartbeat after the take-over: %+v, %v; want the SSH session's lease", beat, err)
	}
	if err := ssh.SaveAnswer(ctx, sheet, ownership, 1); err != nil {
		t.Fatalf("the new holder's answer: %v", err)
	}
	if l, err := ssh.Heartbeat(ctx, call); err != nil || !l.Mine {
		t.Fatalf("the holder's heartbeat: %+v, %v", l, err)
	}
}

// TestLeaseExpiresAndReleases: a lease whose heartbeat stopped expires after LeaseExpiry (a crashed
// session elsewhere locks nothing for long); one whose process on this machine has ended is taken
// at once; released leases, a sheet's or a whole session's, are free; a hand-on frees the call.
func TestLeaseExpiresAndReleases(t *testing.T) {
	p := newPanelFixture(t)
	clk := withClock(&p)
	ctx := context.Background()
	call := p.calls[0].ID
	term, ssh := twoSessions(p)
	for _, st := range []*store.Store{term, ssh} {
		st.Now = clk.now
	}
	if _, err := term.OpenSheet(ctx, call); err != nil {
		t.Fatal(err)
	}
	clk.t = clk.t.Add(store.LeaseExpiry - time.Second)
	if l, _ := ssh.OpenSheet(ctx, call); l.Mine {
		t.Fatal("a lease was taken a second before it expired")
	}
	if l, err := ssh.SheetLease(ctx, call); err != nil || l.Session != term.Session().ID {
		t.Fatalf("SheetLease while the first session holds it: %+v, %v", l, err)
	}
	clk.t = clk.t.Add(2 * time.Second)
	if l, err := ssh.SheetLease(ctx, call); err != nil || l.Held() {
		t.Fatalf("SheetLease of an expired lease: %+v, %v; want nobody", l, err)
	}
	if err := ssh.SetNotes(ctx, call, "过期后"); err != nil {
		t.Fatalf("a write on an expired lease: %v", err)
	}
	if l, err := ssh.OpenSheet(ctx, call); err != nil || !l.Mine {
		t.Fatalf("the open after the expiry: %+v, %v", l, err)
	}
	if l, err := term.Heartbeat(ctx, call); err != nil || l.Mine {
		t.Fatalf("the expired session's heartbeat renewed a lease it lost: %+v, %v", l, err)
	}

	if err := ssh.ReleaseSheet(ctx, call); err != nil {
		t.Fatal(err)
	}
	if l, err := term.OpenSheet(ctx, call); err != nil || !l.Mine {
		t.Fatalf("the open after a release: %+v, %v", l, err)
	}
	if err := term.ReleaseSession(ctx); err != nil {
		t.Fatal(err)
	}
	if l, err := p.caller.InSession(store.NewSession(store.LocalPlace(""))).OpenSheet(ctx, call); err != nil || !l.Mine {
		t.Fatalf("the open after the session ended: %+v, %v", l, err)
	}

	// A program of this machine that was killed: its pid runs no more.
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Skip("cannot run a process to end:", err)
	}
	crashed := p.caller.InSession(store.NewSession(store.Place{Host: store.LocalPlace("").Host, PID: dead.Process.Pid, TTY: "/dev/pts/9"}))
	crashed.Now = clk.now
	if _, err := crashed.TakeOver(ctx, call); err != nil {
		t.Fatal(err)
	}
	if l, err := term.OpenSheet(ctx, call); err != nil || !l.Mine {
		t.Fatalf("the open after the holder's process ended: %+v, %v; want it taken at once", l, err)
	}

	// A hand-on of the stale call frees it.
	if err := term.StartTimer(ctx, call, clk.t); err != nil {
		t.Fatal(err)
	}
	clk.t = clk.t.Add(time.Hour)
	if _, err := term.Heartbeat(ctx, call); err != nil {
		t.Fatal(err)
	}
	if err := p.lead.HandOnCall(ctx, call, "王芳", "离开了"); err != nil {
		t.Fatal(err)
	}
	if l, err := ssh.OpenSheet(ctx, call); err != nil || !l.Mine {
		t.Fatalf("the open after a hand-on: %+v, %v", l, err)
	}
}

// TestSubmitConfirmed: a submit stores what its confirmation showed; when the sheet's answers or
// the call's seconds changed after it was drawn, nothing is stored and the refusal carries the
// values as they stand. A panel member's confirmation is refused when the caller changed the
// seconds after it.
func TestSubmitConfirmed(t *testing.T) {
	p := newPanelFixture(t)
	ctx := context.Background()
	call := p.calls[0].ID
	p.dial(t, call, 9)
	mine, err := p.zhao.JoinCall(ctx, call)
	if err != nil {
		t.Fatal(err)
	}
	full := scoring.Answers{"greeting": 2, "attitude": 4, "accuracy": 4, "ownership": 0, "closing": 1}
	p.answer(t, p.zhao, mine, full)
	nine, twenty := 9, 20
	if err := p.caller.SetAnswerSeconds(ctx, call, twenty); err != nil {
		t.Fatal(err)
	}
	_, err = p.zhao.SubmitConfirmed(ctx, mine, store.Confirmed{Answers: full, Seconds: &nine})
	var changed *store.SheetChangedError
	if !errors.As(err, &changed) || !slices.Equal(changed.Changed, []string{"answer"}) || changed.Seconds == nil || *changed.Seconds != 20 {
		t.Fatalf("a submit after the caller changed the seconds: %v (%+v), want refused naming answer with 20 s", err, changed)
	}
	shown := scoring.Answers{"greeting": 2, "attitude": 4, "accuracy": 4, "ownership": 1, "closing": 1}
	_, err = p.zhao.SubmitConfirmed(ctx, mine, store.Confirmed{Answers: shown, Seconds: &twenty})
	if !errors.As(err, &changed) || !slices.Equal(changed.Changed, []string{"ownership"}) || changed.Answers["ownership"] != 0 {
		t.Fatalf("a submit of other answers: %v (%+v), want refused naming ownership", err, changed)
	}
	if sh, _ := p.lead.Sheets(ctx, call); slices.ContainsFunc(sh, func(s store.SheetInfo) bool { return s.Status == "submitted" }) {
		t.Fatal("a refused submit stored a sheet")
	}
	res, err := p.zhao.SubmitConfirmed(ctx, mine, store.Confirmed{Answers: full, Seconds: &twenty})
	if err != nil {
		t.Fatalf("the submit of what is stored: %v", err)
	}
	if res.Status == scoring.Done {
		t.Fatalf("after the panel member's submit the call is %s (the caller's sheet is still out)", res.Status)
	}
}
