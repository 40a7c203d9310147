package server

import (
	"errors"
	"io"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"phoneaudit/internal/sshtest"
)

func TestKnownKeysSeeTheirScreens(t *testing.T) {
	f := newFixture(t).start()
	tests := []struct {
		name   string
		key    gossh.Signer
		env    map[string]string
		want   []string
		notSee string // a name the session must not show ("" = any may show: a lead sees all)
	}{
		{"lead", f.leadKey, nil, []string{"测评", f.lead.Name + " 组长"}, ""},
		{"auditor", f.audKey, nil, []string{"测评", f.auditor.Name + " 测评员"}, f.lead.Name},
		{"auditor in English", f.audKey, map[string]string{"PHONEAUDIT_LANG": "en"}, []string{"Calls", f.auditor.Name}, f.lead.Name},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var watch []string
			if tt.notSee != "" {
				watch = append(watch, tt.notSee)
			}
			sc := sshtest.OpenScreen(t, f.mustDial(tt.key), tt.env, watch...)
			shown := sc.WaitFor(tt.want...)
			if tt.notSee != "" && (strings.Contains(shown, tt.notSee) || sc.Seen() != "") {
				t.Errorf("the session shows %s:\n%s", tt.notSee, shown+sc.Seen())
			}
			sc.Press("q")
			if err := sc.Ended(); sshtest.ExitStatus(err) != 0 {
				t.Errorf("q ended the session with %v, want exit 0", err)
			}
		})
	}
	if !strings.Contains(f.log.String(), "会话开始") || !strings.Contains(f.log.String(), "会话结束") {
		t.Errorf("sessions are not logged:\n%s", f.log)
	}
}

func TestRefusedKeys(t *testing.T) {
	f := newFixture(t)
	stranger, nobody, twice := sshtest.NewSigner(t), sshtest.NewSigner(t), sshtest.NewSigner(t)
	f.writeKeys(
		sshtest.KeyLine(f.leadKey, f.lead.Name),
		sshtest.KeyLine(nobody, "查无此人"),
		sshtest.KeyLine(twice, f.auditor.Name),
		sshtest.KeyLine(twice, f.lead.Name),
	)
	f.start()
	tests := []struct {
		name string
		key  gossh.Signer
		log  string // the reason logged
	}{
		{"not in the keys file", stranger, "不在密钥文件中"},
		{"comment names no auditor", nobody, "密钥文件第 2 行写的姓名在数据库里没有这个测评员"},
		{"listed under two names", twice, "在密钥文件中以不同的姓名出现多次"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := f.dial(tt.key)
			if err == nil {
				c.Close()
				t.Fatal("logged in")
			}
			if !strings.Contains(err.Error(), "unable to authenticate") {
				t.Errorf("refused with %v, want an authentication failure", err)
			}
			want := "拒绝了密钥 " + gossh.FingerprintSHA256(tt.key.PublicKey()) + "：" + tt.log
			if !strings.Contains(f.log.String(), want) {
				t.Errorf("the log lacks %q:\n%s", want, f.log)
			}
		})
	}
	for _, name := range []string{"查无此人", f.auditor.Name, f.lead.Name} {
		if strings.Contains(f.log.String(), name) {
			t.Errorf("the log names %s:\n%s", name, f.log)
		}
	}
	f.mustDial(f.leadKey) // the good line still works beside the bad ones
}

// probeSigner offers a key it does not hold, as a client probing someone else's public key
// (public keys are public): the server's callback accepts the key, then no signature comes.
type probeSigner struct{ pub gossh.PublicKey }

func (p probeSigner) PublicKey() gossh.PublicKey { return p.pub }

func (p probeSigner) Sign(io.Reader, []byte) (*gossh.Signature, error) {
	return nil, errors.New("this client does not hold the private key")
}

func TestUserComesFromTheFinishedAuthentication(t *testing.T) {
	f := newFixture(t).start()
	// The lead's key is offered first and accepted by the callback; the auditor's key then logs
	// in. The session must be the auditor's, not the one the callback saw first.
	offers := []gossh.AuthMethod{gossh.PublicKeys(probeSigner{f.leadKey.PublicKey()}), gossh.PublicKeys(f.audKey)}
	cfg := &gossh.ClientConfig{
		User: "anyone",
		// One key per attempt, in this order (the client tries a method name only once).
		AuthCallback: func(*gossh.ClientAuthContext) (gossh.AuthMethod, error) {
			if len(offers) == 0 {
				return nil, errors.New("no more keys")
			}
			next := offers[0]
			offers = offers[1:]
			return next, nil
		},
		HostKeyCallback: gossh.FixedHostKey(f.srv.hostKey.PublicKey()),
		Timeout:         5 * time.Second,
	}
	c, err := gossh.Dial("tcp", f.srv.Addr(), cfg)
	if err != nil {
		t.Fatalf("ssh: %v", err)
	}
	defer c.Close()
	sc := sshtest.OpenScreen(t, c, nil, f.lead.Name, "组长")
	shown := sc.WaitFor("测评", f.auditor.Name+" 测评员")
	if strings.Contains(shown, f.lead.Name) || strings.Contains(shown, "组长") || sc.Seen() != "" {
		t.Errorf("the session took the lead's key from the callback:\n%s", shown+sc.Seen())
	}
	if !strings.Contains(f.log.String(), "（测评员）") || strings.Contains(f.log.String(), "（组长）") {
		t.Errorf("the log does not show an auditor's session:\n%s", f.log)
	}
	sc.Press("q")
	sc.Ended()
}

