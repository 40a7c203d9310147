// Package bulletin renders a round's bulletin (通报) and the rectification
// notices (整改通知书) from a scoring.Summary with text/template templates
// embedded in the binary. It computes nothing: every number comes from the
// summary, so the wording can change (a city may supply its own template)
// while the numbers keep their one meaning.
//
// A bulletin template is executed on a View: the fields of scoring.Summary
// plus Lang, Issuer, Published, Deadline, LedgerHead and Build. The helpers it may
// call are date, day, period, time, known, pct, pp, num, join, reasons,
// types, personas, offset, answerer, clean, md, inc and cn (see funcs.go).
// A field or key that does not exist is an error, never "<no value>".
//
// The output is tidied: spaces at line ends are dropped, runs of blank lines
// become one, and the text ends with one newline. So a template can be laid
// out for reading without fighting text/template's whitespace.
package bulletin

import (
	"bytes"
	"cmp"
	"embed"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/template"
	"time"

	"phoneaudit/lang"
	"phoneaudit/scoring"
)

//go:embed templates/*
var builtin embed.FS

// Options choose how a bulletin is written. Dates are printed as they read
// in their own location: pass them in the city's zone, as the summary's are.
type Options struct {
	Lang   lang.Lang // lang.ZH (the default) or lang.EN
	Format string    // "text" (the default) or "md"
	// Template replaces the built-in template when not nil; TemplateName
	// names it in errors (e.g. the file it was read from).
	Template     []byte
	TemplateName string
	Issuer       string    // who issues the bulletin; "" = DefaultIssuer(Lang)
	Published    time.Time // the date printed under the issuer; zero leaves it out
	// Deadline is the rectification deadline of the notices; zero says
	// "限期整改" without a date (a preview before publication).
	Deadline   time.Time
	LedgerHead string // 数据校验码; "" leaves the line out
	Build      string // 程序版本, the line of the build that writes it; "" leaves the line out
}

// View is what a bulletin template sees.
type View struct {
	scoring.Summary
	Lang       lang.Lang
	Issuer     string
	Published  time.Time
	Deadline   time.Time
	LedgerHead string
	Build      string
}

// DefaultIssuer is the issuer printed when Options.Issuer is empty.
func DefaultIssuer(l lang.Lang) string {
	return l.Pick("市纪委监委", "the City Commission for Discipline Inspection and Supervision")
}

// Render writes the bulletin of a summary.
func Render(s scoring.Summary, o Options) ([]byte, error) {
	l, format, err := checkOptions(o)
	if err != nil {
		return nil, err
	}
	name, src := string(l)+"."+format+".tmpl", o.Template
	if src == nil {
		if src, err = builtin.ReadFile("templates/" + name); err != nil {
			return nil, fmt.Errorf("built-in template %s: %w", name, err)
		}
	} else {
		name = cmp.Or(o.TemplateName, "template")
	}
	issuer := cmp.Or(strings.TrimSpace(o.Issuer), DefaultIssuer(l))
	v := View{Summary: s, Lang: l, Issuer: issuer, Published: o.Published, Deadline: o.Deadline,
		LedgerHead: strings.TrimSpace(o.LedgerHead), Build: strings.TrimSpace(o.Build)}
	return execute(name, src, l, v)
}

func checkOptions(o Options) (l lang.Lang, format string, err error) {
	l, format = cmp.Or(o.Lang, lang.ZH), cmp.Or(o.Format, "text")
	if l != lang.ZH && l != lang.EN {
		return "", "", fmt.Errorf("bulletin language %q: use zh or en", o.Lang)
	}
	switch format {
	case "text", "txt":
		format = "txt"
	case "md", "markdown":
		format = "md"
	default:
		return "", "", fmt.Errorf("bulletin format %q: use text or md", o.Format)
	}
	return l, format, nil
}

// A city's own template may loop without end (a {{template}} that calls itself over a range):
// its run is bounded in time and in output, so it fails with a message instead of hanging the
// program or filling the disk. The built-in ones take milliseconds and a few kilobytes.
var (
	runLimit    = 10 * time.Second // a variable so the fuzz test can make it short
	outputLimit = 16 << 20
)

var errTooMuch = errors.New("the template writes more than 16 MB")

// execute parses and runs one template on data, tidying the output.
func execute(name string, src []byte, l lang.Lang, data any) ([]byte, error) {
	t, err := template.New(name).Funcs(funcs(l)).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return nil, templateError(name, err)
	}
	out := &cappedBuffer{max: outputLimit}
	done := make(chan error, 1)
	go func() { done <- t.Execute(out, data) }()
	select {
	case err := <-done:
		switch {
		case errors.Is(err, errTooMuch):
			return nil, &TemplateError{Name: name, Msg: errTooMuch.Error() + ": a loop without end?", Err: err}
		case err != nil:
			return nil, templateError(name, err)
		}
		out.mu.Lock()
		defer out.mu.Unlock()
		return tidy(out.buf.Bytes()), nil
	case <-time.After(runLimit):
		// The run stops at its next write. A loop that writes nothing cannot be stopped: it goes on
		// until it ends or the program does (the bulletin command ends right after this error).
		out.stop.Store(true)
		return nil, &TemplateError{Name: name, Msg: fmt.Sprintf("the template ran for more than %v: a loop without end?", runLimit)}
	}
}

// cappedBuffer refuses to grow past max bytes, and any write once stopped.
type cappedBuffer struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	max  int
	stop atomic.Bool
}

var errStopped = errors.New("stopped: the template ran too long")

func (c *cappedBuffer) Write(p []byte) (int, error) {
	if c.stop.Load() {
		return 0, errStopped
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.buf.Len()+len(p) > c.max {
		return 0, errTooMuch
	}
	return c.buf.Write(p)
}

// TemplateError is a template that does not parse or run, with the line it
// stopped at (0 when text/template did not say).
type TemplateError struct {
	Name string
	Line int
	Msg  string // text/template's message, without its own prefix
	Err  error
}

func (e *TemplateError) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.Name, e.Msg)
	}
	return fmt.Sprintf("%s line %d: %s", e.Name, e.Line, e.Msg)
}

func (e *TemplateError) Unwrap() error { return e.Err }

// templateErrorText reads text/template's "template: NAME:LINE[:COL]: …"
// and, for execution errors, the `executing "NAME" at <.X>: ` that follows.
var templateErrorText = regexp.MustCompile(`(?s)^template: (.+?):(\d+)(?::\d+)?: (?:executing "[^"]*" at (<[^>]*>): )?(.*)$`)

// templateError words a parse or execution error as "NAME line N: what",
// with NAME the template the user knows (a {{define}}d one keeps its own).
func templateError(name string, err error) error {
	m := templateErrorText.FindStringSubmatch(err.Error())
	if m == nil {
		return &TemplateError{Name: name, Msg: strings.TrimPrefix(err.Error(), "template: "), Err: err}
	}
	line, _ := strconv.Atoi(m[2])
	msg := m[4]
	if m[3] != "" {
		msg = m[3] + ": " + msg
	}
	return &TemplateError{Name: m[1], Line: line, Msg: msg, Err: err}
}

var blankRuns = regexp.MustCompile(`\n{3,}`)

// tidy drops spaces and tabs at line ends, folds runs of blank lines into
// one, and ends the text with exactly one newline.
func tidy(b []byte) []byte {
	lines := strings.Split(string(b), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t\r")
	}
	s := blankRuns.ReplaceAllString(strings.Join(lines, "\n"), "\n\n")
	return []byte(strings.Trim(s, "\n") + "\n")
}
