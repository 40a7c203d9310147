package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"phoneaudit/lang"
)

// binary is the phoneaudit built once for the end-to-end tests.
var binary string

// The test binary is stamped as scripts/release.sh stamps a release built in a linked worktree:
// the version and the commit through -ldflags, not from the checkout (-buildvcs=false), so the
// version line is the same wherever the tests run (TestVersionLine).
const (
	testVersion    = "9.9.9-test"
	testCommit     = "0123456789abcdef0123456789abcdef01234567"
	testCommitTime = "2026-05-02T07:30:00+08:00" // 2026-05-01 in UTC
)

var testLDFlags = "-X phoneaudit/internal/version.release=" + testVersion +
	" -X phoneaudit/internal/version.commit=" + testCommit +
	" -X phoneaudit/internal/version.commitTime=" + testCommitTime +
	" -X phoneaudit/internal/version.modified=true"

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "phoneaudit-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "phoneaudit")
	build := exec.Command("go", "build", "-buildvcs=false", "-ldflags", testLDFlags, "-o", binary, "phoneaudit")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building phoneaudit for the end-to-end tests:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// walk calls fn for every command under root, root included.
func walk(c *cobra.Command, fn func(*cobra.Command)) {
	fn(c)
	for _, sub := range c.Commands() {
		walk(sub, fn)
	}
}

func TestEveryCommandHasHelpWithExample(t *testing.T) {
	a := &app{getenv: func(string) string { return "" }}
	var paths [][]string
	walk(a.rootCommand(), func(c *cobra.Command) {
		if c.Example == "" || c.Short == "" {
			t.Errorf("%s: Short %q, Example %q: every command needs both", c.CommandPath(), c.Short, c.Example)
		}
		paths = append(paths, strings.Fields(c.CommandPath())[1:])
	})
	if len(paths) < 25 {
		t.Fatalf("only %d commands found; the tree is incomplete", len(paths))
	}
	for _, p := range paths {
		var out, errOut bytes.Buffer
		code := Run(context.Background(), append(p, "--help"), &out, &errOut, func(string) string { return "" })
		if code != exitOK || !strings.Contains(out.String(), "Examples:") || errOut.Len() != 0 {
			t.Errorf("phoneaudit %s --help: exit %d, stderr %q, help without examples: %q", strings.Join(p, " "), code, errOut.String(), out.String())
		}
	}
}

// fieldSpans gives the display columns where each space-separated field of line starts and ends.
func fieldSpans(line string) (starts, ends []int) {
	inField := false
	for i, r := range line {
		switch {
		case r != ' ' && !inField:
			starts = append(starts, ansi.StringWidth(line[:i]))
			inField = true
		case r == ' ' && inField:
			ends = append(ends, ansi.StringWidth(line[:i]))
			inField = false
		}
	}
	if inField {
		ends = append(ends, ansi.StringWidth(line))
	}
	return starts, ends
}

func TestWriteTextAlignsDoubleWidth(t *testing.T) {
	// A left-aligned text column, a right-aligned number, a left-aligned text column.
	cols := []column{{key: "department", zh: "单位", en: "department"}, {key: "n", zh: "数", en: "n", numeric: true}, {key: "x", zh: "备注", en: "note"}}
	tests := []struct {
		name string
		rows [][]cell
	}{
		{"chinese and ascii", [][]cell{{plain("市人力资源和社会保障局"), plain("7"), plain("a")}, {plain("abc"), plain("12345"), plain("b")}}},
		{"full-width letters", [][]cell{{plain("市A局"), plain("1"), plain("")}, {plain("ＡＢＣ全角"), plain("22"), plain("c")}}},
		{"text differs from value", [][]cell{{{value: "yes", text: "是是是是是是"}, plain("1"), plain("x")}, {plain("y"), plain("2"), plain("z")}}},
	}
	for _, tt := range tests {
		for _, l := range []lang.Lang{lang.ZH, lang.EN} {
			t.Run(tt.name+"/"+string(l), func(t *testing.T) {
				a := &app{lang: l}
				var b bytes.Buffer
				if err := a.writeText(&b, listing{cols: cols, rows: tt.rows}); err != nil {
					t.Fatal(err)
				}
				lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
				if len(lines) != len(tt.rows)+1 {
					t.Fatalf("%d lines, want %d:\n%s", len(lines), len(tt.rows)+1, b.String())
				}
				numberEnd, noteStart := -1, -1
				for _, line := range lines {
					if strings.HasSuffix(line, " ") {
						t.Errorf("trailing space in %q", line)
					}
					starts, ends := fieldSpans(line)
					if len(starts) < 2 {
						t.Fatalf("too few fields in %q", line)
					}
					if numberEnd < 0 {
						numberEnd = ends[1]
					} else if ends[1] != numberEnd {
						t.Errorf("the number column ends at %d in %q, want %d:\n%s", ends[1], line, numberEnd, b.String())
					}
					if len(starts) < 3 {
						continue
					}
					if noteStart < 0 {
						noteStart = starts[2]
					} else if starts[2] != noteStart {
						t.Errorf("the last column starts at %d in %q, want %d:\n%s", starts[2], line, noteStart, b.String())
					}
				}
			})
		}
	}
}

