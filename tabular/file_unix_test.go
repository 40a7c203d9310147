//go:build unix

package tabular

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestWriteFileRespectsUmask changes the process umask, so it must not run in parallel.
func TestWriteFileRespectsUmask(t *testing.T) {
	for _, tt := range []struct {
		umask int
		want  os.FileMode
	}{
		{0o022, 0o644},
		{0o027, 0o640},
		{0o077, 0o600},
	} {
		old := syscall.Umask(tt.umask)
		path := filepath.Join(t.TempDir(), "out.xlsx")
		err := WriteFile(path, []string{"单位"}, nil)
		syscall.Umask(old)
		must(t, err)
		info, err := os.Stat(path)
		must(t, err)
		if got := info.Mode().Perm(); got != tt.want {
			t.Errorf("umask %03o: mode %03o, want %03o", tt.umask, got, tt.want)
		}
	}
}