func TestKeysFileIsReadOnEveryAttempt(t *testing.T) {
	f := newFixture(t).start()
	newcomer := sshtest.NewSigner(t)
	steps := []struct {
		name  string
		lines []string
		ok    bool
	}{
		{"before it is added", []string{sshtest.KeyLine(f.leadKey, f.lead.Name)}, false},
		{"once added", []string{sshtest.KeyLine(f.leadKey, f.lead.Name), sshtest.KeyLine(newcomer, f.auditor.Name)}, true},
		{"once removed", []string{sshtest.KeyLine(f.leadKey, f.lead.Name)}, false},
	}
	for _, s := range steps {
		f.writeKeys(s.lines...)
		c, err := f.dial(newcomer)
		if (err == nil) != s.ok {
			t.Errorf("%s: logged in %v (%v), want %v", s.name, err == nil, err, s.ok)
		}
		if c != nil {
			c.Close()
		}
	}
}

func TestSessionsThatCannotShowTheScreens(t *testing.T) {
	f := newFixture(t).start()
	c := f.mustDial(f.audKey)
	tests := []struct {
		name string
		pty  bool
		cmd  string
		want string
	}{
		{"no terminal", false, "", "需要终端"},
		{"a command", false, "phoneaudit export", "不运行命令"},
		{"a command with a terminal", true, "phoneaudit export", "不运行命令"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sess, err := c.NewSession()
			if err != nil {
				t.Fatal(err)
			}
			defer sess.Close()
			if tt.pty {
				if err := sess.RequestPty("xterm", 30, 100, gossh.TerminalModes{}); err != nil {
					t.Fatal(err)
				}
			}
			out := &sshtest.Buffer{}
			sess.Stdout, sess.Stderr = out, out
			if tt.cmd != "" {
				err = sess.Run(tt.cmd)
			} else if err = sess.Shell(); err == nil {
				err = sess.Wait()
			}
			if sshtest.ExitStatus(err) != 1 {
				t.Errorf("ended with %v, want exit 1", err)
			}
			lines := strings.Split(strings.TrimSpace(out.String()), "\n")
			if len(lines) != 1 || !strings.Contains(lines[0], tt.want) {
				t.Errorf("said %q, want one line with %q", out.String(), tt.want)
			}
		})
	}
}

