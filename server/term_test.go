package server

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// The terminal every session asks for, as in helpers_test.go's openScreen.
const termWidth, termHeight = 100, 30

// errorTexts are what the screens show when a write did not reach the database: the header's
// mark (✗ 未保存), the status line of a failed save or action, and a list that cannot be read.
var errorTexts = []string{"未保存", "没能保存", "没有完成：", "无法读取", "数据库正忙"}

// term is an SSH session with a pty whose output is drawn by vt, so waits read the screen as a
// person sees it. Its methods return errors instead of failing the test: sessions run on
// goroutines of their own, where t.Fatal must not be called.
type term struct {
	sess    *gossh.Session
	in      io.WriteCloser
	vt      *vt
	timeout time.Duration // for each wait: generous, so a slow machine is slow, not failed
	pace    time.Duration // the least time between two keys
	lastKey time.Time
}

// openTerm asks for a termWidth×termHeight terminal and the screens.
func openTerm(c *gossh.Client, timeout, pace time.Duration) (*term, error) {
	sess, err := c.NewSession()
	if err != nil {
		return nil, fmt.Errorf("opening a session: %w", err)
	}
	tm := &term{sess: sess, vt: newVT(termWidth, termHeight, errorTexts...), timeout: timeout, pace: pace}
	sess.Stdout, sess.Stderr = tm.vt, tm.vt
	if tm.in, err = sess.StdinPipe(); err != nil {
		sess.Close()
		return nil, err
	}
	if err := sess.RequestPty("xterm-256color", termHeight, termWidth, gossh.TerminalModes{}); err != nil {
		sess.Close()
		return nil, fmt.Errorf("asking for a terminal: %w", err)
	}
	if err := sess.Shell(); err != nil {
		sess.Close()
		return nil, fmt.Errorf("asking for the screens: %w", err)
	}
	return tm, nil
}

// waitFor waits until the screen shows every text, and returns the screen.
func (tm *term) waitFor(texts ...string) (string, error) {
	return tm.waitUntil(fmt.Sprintf("%q", texts), func(screen, _ string) bool { return showsAll(screen, texts) })
}

// waitSelected waits until the screen shows every text and the selected row (the text in
// reverse video) shows row.
func (tm *term) waitSelected(row string, texts ...string) (string, error) {
	return tm.waitUntil(fmt.Sprintf("%q with %s selected", texts, row), func(screen, selected string) bool {
		return showsAll(screen, texts) && strings.Contains(selected, row)
	})
}

func showsAll(screen string, texts []string) bool {
	for _, x := range texts {
		if !strings.Contains(screen, x) {
			return false
		}
	}
	return true
}

// waitUntil waits until ok says yes to the screen and its text in reverse video; what names
// the wait in the error.
func (tm *term) waitUntil(what string, ok func(screen, selected string) bool) (string, error) {
	deadline := time.NewTimer(tm.timeout)
	defer deadline.Stop()
	for {
		screen, selected, changed := tm.vt.Snapshot()
		if ok(screen, selected) {
			return screen, nil
		}
		select {
		case <-changed:
		case <-deadline.C:
			return screen, fmt.Errorf("the screen did not show %s within %s; it was:\n%s\nwith in reverse video:\n%s",
				what, tm.timeout, screen, strings.TrimSpace(selected))
		}
	}
}

// keys are what a terminal sends for the key names the tests use.
var keyBytes = map[string]string{"enter": "\r", "space": " ", "esc": "\x1b", "ctrl+s": "\x13"}

// press types keys at the pace: a person does not type two keys in the same millisecond.
func (tm *term) press(names ...string) error {
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

// quit presses q and waits for the session to end well.
func (tm *term) quit() error {
	if err := tm.press("q"); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- tm.sess.Wait() }()
	select {
	case err := <-done:
		if exitStatus(err) != 0 {
			return fmt.Errorf("q ended the session with %v, want exit 0", err)
		}
		return nil
	case <-time.After(tm.timeout):
		screen, _ := tm.vt.Text()
		return fmt.Errorf("q did not end the session within %s; the screen was:\n%s", tm.timeout, screen)
	}
}

// errorSeen says what error a screen showed, if any did.
func (tm *term) errorSeen() error {
	if s := tm.vt.Seen(); s != "" {
		return errors.New("an error showed on the screen:\n" + s)
	}
	return nil
}

func (tm *term) close() { tm.sess.Close() }
