package store

import (
	"errors"
	"fmt"
	"os"
	"sync"
)

// ErrFilesChanged is a database whose files were removed or replaced outside phoneaudit while it
// was open: what it wrote since went, or would go, to a file nobody will read again, so the store
// writes nothing more. A *FilesError says which file.
var ErrFilesChanged = errors.New("the database's files were changed outside phoneaudit: nothing more can be saved")

// FilesError says which of the database's files changed under the open store.
type FilesError struct {
	Path string // the database file
	What FilesChange
}

// FilesChange is what happened to the database's files.
type FilesChange int

const (
	WALRemoved   FilesChange = iota + 1 // the -wal file is gone or is another file
	FileReplaced                        // the database file is gone or is another file
)

func (e *FilesError) Error() string {
	if e.What == WALRemoved {
		return fmt.Sprintf("the database's -wal file (%s-wal) was removed outside phoneaudit: nothing more can be saved", e.Path)
	}
	return fmt.Sprintf("the database file %s was removed or replaced outside phoneaudit: nothing more can be saved", e.Path)
}

func (e *FilesError) Unwrap() error { return ErrFilesChanged }

// fileIDs are the identities (device and inode, or their Windows likes) of the database file and
// its -wal file as the store opened them, shared by every copy of the store. Once one is found
// changed the store stays broken.
type fileIDs struct {
	mu       sync.Mutex
	db, wal  os.FileInfo
	broken   error
	disabled bool // read-only files are not watched: nothing is written to them
}

// noteFiles records the files' identities once the pools are open (the -wal exists then).
func (s *Store) noteFiles() {
	ids := s.ids
	ids.mu.Lock()
	defer ids.mu.Unlock()
	if s.readOnly {
		ids.disabled = true
		return
	}
	ids.db, _ = os.Stat(s.path)
	ids.wal, _ = os.Stat(s.path + "-wal")
}

// CheckFiles reports a *FilesError when the database file or its -wal file was removed or
// replaced since the store opened them: the screens ask on their tick, and every write asks
// first. It costs two stat calls.
func (s *Store) CheckFiles() error {
	ids := s.ids
	ids.mu.Lock()
	defer ids.mu.Unlock()
	if ids.disabled || ids.db == nil {
		return nil
	}
	if ids.broken != nil {
		return ids.broken
	}
	if now, err := os.Stat(s.path); err != nil || !os.SameFile(now, ids.db) {
		ids.broken = &FilesError{Path: s.path, What: FileReplaced}
	} else if ids.wal != nil {
		if now, err := os.Stat(s.path + "-wal"); err != nil || !os.SameFile(now, ids.wal) {
			ids.broken = &FilesError{Path: s.path, What: WALRemoved}
		}
	}
	return ids.broken
}
