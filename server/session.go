package server

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2/bubbletea"
	gossh "golang.org/x/crypto/ssh"

	"phoneaudit/lang"
	"phoneaudit/store"
	"phoneaudit/ui"
)

// allowKey is the public-key callback. It only says yes or no: a client may offer several keys,
// some it cannot sign with, so who logs in is decided again from the session's own key once
// the authentication has finished (see program).
func (s *Server) allowKey(ctx ssh.Context, key ssh.PublicKey) bool {
	if _, _, err := s.identify(ctx, key); err != nil {
		s.logRefusal(key, err)
		return false
	}
	return true
}

// identify finds the auditor a key stands for: the keys file is read again, so a key added or
// removed counts from the next attempt, and the name must be an active auditor in the database.
func (s *Server) identify(ctx context.Context, key gossh.PublicKey) (store.Auditor, keyEntry, error) {
	if key == nil {
		return store.Auditor{}, keyEntry{}, &refusal{reason: reasonUnknownKey}
	}
	kf, err := s.readKeys()
	if err != nil {
		return store.Auditor{}, keyEntry{}, &refusal{reason: reasonNoKeysFile, err: err}
	}
	e, err := kf.lookup(key)
	if err != nil {
		return store.Auditor{}, e, err
	}
	a, err := s.cfg.Store.FindAuditor(ctx, e.name)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return a, e, &refusal{line: e.line, reason: reasonNoAuditor}
	case err != nil:
		return a, e, fmt.Errorf("looking up the auditor of line %d of the keys file: %w", e.line, err)
	case !a.Active:
		return a, e, &refusal{line: e.line, reason: reasonInactive}
	}
	return a, e, nil
}

// readKeys reads the keys file and logs its problems when they change, not on every attempt.
func (s *Server) readKeys() (keyFile, error) {
	kf, err := readKeyFile(s.cfg.KeysPath)
	var lines []string
	if err != nil {
		lines = []string{(&refusal{reason: reasonNoKeysFile, err: err}).text(s.cfg.Lang)}
	} else {
		lines = kf.describe(s.cfg.KeysPath, s.cfg.Lang)
	}
	report := strings.Join(lines, "\n")
	s.mu.Lock()
	changed := report != s.lastProblems
	s.lastProblems = report
	s.mu.Unlock()
	if changed {
		for _, l := range lines {
			s.log.Print(l)
		}
	}
	return kf, err
}

// logRefusal names the key by its fingerprint and the keys file by its line, never the person.
func (s *Server) logRefusal(key gossh.PublicKey, err error) {
	fp := "?"
	if key != nil {
		fp = gossh.FingerprintSHA256(key)
	}
	s.logf("拒绝了密钥 %s：%s", "refused key %s: %s", fp, s.why(err))
}

// why words a refusal in the server's language.
func (s *Server) why(err error) string { return whyIn(s.cfg.Lang, err) }

func whyIn(l lang.Lang, err error) string {
	var r *refusal
	if errors.As(err, &r) {
		return r.text(l)
	}
	return err.Error()
}

// gate lets in sessions that can show the screens: the server is not stopping, the client asked
// for a terminal and for no command. It also counts the sessions, for a graceful stop.
func (s *Server) gate(next ssh.Handler) ssh.Handler {
	return func(client ssh.Session) {
		sess := s.bound(client)
		l := s.sessionLang(sess)
		if !s.enter() {
			refuse(sess, l.Pick("phoneaudit serve 正在停止，请稍后再连接", "phoneaudit serve is stopping: connect again later"))
			return
		}
		defer s.leave(sess)
		// The command first: ssh asks for no terminal when given one, and the command is the
		// mistake to point out.
		if sess.RawCommand() != "" {
			refuse(sess, l.Pick("phoneaudit serve 只提供界面，不运行命令：连接时不要带命令",
				"phoneaudit serve shows the screens and runs no commands: connect without one"))
			return
		}
		if _, _, ok := sess.Pty(); !ok {
			refuse(sess, l.Pick("phoneaudit 的界面需要终端：用 ssh -t 连接", "phoneaudit's screens need a terminal: connect with ssh -t"))
			return
		}
		next(sess)
		// Before the last words: the screens' last frame is still on its way through the pty,
		// and a line written before it lands on the screen it clears.
		s.release(sess)
		if msg, revoked := sess.revokedText(s); revoked {
			refuse(sess, msg)
			return
		}
		if s.isStopping() {
			fmt.Fprintln(sess.Stderr(), l.Pick("phoneaudit serve 已停止，会话结束", "phoneaudit serve has stopped: the session is over"))
		}
	}
}

