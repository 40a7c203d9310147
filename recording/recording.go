// Package recording reads the session recordings that calls name, for the store, which reads no
// files itself: whether a file is there, and its SHA-256, the evidence that a recording is the
// one linked.
package recording

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"os"
	"phoneaudit/internal/fault"
)

// Files reads recordings from the file system. It is what store.Open uses unless told otherwise
// (store.Options.Files).
type Files struct{}

// Stat describes the file at path.
func (Files) Stat(path string) (fs.FileInfo, error) { return os.Stat(path) }

// Hash is the SHA-256 of the file at path, in hex.
func (Files) Hash(path string) (string, error) { return Hash(path) }

// Hash is the SHA-256 of a file, in hex: the evidence that a recording is the one linked.
func Hash(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fault.New(err, "recording %s", path)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fault.New(err, "recording %s", path)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
