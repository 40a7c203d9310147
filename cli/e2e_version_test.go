package cli

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"phoneaudit/internal/sshtest"
	"phoneaudit/internal/version"
)

// TestVersionLine: the build's one line (release, commit and its date, platform, SQLite) is what
// --version prints and what heads the program's --help, the server's log and a bulletin, as the
// binary was stamped through -ldflags (TestMain).
func TestVersionLine(t *testing.T) {
	want := fmt.Sprintf("phoneaudit %s (commit %s+dirty, 2026-05-01, %s/%s, SQLite %s)",
		testVersion, testCommit[:12], runtime.GOOS, runtime.GOARCH, version.SQLite())
	e := newEnv(t)
	for _, arg := range []string{"--version", "-v"} {
		if out := e.ok(arg); out != want+"\n" {
			t.Errorf("%s printed %q, want %q", arg, out, want)
		}
	}
	for _, args := range [][]string{{"--help"}, {"help"}} {
		if out := e.ok(args...); !strings.HasPrefix(out, want+"\n\n电话暗访测评") {
			t.Errorf("phoneaudit %s does not start with the version line:\n%s", strings.Join(args, " "), out)
		}
	}
	if out := e.ok("flags", "--help"); strings.Contains(out, want) {
		t.Errorf("a command's own help repeats the version line:\n%s", out)
	}

	// The demo publishes rounds 1 to 4 with this binary: their stored bulletins name it.
	db := demoDB(t)
	for _, c := range []struct {
		args []string
		line string
	}{
		{[]string{"bulletin", "--round", "1"}, "程序版本：" + want + "\n"},
		{[]string{"bulletin", "--round", "1", "--lang", "en", "--format", "md"}, "Program version: `" + want + "`\n"},
		{[]string{"bulletin", "--round", "6"}, "程序版本：" + want + "\n"}, // a preview, rendered now
	} {
		if out := e.ok(append([]string{"--db", db}, c.args...)...); !strings.Contains(out, c.line) {
			t.Errorf("phoneaudit %s does not print %q:\n%s", strings.Join(c.args, " "), c.line, out)
		}
	}

	auditor := sshtest.NewSigner(t)
	keys := e.write("authorized_keys", sshtest.KeyLine(auditor, "张伟(人社)")+"\n")
	if err := os.Chmod(keys, 0o600); err != nil {
		t.Fatal(err)
	}
	srv := startServe(t, e, "--db", e.demoCopy(), "serve", "--listen", "127.0.0.1:0")
	// The log is another stream than the listening line: on a busy machine it may come a moment later.
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(srv.stderr.String(), "\n") && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	first, _, _ := strings.Cut(srv.stderr.String(), "\n")
	if !strings.HasSuffix(first, "phoneaudit serve: "+want) {
		t.Errorf("the server's log does not start with the version line: %q", srv.stderr.String())
	}
}