// program makes the session's own program, acting as the auditor of the key the session was
// authenticated with. nil refuses the session.
func (s *Server) program(sess ssh.Session) *tea.Program {
	l := s.sessionLang(sess)
	a, e, err := s.identify(sess.Context(), sess.PublicKey())
	if err != nil {
		s.logRefusal(sess.PublicKey(), err)
		refuse(sess, l.Pick("phoneaudit：不能登录："+whyIn(l, err), "phoneaudit: cannot log in: "+whyIn(l, err)))
		return nil
	}
	// A session of its own, told apart from the others of this server: the score sheets it
	// opens are its own until it ends, and the other sessions say where they are open.
	place := store.LocalPlace("")
	place.SSH, place.Remote, place.Login = true, remoteHost(sess.RemoteAddr()), sess.User()
	lease := store.NewSession(place)
	m := ui.New(ui.Options{
		Lang:    l,
		Store:   s.cfg.Store.As(a.Name),
		As:      a.Name,
		Fixed:   true, // the key decided who this is: never the picker
		Session: lease,
		Now:     s.cfg.Now,
		// Load tests time the answers; nil otherwise.
		AnswerSaved: s.cfg.AnswerSaved,
		// No OSUser: the identity comes from the key and is never remembered or picked. No
		// LoadDemo: a remote user does not fill the database.
	})
	opts := append([]tea.ProgramOption{
		tea.WithContext(s.killCtx),
		// The server's SIGINT and SIGTERM are the server's to handle (a graceful stop), not
		// every session's.
		tea.WithoutSignalHandler(),
	}, bubbletea.MakeOptions(sess)...)
	p := tea.NewProgram(m, opts...)
	if b, ok := sess.(*boundedSession); ok {
		b.hold(newHolder(sess.PublicKey(), e.name, e.line))
	}
	if !s.register(sess, p, e.line, lease) {
		refuse(sess, l.Pick("phoneaudit serve 正在停止，请稍后再连接", "phoneaudit serve is stopping: connect again later"))
		return nil
	}
	s.logf("会话开始：密钥文件第 %d 行（%s）", "session opened: line %d of the keys file (%s)", e.line, s.roleWord(a.Role))
	return p
}

// roleWord names a role in the server's language.
func (s *Server) roleWord(role string) string {
	if role == "lead" {
		return s.cfg.Lang.Pick("组长", "lead")
	}
	return s.cfg.Lang.Pick("测评员", "auditor")
}

// sessionLang is the session's PHONEAUDIT_LANG when the client sent a valid one, else the
// server's language.
func (s *Server) sessionLang(sess ssh.Session) lang.Lang {
	for _, kv := range sess.Environ() {
		if v, ok := strings.CutPrefix(kv, "PHONEAUDIT_LANG="); ok {
			if l, err := lang.Parse(v); err == nil {
				return l
			}
		}
	}
	return s.cfg.Lang
}

// refuse ends a session with a one-line reason.
func refuse(sess ssh.Session, msg string) {
	fmt.Fprintln(sess.Stderr(), msg)
	_ = sess.Exit(1)
}

// enter counts a session in, unless the server is stopping.
func (s *Server) enter() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopping {
		return false
	}
	s.sessions.Add(1)
	return true
}

// register records a running program, so a stop can ask it to quit.
func (s *Server) register(sess ssh.Session, p *tea.Program, line int, lease store.Session) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopping {
		return false
	}
	s.live[sess] = liveSession{program: p, line: line, lease: lease}
	return true
}

// release gives up the score sheets a session whose screens ended had open: a dropped link
// leaves none locked until they expire.
func (s *Server) release(sess ssh.Session) {
	s.mu.Lock()
	l, ok := s.live[sess]
	s.mu.Unlock()
	if !ok || s.cfg.Store.ReadOnly() {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.cfg.Store.InSession(l.lease).ReleaseSession(ctx); err != nil {
		s.logf("会话结束时没能释放它打开的评分表（几秒后自动失效）：%v",
			"could not give up the score sheets of a closed session (they expire in seconds): %v", err)
	}
}

func (s *Server) leave(sess ssh.Session) {
	s.mu.Lock()
	l, ok := s.live[sess]
	delete(s.live, sess)
	s.mu.Unlock()
	if ok {
		s.logf("会话结束：密钥文件第 %d 行", "session closed: line %d of the keys file", l.line)
	}
	s.sessions.Done()
}

// remoteHost is the client's address without its port: "10.0.0.5".
func remoteHost(a net.Addr) string {
	if a == nil {
		return ""
	}
	host, _, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	return host
}

func (s *Server) isStopping() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stopping
}
