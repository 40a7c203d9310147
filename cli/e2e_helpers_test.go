package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"phoneaudit/publish"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// result is what one run of the binary gave.
type result struct {
	code           int
	stdout, stderr string
}

// env runs the binary in a folder of its own, with a clean environment: no PHONEAUDIT_*
// variables from the machine and XDG_DATA_HOME inside the folder, so no test touches a real
// database.
type env struct {
	t    *testing.T
	dir  string
	vars []string
}

func newEnv(t *testing.T, extra ...string) *env {
	t.Helper()
	dir := t.TempDir()
	var vars []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PHONEAUDIT_") && !strings.HasPrefix(kv, "XDG_DATA_HOME=") {
			vars = append(vars, kv)
		}
	}
	vars = append(vars, "XDG_DATA_HOME="+filepath.Join(dir, "xdg"))
	return &env{t: t, dir: dir, vars: append(vars, extra...)}
}

// path is a file in the test's folder.
func (e *env) path(name string) string { return filepath.Join(e.dir, name) }

// run runs phoneaudit with args and checks what holds for every run: standard output never
// starts with a BOM, and an error is one line (plus the --help hint for bad usage).
func (e *env) run(args ...string) result {
	e.t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir, cmd.Env = e.dir, e.vars
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	r := result{stdout: out.String(), stderr: errOut.String()}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		r.code = exit.ExitCode()
	case err != nil:
		e.t.Fatalf("phoneaudit %s: %v", strings.Join(args, " "), err)
	}
	if bytes.HasPrefix(out.Bytes(), utf8BOM) {
		e.t.Errorf("phoneaudit %s: standard output starts with a BOM", strings.Join(args, " "))
	}
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	switch r.code {
	case exitOK:
		if r.stderr != "" {
			e.t.Errorf("phoneaudit %s: exit 0 with stderr %q", strings.Join(args, " "), r.stderr)
		}
	case exitFail:
		if len(lines) != 1 || !strings.HasPrefix(lines[0], "phoneaudit: ") {
			e.t.Errorf("phoneaudit %s: exit 1 wants one line \"phoneaudit: …\" on stderr, got %q", strings.Join(args, " "), r.stderr)
		}
	case exitUsage:
		if len(lines) != 2 || !strings.HasPrefix(lines[0], "phoneaudit: ") || !strings.Contains(lines[1], "--help") {
			e.t.Errorf("phoneaudit %s: exit 2 wants the error and a --help hint on stderr, got %q", strings.Join(args, " "), r.stderr)
		}
	}
	return r
}

// ok runs phoneaudit and fails the test unless it succeeds; it returns standard output.
func (e *env) ok(args ...string) string {
	e.t.Helper()
	r := e.run(args...)
	if r.code != exitOK {
		e.t.Fatalf("phoneaudit %s: exit %d, stderr %q", strings.Join(args, " "), r.code, r.stderr)
	}
	return r.stdout
}

// fails runs phoneaudit, wants exit code, and returns stderr.
func (e *env) fails(code int, args ...string) string {
	e.t.Helper()
	r := e.run(args...)
	if r.code != code {
		e.t.Fatalf("phoneaudit %s: exit %d, want %d; stdout %q, stderr %q", strings.Join(args, " "), r.code, code, r.stdout, r.stderr)
	}
	return r.stderr
}

// write puts a file in the test's folder.
func (e *env) write(name, content string) string {
	e.t.Helper()
	p := e.path(name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		e.t.Fatal(err)
	}
	return p
}

// writeGBK writes text encoded as GBK, as Excel on a Chinese Windows saves CSV.
func (e *env) writeGBK(name, content string) string {
	e.t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(content))
	if err != nil {
		e.t.Fatal(err)
	}
	return e.write(name, string(b))
}

// writeXLSX writes rows to the first sheet of a workbook; every cell is text.
func (e *env) writeXLSX(name string, rows [][]string) string {
	e.t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range rows {
		for j, v := range row {
			ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if err := f.SetCellStr("Sheet1", ref, v); err != nil {
				e.t.Fatal(err)
			}
		}
	}
	p := e.path(name)
	if err := f.SaveAs(p); err != nil {
		e.t.Fatal(err)
	}
	return p
}

// parseCSV reads CSV text (without a BOM) into rows.
func parseCSV(t *testing.T, text string) [][]string {
	t.Helper()
	r := csv.NewReader(strings.NewReader(text))
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("invalid CSV: %v\n%s", err, text)
	}
	return rows
}

// jsonKeysInOrder returns the keys of the first object of a JSON array in the order written.
func jsonKeysInOrder(t *testing.T, text string) []string {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(text))
	for _, want := range []json.Delim{'[', '{'} {
		if tok, err := dec.Token(); err != nil || tok != want {
			t.Fatalf("JSON does not start with [{: %v %v\n%s", tok, err, text)
		}
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatalf("reading JSON: %v", err)
		}
		keys = append(keys, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatalf("reading JSON: %v", err)
		}
	}
	return keys
}

var (
	demoOnce sync.Once
	demoDir  string
	demoErr  error
)

// demoDB is a database filled by `phoneaudit demo`, made once for all tests that only read it.
// A test that changes it works on a backup copy (demoCopy).
func demoDB(t *testing.T) string {
	t.Helper()
	demoOnce.Do(func() {
		demoDir = filepath.Join(filepath.Dir(binary), "demo")
		if demoErr = os.MkdirAll(demoDir, 0o700); demoErr != nil {
			return
		}
		out, err := exec.Command(binary, "--db", filepath.Join(demoDir, "demo.db"), "demo").CombinedOutput()
		if err != nil {
			demoErr = errors.New(string(out))
		}
	})
	if demoErr != nil {
		t.Fatalf("phoneaudit demo: %v", demoErr)
	}
	return filepath.Join(demoDir, "demo.db")
}

// demoCopy is a copy of the demo database in the test's folder, made with `phoneaudit backup`.
func (e *env) demoCopy() string {
	e.t.Helper()
	p := e.path("demo-copy.db")
	e.ok("--db", demoDB(e.t), "backup", p)
	// The witness file goes with it, as backup copies it (where this backup does not yet).
	if _, err := os.Stat(publish.WitnessPath(p)); errors.Is(err, fs.ErrNotExist) {
		if w, err := os.ReadFile(publish.WitnessPath(demoDB(e.t))); err == nil {
			if err := os.WriteFile(publish.WitnessPath(p), w, 0o600); err != nil {
				e.t.Fatal(err)
			}
		}
	}
	return p
}
