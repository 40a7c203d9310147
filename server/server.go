// Package server runs the screens of phoneaudit over SSH (phoneaudit serve): each session is a
// program of its own on one shared database. Who logs in is decided by an authorized_keys file
// whose comments name auditors; what they may do comes from the database.
package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	"charm.land/wish/v2/bubbletea"
	gossh "golang.org/x/crypto/ssh"

	"phoneaudit/lang"
	"phoneaudit/store"
)

// DefaultListen is loopback: reaching the screens from another computer is a choice made with
// --listen, not a default.
const DefaultListen = "127.0.0.1:2222"

// DefaultGrace is how long a stop waits for the sessions to save what is on its way and leave.
const DefaultGrace = 5 * time.Second

// hangUpWait is how long a stop lets clients hang up once their sessions are over.
const hangUpWait = 500 * time.Millisecond

// handshakeTimeout ends connections that never finish logging in, so they hold nothing.
const handshakeTimeout = 30 * time.Second

// MaxWidth and MaxHeight cap a session's terminal: a client may claim any size, and each cell of
// the screens costs some 250 bytes (two buffers of the renderer), so a million-cell window took
// 800 MB. At 300×100 (a maximised terminal on a large screen) a session holds about 8 MB, and six
// of them under a storm of window changes stay well under 200 MiB; 400×200 did not.
const MaxWidth, MaxHeight = 300, 100

// Config is what a server needs.
type Config struct {
	Listen      string           // host:port ("" = DefaultListen; port 0 picks a free one)
	KeysPath    string           // the authorized_keys file; each key's comment is an auditor's name
	HostKeyPath string           // the server's private key, created (mode 0600) when missing
	Store       *store.Store     // opened once and shared by every session
	Lang        lang.Lang        // unless a session sends PHONEAUDIT_LANG ("" = Chinese)
	Log         io.Writer        // a line per refused key and per session, never a name (nil = none)
	Build       string           // the line that heads the log: which build serves (version.Line; "" = none)
	Now         func() time.Time // the screens' clock (nil = time.Now)
	Grace       time.Duration    // see DefaultGrace (0 = DefaultGrace)
	// AnswerSaved, when set, is told how long each answer of any session took from its key press
	// reaching the session's program to its commit (ui.Options.AnswerSaved): for the load test.
	AnswerSaved func(took time.Duration)
}

// Server is a listening SSH server; Serve answers its connections.
type Server struct {
	cfg     Config
	ssh     *ssh.Server
	ln      net.Listener
	hostKey gossh.Signer
	log     *log.Logger
	logHead *headedLog

	// kill ends the programs still running when the grace is over.
	killCtx context.Context
	kill    context.CancelFunc

	mu           sync.Mutex
	stopping     bool
	live         map[ssh.Session]liveSession
	sessions     sync.WaitGroup // every session inside the gate
	lastProblems string         // the keys file's problems last logged, to log each change once
	keys         keysCache      // the keys file as last read, for the open sessions' input
}

// liveSession is a session whose program runs.
type liveSession struct {
	program *tea.Program
	line    int           // its key's line in the keys file
	lease   store.Session // what its score sheets are leased to
}

// Listen checks the keys file, loads or creates the host key and binds the address.
func Listen(ctx context.Context, cfg Config) (*Server, error) {
	if cfg.Store == nil || cfg.KeysPath == "" || cfg.HostKeyPath == "" {
		return nil, errors.New("server.Listen needs a store, a keys file and a host key file")
	}
	l, err := lang.Parse(string(cfg.Lang))
	if err != nil {
		return nil, err
	}
	cfg.Lang = l
	if cfg.Listen == "" {
		cfg.Listen = DefaultListen
	}
	if cfg.Grace <= 0 {
		cfg.Grace = DefaultGrace
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	head := &headedLog{w: cfg.Log, head: cfg.Build}
	s := &Server{cfg: cfg, log: log.New(head, logPrefix, logFlags), logHead: head, live: map[ssh.Session]liveSession{}}
	if err := s.checkKeys(ctx); err != nil {
		return nil, err
	}
	if err := s.loadHostKey(); err != nil {
		return nil, err
	}
	if s.ssh, err = s.newSSH(); err != nil {
		return nil, err
	}
	if s.ln, err = net.Listen("tcp", cfg.Listen); err != nil {
		return nil, fmt.Errorf("%s: %w", s.cfg.Lang.Pick("不能监听 "+cfg.Listen+"（端口被占用或地址不对？）",
			"cannot listen on "+cfg.Listen+" (is the port taken, or the address wrong?)"), err)
	}
	s.killCtx, s.kill = context.WithCancel(context.Background())
	s.logHead.writeHead() // started: the log has its head even before anything else is logged
	return s, nil
}

func (s *Server) newSSH() (*ssh.Server, error) {
	srv, err := wish.NewServer(
		func(srv *ssh.Server) error {
			srv.AddHostKey(s.hostKey)
			srv.HandshakeTimeout = handshakeTimeout
			return nil
		},
		wish.WithPublicKeyAuth(s.allowKey),
		// The last runs first: the gate, then the program.
		wish.WithMiddleware(bubbletea.MiddlewareWithProgramHandler(s.program), s.gate),
	)
	if err != nil {
		return nil, fmt.Errorf("setting up the SSH server: %w", err)
	}
	return srv, nil
}

// checkKeys refuses to start on a keys file that is missing or has a line that cannot be
// used, and warns of names that are no auditor yet (they may be imported later).
func (s *Server) checkKeys(ctx context.Context) error {
	path := s.cfg.KeysPath
	kf, err := readKeyFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s", s.cfg.Lang.Pick(
			"没有密钥文件 "+path+"：每行写一个测评员的公钥，注释写姓名，例如 ssh-ed25519 AAAAC3… 张三（可用 --keys 指定文件）",
			"there is no keys file "+path+": write one line per auditor, the public key then the name, e.g. ssh-ed25519 AAAAC3… 张三 (or give one with --keys)"))
	case errors.Is(err, errWorldWritable):
		return fmt.Errorf("%s", s.cfg.Lang.Pick("密钥文件 "+path+" 任何人都能修改：先 chmod o-w "+path,
			"the keys file "+path+" can be changed by any user: chmod o-w "+path+" first"))
	case err != nil:
		return fmt.Errorf("%s: %w", s.cfg.Lang.Pick("读不了密钥文件 "+path, "cannot read the keys file "+path), err)
	case len(kf.problems) > 0:
		return errors.New(kf.describe(path, s.cfg.Lang)[0])
	}
	for _, e := range kf.entries {
		a, err := s.cfg.Store.FindAuditor(ctx, e.name)
		switch {
		case errors.Is(err, store.ErrNotFound):
			s.logf("密钥文件第 %d 行写的姓名在数据库里没有这个测评员：这把密钥会被拒绝",
				"line %d of the keys file names no auditor in the database: that key is refused", e.line)
		case err != nil:
			return fmt.Errorf("%s: %w", s.cfg.Lang.Pick("查找密钥文件中的测评员", "looking up the auditors of the keys file"), err)
		case !a.Active:
			s.logf("密钥文件第 %d 行的测评员已停用：这把密钥会被拒绝",
				"the auditor of line %d of the keys file is deactivated: that key is refused", e.line)
		}
	}
	return nil
}

