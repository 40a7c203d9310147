package recording

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestHash(t *testing.T) {
	path := filepath.Join(t.TempDir(), "上午场.wav")
	if err := os.WriteFile(path, []byte("RIFF fake audio"), 0o600); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte("RIFF fake audio"))
	if got, err := (Files{}).Hash(path); err != nil || got != hex.EncodeToString(sum[:]) {
		t.Errorf("Hash = %q, %v", got, err)
	}
	if st, err := (Files{}).Stat(path); err != nil || !st.Mode().IsRegular() {
		t.Errorf("Stat = %v, %v", st, err)
	}
	missing := filepath.Join(t.TempDir(), "missing.wav")
	if _, err := Hash(missing); !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "missing.wav") {
		t.Errorf("a missing file: %v, want an error naming it", err)
	}
}
