package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"phoneaudit/lang"
)

type teaCmd = tea.Cmd

func TestWhoAnswered(t *testing.T) {
	m, st, _, call := onCall(t, lang.ZH, 80, 24)
	m = press(t, m, "enter", "space", "space", "a", "9", "esc") // cancelled
	if got, _, _ := getCall(t, st, call.ID); got.AnsweredStaffNo != "" {
		t.Fatalf("esc saved the staff number %q", got.AnsweredStaffNo)
	}
	m = press(t, m, "a", "0", "2", "3", "1", "tab")
	m = press(t, m, typeText("王芳")...)
	m = press(t, m, "enter")
	got, _, _ := getCall(t, st, call.ID)
	if got.AnsweredStaffNo != "0231" || got.AnsweredName != "王芳" {
		t.Fatalf("who answered in the database: %q %q", got.AnsweredStaffNo, got.AnsweredName)
	}
	mustShow(t, m, "接听人: 工号 0231  姓名 王芳")
}

// The recording must exist; the error says so in words and the form stays.
// On submit its SHA-256 is stored.
func TestRecording(t *testing.T) {
	m, st, _, call := onCall(t, lang.ZH, 100, 30)
	missing := filepath.Join(t.TempDir(), "没有这个.wav")
	m = press(t, m, "enter", "space", "space", "r")
	m = press(t, m, typeText(missing)...)
	m = press(t, m, "enter")
	mustShow(t, m, "找不到录音文件")
	if m.call.form != formRecording {
		t.Fatal("the form closed on a missing file")
	}
	rec := filepath.Join(t.TempDir(), "rec.wav")
	if err := os.WriteFile(rec, []byte("RIFF"), 0o600); err != nil {
		t.Fatal(err)
	}
	m.call.recIn.SetValue(rec)
	m = press(t, m, "enter")
	if got, _, _ := getCall(t, st, call.ID); got.RecordingFile != rec {
		t.Fatalf("recording in the database: %q", got.RecordingFile)
	}
	m = press(t, m, "y", "4", "5", "y", "y", "ctrl+s")
	if hasText(m, "未填（可以不填）：接听人、录音") || !hasText(m, "未填（可以不填）：接听人") {
		t.Errorf("the question should miss only who answered:\n%s", screen(m))
	}
	m = press(t, m, "y")
	if got, _, _ := getCall(t, st, call.ID); len(got.RecordingSHA256) != 64 {
		t.Fatalf("no SHA-256 stored on submit: %q (%s)\n%s", got.RecordingSHA256, got.Status, screen(m))
	}
}

// Notes are saved a second after the last keystroke (only the latest tick
// saves) and at once on esc; every key types into them.
func TestNotesAreSavedDebounced(t *testing.T) {
	m, st, _, call := onCall(t, lang.ZH, 80, 24)
	m = press(t, m, "enter", "space", "space", "e")
	m = press(t, m, typeText("q5 ?")...)
	if m.call.notesArea.Value() != "q5 ?" || !m.call.open || m.help.ShowAll {
		t.Fatalf("keys acted instead of typing: notes %q", m.call.notesArea.Value())
	}
	if len(m.ops.pending) != 0 {
		t.Fatalf("a note was written before the debounce: %+v", m.ops.pending)
	}
	m = update(t, m, notesTickMsg{callID: call.ID, seq: 1}) // an old tick
	if got, _, _ := getCall(t, st, call.ID); got.Notes != "" {
		t.Fatalf("an old tick saved %q", got.Notes)
	}
	m = settle(t, m, func() tea.Msg { return notesTickMsg{callID: call.ID, seq: m.call.notesSeq} })
	if got, _, _ := getCall(t, st, call.ID); got.Notes != "q5 ?" {
		t.Fatalf("the latest tick saved %q", got.Notes)
	}
	m = press(t, m, "!", "esc")
	if got, _, _ := getCall(t, st, call.ID); got.Notes != "q5 ?!" {
		t.Fatalf("esc did not save at once: %q", got.Notes)
	}
	if m.call.form != formNone {
		t.Fatal("esc did not close the notes")
	}
}

// ctrl+c sends the notes being typed before it quits.
func TestQuitSavesTheNotesBeingTyped(t *testing.T) {
	m, st, _, call := onCall(t, lang.ZH, 80, 24)
	m = press(t, m, "enter", "space", "space", "e")
	m = press(t, m, typeText("让自己上网查")...)
	next, cmd := m.Update(keyPress("ctrl+c"))
	if _, quit := run(t, next.(Model), cmd); !quit {
		t.Fatal("ctrl+c did not quit")
	}
	if got, _, _ := getCall(t, st, call.ID); got.Notes != "让自己上网查" {
		t.Fatalf("notes after quitting: %q", got.Notes)
	}
}

func TestOtherAuditorsCallIsReadOnly(t *testing.T) {
	st := demoStore(t)
	m := start(t, opts(st, lang.ZH, "姜中原", &clock{t: testNow}), 120, 40)
	call, _ := m.callsPage().selected()
	m = press(t, m, "enter", "space", "y", "5")
	if m.call.mode() != modeReadOnly {
		t.Fatalf("a lead opened %s's call in mode %d", call.Auditor, m.call.mode())
	}
	mustShow(t, m, "这是 "+call.Auditor+" 的电话，只能查看")
	if _, a, _ := getCall(t, st, call.ID); len(a) != len(m.call.attempts) {
		t.Fatal("keys on a read-only call wrote attempts")
	}
	if !strings.Contains(lastLines(m, 1), "esc") {
		t.Errorf("the help does not offer esc:\n%s", lastLines(m, 1))
	}
}
