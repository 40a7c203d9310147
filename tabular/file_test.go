package tabular

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// entries lists the names in dir.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	list, err := os.ReadDir(dir)
	must(t, err)
	var names []string
	for _, e := range list {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteFileErrorsLeaveNothing(t *testing.T) {
	tests := []struct {
		name    string
		path    string // relative to a fresh folder
		wantErr string
	}{
		{"missing folder", "missing/out.csv", "cannot write out.csv: folder "},
		{"missing folder xlsx", "missing/out.xlsx", "cannot write out.xlsx: folder "},
		{"unknown extension", "out.txt", "out.txt: only .csv and .xlsx files can be written"},
		{"a folder in the way", "taken.csv", "cannot write taken.csv: cannot replace it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			must(t, os.Mkdir(filepath.Join(dir, "taken.csv"), 0o755))
			err := WriteFile(filepath.Join(dir, tt.path), []string{"单位"}, [][]string{{"市教育局"}})
			if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
				t.Fatalf("got error %v, want %q…", err, tt.wantErr)
			}
			if strings.Contains(err.Error(), ".tmp") {
				t.Errorf("the error shows the temporary file: %v", err)
			}
			if got := entries(t, dir); len(got) != 1 || got[0] != "taken.csv" {
				t.Errorf("left behind: %v", got)
			}
		})
	}
}

func TestWriteFileMissingFolderIsNotExist(t *testing.T) {
	err := WriteFile(filepath.Join(t.TempDir(), "no", "out.csv"), nil, nil)
	if !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("got %v, want an error matching os.ErrNotExist", err)
	}
}

func TestWriteAtomicFailureKeepsTheOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	must(t, os.WriteFile(path, []byte("old"), 0o644))
	err := writeAtomic(path, func(w io.Writer) error {
		if _, err := w.Write([]byte(strings.Repeat("half of a new file ", 10000))); err != nil {
			return err
		}
		return errors.New("disk full")
	})
	if err == nil || err.Error() != "disk full" {
		t.Fatalf("got %v, want the writer's error", err)
	}
	if got := entries(t, dir); len(got) != 1 {
		t.Fatalf("left behind: %v", got)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Fatalf("the old file was changed to %q…", b[:min(len(b), 20)])
	}
}

func TestWriteFileReplaces(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	must(t, WriteFile(path, []string{"单位"}, [][]string{{"市教育局"}, {"市公安局"}, {"市民政局"}}))
	must(t, WriteFile(path, []string{"单位"}, [][]string{{"新"}}))
	b, err := os.ReadFile(path)
	must(t, err)
	if want := "\uFEFF单位\r\n新\r\n"; string(b) != want {
		t.Fatalf("got %q, want %q", b, want)
	}
	if got := entries(t, dir); len(got) != 1 {
		t.Fatalf("left behind: %v", got)
	}
}

func TestRead(t *testing.T) {
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, "a.CSV"), []byte("单位,科室\n市教育局,办公室\n"), 0o644))
	for _, name := range []string{"a.txt", "a", "b.xls"} {
		must(t, os.WriteFile(filepath.Join(dir, name), []byte("单位,科室\n"), 0o644))
	}
	tests := []struct{ file, wantErr string }{
		{"a.CSV", ""},
		{"a.txt", "a.txt: only .csv and .xlsx files can be read"},
		{"a", "a: only .csv and .xlsx files can be read"},
		{"b.xls", "b.xls: old Excel .xls files cannot be read; in Excel save it as .xlsx or CSV"},
		{"gone.csv", "cannot open gone.csv: "},
	}
	for _, tt := range tests {
		got, err := Read(filepath.Join(dir, tt.file), officeCols)
		checkResult(t, got, err, []Record{rec(2, "市教育局", "办公室", "")}, tt.wantErr)
	}
}
