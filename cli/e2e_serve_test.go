package cli

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"phoneaudit/internal/sshtest"
)

// TestServeOverSSH runs the real binary as a server on a free loopback port and logs in with an
// SSH client: a known key sees the screens, an unknown one is refused, a local command uses
// the same database meanwhile, and SIGTERM stops the server with the session.
func TestServeOverSSH(t *testing.T) {
	e := newEnv(t)
	db := e.demoCopy()
	auditor, stranger := sshtest.NewSigner(t), sshtest.NewSigner(t)
	keys := e.write("authorized_keys", sshtest.KeyLine(auditor, "张伟(人社)")+"\n")
	if err := os.Chmod(keys, 0o600); err != nil {
		t.Fatal(err)
	}
	srv := startServe(t, e, "--db", db, "serve", "--listen", "127.0.0.1:0")

	if st, err := os.Stat(filepath.Join(filepath.Dir(db), "ssh_host_ed25519")); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("the host key beside the database: %v, %v; want mode 0600", st, err)
	}
	if c, err := srv.dial(stranger); err == nil {
		c.Close()
		t.Error("an unknown key logged in")
	}
	c, err := srv.dial(auditor)
	if err != nil {
		t.Fatalf("the auditor's key was refused: %v\n%s", err, srv.stderr.String())
	}
	defer c.Close()
	sc := sshtest.OpenScreen(t, c, nil)
	sc.WaitFor("测评", "张伟(人社) 测评员")

	// A local command writes the same file while the server has it open.
	e.ok("--db", db, "settings", "tz", "Asia/Shanghai")

	if err := srv.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := sc.Ended(); err != nil {
		t.Errorf("the session ended with %v, want exit 0", err)
	}
	c.Close()
	if err := srv.wait(10 * time.Second); err != nil {
		t.Errorf("phoneaudit serve after SIGTERM: %v; stderr %q", err, srv.stderr.String())
	}
	if !strings.Contains(srv.stdout.String(), "phoneaudit serve: 已停止") {
		t.Errorf("no word of the stop on stdout: %q", srv.stdout.String())
	}
	if strings.Contains(srv.stderr.String(), "张伟") {
		t.Errorf("the log names the auditor: %q", srv.stderr.String())
	}
}

func TestServeRefusesToStartWithoutKeys(t *testing.T) {
	e := newEnv(t)
	db := e.demoCopy()
	stderr := e.fails(exitFail, "--db", db, "serve", "--listen", "127.0.0.1:0")
	if !strings.Contains(stderr, "没有密钥文件 "+filepath.Join(filepath.Dir(db), "authorized_keys")) {
		t.Errorf("stderr %q does not say which keys file is missing", stderr)
	}
}

// serveProc is a running phoneaudit serve.
type serveProc struct {
	t              *testing.T
	cmd            *exec.Cmd
	addr           string
	fingerprint    string
	stdout, stderr *sshtest.Buffer
	done           chan error
}

var listenLine = regexp.MustCompile(`监听 (\S+)（`)
var hostKeyLine = regexp.MustCompile(`主机密钥 (SHA256:\S+)（`)

// startServe runs the binary and waits for it to say where it listens and its host key.
func startServe(t *testing.T, e *env, args ...string) *serveProc {
	t.Helper()
	p := &serveProc{t: t, cmd: exec.Command(binary, args...), stdout: &sshtest.Buffer{}, stderr: &sshtest.Buffer{}, done: make(chan error, 1)}
	p.cmd.Dir, p.cmd.Env, p.cmd.Stderr = e.dir, e.vars, p.stderr
	p.cmd.Stdout = p.stdout
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.done <- p.cmd.Wait() }()
	t.Cleanup(func() {
		p.cmd.Process.Kill()
		p.wait(5 * time.Second)
	})
	deadline := time.Now().Add(10 * time.Second)
	for {
		out := p.stdout.String()
		addr, key := listenLine.FindStringSubmatch(out), hostKeyLine.FindStringSubmatch(out)
		if addr != nil && key != nil {
			p.addr, p.fingerprint = addr[1], key[1]
			break
		}
		if p.wait(20*time.Millisecond) != errTimeout || time.Now().After(deadline) {
			t.Fatalf("phoneaudit serve did not say where it listens: stdout %q, stderr %q", out, p.stderr.String())
		}
	}
	return p
}

// dial logs in with key and checks that the host key is the one printed at start.
func (p *serveProc) dial(key gossh.Signer) (*gossh.Client, error) {
	return gossh.Dial("tcp", p.addr, &gossh.ClientConfig{
		User: "anyone",
		Auth: []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: func(_ string, _ net.Addr, k gossh.PublicKey) error {
			if got := gossh.FingerprintSHA256(k); got != p.fingerprint {
				return fmt.Errorf("host key %s, but the server printed %s", got, p.fingerprint)
			}
			return nil
		},
		Timeout: 5 * time.Second,
	})
}

// wait waits for the process to end and returns how it ended.
func (p *serveProc) wait(d time.Duration) error {
	select {
	case err := <-p.done:
		p.done <- err // for a second wait
		return err
	case <-time.After(d):
		return errTimeout
	}
}

var errTimeout = errors.New("still running")
