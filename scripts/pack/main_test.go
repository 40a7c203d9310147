package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// folder makes a release folder whose files were written at when, with modes a careless umask
// could give.
func folder(t *testing.T, when time.Time) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "phoneaudit-0.2.0-linux-amd64")
	files := map[string]os.FileMode{"phoneaudit": 0o775, "README.md": 0o664, "templates/zh.txt.tmpl": 0o600}
	for name, mode := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("contents of "+name), mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, when, when); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestPackIsReproducible: the same files packed at other times from other folders make the same
// bytes, entries sorted, each with the commit's time and a mode of 0755 or 0644.
func TestPackIsReproducible(t *testing.T) {
	mtime := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	want := []string{
		"phoneaudit-0.2.0-linux-amd64/ 755",
		"phoneaudit-0.2.0-linux-amd64/README.md 644",
		"phoneaudit-0.2.0-linux-amd64/phoneaudit 755",
		"phoneaudit-0.2.0-linux-amd64/templates/ 755",
		"phoneaudit-0.2.0-linux-amd64/templates/zh.txt.tmpl 644",
	}
	for _, ext := range []string{".tar.gz", ".zip"} {
		t.Run(ext, func(t *testing.T) {
			var archives [][]byte
			for _, when := range []time.Time{time.Now(), time.Now().Add(-time.Hour)} {
				out := filepath.Join(t.TempDir(), "a"+ext)
				if err := pack(folder(t, when), out, mtime); err != nil {
					t.Fatal(err)
				}
				b, err := os.ReadFile(out)
				if err != nil {
					t.Fatal(err)
				}
				archives = append(archives, b)
			}
			if !bytes.Equal(archives[0], archives[1]) {
				t.Error("two packs of the same files differ")
			}
			got := entries(t, ext, archives[0], mtime)
			if !slices.Equal(got, want) {
				t.Errorf("entries\n%q\nwant\n%q", got, want)
			}
		})
	}
}

// entries reads an archive back: each entry's name and mode, checking its time and contents.
func entries(t *testing.T, ext string, b []byte, mtime time.Time) []string {
	t.Helper()
	var out []string
	check := func(name string, mode os.FileMode, mod time.Time, r io.Reader) {
		if !mod.Equal(mtime) {
			t.Errorf("%s: time %v, want %v", name, mod, mtime)
		}
		out = append(out, fmt.Sprintf("%s %o", name, mode.Perm()))
		if mode.IsDir() {
			return
		}
		body, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		if want := "contents of " + name[len("phoneaudit-0.2.0-linux-amd64/"):]; string(body) != want {
			t.Errorf("%s holds %q, want %q", name, body, want)
		}
	}
	if ext == ".zip" {
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			check(f.Name, f.Mode(), f.Modified, r)
			r.Close()
		}
		return out
	}
	gz, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		if h.Uid != 0 || h.Gid != 0 || h.Uname != "" || h.Gname != "" {
			t.Errorf("%s: owner %d:%d %q:%q, want 0:0 and no names", h.Name, h.Uid, h.Gid, h.Uname, h.Gname)
		}
		check(h.Name, h.FileInfo().Mode(), h.ModTime, tr)
	}
}
