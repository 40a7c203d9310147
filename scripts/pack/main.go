// Command pack writes a folder into a release archive: .tar.gz (Linux) or .zip (Windows, where
// no tar is at hand). scripts/release.sh runs it; Go writes both, so a CI machine needs neither
// zip nor a particular tar.
//
//	go run ./scripts/pack -mtime 1777680000 DIR ARCHIVE.tar.gz|ARCHIVE.zip
//
// The archive holds DIR's base name as its one top folder. It is reproducible: the same files
// make the same bytes, whoever packs them and when. Entries are in sorted order, every one
// carries -mtime (the commit's date), owners are 0, and modes are 0755 (folders, executables)
// or 0644, whatever the umask of the machine that built them.
package main

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

func main() {
	mtime := flag.Int64("mtime", 0, "the time every entry carries, in `SECONDS` since 1970 (the commit's: git log -1 --format=%ct)")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: pack -mtime SECONDS DIR ARCHIVE.tar.gz|ARCHIVE.zip")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 2 {
		flag.Usage()
		os.Exit(2)
	}
	if err := pack(flag.Arg(0), flag.Arg(1), time.Unix(*mtime, 0).UTC()); err != nil {
		fmt.Fprintln(os.Stderr, "pack:", err)
		os.Exit(1)
	}
}

// entry is one file or folder of the archive.
type entry struct {
	name string // slash-separated, under the top folder; folders end in /
	path string // on disk
	mode fs.FileMode
	size int64
}

// pack writes dir into the archive at out, its kind chosen by out's name.
func pack(dir, out string, mtime time.Time) (err error) {
	entries, err := list(dir)
	if err != nil {
		return err
	}
	write := writeTarGz
	switch {
	case strings.HasSuffix(out, ".zip"):
		write = writeZip
	case !strings.HasSuffix(out, ".tar.gz"):
		return fmt.Errorf("%s: the archive's name must end in .tar.gz or .zip", out)
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(out)
		}
	}()
	if err := write(f, entries, mtime); err != nil {
		return fmt.Errorf("writing %s: %w", out, err)
	}
	return nil
}

// list walks dir in sorted order (WalkDir reads each folder sorted by name).
func list(dir string) ([]entry, error) {
	top := filepath.Base(filepath.Clean(dir))
	var entries []entry
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		name := path.Join(top, filepath.ToSlash(rel))
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			entries = append(entries, entry{name: name + "/", path: p, mode: fs.ModeDir | 0o755})
		case info.Mode().IsRegular():
			mode := fs.FileMode(0o644)
			if info.Mode()&0o100 != 0 {
				mode = 0o755
			}
			entries = append(entries, entry{name: name, path: p, mode: mode, size: info.Size()})
		default:
			return fmt.Errorf("%s: only files and folders go into a release archive", p)
		}
		return nil
	})
	if err == nil && len(entries) < 2 {
		err = errors.New(dir + ": nothing to pack")
	}
	return entries, err
}

func writeTarGz(w io.Writer, entries []entry, mtime time.Time) error {
	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	gz.ModTime = mtime // and no file name in the header
	tw := tar.NewWriter(gz)
	for _, e := range entries {
		h := &tar.Header{Name: e.name, Mode: int64(e.mode.Perm()), ModTime: mtime, Format: tar.FormatPAX}
		if e.mode.IsDir() {
			h.Typeflag = tar.TypeDir
		} else {
			h.Typeflag, h.Size = tar.TypeReg, e.size
		}
		if err := tw.WriteHeader(h); err != nil {
			return err
		}
		if !e.mode.IsDir() {
			if err := copyFile(tw, e); err != nil {
				return err
			}
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

func writeZip(w io.Writer, entries []entry, mtime time.Time) error {
	zw := zip.NewWriter(w)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Modified: mtime, Method: zip.Deflate}
		h.SetMode(e.mode)
		if e.mode.IsDir() {
			h.Method = zip.Store
		}
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if !e.mode.IsDir() {
			if err := copyFile(fw, e); err != nil {
				return err
			}
		}
	}
	return zw.Close()
}

// copyFile copies an entry's file, which must still have the size it was listed with.
func copyFile(w io.Writer, e entry) error {
	f, err := os.Open(e.path)
	if err != nil {
		return err
	}
	defer f.Close()
	n, err := io.Copy(w, f)
	if err == nil && n != e.size {
		err = fmt.Errorf("%s changed while it was packed", e.path)
	}
	return err
}
