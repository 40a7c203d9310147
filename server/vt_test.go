package server

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// vt is a small terminal emulator: enough of ECMA-48 for what the Bubble Tea renderer writes
// (cursor moves, erases, inserted and deleted characters and lines, scrolling regions, insert
// mode, wide characters). The renderer sends only what changed since the last frame, often a
// single character of a word, so a test that searched the stream would find words that have
// since changed and miss words drawn in pieces: it must read the screen a person sees.
type vt struct {
	mu       sync.Mutex
	w, h     int
	cells    [][]cell
	reverse  bool // what is printed now is in reverse video (SGR 7)
	x, y     int
	wrapNext bool // the last column was written: the next character goes to the next line
	top, bot int  // the scrolling region, both inclusive
	insert   bool // insert mode (IRM)
	autowrap bool // DECAWM
	savedX   int
	savedY   int
	last     string // the last grapheme printed, for REP
	p        *ansi.Parser
	rest     []byte // an unfinished sequence or character, kept for the next write

	changed chan struct{} // closed and replaced on every write, to wake those waiting
	watch   []string      // texts that must never show (errors)
	seen    string        // the first screen that showed one of them
}

func newVT(w, h int, watch ...string) *vt {
	v := &vt{w: w, h: h, p: ansi.NewParser(), changed: make(chan struct{}), watch: watch}
	v.reset()
	return v
}

func (v *vt) reset() {
	v.cells = make([][]cell, v.h)
	for y := range v.cells {
		v.cells[y] = v.blankLine()
	}
	v.x, v.y, v.wrapNext, v.top, v.bot, v.insert, v.autowrap = 0, 0, false, 0, v.h-1, false, true
	v.reverse = false
}

// cell is one cell of the screen.
type cell struct {
	g   string // its grapheme: " " when blank, "" for the right half of a wide character
	rev bool   // in reverse video: how lists show the selected row
}

var blank = cell{g: " "}

func (v *vt) blankLine() []cell {
	l := make([]cell, v.w)
	for i := range l {
		l[i] = blank
	}
	return l
}

// Write draws p. A sequence or character cut off at the end is kept for the next write.
func (v *vt) Write(p []byte) (int, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	buf := append(v.rest, p...)
	for len(buf) > 0 {
		if buf[0] >= 0xC0 && !utf8.FullRune(buf) {
			break
		}
		seq, width, n, state := ansi.DecodeSequence(buf, ansi.NormalState, v.p)
		if state != ansi.NormalState {
			break // unfinished
		}
		v.handle(seq, width)
		buf = buf[n:]
	}
	v.rest = append([]byte(nil), buf...)
	if v.seen == "" {
		if text := v.textLocked(); containsAny(text, v.watch) {
			v.seen = text
		}
	}
	close(v.changed)
	v.changed = make(chan struct{})
	return len(p), nil
}

func containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

// Text is the screen, its lines without trailing blanks, and a channel closed by the next write.
func (v *vt) Text() (string, <-chan struct{}) {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.textLocked(), v.changed
}

// Snapshot is Text with Reversed, both of the same moment.
func (v *vt) Snapshot() (screen, reversed string, changed <-chan struct{}) {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.textLocked(), v.reversedLocked(), v.changed
}

// Reversed is the text in reverse video, line by line (blank lines for none): the selected row.
func (v *vt) Reversed() string {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.reversedLocked()
}

func (v *vt) reversedLocked() string {
	lines := make([]string, v.h)
	for y, l := range v.cells {
		var b strings.Builder
		for _, c := range l {
			if c.rev {
				b.WriteString(c.g)
			}
		}
		lines[y] = strings.TrimSpace(b.String())
	}
	return strings.Join(lines, "\n")
}

// Seen is the first screen that showed a watched text ("" = none did).
func (v *vt) Seen() string {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.seen
}

