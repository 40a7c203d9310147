package ui

import (
	"strings"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// flowText wraps plain text (no escape sequences) to width cells, as a
// Chinese page is set: a line may break between any two Chinese characters,
// which take two cells and need no spaces between them; Latin words and
// numbers stay whole unless longer than a line; closing punctuation (，。）)
// never begins a line and opening punctuation (（“) never ends one. Word
// wrapping alone (ansi.Wrap) treats a run of Chinese as one long word and
// breaks a sentence at its only space, leaving half a line empty.
// Each line keeps its leading spaces (the bulletin indents its paragraphs).
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

// flowLine wraps one paragraph: greedy, token by token.
func flowLine(para string, width int) []string {
	indent := para[:len(para)-len(strings.TrimLeft(para, " "))]
	toks := tokens(para[len(indent):])
	if len(toks) == 0 {
		return []string{ansi.Truncate(indent, width, "")}
	}
	toks[0].text = indent + toks[0].text
	var lines []string
	var line strings.Builder
	lineW, space := 0, false
	flush := func() {
		lines = append(lines, line.String())
		line.Reset()
		lineW, space = 0, false
	}
	for _, t := range toks {
		if t.space {
			space = lineW > 0
			continue
		}
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
		space = false
	}
	if lineW > 0 || len(lines) == 0 {
		flush()
	}
	return lines
}

// token is a piece a line may not break inside: a Chinese character (with
// the punctuation that clings to it), a Latin word, or a run of spaces.
type token struct {
	text  string
	space bool
}

// Chinese punctuation that must not begin (closing) or end (opening) a
// line. Latin punctuation stays inside its word ("96.9%" is never cut).
const (
	closingPunct = "，。、；：？！）》」』】〕”’…·"
	openingPunct = "（《「『【〔“‘"
)

func tokens(s string) []token {
	var toks []token
	glue := false // the last token was opening punctuation: join the next to it
	add := func(t token) {
		if n := len(toks); n > 0 && !t.space && (glue || clings(t.text)) && !toks[n-1].space {
			toks[n-1].text += t.text
		} else {
			toks = append(toks, t)
		}
		glue = !t.space && strings.ContainsAny(t.text, openingPunct) && ansi.StringWidth(t.text) <= 2
	}
	var word strings.Builder
	endWord := func() {
		if word.Len() > 0 {
			add(token{text: word.String()})
			word.Reset()
		}
	}
	for _, r := range s {
		switch {
		case r == ' ':
			endWord()
			if n := len(toks); n == 0 || !toks[n-1].space {
				toks = append(toks, token{text: " ", space: true})
			}
			glue = false
		case ansi.StringWidth(string(r)) >= 2 || strings.ContainsRune(closingPunct+openingPunct, r):
			endWord()
			add(token{text: string(r)})
		default:
			word.WriteRune(r)
		}
	}
	endWord()
	return toks
}

// clings says whether a token is closing punctuation, which stays on the
// line of what it closes.
func clings(s string) bool {
	r := []rune(s)
	return len(r) == 1 && strings.ContainsRune(closingPunct, r[0])
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
