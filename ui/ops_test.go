package ui

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"phoneaudit/lang"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

func tWheel(up bool) tea.MouseWheelMsg {
	b := tea.MouseWheelDown
	if up {
		b = tea.MouseWheelUp
	}
	return tea.MouseWheelMsg{Button: b, Y: 10}
}

func tClick(y int) tea.MouseClickMsg { return tea.MouseClickMsg{Button: tea.MouseLeft, X: 3, Y: y} }

// fakeWrites records the order writes run in; a write named in failOnce
// fails the first time it runs (a full disk: a busy database is waited out).
type fakeWrites struct {
	ran      []string
	failOnce map[string]bool
}

func (f *fakeWrites) write(name string) op {
	return writeOp(op{}, func(context.Context, *store.Store, int64) error {
		f.ran = append(f.ran, name)
		if f.failOnce[name] {
			f.failOnce[name] = false
			return store.ErrDiskFull
		}
		return nil
	})
}

// A failed write stays at the head with its value: nothing overtakes it,
// the header says NOT SAVED, ctrl+r sends it again, then the rest follow in
// order.
func TestFailedWriteIsKeptAndRetried(t *testing.T) {
	m := start(t, opts(demoStore(t), lang.ZH, "杜瑞", nil), 80, 24)
	f := &fakeWrites{failOnce: map[string]bool{"a": true}}
	m = settle(t, m, m.enqueue(f.write("a")))
	if m.ops.mark() != markFailed || !strings.Contains(screen(m), "✗ 未保存") {
		t.Fatalf("no NOT SAVED mark after a failure:\n%s", screen(m))
	}
	mustShow(t, m, "没能保存：磁盘已满", "ctrl+r")
	if !m.keys.Retry.Enabled() {
		t.Fatal("ctrl+r is not offered")
	}
	m = press(t, m, "ctrl+r")
	if strings.Join(f.ran, ",") != "a,a" || m.ops.mark() != markSaved || len(m.ops.pending) != 0 {
		t.Fatalf("after ctrl+r: ran %v, mark %d, pending %d", f.ran, m.ops.mark(), len(m.ops.pending))
	}
	if hasText(m, "没能保存") {
		t.Error("the error stays after the retry went through")
	}
}

// The next change retries a failed write before itself.
func TestNextWriteRetriesTheFailedOneFirst(t *testing.T) {
	m := start(t, opts(demoStore(t), lang.ZH, "杜瑞", nil), 80, 24)
	f := &fakeWrites{failOnce: map[string]bool{"a": true}}
	m = settle(t, m, m.enqueue(f.write("a")))
	cmd := m.enqueue(f.write("b"))
	m = settle(t, m, cmd)
	if got := strings.Join(f.ran, ","); got != "a,a,b" {
		t.Fatalf("writes ran as %s, want a,a,b", got)
	}
	if m.ops.mark() != markSaved {
		t.Fatal("not saved at the end")
	}
}

// ctrl+c with writes in flight waits for them all before it quits: here
// the keys' commands are held back, as a slow database would.
func TestQuitWaitsForWritesInFlight(t *testing.T) {
	m, st, _, call := onCall(t, lang.ZH, 80, 24)
	m = press(t, m, "enter", "space", "space")
	var held []tea.Cmd
	for _, k := range []string{"y", "4", "5", "ctrl+c"} {
		next, cmd := m.Update(keyPress(k))
		m = next.(Model)
		held = append(held, cmd)
		if k == "5" && (m.ops.mark() != markSaving || !strings.Contains(screen(m), "◌ 保存中…")) {
			t.Fatalf("no saving mark with writes in flight:\n%s", screen(m))
		}
	}
	mustShow(t, m, "正在保存，保存完就退出")
	quit := false
	for _, cmd := range held {
		var q bool
		m, q = run(t, m, cmd)
		quit = quit || q
	}
	if !quit {
		t.Fatal("ctrl+c did not quit once everything was saved")
	}
	_, _, sheets := getCall(t, st, call.ID)
	if a := sheets[0].Answers; a["greeting"] != 2 || a["attitude"] != 4 || a["accuracy"] != 5 {
		t.Fatalf("answers after quitting: %v", a)
	}
}

