package cli

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"phoneaudit/internal/fault"
	"phoneaudit/publish"
	"phoneaudit/store"
)

// unfinishedSuffix ends the name of a backup still being written: FILE.phoneaudit-unfinished
// beside FILE, and FILE.witness.phoneaudit-unfinished for its witness file.
const unfinishedSuffix = ".phoneaudit-unfinished"

// backupFile writes a backup of the database to path, a new file, all or nothing: the store
// copies the database (VACUUM INTO) into a temporary file in the same folder and checks it
// (integrity, chain head); the file is synced, then renamed to path and the folder synced. The
// witness file beside the database, when there is one, is copied beside the backup the same way,
// renamed just before it. A killed backup leaves nothing under path, only its temporary files,
// which the next backup into the folder removes and names (removed). It refuses to overwrite a
// file; the copy gets mode 0600 like the database.
func backupFile(ctx context.Context, s *store.Store, path string) (removed []string, err error) {
	if err := s.RequireLead(ctx, store.ActionBackup); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if _, err := os.Lstat(abs); err == nil {
		return nil, fault.New(store.ErrAlreadyExist, "%s already exists; choose a new file name for the backup", path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fault.New(err, "cannot write the backup %s", path)
	}
	dir := filepath.Dir(abs)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, fault.New(fault.New(fs.ErrNotExist, "the folder %s", dir), "cannot write the backup %s", path)
	}
	removed = removeUnfinished(dir)
	tmp := abs + unfinishedSuffix
	// Made first so it has mode 0600 from the start; VACUUM INTO needs it empty. Its lock says a
	// backup is writing it.
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_RDWR, 0o600)
	if err != nil {
		return removed, fault.New(err, "cannot write the backup %s", path)
	}
	defer f.Close()
	if err := lockUnfinished(f); err != nil {
		return removed, fault.New(err, "cannot write the backup %s", path)
	}
	done := false
	defer func() {
		if !done {
			os.Remove(tmp)
			os.Remove(tmp + "-journal")
		}
	}()
	if err := s.Backup(ctx, tmp); err != nil {
		return removed, fault.New(err, "cannot write the backup %s", path)
	}
	if err := f.Sync(); err != nil { // the same file SQLite wrote: its pages reach the disk
		return removed, fault.New(err, "cannot write the backup %s", path)
	}
	if err := f.Close(); err != nil { // Windows renames no open file
		return removed, fault.New(err, "cannot write the backup %s", path)
	}
	witness, err := copyWitness(s.Path(), abs)
	if err != nil {
		return removed, fault.New(err, "cannot write the backup %s", path)
	}
	if witness != "" {
		defer os.Remove(witness) // gone by then when it was renamed
		if _, err := os.Lstat(publish.WitnessPath(abs)); err == nil {
			return removed, fault.New(store.ErrAlreadyExist, "%s already exists; choose a new file name for the backup", publish.WitnessPath(path))
		}
		if err := os.Rename(witness, publish.WitnessPath(abs)); err != nil {
			return removed, fault.New(err, "cannot write the backup %s", path)
		}
	}
	if err := os.Rename(tmp, abs); err != nil {
		if witness != "" {
			os.Remove(publish.WitnessPath(abs))
		}
		return removed, fault.New(err, "cannot write the backup %s", path)
	}
	done = true
	if err := syncDir(dir); err != nil {
		return removed, fault.New(err, "the backup %s is written, but its folder could not be synced", path)
	}
	return removed, nil
}

// copyWitness copies the database's witness file, when there is one, to a synced temporary file
// beside the backup and returns its name ("" when the database has no witness file).
func copyWitness(db, backup string) (string, error) {
	src, err := os.Open(publish.WitnessPath(db))
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	defer src.Close()
	tmp := publish.WitnessPath(backup) + unfinishedSuffix
	dst, err := os.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return "", err
	}
	_, err = io.Copy(dst, src)
	if err == nil {
		err = dst.Sync()
	}
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return "", err
	}
	return tmp, nil
}

// removeUnfinished removes the temporary files killed backups left in dir (never those of a
// backup still running: it holds their lock) and returns their names.
func removeUnfinished(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var removed []string
	for _, e := range entries {
		name := e.Name()
		base, journal := strings.CutSuffix(name, "-journal")
		if !strings.HasSuffix(base, unfinishedSuffix) || !e.Type().IsRegular() {
			continue
		}
		p := filepath.Join(dir, name)
		if journal {
			if _, err := os.Lstat(filepath.Join(dir, base)); err == nil {
				continue // removed with its file, or in use with it
			}
		} else if inUse(p) {
			continue
		}
		if os.Remove(p) == nil {
			removed = append(removed, p)
			if !journal && os.Remove(p+"-journal") == nil {
				removed = append(removed, p+"-journal")
			}
		}
	}
	return removed
}

// syncDir makes a rename in dir last.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, errors.ErrUnsupported) && !isNotSupported(err) {
		return err
	}
	return nil
}