func TestWriteJSONKeepsOrderAndNumbers(t *testing.T) {
	l := listing{
		cols: []column{{key: "number", numeric: true}, {key: "name"}, {key: "rubric", numeric: true}, {key: "active"}},
		rows: [][]cell{
			{plain("1"), plain("2026年第1轮 <&>"), plain(""), {value: "yes", text: "是"}},
			{plain("12"), plain("007"), plain("3"), plain("no")},
		},
	}
	var b bytes.Buffer
	if err := writeJSON(&b, l); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, b.String())
	}
	want := []map[string]any{
		{"number": 1.0, "name": "2026年第1轮 <&>", "rubric": nil, "active": "yes"},
		{"number": 12.0, "name": "007", "rubric": 3.0, "active": "no"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if !strings.Contains(b.String(), "<&>") {
		t.Errorf("HTML characters escaped: %s", b.String())
	}
	first := strings.Index(b.String(), `"number"`)
	if first < 0 || strings.Index(b.String(), `"name"`) < first || strings.Index(b.String(), `"active"`) < strings.Index(b.String(), `"rubric"`) {
		t.Errorf("keys not in column order:\n%s", b.String())
	}
	var empty bytes.Buffer
	if err := writeJSON(&empty, listing{cols: l.cols}); err != nil || strings.TrimSpace(empty.String()) != "[]" {
		t.Errorf("an empty list is %q (%v), want []", empty.String(), err)
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"2026-10-01", "2026-10-01", true},
		{"2026-1-2", "2026-01-02", true},
		{"2026/10/1", "2026-10-01", true},
		{"2026.10.01", "2026-10-01", true},
		{"2026年10月1日", "2026-10-01", true},
		{"20261001", "2026-10-01", true},
		{" 2026-10-01 00:00:00 ", "2026-10-01", true},
		{"10-01-26", "2026-10-01", true}, // Excel's mm-dd-yy
		{"10/1/2026", "2026-10-01", true},
		{"2026-13-01", "", false},
		{"2026-02-30", "", false},
		{"国庆", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, err := parseDate(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseDate(%q) = %q, %v; want %q, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestLangHint(t *testing.T) {
	tests := []struct {
		args []string
		env  string
		want lang.Lang
	}{
		{nil, "", "zh"},
		{nil, "en", "en"},
		{nil, "EN", "en"},
		{[]string{"--lang", "en", "offices"}, "", "en"},
		{[]string{"offices", "list", "--lang=en"}, "", "en"},
		{[]string{"--lang", "zh"}, "en", "zh"},
		{[]string{"--", "--lang", "en"}, "", "zh"},
		{[]string{"--lang", "fr"}, "", "zh"},
	}
	for _, tt := range tests {
		got := langHint(tt.args, func(k string) string {
			if k == "PHONEAUDIT_LANG" {
				return tt.env
			}
			return ""
		})
		if got != tt.want {
			t.Errorf("langHint(%q, PHONEAUDIT_LANG=%q) = %q, want %q", tt.args, tt.env, got, tt.want)
		}
	}
}

func TestOneLine(t *testing.T) {
	tests := map[string]string{
		"a\nb":              "a b",
		"  x \r\n\n y  ":    "x y",
		"unknown\n\nDid\t1": "unknown Did 1",
	}
	for in, want := range tests {
		if got := oneLine(in); got != want {
			t.Errorf("oneLine(%q) = %q, want %q", in, got, want)
		}
	}
}