func (v *vt) textLocked() string {
	lines := make([]string, v.h)
	for y, l := range v.cells {
		var b strings.Builder
		for _, c := range l {
			b.WriteString(c.g)
		}
		lines[y] = strings.TrimRight(b.String(), " ")
	}
	return strings.Join(lines, "\n")
}

func (v *vt) handle(seq []byte, width int) {
	switch {
	case width > 0:
		v.print(string(seq), width)
	case len(seq) == 1:
		v.control(seq[0])
	case ansi.HasCsiPrefix(seq):
		v.csi(ansi.Cmd(v.p.Command()))
	case ansi.HasEscPrefix(seq) && len(seq) == 2:
		v.esc(seq[1])
	}
	// Strings (OSC, DCS, APC) and SGR change nothing a test reads.
}

func (v *vt) print(g string, width int) {
	if v.wrapNext && v.autowrap {
		v.x = 0
		v.lineFeed()
	}
	v.wrapNext = false
	if v.x+width > v.w {
		if !v.autowrap {
			v.x = v.w - width
		} else {
			v.x = 0
			v.lineFeed()
		}
	}
	line := v.cells[v.y]
	if v.insert {
		copy(line[v.x+width:], line[v.x:])
	}
	if line[v.x].g == "" && v.x > 0 {
		line[v.x-1] = blank // the left half of a wide character is overwritten
	}
	line[v.x] = cell{g: g, rev: v.reverse}
	for i := 1; i < width; i++ {
		line[v.x+i] = cell{rev: v.reverse}
	}
	if end := v.x + width; end < v.w && line[end].g == "" {
		line[end] = blank // the right half of a wide character lost its left half
	}
	v.last = g
	v.x += width
	if v.x >= v.w {
		v.x, v.wrapNext = v.w-1, true
	}
}

func (v *vt) control(c byte) {
	switch c {
	case '\r':
		v.x, v.wrapNext = 0, false
	case '\n', '\v', '\f':
		v.wrapNext = false
		v.lineFeed()
	case '\b':
		v.x, v.wrapNext = max(v.x-1, 0), false
	case '\t':
		v.x, v.wrapNext = min((v.x/8+1)*8, v.w-1), false
	}
}

func (v *vt) esc(c byte) {
	switch c {
	case 'D':
		v.lineFeed()
	case 'E':
		v.x = 0
		v.lineFeed()
	case 'M':
		if v.y == v.top {
			v.scrollDown(1)
		} else {
			v.y = max(v.y-1, 0)
		}
	case '7':
		v.savedX, v.savedY = v.x, v.y
	case '8':
		v.x, v.y = v.savedX, v.savedY
	case 'c':
		v.reset()
	}
	v.wrapNext = false
}

func (v *vt) lineFeed() {
	switch {
	case v.y == v.bot:
		v.scrollUp(1)
	case v.y < v.h-1:
		v.y++
	}
}

// scrollUp moves the lines of the scrolling region up by n, blank lines coming in at its bottom.
func (v *vt) scrollUp(n int) { v.deleteLines(v.top, n) }

// scrollDown moves them down, blank lines coming in at its top.
func (v *vt) scrollDown(n int) { v.insertLines(v.top, n) }

func (v *vt) deleteLines(at, n int) {
	if at < v.top || at > v.bot {
		return
	}
	n = min(n, v.bot-at+1)
	region := v.cells[at : v.bot+1]
	copy(region, region[n:])
	for i := len(region) - n; i < len(region); i++ {
		region[i] = v.blankLine()
	}
}

func (v *vt) insertLines(at, n int) {
	if at < v.top || at > v.bot {
		return
	}
	n = min(n, v.bot-at+1)
	region := v.cells[at : v.bot+1]
	copy(region[n:], region)
	for i := range n {
		region[i] = v.blankLine()
	}
}

func (v *vt) erase(y, from, to int) {
	for x := max(from, 0); x < min(to, v.w); x++ {
		v.cells[y][x] = blank
	}
}