func (s *Server) loadHostKey() error {
	signer, created, tightened, err := loadHostKey(s.cfg.HostKeyPath)
	if err != nil {
		return err
	}
	s.hostKey = signer
	switch {
	case created:
		s.logf("已生成新的主机密钥 %s", "made a new host key %s", s.cfg.HostKeyPath)
	case tightened:
		s.logf("主机密钥 %s 原先其他用户可读，已改为只有本人可读", "the host key %s was readable by other users; it is private now", s.cfg.HostKeyPath)
	}
	return nil
}

// Addr is the address the server listens on, with the port it was given.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// HostKeyFingerprint is what ssh shows on the first connection (SHA256:…), for users to check.
func (s *Server) HostKeyFingerprint() string { return gossh.FingerprintSHA256(s.hostKey.PublicKey()) }

// Serve answers connections until ctx ends, then stops: no new sessions, every program is asked
// to save and quit as with ctrl+c, and after the grace the rest are ended.
func (s *Server) Serve(ctx context.Context) error {
	defer s.kill()
	served := make(chan error, 1)
	go func() { served <- s.ssh.Serve(s.ln) }()
	watch, stopWatch := context.WithCancel(ctx)
	defer stopWatch()
	go s.watchKeys(watch)
	select {
	case <-ctx.Done():
		s.stop()
		<-served
		return nil
	case err := <-served:
		s.stop()
		return fmt.Errorf("%s: %w", s.cfg.Lang.Pick("SSH 服务器停止了", "the SSH server stopped"), err)
	}
}

// Close gives up a server that was never served (Serve stops on its own when its ctx ends).
func (s *Server) Close() error {
	s.kill()
	s.ssh.Close()
	return s.ln.Close()
}

// stop ends every session, gracefully while the grace lasts.
func (s *Server) stop() {
	s.mu.Lock()
	s.stopping = true
	programs := make([]*tea.Program, 0, len(s.live))
	for _, l := range s.live {
		programs = append(programs, l.program)
	}
	s.mu.Unlock()
	s.ln.Close()
	for _, p := range programs {
		// ctrl+c is the screens' own way out: it sends what is still on its way (the notes
		// being typed) before quitting. Send blocks until a program runs, hence the goroutine.
		go p.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	}
	if waitFor(&s.sessions, s.cfg.Grace) {
		// The sessions are over, but their exit status may still be on its way: closing the
		// connections now could cut it off. Clients hang up once they have it.
		ctx, cancel := context.WithTimeout(context.Background(), hangUpWait)
		s.ssh.Shutdown(ctx)
		cancel()
	} else {
		s.logf("有会话在 %s 内没有结束，强制结束", "sessions still open after %s are ended", s.cfg.Grace)
		s.kill()
		waitFor(&s.sessions, time.Second)
	}
	s.ssh.Close()
}

// waitFor waits for wg, at most d; it says whether wg was done.
func waitFor(wg *sync.WaitGroup, d time.Duration) bool {
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-done:
		return true
	case <-t.C:
		return false
	}
}

const (
	logPrefix = "phoneaudit serve: "
	logFlags  = log.LstdFlags | log.Lmsgprefix
)

// headedLog is the log's writer. Before the first line it writes the build's (Config.Build), so
// that line heads the log of a server that serves or logs anything, while one that cannot start
// says only why, in the one line of a failed command.
type headedLog struct {
	w    io.Writer
	head string
	once sync.Once
}

func (h *headedLog) Write(p []byte) (int, error) {
	h.writeHead()
	return h.w.Write(p)
}

func (h *headedLog) writeHead() {
	h.once.Do(func() {
		if h.head != "" {
			log.New(h.w, logPrefix, logFlags).Print(h.head)
		}
	})
}

// logf writes a line to the log in the server's language. Never pass a name: the log must not
// carry personal data.
func (s *Server) logf(zh, en string, args ...any) {
	s.log.Printf(s.cfg.Lang.Pick(zh, en), args...)
}
