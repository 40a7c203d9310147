package server

import (
	"context"
	"os"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	gossh "golang.org/x/crypto/ssh"
)

// keysCheckEvery is how often the open sessions' keys are looked up again in the keys file: a
// key removed from it ends its sessions within about this long.
const keysCheckEvery = time.Second

// holder is who a session's screens act for: the key it logged in with and the name that key
// stood for. Once its key no longer stands for that name, the session is revoked: what its client
// sends is dropped, and its screens are ended.
type holder struct {
	key  gossh.PublicKey
	name string
	line int

	once    sync.Once
	revoked chan struct{}
	why     error // set before revoked is closed
}

func newHolder(key gossh.PublicKey, name string, line int) *holder {
	return &holder{key: key, name: name, line: line, revoked: make(chan struct{})}
}

func (h *holder) isRevoked() bool {
	select {
	case <-h.revoked:
		return true
	default:
		return false
	}
}

// revoke marks the holder revoked; it says whether this call did.
func (h *holder) revoke(why error) bool {
	done := false
	h.once.Do(func() {
		h.why = why
		close(h.revoked)
		done = true
	})
	return done
}

// keysCache is the keys file as last read, read again only when the file changed: the input of
// every session is checked against it.
type keysCache struct {
	mu   sync.Mutex
	info os.FileInfo
	kf   keyFile
	err  error
}

// current is the keys file as it is now.
func (s *Server) currentKeys() (keyFile, error) {
	c := &s.keys
	st, statErr := os.Stat(s.cfg.KeysPath)
	c.mu.Lock()
	defer c.mu.Unlock()
	if statErr == nil && c.info != nil && c.err == nil && os.SameFile(c.info, st) &&
		c.info.ModTime().Equal(st.ModTime()) && c.info.Size() == st.Size() && c.info.Mode() == st.Mode() {
		return c.kf, nil
	}
	c.kf, c.err = s.readKeys()
	c.info = nil
	if c.err == nil {
		c.info = st
	}
	return c.kf, c.err
}

// stillHolds says why h's key no longer stands for h's name in the keys file (nil = it does).
func (s *Server) stillHolds(h *holder) error {
	kf, err := s.currentKeys()
	if err != nil {
		return &refusal{reason: reasonNoKeysFile, err: err}
	}
	e, err := kf.lookup(h.key)
	switch {
	case err != nil:
		return err
	case e.name != h.name:
		return &refusal{line: e.line, reason: reasonRenamed}
	}
	return nil
}

// allowed is checked on every read of a session's input: false once its key is gone, when the
// session is revoked then and there.
func (s *Server) allowed(sess *boundedSession) bool {
	h := sess.holder()
	if h == nil {
		return true // not logged in to the screens yet: nothing reads
	}
	if h.isRevoked() {
		return false
	}
	if err := s.stillHolds(h); err != nil {
		s.revoke(sess, h, err)
		return false
	}
	return true
}

// watchKeys checks the keys of the open sessions every keysCheckEvery until ctx ends, so a
// session whose client sends nothing ends too.
func (s *Server) watchKeys(ctx context.Context) {
	tick := time.NewTicker(keysCheckEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		s.mu.Lock()
		open := make([]*boundedSession, 0, len(s.live))
		for sess := range s.live {
			if b, ok := sess.(*boundedSession); ok {
				open = append(open, b)
			}
		}
		s.mu.Unlock()
		for _, b := range open {
			s.allowed(b)
		}
	}
}

// revoke ends a session whose key no longer logs in: its input is dropped from now on, and its
// screens are asked to quit as with ctrl+c (sending the notes typed before), then ended.
func (s *Server) revoke(sess *boundedSession, h *holder, why error) {
	if !h.revoke(why) {
		return
	}
	s.logf("密钥文件第 %d 行的密钥已不能登录（%s），结束了它的会话", "the key of line %d of the keys file no longer logs in (%s): its session was ended",
		h.line, s.why(why))
	s.mu.Lock()
	l, ok := s.live[sess]
	s.mu.Unlock()
	if !ok {
		return
	}
	go func() {
		l.program.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
		select {
		case <-time.After(s.cfg.Grace):
			l.program.Kill()
		case <-sess.Context().Done():
		}
	}()
}

// revokedText is what the client of a revoked session is told, in l.
func (b *boundedSession) revokedText(s *Server) (string, bool) {
	h := b.holder()
	if h == nil || !h.isRevoked() {
		return "", false
	}
	l := s.sessionLang(b)
	why := whyIn(l, h.why)
	return l.Pick("phoneaudit：会话已结束：这把密钥已不能登录（"+why+"），之后的输入没有保存",
		"phoneaudit: the session was ended: this key no longer logs in ("+why+"); nothing typed after that was saved"), true
}
