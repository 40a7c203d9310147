//go:build unix

package cli

import (
	"errors"
	"os"
	"syscall"
)

// lockUnfinished holds f's flock while the backup writing it runs: a leftover whose lock can be
// taken has no backup writing it any more (its process is gone).
func lockUnfinished(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}

// inUse says whether another backup holds path's lock.
func inUse(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	return errors.Is(err, syscall.EWOULDBLOCK)
}

// isNotSupported: a file system that cannot sync a folder (some network shares) says EINVAL.
func isNotSupported(err error) bool { return errors.Is(err, syscall.EINVAL) }
