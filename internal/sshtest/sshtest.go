// Package sshtest is the terminal of the tests that log in over SSH, the server's and the
// end-to-end test of the binary: keys to log in with, and a session whose output a terminal
// emulator draws, so that a wait reads the screen as a person sees it. Only tests import it.
package sshtest

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"strings"
	"sync"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// The terminal every session asks for.
const Width, Height = 100, 30

// NewSigner is a new ed25519 key to log in with.
func NewSigner(t testing.TB) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// KeyLine is an authorized_keys line for the signer's key with comment.
func KeyLine(s gossh.Signer, comment string) string {
	return strings.TrimSpace(string(gossh.MarshalAuthorizedKey(s.PublicKey()))) + " " + comment
}

// ExitStatus is the remote exit code of a finished session (0 when it ended well).
func ExitStatus(err error) int {
	var exit *gossh.ExitError
	if errors.As(err, &exit) {
		return exit.ExitStatus()
	}
	if err != nil {
		return -1
	}
	return 0
}

// Buffer is a bytes.Buffer safe for a writer and a reader on different goroutines: a server's
// log, a process's output.
type Buffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *Buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *Buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
