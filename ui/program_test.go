package ui

import (
	"bytes"
	"context"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"phoneaudit/lang"
)

// The whole program at 100×30: the empty database brings the welcome, q
// ends it. The final screen is kept as a golden file (go test -update).
func TestProgramWelcomeAndQuit(t *testing.T) {
	tm := teatest.NewTestModel(t, New(Options{Lang: "zh", Store: emptyStore(t), LoadDemo: noDemo}),
		teatest.WithInitialTermSize(100, 30), teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	teatest.WaitFor(t, tm.Output(), func(out []byte) bool {
		return bytes.Contains(out, []byte("phoneaudit import offices"))
	}, teatest.WithDuration(5*time.Second))
	tm.Type("q")

	final, ok := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	if !ok {
		t.Fatal("the final model is not a ui.Model")
	}
	view := ansi.Strip(final.View().Content)
	if final.db != dbEmpty || !hasText(final, "phoneaudit import offices 科室名单.xlsx") {
		t.Fatalf("the final screen is not the welcome:\n%s", view)
	}
	assertFits(t, view, 100, 30)
	teatest.RequireEqualOutput(t, []byte(trimRight(view)))
}

func noDemo(context.Context) error { return nil }

// trimRight drops the spaces that end lines, which editors strip from
// golden files.
func trimRight(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// sgr finds the colour parameters of SGR sequences (30–38, 40–48,
// 90–97, 100–107); 39 and 49 only reset to the default colours.
var sgr = regexp.MustCompile(`\x1b\[([0-9;:]*)m`)

func hasColour(out []byte) bool {
	for _, m := range sgr.FindAllSubmatch(out, -1) {
		for p := range strings.SplitSeq(string(m[1]), ";") {
			p, _, _ = strings.Cut(p, ":")
			switch {
			case len(p) == 2 && (p[0] == '3' || p[0] == '4' || p[0] == '9') && p[1] != '9':
				return true
			case len(p) == 3 && strings.HasPrefix(p, "10"):
				return true
			}
		}
	}
	return false
}

// With NO_COLOR set no colour reaches the terminal; without it the same
// terminal gets colours, which shows the check can fail.
func TestNoColor(t *testing.T) {
	tests := []struct {
		name       string
		env        []string
		wantColour bool
	}{
		// TTY_FORCE makes colorprofile treat the test buffer as a terminal.
		{"colour terminal", []string{"TERM=xterm-256color", "TTY_FORCE=1"}, true},
		{"NO_COLOR", []string{"TERM=xterm-256color", "TTY_FORCE=1", "NO_COLOR=1"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tm := teatest.NewTestModel(t, New(Options{Lang: "en", Store: emptyStore(t), LoadDemo: noDemo}),
				teatest.WithInitialTermSize(80, 24),
				teatest.WithProgramOptions(tea.WithEnvironment(slices.Clone(tt.env))))
			var out bytes.Buffer
			teatest.WaitFor(t, io.TeeReader(tm.Output(), &out), func(b []byte) bool {
				return bytes.Contains(b, []byte("Welcome to phoneaudit"))
			}, teatest.WithDuration(5*time.Second))
			tm.Type("q")
			tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
			rest, _ := io.ReadAll(tm.FinalOutput(t))
			out.Write(rest)
			if got := hasColour(out.Bytes()); got != tt.wantColour {
				t.Fatalf("colours in the output = %v, want %v:\n%q", got, tt.wantColour, out.String())
			}
		})
	}
}

func TestHasColour(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"\x1b[1;34mx\x1b[m", true},
		{"\x1b[38;5;63mx", true},
		{"\x1b[48:2::1:2:3mx", true},
		{"\x1b[91mx", true},
		{"\x1b[1mx\x1b[7m\x1b[2m\x1b[m", false},
		{"\x1b[39;49mx", false},
		{"plain", false},
	}
	for _, tt := range tests {
		if got := hasColour([]byte(tt.in)); got != tt.want {
			t.Errorf("hasColour(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// Golden files of the call screen at 100×30 with a fixed clock and no
// colours: the whole program runs, with its commands on a real database.
func TestProgramCallScreen(t *testing.T) {
	tests := []struct {
		name string
		lang lang.Lang
		keys []string // after enter opens the first call to make
		wait string   // on screen after the keys
	}{
		{"dialling", "zh", []string{"space"}, "拨打结果"},
		{"scoring", "zh", []string{"space", "space", "y", "4"}, "20/25"},
		{"retry", "zh", []string{"space", "5"}, "后可再拨"},
		{"submit_en", "en", []string{"space", "space", "y", "4", "5", "y", "y", "ctrl+s"}, "Submit the score?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := opts(demoStore(t), tt.lang, "杜瑞", &clock{t: testNow})
			tm := teatest.NewTestModel(t, New(o), teatest.WithInitialTermSize(100, 30),
				teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
			waitFor(t, tm, "11-27 10:32")
			tm.Send(keyPress("enter"))
			waitFor(t, tm, "0391-5557042") // the call screen is on
			for _, k := range tt.keys {
				tm.Send(keyPress(k))
			}
			waitFor(t, tm, tt.wait)
			tm.Send(keyPress("ctrl+c"))
			final, ok := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
			if !ok {
				t.Fatal("the final model is not a ui.Model")
			}
			view := ansi.Strip(final.View().Content)
			assertFits(t, view, 100, 30)
			teatest.RequireEqualOutput(t, []byte(trimRight(view)))
		})
	}
}

// waitFor waits until the program has drawn text. The renderer sends only
// the cells that changed, so the text is looked for with the escape
// sequences and spaces between cells taken out.
func waitFor(t *testing.T, tm *teatest.TestModel, text string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(out []byte) bool {
		return bytes.Contains(squeezeOutput(out), squeezeOutput([]byte(text)))
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

func squeezeOutput(b []byte) []byte {
	return []byte(strings.Join(strings.Fields(ansi.Strip(string(b))), ""))
}
