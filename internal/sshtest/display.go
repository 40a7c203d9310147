package sshtest

import (
	"cmp"
	"io"
	"slices"
	"strings"
	"sync"

	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/vt"
)

// Display is what a person sees of a session: its output drawn by a terminal emulator. The
// renderer sends only what changed since the last frame, often a single character of a word, so
// a test that searched the stream would find words that have since changed and miss words drawn
// in pieces: it must read the screen. The display also keeps the first screen that showed one of
// watch (texts that must never show), looked at on every write: such a text may show only for
// a moment.
type Display struct {
	mu    sync.Mutex
	emu   *vt.Emulator
	watch []string
	seen  string
}

// NewDisplay is a w×h screen, watching for the texts of watch.
func NewDisplay(w, h int, watch ...string) *Display {
	d := &Display{emu: vt.NewEmulator(w, h), watch: watch}
	// The emulator answers the program's queries (colours, modes) on a pipe that blocks until
	// read. The answers are dropped: the screens do without them, as they did over the tests'
	// earlier emulator, which gave none.
	go io.Copy(io.Discard, d.emu)
	return d
}

// Write draws p. A sequence or character cut off at the end waits for the next write.
func (d *Display) Write(p []byte) (int, error) {
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
func (d *Display) Text() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.emu.String()
}

// Snapshot is Text with Reversed, both of the same moment.
func (d *Display) Snapshot() (screen, reversed string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.emu.String(), d.reversedLocked()
}

// Reversed is the text in reverse video, line by line (blank lines for none): the selected row.
func (d *Display) Reversed() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.reversedLocked()
}

func (d *Display) reversedLocked() string {
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
func (d *Display) Seen() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.seen
}

// Close ends the reading of the answers. It closes their pipe rather than calling the
// emulator's Close, which sets a flag that the reader reads without a lock.
func (d *Display) Close() {
	if c, ok := d.emu.InputPipe().(io.Closer); ok {
		c.Close()
	}
}