// A write the database refuses is shown in words and kept on screen;
// quitting then stays and says so, and a second ctrl+c quits.
func TestQuitStaysWhenTheFlushFails(t *testing.T) {
	m, st, _, _ := onCall(t, lang.ZH, 80, 24)
	m = press(t, m, "enter", "space", "space")
	if _, err := st.CloseRound(context.Background(), "6", true); err != nil { // a lead closes the round
		t.Fatal(err)
	}
	m = press(t, m, "y")
	mustShow(t, m, "本轮已不在进行中", "✗ 未保存")
	if m.call.answers["greeting"] != 2 {
		t.Fatal("the typed value was dropped from the screen")
	}
	next, cmd := m.Update(keyPress("ctrl+c"))
	m, quit := run(t, next.(Model), cmd)
	if quit {
		t.Fatal("ctrl+c quit although the draft could not be saved")
	}
	mustShow(t, m, "退出前没能保存")
	_, cmd = m.Update(keyPress("ctrl+c"))
	if _, quit := run(t, m, cmd); !quit {
		t.Fatal("the second ctrl+c does not quit")
	}
}

// Opening a call waits behind the writes of an earlier visit, so it shows
// them even when they were still on their way.
func TestReopenSeesWritesInFlight(t *testing.T) {
	m, _, _, call := onCall(t, lang.ZH, 80, 24)
	m = press(t, m, "enter", "space", "space")
	var held []tea.Cmd
	for _, k := range []string{"y", "4", "esc", "enter"} {
		next, cmd := m.Update(keyPress(k))
		m = next.(Model)
		held = append(held, cmd)
	}
	// The open (enter) was queued; its message sends the load only once the
	// writes before it are done.
	for _, cmd := range held {
		m = settle(t, m, cmd)
	}
	if m.call.callID != call.ID || m.call.answers["attitude"] != 4 || m.call.answers["greeting"] != 2 {
		t.Fatalf("reopened with answers %v", m.call.answers)
	}
}

// A dropped write (a submit, an abandon, a lead's step) that fails while quitting keeps the
// program open and says so; the second ctrl+c quits.
func TestQuitStaysWhenADroppedWriteFails(t *testing.T) {
	m := start(t, opts(demoStore(t), lang.ZH, "杜瑞", nil), 80, 24)
	f := &fakeWrites{failOnce: map[string]bool{"submit": true}}
	w := f.write("submit")
	w.dropOnError = true
	cmd := m.enqueue(w) // in flight when ctrl+c comes
	next, quitCmd := m.Update(keyPress("ctrl+c"))
	m, quit := run(t, next.(Model), tea.Batch(cmd, quitCmd))
	if quit {
		t.Fatal("ctrl+c quit although the submit failed")
	}
	mustShow(t, m, "退出前没能保存")
	if len(m.ops.pending) != 0 {
		t.Errorf("the failed submit is still queued: %d", len(m.ops.pending))
	}
	_, cmd = m.Update(keyPress("ctrl+c"))
	if _, quit := run(t, m, cmd); !quit {
		t.Fatal("the second ctrl+c does not quit")
	}
}

// A sheet submitted in another session (the same auditor's second terminal, which took it over
// and left it) refuses my next answer for good: the answer is dropped with its error on screen
// instead of blocking every operation behind it, and the queue goes on.
func TestAnswerOnASheetNoLongerADraftIsDropped(t *testing.T) {
	m, st, c, call := onCall(t, lang.ZH, 80, 24)
	m = press(t, m, "enter", "space", "space", "y")
	other := start(t, opts(openAgain(t, st), lang.ZH, "杜瑞", c), 80, 24)
	other = press(t, selectInList(t, other, call.ID), "enter", "T", "y", "4", "5", "y", "y", "ctrl+s", "y")
	if got, _, _ := getCall(t, st, call.ID); got.Status != scoring.Done {
		t.Fatalf("the other terminal did not submit: %s\n%s", got.Status, screen(other))
	}
	m = press(t, m, "3")
	mustShow(t, m, "不能再修改")
	if len(m.ops.pending) != 0 || m.ops.failed != nil {
		t.Fatalf("the refused answer blocks the queue: %d pending, failed %v", len(m.ops.pending), m.ops.failed)
	}
	f := &fakeWrites{}
	m = settle(t, m, m.enqueue(f.write("next")))
	if strings.Join(f.ran, ",") != "next" {
		t.Fatalf("the queue did not go on: %v", f.ran)
	}
	if _, _, sheets := getCall(t, st, call.ID); sheets[0].Answers["attitude"] != 4 {
		t.Errorf("the submitted sheet changed: %v", sheets[0].Answers)
	}
}
