package server

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/vt"
	gossh "golang.org/x/crypto/ssh"

	"phoneaudit/internal/wait"
)

// The terminal every session asks for.
const termWidth, termHeight = 100, 30

// errorTexts are what the screens show when a write did not reach the database: the header's
// mark (✗ 未保存), the status line of a failed save or action, and a list that cannot be read.
var errorTexts = []string{"未保存", "没能保存", "没有完成：", "无法读取", "数据库正忙"}

// display is what a person sees of a session: its output drawn by a terminal emulator. The
// renderer sends only what changed since the last frame, often a single character of a word, so
// a test that searched the stream would find words that have since changed and miss words drawn
// in pieces: it must read the screen. The display also keeps the first screen that showed one of
// watch (texts that must never show), looked at on every write: such a text may show only for
// a moment.
type display struct {
	mu    sync.Mutex
	emu   *vt.Emulator
	watch []string
	seen  string
}

func newDisplay(w, h int, watch ...string) *display {
	d := &display{emu: vt.NewEmulator(w, h), watch: watch}
	// The emulator answers the program's queries (colours, modes) on a pipe that blocks until
	// read. The answers are dropped: the screens do without them, as they did over the tests'
	// earlier emulator, which gave none.
	go io.Copy(io.Discard, d.emu)
	return d
}

// Write draws p. A sequence or character cut off at the end waits for the next write.
func (d *display) Write(p []byte) (int, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	n, err := d.emu.Write(p)
	if d.seen == "" && len(d.watch) > 0 {
		text := d.emu.String()
		if slices.ContainsFunc(d.watch, func(x string) bool { return strings.Contains(text, x) }) {
			d.seen = text
		}
	}
	return n, err
}

// Text is the screen, its lines without trailing blanks.
func (d *display) Text() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.emu.String()
}

// Snapshot is Text with Reversed, both of the same moment.
func (d *display) Snapshot() (screen, reversed string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.emu.String(), d.reversedLocked()
}

// Reversed is the text in reverse video, line by line (blank lines for none): the selected row.
func (d *display) Reversed() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.reversedLocked()
}

func (d *display) reversedLocked() string {
	lines := make([]string, d.emu.Height())
	for y := range lines {
		var b strings.Builder
		for x := range d.emu.Width() {
			c := d.emu.CellAt(x, y)
			if c == nil || c.Width == 0 || c.Style.Attrs&uv.AttrReverse == 0 {
				continue // the right half of a wide character, or not reversed
			}
			b.WriteString(cmp.Or(c.Content, " "))
		}
		lines[y] = strings.TrimSpace(b.String())
	}
	return strings.Join(lines, "\n")
}

// Seen is the first screen that showed a watched text ("" = none did).
func (d *display) Seen() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.seen
}

// close ends the reading of the answers. It closes their pipe rather than calling the
// emulator's Close, which sets a flag that the reader reads without a lock.
func (d *display) close() {
	if c, ok := d.emu.InputPipe().(io.Closer); ok {
		c.Close()
	}
}

// term is an SSH session with a pty whose output is drawn on a display, so waits read the screen
// as a person sees it. Its methods return errors instead of failing the test: sessions run on
// goroutines of their own, where t.Fatal must not be called.
type term struct {
	sess    *gossh.Session
	in      io.WriteCloser
	display *display
	timeout time.Duration // for each wait: generous, so a slow machine is slow, not failed
	pace    time.Duration // the least time between two keys
	lastKey time.Time
}

// openTerm asks for a termWidth×termHeight terminal and the screens, watching for errorTexts.
func openTerm(c *gossh.Client, timeout, pace time.Duration) (*term, error) {
	return startTerm(c, nil, errorTexts, timeout, pace)
}

// startTerm is openTerm with env sent first and the texts to watch for.
func startTerm(c *gossh.Client, env map[string]string, watch []string, timeout, pace time.Duration) (*term, error) {
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
	tm := &term{sess: sess, display: newDisplay(termWidth, termHeight, watch...), timeout: timeout, pace: pace}
	sess.Stdout, sess.Stderr = tm.display, tm.display
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

// lookEvery is how often a wait looks at the screen.
const lookEvery = 10 * time.Millisecond

// waitFor waits until the screen shows every text, and returns the screen.
func (tm *term) waitFor(texts ...string) (string, error) {
	return wait.Shows(tm.timeout, lookEvery, func() (string, error) { return tm.display.Text(), nil }, texts...)
}

// waitSelected waits until the screen shows every text and the selected row (the text in
// reverse video) shows row.
func (tm *term) waitSelected(row string, texts ...string) (string, error) {
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

// ended waits for the session to end and returns how it did (the session's error); the second
// error says it did not end within the timeout.
func (tm *term) ended() (how, err error) {
	done := make(chan error, 1)
	go func() { done <- tm.sess.Wait() }()
	select {
	case how := <-done:
		return how, nil
	case <-time.After(tm.timeout):
		return nil, fmt.Errorf("the session did not end within %s; the screen was:\n%s", tm.timeout, tm.display.Text())
	}
}

// quit presses q and waits for the session to end well.
func (tm *term) quit() error {
	if err := tm.press("q"); err != nil {
		return err
	}
	how, err := tm.ended()
	if err != nil {
		return fmt.Errorf("q: %w", err)
	}
	if exitStatus(how) != 0 {
		return fmt.Errorf("q ended the session with %v, want exit 0", how)
	}
	return nil
}

// errorSeen says what error a screen showed, if any did.
func (tm *term) errorSeen() error {
	if s := tm.display.Seen(); s != "" {
		return errors.New("an error showed on the screen:\n" + s)
	}
	return nil
}

func (tm *term) close() {
	tm.sess.Close()
	tm.display.close()
}
