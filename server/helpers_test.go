package server

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"phoneaudit/demo"
	"phoneaudit/internal/sshtest"
	"phoneaudit/store"
)

// demoDB is the demo city, loaded once; each fixture works on a copy.
var demoDB *store.Store

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	if spec := os.Getenv(envServer); spec != "" {
		return serverProcess(spec)
	}
	dir, err := os.MkdirTemp("", "phoneaudit-server-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	if demoDB, err = store.Open(ctx, filepath.Join(dir, "demo.db")); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer demoDB.Close()
	if err := demo.Load(ctx, demoDB, 1); err != nil {
		fmt.Fprintln(os.Stderr, "loading the demo city:", err)
		return 1
	}
	return m.Run()
}

// fixture is a server on a free loopback port over a demo database, with a keys file naming
// the demo's first lead and first auditor.
type fixture struct {
	t       *testing.T
	dir     string
	st      *store.Store
	srv     *Server
	keys    string // the keys file
	log     *sshtest.Buffer
	lead    store.Auditor
	auditor store.Auditor
	leadKey gossh.Signer
	audKey  gossh.Signer
	stop    context.CancelFunc
	served  chan error
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{t: t, dir: t.TempDir(), log: &sshtest.Buffer{}}
	var err error
	path := filepath.Join(f.dir, "phoneaudit.db")
	if err := demoDB.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	if f.st, err = store.Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.st.Close() })
	f.lead, f.auditor = demoPeople(t, f.st)
	f.leadKey, f.audKey = sshtest.NewSigner(t), sshtest.NewSigner(t)
	f.keys = filepath.Join(f.dir, "authorized_keys")
	f.writeKeys(sshtest.KeyLine(f.leadKey, f.lead.Name), sshtest.KeyLine(f.audKey, f.auditor.Name))
	return f
}

// demoPeople are the first lead and the first auditor of the demo.
func demoPeople(t *testing.T, st *store.Store) (lead, auditor store.Auditor) {
	t.Helper()
	all, err := st.Auditors(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range all {
		switch {
		case a.Role == "lead" && lead.Name == "":
			lead = a
		case a.Role == "auditor" && auditor.Name == "":
			auditor = a
		}
	}
	if lead.Name == "" || auditor.Name == "" {
		t.Fatalf("the demo has no lead or no auditor: %v", all)
	}
	return lead, auditor
}

func (f *fixture) config() Config {
	return Config{
		Listen:      "127.0.0.1:0",
		KeysPath:    f.keys,
		HostKeyPath: filepath.Join(f.dir, "ssh_host_ed25519"),
		Store:       f.st,
		Log:         f.log,
		Grace:       3 * time.Second,
	}
}

// start listens and serves until the test ends (or f.stop).
func (f *fixture) start() *fixture {
	f.t.Helper()
	srv, err := Listen(context.Background(), f.config())
	if err != nil {
		f.t.Fatalf("Listen: %v", err)
	}
	f.srv = srv
	ctx, cancel := context.WithCancel(context.Background())
	f.stop, f.served = cancel, make(chan error, 1)
	go func() { f.served <- srv.Serve(ctx) }()
	f.t.Cleanup(func() {
		cancel()
		select {
		case <-f.served:
		case <-time.After(10 * time.Second):
			f.t.Error("the server did not stop within 10 s")
		}
	})
	return f
}

func (f *fixture) writeKeys(lines ...string) {
	f.t.Helper()
	if err := os.WriteFile(f.keys, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		f.t.Fatal(err)
	}
}

// dial logs in offering the signers in order, and checks the server's host key.
func (f *fixture) dial(signers ...gossh.Signer) (*gossh.Client, error) {
	cfg := &gossh.ClientConfig{
		User:            "anyone",
		Auth:            []gossh.AuthMethod{gossh.PublicKeys(signers...)},
		HostKeyCallback: gossh.FixedHostKey(f.srv.hostKey.PublicKey()),
		Timeout:         5 * time.Second,
	}
	return gossh.Dial("tcp", f.srv.Addr(), cfg)
}

func (f *fixture) mustDial(signers ...gossh.Signer) *gossh.Client {
	f.t.Helper()
	c, err := f.dial(signers...)
	if err != nil {
		f.t.Fatalf("ssh: %v", err)
	}
	f.t.Cleanup(func() { c.Close() })
	return c
}
