package ui

import (
	"strings"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/rivo/uniseg"
)

// flowText wraps plain text (no escape sequences) to width cells, as a
// Chinese page is set: a line breaks only where Unicode line breaking
// (UAX #14, github.com/rivo/uniseg) allows it, so it may break between any
// two Chinese characters, which take two cells and need no spaces between
// them; Latin words and numbers stay whole unless longer than a line;
// closing punctuation (，。）) never begins a line and opening punctuation
// (（“) never ends one. Word wrapping alone (ansi.Wrap) treats a run of
// Chinese as one long word and breaks a sentence at its only space, leaving
// half a line empty. Runs of spaces inside a line become one; each line
// keeps its leading spaces (the bulletin indents its paragraphs).
func flowText(s string, width int) string {
	if width <= 0 {
		return ""
	}
	var out []string
	for para := range strings.SplitSeq(s, "\n") {
		out = append(out, flowLine(para, width)...)
	}
	return strings.Join(out, "\n")
}

// flowLine wraps one paragraph: greedy, piece by piece. Widths are the
// screen's (ansi.StringWidth), as lipgloss measures them.
func flowLine(para string, width int) []string {
	indent := para[:len(para)-len(strings.TrimLeft(para, " "))]
	pieces := linePieces(para[len(indent):])
	if len(pieces) == 0 {
		return []string{ansi.Truncate(indent, width, "")}
	}
	pieces[0].text = indent + pieces[0].text
	var lines []string
	var line strings.Builder
	lineW, space := 0, false
	flush := func() {
		lines = append(lines, line.String())
		line.Reset()
		lineW, space = 0, false
	}
	for _, t := range pieces {
		w := ansi.StringWidth(t.text)
		gap := 0
		if space {
			gap = 1
		}
		if lineW > 0 && lineW+gap+w > width {
			flush()
			gap = 0
		}
		for w > width && lineW == 0 { // a word longer than a line: cut it
			head := ansi.Truncate(t.text, width, "")
			if head == "" { // not even one character fits: it gets a line
				_, size := utf8.DecodeRuneInString(t.text)
				head = t.text[:size]
			}
			lines = append(lines, head)
			t.text = t.text[len(head):]
			w = ansi.StringWidth(t.text)
		}
		if gap > 0 {
			line.WriteByte(' ')
		}
		line.WriteString(t.text)
		lineW += gap + w
		space = t.spaced && lineW > 0
	}
	if lineW > 0 || len(lines) == 0 {
		flush()
	}
	return lines
}

// piece is what a line may not break inside: from one place to break to
// the next.
type piece struct {
	text   string
	spaced bool // spaces follow it
}

// closingPunct is the Chinese punctuation that must not begin a line. UAX #14
// already keeps all of it on the line of what it closes, and opening
// punctuation on the line of what it opens, except the middle dot (·, of
// 北京·上海), which it lets begin a line.
const closingPunct = "，。、；：？！）》」』】〕”’…·"

// linePieces splits s into pieces: a run of spaces is always a place to
// break (as in ansi.Wrap); inside a run without spaces the places are those
// of UAX #14 next to a wide character, so a Latin word stays whole even
// where UAX #14 would break it (after the hyphen of "re-open", the slash of
// "zh/en" or the "--" of "--seed"). A piece that begins with closing
// punctuation joins the one before it.
func linePieces(s string) []piece {
	var pieces []piece
	for word := range strings.FieldsFuncSeq(s, func(r rune) bool { return r == ' ' }) {
		state := -1
		for word != "" {
			var seg string
			seg, word, _, state = uniseg.FirstLineSegmentInString(word, state)
			if n := len(pieces); n > 0 && !pieces[n-1].spaced && (clings(seg) || narrowJoin(pieces[n-1].text, seg)) {
				pieces[n-1].text += seg
				continue
			}
			pieces = append(pieces, piece{text: seg})
		}
		pieces[len(pieces)-1].spaced = true
	}
	return pieces
}

// narrowJoin says whether two pieces meet between two narrow characters,
// inside a Latin word.
func narrowJoin(before, after string) bool {
	last, _ := utf8.DecodeLastRuneInString(before)
	first, _ := utf8.DecodeRuneInString(after)
	return ansi.StringWidth(string(last)) < 2 && ansi.StringWidth(string(first)) < 2
}

// clings says whether a piece begins with closing punctuation, which stays
// on the line of what it closes.
func clings(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return s != "" && strings.ContainsRune(closingPunct, r)
}

// oneLine joins the lines of s with spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// wrap breaks text into lines of at most width cells; Chinese text, which
// has no spaces, is broken between characters.
func wrap(s string, width int) string {
	if width <= 0 {
		return ""
	}
	return lipgloss.Wrap(s, width, "")
}

// wrapLines flows plain text to width and splits it into lines.
func wrapLines(s string, width int) []string {
	return strings.Split(flowText(s, width), "\n")
}

// wrapStyled is wrapLines with each line in style: the text is measured
// before the style's escape sequences are added.
func wrapStyled(style lipgloss.Style, s string, width int) []string {
	lines := wrapLines(s, width)
	for i, l := range lines {
		lines[i] = style.Render(l)
	}
	return lines
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