func TestHostKeyIsPrivateAndKept(t *testing.T) {
	f := newFixture(t)
	cfg := f.config()
	first, err := Listen(t.Context(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	first.Close()
	st, err := os.Stat(cfg.HostKeyPath)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("the new host key has mode %v, want 0600", st.Mode().Perm())
	}
	// A key made readable by others is made private again on the next start, and kept.
	if err := os.Chmod(cfg.HostKeyPath, 0o644); err != nil {
		t.Fatal(err)
	}
	second, err := Listen(t.Context(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	second.Close()
	if a, b := first.HostKeyFingerprint(), second.HostKeyFingerprint(); a != b {
		t.Errorf("the host key changed between starts: %s, then %s", a, b)
	}
	if st, _ := os.Stat(cfg.HostKeyPath); st.Mode().Perm() != 0o600 {
		t.Errorf("the host key stayed %v, want 0600", st.Mode().Perm())
	}
	if !strings.Contains(f.log.String(), "已改为只有本人可读") {
		t.Errorf("tightening the key is not logged:\n%s", f.log)
	}
}

func TestListenRefusesABadStart(t *testing.T) {
	tests := []struct {
		name  string
		setup func(f *fixture)
		want  string
	}{
		{"no keys file", func(f *fixture) { os.Remove(f.keys) }, "没有密钥文件"},
		{"a line that is no key", func(f *fixture) { f.writeKeys(sshtest.KeyLine(f.leadKey, f.lead.Name), "ssh-ed25519 AAAA 张三") }, "第 2 行不是公钥"},
		{"a line with options", func(f *fixture) { f.writeKeys(`from="10.0.0.1" ` + sshtest.KeyLine(f.leadKey, f.lead.Name)) }, "第 1 行有 phoneaudit 不支持的选项"},
		{"a key without a name", func(f *fixture) { f.writeKeys(sshtest.KeyLine(f.leadKey, "")) }, "第 1 行公钥后面没有写测评员姓名"},
		{"keys anyone may change", func(f *fixture) { os.Chmod(f.keys, 0o666) }, "任何人都能修改"},
		{"a host key that is no key", func(f *fixture) { os.WriteFile(f.config().HostKeyPath, []byte("junk"), 0o600) }, "is not an SSH private key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			tt.setup(f)
			srv, err := Listen(t.Context(), f.config())
			if err == nil {
				srv.Close()
				t.Fatal("started")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to say %q", err, tt.want)
			}
		})
	}
}

func TestStopEndsSessionsGracefully(t *testing.T) {
	f := newFixture(t).start()
	sc := sshtest.OpenScreen(t, f.mustDial(f.audKey), nil)
	sc.WaitFor("测评", f.auditor.Name)
	began := time.Now()
	f.stop()
	select {
	case err := <-f.served:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return")
	}
	if took := time.Since(began); took > 2*time.Second {
		t.Errorf("stopping took %v: the session was not asked to quit", took)
	}
	if err := sc.Ended(); sshtest.ExitStatus(err) != 0 {
		t.Errorf("the session ended with %v, want exit 0", err)
	}
	sc.WaitFor("phoneaudit serve 已停止")
	if c, err := f.dial(f.audKey); err == nil {
		c.Close()
		t.Error("a new connection was let in after the stop")
	}
	f.served <- nil // for the cleanup
}

func TestParseKeys(t *testing.T) {
	a, b := sshtest.NewSigner(t), sshtest.NewSigner(t)
	tests := []struct {
		name     string
		text     string
		names    []string // the usable lines' names
		lines    []int    // their line numbers
		problems []int    // the lines that cannot be used
	}{
		{"plain", sshtest.KeyLine(a, "张三") + "\n" + sshtest.KeyLine(b, "李四"), []string{"张三", "李四"}, []int{1, 2}, nil},
		{"BOM and CRLF", "\xEF\xBB\xBF" + sshtest.KeyLine(a, "张三") + "\r\n" + sshtest.KeyLine(b, "李四") + "\r\n", []string{"张三", "李四"}, []int{1, 2}, nil},
		{"comments and blanks", "# team\n\n" + sshtest.KeyLine(a, "张三") + "\n   \n", []string{"张三"}, []int{3}, nil},
		{"a name with a space", sshtest.KeyLine(a, "Anna Li"), []string{"Anna Li"}, []int{1}, nil},
		{"bad lines kept apart", "nonsense\n" + sshtest.KeyLine(a, "") + "\n" + sshtest.KeyLine(b, "李四"), []string{"李四"}, []int{3}, []int{1, 2}},
		{"options", `command="x" ` + sshtest.KeyLine(a, "张三"), nil, nil, []int{1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kf := parseKeys([]byte(tt.text))
			var names []string
			var lines, problems []int
			for _, e := range kf.entries {
				names, lines = append(names, e.name), append(lines, e.line)
			}
			for _, p := range kf.problems {
				problems = append(problems, p.line)
			}
			if !slices.Equal(names, tt.names) || !slices.Equal(lines, tt.lines) || !slices.Equal(problems, tt.problems) {
				t.Errorf("names %q at %v, problems at %v; want %q at %v, problems at %v", names, lines, problems, tt.names, tt.lines, tt.problems)
			}
		})
	}
}

func TestLookup(t *testing.T) {
	a, b, c := sshtest.NewSigner(t), sshtest.NewSigner(t), sshtest.NewSigner(t)
	kf := parseKeys([]byte(strings.Join([]string{
		sshtest.KeyLine(a, "张三"), sshtest.KeyLine(b, "李四"), sshtest.KeyLine(a, "张三"), sshtest.KeyLine(c, "王五"), sshtest.KeyLine(c, "赵六"),
	}, "\n")))
	tests := []struct {
		name   string
		key    gossh.PublicKey
		want   string
		reason reason
		ok     bool
	}{
		{"listed once", b.PublicKey(), "李四", 0, true},
		{"listed twice under one name", a.PublicKey(), "张三", 0, true},
		{"listed under two names", c.PublicKey(), "", reasonAmbiguous, false},
		{"not listed", sshtest.NewSigner(t).PublicKey(), "", reasonUnknownKey, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := kf.lookup(tt.key)
			if tt.ok {
				if err != nil || e.name != tt.want {
					t.Errorf("got %q, %v; want %q", e.name, err, tt.want)
				}
				return
			}
			r, isRefusal := err.(*refusal)
			if !isRefusal || r.reason != tt.reason {
				t.Errorf("got %q, %v; want refusal %d", e.name, err, tt.reason)
			}
		})
	}
}
