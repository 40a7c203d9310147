package server

import (
	"sync"
	"time"

	"charm.land/ssh"
)

// boundedSession is a session as the screens see it: its terminal no larger than
// MaxWidth×MaxHeight, whatever size the client claims, at the start or in a window change, and
// its window changes taken at a pace the screens can draw.
type boundedSession struct {
	ssh.Session
	winch chan ssh.Window

	srv *Server
	mu  sync.Mutex
	who *holder // whom the screens act for, once they run
}

// The pace of window changes. A person dragging a window edge sends some sixty a second; a
// client may send hundreds of thousands, each a request the SSH library decodes and each, passed
// on, a whole screen drawn: both are garbage the server must collect.
const (
	// drawPace is the least time between two window changes passed on to the screens, which
	// get the latest one.
	drawPace = 100 * time.Millisecond
)

// bound wraps sess. Its window changes are passed on until the client's session ends.
func (s *Server) bound(sess ssh.Session) *boundedSession {
	b := &boundedSession{Session: sess, srv: s}
	_, changes, ok := sess.Pty()
	if !ok || changes == nil {
		return b
	}
	b.winch = make(chan ssh.Window, 1)
	latest := make(chan ssh.Window, 1)
	go readChanges(changes, latest)
	go b.pass(latest)
	return b
}

// readChanges keeps the latest of the client's window changes, capped, in latest (a mailbox of
// one, which it alone fills), reading them as they come. It closes latest when they end.
func readChanges(changes <-chan ssh.Window, latest chan ssh.Window) {
	defer close(latest)
	for w := range changes {
		select {
		case <-latest: // overtaken
		default:
		}
		latest <- capWindow(w)
	}
}

// pass hands the screens the latest window change, at most one per drawPace and none that
// leaves the size as it was.
func (b *boundedSession) pass(latest <-chan ssh.Window) {
	done := b.Context().Done()
	var sent ssh.Window
	first := true
	for {
		select {
		case <-done:
			return
		case w, ok := <-latest:
			if !ok {
				close(b.winch)
				return
			}
			if !first && w.Width == sent.Width && w.Height == sent.Height {
				continue
			}
			select {
			case b.winch <- w:
			case <-done:
				return
			}
			sent, first = w, false
			select {
			case <-time.After(drawPace):
			case <-done:
				return
			}
		}
	}
}

func (b *boundedSession) holder() *holder {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.who
}

func (b *boundedSession) hold(h *holder) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.who = h
}

// Read is the client's input, checked as it comes: once the session's key no longer logs in,
// nothing more reaches the screens, though the client may go on typing until it is cut off.
func (b *boundedSession) Read(p []byte) (int, error) {
	for {
		n, err := b.Session.Read(p)
		if n > 0 && b.srv.allowed(b) {
			return n, err
		}
		if err != nil {
			return 0, err
		}
	}
}

// Pty is the session's terminal with its size capped, and the capped window changes.
func (b *boundedSession) Pty() (ssh.Pty, <-chan ssh.Window, bool) {
	p, _, ok := b.Session.Pty()
	p.Window = capWindow(p.Window)
	return p, b.winch, ok
}

func capWindow(w ssh.Window) ssh.Window {
	w.Width, w.Height = min(w.Width, MaxWidth), min(w.Height, MaxHeight)
	return w
}
