package ui

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"phoneaudit/demo"
	"phoneaudit/lang"
	"phoneaudit/recording"
	"phoneaudit/store"
)

// keyPress builds the tea.KeyPressMsg a terminal sends for the key named
// as bubbles/key names it ("1", "tab", "space", "ctrl+s", "esc").
func keyPress(name string) tea.KeyPressMsg {
	special := map[string]tea.KeyPressMsg{
		"tab":       {Code: tea.KeyTab},
		"shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift},
		"esc":       {Code: tea.KeyEscape},
		"enter":     {Code: tea.KeyEnter},
		"space":     {Code: tea.KeySpace, Text: " "},
		"up":        {Code: tea.KeyUp},
		"down":      {Code: tea.KeyDown},
		"pgdown":    {Code: tea.KeyPgDown},
		"backspace": {Code: tea.KeyBackspace},
	}
	if k, ok := special[name]; ok {
		return k
	}
	if c, ok := strings.CutPrefix(name, "ctrl+"); ok {
		return tea.KeyPressMsg{Code: rune(c[0]), Mod: tea.ModCtrl}
	}
	r := []rune(name)
	return tea.KeyPressMsg{Code: r[0], Text: name}
}

// typeText is the key presses that type s.
func typeText(s string) []string {
	var keys []string
	for _, r := range s {
		if r == ' ' {
			keys = append(keys, "space")
			continue
		}
		keys = append(keys, string(r))
	}
	return keys
}

// The demo city is built once per test run and copied for each test: the
// tests then each get their own database in a fraction of the load's time.
var (
	templateOnce sync.Once
	templateDir  string
	templateErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if templateDir != "" {
		os.RemoveAll(templateDir)
	}
	os.Exit(code)
}

func demoTemplate() (string, error) {
	templateOnce.Do(func() {
		templateDir, templateErr = os.MkdirTemp("", "phoneaudit-ui-")
		if templateErr != nil {
			return
		}
		path := filepath.Join(templateDir, "demo.db")
		ctx := context.Background()
		s, err := store.Open(ctx, path)
		if err != nil {
			templateErr = err
			return
		}
		templateErr = demo.Load(ctx, s, 1)
		if err := s.Close(); templateErr == nil {
			templateErr = err
		}
	})
	return filepath.Join(templateDir, "demo.db"), templateErr
}

// demoStore opens a fresh copy of the demo city: round 6 is open, 杜瑞 has
// ten calls in it (four done), 姜中原 is a lead.
func demoStore(t testing.TB) *store.Store {
	t.Helper()
	src, err := demoTemplate()
	if err != nil {
		t.Fatalf("building the demo database: %v", err)
	}
	dst := filepath.Join(t.TempDir(), "city.db")
	for _, suffix := range []string{"", "-wal"} {
		if err := copyFile(src+suffix, dst+suffix); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	s, err := store.OpenWith(context.Background(), dst, store.Options{Files: recording.Files{}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// emptyStore opens a new database without offices.
func emptyStore(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.OpenWith(context.Background(), filepath.Join(t.TempDir(), "new.db"), store.Options{Files: recording.Files{}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// testNow is the fixed clock: Friday 27 November 2026, 10:00 in the city
// (Asia/Shanghai), a working time in round 6.
var testNow = time.Date(2026, 11, 27, 2, 0, 0, 0, time.UTC)

// clock is a test clock the test moves by hand.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

// opts is the options of a test as auditor as on st, in language l, at the
// clock's time.
func opts(st *store.Store, l lang.Lang, as string, c *clock) Options {
	o := Options{Lang: l, Store: st, As: as, OSUser: "tester"}
	if c != nil {
		o.Now = c.now
	}
	return o
}

// crashed gives o the session of a program whose process has ended (killed
// or crashed, its leases never released): the next program on the file takes
// them at once, as after a restart.
func crashed(t testing.TB, o Options) Options {
	t.Helper()
	ended := exec.Command("true")
	if err := ended.Run(); err != nil {
		t.Skip("cannot run a process that ends:", err)
	}
	o.Session = store.NewSession(store.Place{Host: store.LocalPlace("").Host, PID: ended.Process.Pid, TTY: "/dev/pts/9"})
	return o
}

// noTick stands for tea.Tick in tests: the clock and the notes debounce do
// not run by themselves; a test feeds their messages when it wants them.
func noTick(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }

// start builds a model at width×height and runs its Init command, as the
// program would.
func start(t testing.TB, o Options, width, height int) Model {
	t.Helper()
	m := New(o)
	m.tick = noTick
	m = update(t, m, tea.WindowSizeMsg{Width: width, Height: height})
	return settle(t, m, m.Init())
}

// update feeds one message to m.
func update(t testing.TB, m Model, msg tea.Msg) Model {
	t.Helper()
	next, _ := m.Update(msg)
	return next.(Model)
}

// press feeds the named keys to m one after the other, running every
// command they return.
func press(t testing.TB, m Model, keys ...string) Model {
	t.Helper()
	for _, k := range keys {
		next, cmd := m.Update(keyPress(k))
		m = settle(t, next.(Model), cmd)
	}
	return m
}

// settle runs cmd and the commands that follow from it until none is left,
// as the program's loop would, batches and sequences included. A quit ends
// the chain.
func settle(t testing.TB, m Model, cmd tea.Cmd) Model {
	t.Helper()
	m, _ = run(t, m, cmd)
	return m
}

// run is settle that also says whether the commands quit the program.
func run(t testing.TB, m Model, cmd tea.Cmd) (Model, bool) {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 10000 {
			t.Fatal("the commands do not settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		switch msg := msg.(type) {
		case nil:
			continue
		case tea.QuitMsg:
			return m, true
		case tea.BatchMsg:
			queue = append(queue, msg...)
			continue
		}
		if seq, ok := sequence(msg); ok {
			queue = append(seq, queue...) // in order, before anything else
			continue
		}
		next, more := m.Update(msg)
		m = next.(Model)
		queue = append(queue, more)
	}
	return m, false
}

// sequence unpacks tea.Sequence's message, whose type is not exported.
func sequence(msg tea.Msg) ([]tea.Cmd, bool) {
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeFor[tea.Cmd]() {
		return nil, false
	}
	cmds := make([]tea.Cmd, v.Len())
	for i := range cmds {
		cmds[i] = v.Index(i).Interface().(tea.Cmd)
	}
	return cmds, true
}

// screen is the view as the user reads it: no escape sequences.
func screen(m Model) string {
	return ansi.Strip(m.View().Content)
}

// lastLines is the bottom n lines of the screen (status and help).
func lastLines(m Model, n int) string {
	lines := strings.Split(screen(m), "\n")
	return strings.Join(lines[max(len(lines)-n, 0):], "\n")
}

// hasText reports whether the screen shows text, wherever the screen
// wrapped it: spaces and line breaks are ignored on both sides.
func hasText(m Model, text string) bool {
	squeeze := func(s string) string { return strings.Join(strings.Fields(s), "") }
	return strings.Contains(squeeze(screen(m)), squeeze(text))
}

// mustShow fails the test when the screen lacks one of the texts.
func mustShow(t *testing.T, m Model, texts ...string) {
	t.Helper()
	for _, text := range texts {
		if !hasText(m, text) {
			t.Fatalf("the screen does not show %q:\n%s", text, screen(m))
		}
	}
}
