package bulletin

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"phoneaudit/scoring"
)

// FuzzTemplate feeds the bulletin template loader any text as a city's own template. It never
// panics or hangs: a template either renders (tidied: one newline at the end, no trailing
// spaces) or fails with a TemplateError that names the template, in one line when the source
// does not itself put a newline into the message.
func FuzzTemplate(f *testing.F) {
	for _, name := range []string{"zh.txt.tmpl", "en.txt.tmpl", "zh.md.tmpl", "en.md.tmpl"} {
		src, err := builtin.ReadFile("templates/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	for _, s := range []string{
		"", "{{", "{{.Round.Name}}", "{{.Nope}}", "{{range .Offices}}{{.Office}}{{end}}",
		`{{define "a"}}{{template "a"}}{{end}}{{template "a"}}`, "{{pct 1}}", "{{join .X \"、\"}}",
		"{{if}}", "{{end}}", "{{/* 注释 */}}第{{.Round.Number}}轮\n\n\n  \t\n", "{{printf \"%d\" \"x\"}}",
	} {
		f.Add([]byte(s))
	}
	sum := scoring.Summarize(round3(), nil, scoring.DefaultRubric())
	runLimit = 300 * time.Millisecond // a runaway template is cut short, as it is for a city
	f.Fuzz(func(t *testing.T, src []byte) {
		if bytes.Count(src, []byte("range")) > 3 {
			// Nested ranges that print nothing run away where nothing can stop them: Render gives up
			// on them after runLimit (TestRunawayTemplate) and the command's process ends, but here
			// they would pile up in the fuzzing process.
			t.Skip()
		}
		out, err := Render(sum, Options{Template: src, TemplateName: "城市.tmpl", Published: day("2026-12-01")})
		if err != nil {
			var te *TemplateError
			if !errors.As(err, &te) || te.Name == "" || te.Msg == "" {
				t.Fatalf("the error is not a TemplateError naming the template: %T %v", err, err)
			}
			return
		}
		if !bytes.HasSuffix(out, []byte("\n")) || bytes.HasSuffix(out, []byte("\n\n")) && len(out) > 1 {
			t.Fatalf("the output does not end with exactly one newline: %q", out[max(0, len(out)-20):])
		}
		if bytes.Contains(out, []byte(" \n")) || bytes.Contains(out, []byte("\n\n\n")) {
			t.Fatalf("the output was not tidied: %q", out)
		}
		if utf8.Valid(src) && !utf8.Valid(out) {
			t.Fatalf("valid UTF-8 in, invalid out: %q", out)
		}
	})
}

// A city's template that never ends, or writes without end, fails with a line that says so.
func TestRunawayTemplate(t *testing.T) {
	defer func(d time.Duration) { runLimit = d }(runLimit)
	sum := scoring.Summarize(round3(), nil, scoring.DefaultRubric())
	tests := []struct {
		name, src, want string
		limit           time.Duration
	}{
		// Ranges over the four problem types, 12 deep: 4^12 turns, no output.
		{"loops", strings.Repeat(`{{range $.ProblemsByType}}`, 12) + strings.Repeat(`{{end}}`, 12), "ran for more than 200ms", 200 * time.Millisecond},
		// The same, writing: the 16 MB limit stops it. The time limit is set far beyond what
		// writing 16 MB takes, so a busy machine never trips it first.
		{"writes", strings.Repeat(`{{range $.ProblemsByType}}`, 12) + strings.Repeat("通报", 100) + strings.Repeat(`{{end}}`, 12), "more than 16 MB", time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runLimit = tt.limit
			_, err := Render(sum, Options{Template: []byte(tt.src), TemplateName: "城市.tmpl"})
			var te *TemplateError
			if !errors.As(err, &te) || te.Name != "城市.tmpl" || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want a TemplateError of 城市.tmpl saying %q", err, tt.want)
			}
		})
	}
}
