package sshtest

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"phoneaudit/internal/wait"
)

// Term is an SSH session with a pty whose output is drawn on a display, so waits read the screen
// as a person sees it. Its methods return errors instead of failing the test: sessions run on
// goroutines of their own, where t.Fatal must not be called.
type Term struct {
	sess    *gossh.Session
	in      io.WriteCloser
	display *Display
	timeout time.Duration // for each wait: generous, so a slow machine is slow, not failed
	pace    time.Duration // the least time between two keys
	lastKey time.Time
}

// Open asks for a Width×Height terminal and a shell, with env sent first, watching for the
// texts of watch on every write (Seen says whether one of them ever showed).
func Open(c *gossh.Client, env map[string]string, watch []string, timeout, pace time.Duration) (*Term, error) {
	return OpenSize(c, Width, Height, env, watch, timeout, pace)
}

// OpenSize is Open with a w×h terminal.
func OpenSize(c *gossh.Client, w, h int, env map[string]string, watch []string, timeout, pace time.Duration) (*Term, error) {
	sess, err := c.NewSession()
	if err != nil {
		return nil, fmt.Errorf("opening a session: %w", err)
	}
	for k, v := range env {
		if err := sess.Setenv(k, v); err != nil {
			sess.Close()
			return nil, fmt.Errorf("setenv %s: %w", k, err)
		}
	}
	tm := &Term{sess: sess, display: NewDisplay(w, h, watch...), timeout: timeout, pace: pace}
	sess.Stdout, sess.Stderr = tm.display, tm.display
	if tm.in, err = sess.StdinPipe(); err != nil {
		sess.Close()
		return nil, err
	}
	if err := sess.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
		sess.Close()
		return nil, fmt.Errorf("asking for a terminal: %w", err)
	}
	if err := sess.Shell(); err != nil {
		sess.Close()
		return nil, fmt.Errorf("asking for the screens: %w", err)
	}
	return tm, nil
}

// lookEvery is how often a wait looks at the screen.
const lookEvery = 10 * time.Millisecond

// WaitFor waits until the screen shows every text, and returns the screen.
func (tm *Term) WaitFor(texts ...string) (string, error) {
	return wait.Shows(tm.timeout, lookEvery, func() (string, error) { return tm.display.Text(), nil }, texts...)
}

// WaitSelected waits until the screen shows every text and the selected row (the text in
// reverse video) shows row.
func (tm *Term) WaitSelected(row string, texts ...string) (string, error) {
	return wait.Until(tm.timeout, lookEvery, fmt.Sprintf("%q with %s selected", texts, row), func() (string, bool, error) {
		screen, selected := tm.display.Snapshot()
		if wait.All(screen, texts) && strings.Contains(selected, row) {
			return screen, true, nil
		}
		// Not yet: what a timeout quotes.
		return screen + "\nwith in reverse video:\n" + strings.TrimSpace(selected), false, nil
	})
}

// keys are what a terminal sends for the key names the tests use.
var keyBytes = map[string]string{"enter": "\r", "space": " ", "esc": "\x1b", "ctrl+s": "\x13"}

// Press types keys at the pace: a person does not type two keys in the same millisecond.
func (tm *Term) Press(names ...string) error {
	for _, k := range names {
		if wait := tm.pace - time.Since(tm.lastKey); wait > 0 {
			time.Sleep(wait)
		}
		b, named := keyBytes[k]
		if !named {
			b = k
		}
		if _, err := tm.in.Write([]byte(b)); err != nil {
			return fmt.Errorf("typing %s: %w", k, err)
		}
		tm.lastKey = time.Now()
	}
	return nil
}

// WindowChange tells the server the terminal is now w×h, as a client does when its window is
// resized. The display keeps its size: a client may claim any size it likes.
func (tm *Term) WindowChange(w, h int) error {
	if err := tm.sess.WindowChange(h, w); err != nil {
		return fmt.Errorf("window change to %d×%d: %w", w, h, err)
	}
	return nil
}

// Ended waits for the session to end and returns how it did (the session's error); the second
// error says it did not end within the timeout.
func (tm *Term) Ended() (how, err error) {
	done := make(chan error, 1)
	go func() { done <- tm.sess.Wait() }()
	select {
	case how := <-done:
		return how, nil
	case <-time.After(tm.timeout):
		return nil, fmt.Errorf("the session did not end within %s; the screen was:\n%s", tm.timeout, tm.display.Text())
	}
}

// Quit presses q and waits for the session to end well.
func (tm *Term) Quit() error {
	if err := tm.Press("q"); err != nil {
		return err
	}
	how, err := tm.Ended()
	if err != nil {
		return fmt.Errorf("q: %w", err)
	}
	if ExitStatus(how) != 0 {
		return fmt.Errorf("q ended the session with %v, want exit 0", how)
	}
	return nil
}

// Text is the screen as it is now.
func (tm *Term) Text() string { return tm.display.Text() }

// Seen is the first screen that showed one of the watched texts ("" = none did).
func (tm *Term) Seen() string { return tm.display.Seen() }

func (tm *Term) Close() {
	tm.sess.Close()
	tm.display.Close()
}

// Screen is a Term for a test's own goroutine: its methods fail the test, and its waits take
// at most 10 s.
type Screen struct {
	t  testing.TB
	tm *Term
}

// OpenScreen asks for a terminal and a shell; env is sent first. The screen watches for the
// texts of watch on every write: Seen says whether one of them ever showed. The session is
// closed when the test ends.
func OpenScreen(t testing.TB, c *gossh.Client, env map[string]string, watch ...string) *Screen {
	t.Helper()
	tm, err := Open(c, env, watch, 10*time.Second, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tm.Close)
	return &Screen{t: t, tm: tm}
}

// WaitFor waits until every text is on screen, at most 10 s.
func (sc *Screen) WaitFor(texts ...string) string {
	sc.t.Helper()
	shown, err := sc.tm.WaitFor(texts...)
	if err != nil {
		sc.t.Fatal(err)
	}
	return shown
}

// Press types keys, named as for Term.Press.
func (sc *Screen) Press(names ...string) {
	sc.t.Helper()
	if err := sc.tm.Press(names...); err != nil {
		sc.t.Fatal(err)
	}
}

// Ended waits for the session to end, at most 10 s, and returns how.
func (sc *Screen) Ended() error {
	sc.t.Helper()
	how, err := sc.tm.Ended()
	if err != nil {
		sc.t.Fatal(err)
	}
	return how
}

// Seen is the first screen that showed one of the watched texts ("" = none did).
func (sc *Screen) Seen() string { return sc.tm.Seen() }
