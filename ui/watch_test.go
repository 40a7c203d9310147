package ui

import (
	"context"
	"testing"

	"phoneaudit/lang"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// openAgain opens the file of st a second time, as another process would.
func openAgain(t *testing.T, st *store.Store) *store.Store {
	t.Helper()
	other, err := store.Open(context.Background(), st.Path())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	return other
}

// What another process commits shows at the next tick of the watch: in tab 1
// a call another session dialled is in progress, in tab 2 a notice another
// session marked reported says so. With no commit, a tick reads nothing.
func TestWatchShowsOtherSessions(t *testing.T) {
	ctx := context.Background()
	st := demoStore(t)
	other := openAgain(t, st).As(leadName)

	m := start(t, opts(st, lang.ZH, "杜瑞", &clock{t: testNow}), 100, 30)
	if !m.watching || !m.versionKnown {
		t.Fatal("the watch did not start with the session")
	}
	p := m.callsPage()
	var toCall store.Call
	for _, c := range p.calls {
		if c.Status == scoring.ToCall {
			toCall = c
			break
		}
	}
	if toCall.ID == 0 {
		t.Fatal("杜瑞 has no call to make in the demo")
	}
	seen := m.dataVersion
	m = tickWatch(t, m)
	if m.dataVersion != seen {
		t.Fatalf("with no commit the version moved from %d to %d", seen, m.dataVersion)
	}
	if err := other.StartTimer(ctx, toCall.ID, testNow); err != nil {
		t.Fatal(err)
	}
	m = tickWatch(t, m)
	for _, c := range m.callsPage().calls {
		if c.ID == toCall.ID && c.Status != scoring.InProgress {
			t.Errorf("after another session dialled, tab 1 shows the call as %s", c.Status.Label(lang.EN))
		}
	}

	lead := press(t, start(t, opts(st, lang.ZH, leadName, &clock{t: testNow}), 100, 30), "2")
	lead, f := firstRed(t, lead)
	if err := other.ReportNotice(ctx, f.NoticeID, "已整改"); err != nil {
		t.Fatal(err)
	}
	lead = tickWatch(t, lead)
	for _, r := range lead.flagsPage().data.rows {
		if r.OfficeID == f.OfficeID && r.Notice != store.NoticeReported {
			t.Errorf("after another session recorded the report, tab 2 shows the notice as %q", r.Notice)
		}
	}
}

// tickWatch is one tick of the watch (its ask of the data version, which the
// test's tick function does not run) and all that follows from it.
func tickWatch(t *testing.T, m Model) Model {
	t.Helper()
	next, cmd := m.Update(readDataVersion(context.Background(), m.base)())
	return settle(t, next.(Model), cmd)
}

// A round another session closes is gone from tab 1 at the next tick.
func TestWatchSeesTheRoundClose(t *testing.T) {
	st := demoStore(t)
	other := openAgain(t, st).As(leadName)
	m := start(t, opts(st, lang.ZH, "杜瑞", &clock{t: testNow}), 100, 30)
	if !m.sess.hasRound {
		t.Fatal("the demo has no open round")
	}
	if _, err := other.CloseRound(context.Background(), m.sess.round.Name, true); err != nil {
		t.Fatal(err)
	}
	m = tickWatch(t, m)
	if m.sess.hasRound || m.callsPage().state != listNoRound {
		t.Fatalf("after another session closed the round: has round %v, tab 1 state %d", m.sess.hasRound, m.callsPage().state)
	}
}
