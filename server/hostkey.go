package server

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"

	gossh "golang.org/x/crypto/ssh"
)

// loadHostKey reads the server's private key, creating it on first start. The key must stay
// the same from one start to the next, or every client's known_hosts would cry "man in the
// middle". wish.WithHostKeyPath would create it too, but it also forces the key's folder to
// 0700 — the database's folder, which a team may share on purpose — and writes a .pub file.
func loadHostKey(path string) (signer gossh.Signer, created, tightened bool, err error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		if data, err = createHostKey(path); err != nil {
			return nil, false, false, err
		}
		created = true
	} else if err != nil {
		return nil, false, false, fmt.Errorf("cannot read the host key %s: %w", path, err)
	} else if tightened, err = tightenMode(path); err != nil {
		return nil, false, false, err
	}
	signer, err = gossh.ParsePrivateKey(data)
	var missing *gossh.PassphraseMissingError
	switch {
	case errors.As(err, &missing):
		return nil, false, false, fmt.Errorf("the host key %s is protected by a passphrase: give a key without one, or delete it to have a new one made", path)
	case err != nil:
		return nil, false, false, fmt.Errorf("the host key %s is not an SSH private key: %w", path, err)
	}
	return signer, created, tightened, nil
}

// createHostKey writes a new ed25519 key readable by its owner only. O_EXCL: two servers
// started at once must not overwrite each other's key.
func createHostKey(path string) ([]byte, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("making a host key: %w", err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "phoneaudit serve")
	if err != nil {
		return nil, fmt.Errorf("making a host key: %w", err)
	}
	data := pem.EncodeToMemory(block)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("cannot create the host key %s: %w", path, err)
	}
	if _, err = f.Write(data); err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return nil, fmt.Errorf("cannot write the host key %s: %w", path, err)
	}
	// The umask can only take bits away from 0600, but a key readable by others is a leak:
	// make sure of the mode rather than trust the open.
	if err := os.Chmod(path, 0o600); err != nil {
		return nil, fmt.Errorf("cannot make the host key %s private: %w", path, err)
	}
	return data, nil
}

// tightenMode makes an existing host key private to its owner, as sshd insists on.
func tightenMode(path string) (bool, error) {
	if runtime.GOOS == "windows" {
		return false, nil // mode bits mean nothing there
	}
	st, err := os.Stat(path)
	if err != nil {
		return false, fmt.Errorf("cannot read the host key %s: %w", path, err)
	}
	if st.Mode().Perm()&0o077 == 0 {
		return false, nil
	}
	if err := os.Chmod(path, 0o600); err != nil {
		return false, fmt.Errorf("the host key %s can be read by other users and cannot be made private (chmod 600 it): %w", path, err)
	}
	return true, nil
}
