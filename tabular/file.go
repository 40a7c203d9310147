package tabular

import (
	"bufio"
	"errors"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"phoneaudit/internal/fault"
	"strconv"
	"strings"
)

// WriteFile writes a table to path, choosing the format by extension: .csv is UTF-8 CSV with
// a BOM (so Excel shows the Chinese), .xlsx a workbook whose sheet is named after the file.
// The file appears whole or not at all: it is written to a temporary file in the same folder,
// flushed to disk and renamed over path, and on any error nothing is left behind. The new
// file's permissions are 0666 less the umask, as for any file the user creates.
func WriteFile(path string, header []string, rows [][]string) error {
	return WriteFileTyped(path, header, rows, nil)
}

// WriteFileTyped is WriteFile with numeric columns for .xlsx, as in WriteXLSXTyped; a CSV file
// has no types and is written as WriteFile does.
func WriteFileTyped(path string, header []string, rows [][]string, numeric []bool) error {
	name := filepath.Base(path)
	var write func(io.Writer) error
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".csv":
		write = func(w io.Writer) error { return WriteCSV(w, header, rows, true) }
	case ".xlsx":
		sheet := strings.TrimSuffix(name, filepath.Ext(name))
		write = func(w io.Writer) error { return WriteXLSXTyped(w, sheet, header, rows, numeric) }
	default:
		return fault.New(ErrFileType, "%s", name)
	}
	if err := writeAtomic(path, write); err != nil {
		return fault.New(err, "cannot write %s", name)
	}
	return nil
}

// WriteBytes writes data to path as WriteFile writes a table: through a temporary file renamed
// into place once on disk, so no half-written file is ever left, with mode 0666 less the umask.
func WriteBytes(path string, data []byte) error {
	if err := writeAtomic(path, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
		return fault.New(err, "cannot write %s", filepath.Base(path))
	}
	return nil
}

// writeAtomic runs write on a temporary file beside path and renames it to path once it is
// safely on disk.
func writeAtomic(path string, write func(io.Writer) error) (err error) {
	tmp, err := createTemp(path)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 64<<10)
	if err := write(bw); err != nil {
		return pathErrCause(err)
	}
	if err := bw.Flush(); err != nil {
		return pathErrCause(err)
	}
	if err := tmp.Sync(); err != nil {
		return pathErrCause(err)
	}
	if err := tmp.Close(); err != nil {
		return pathErrCause(err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fault.New(pathErrCause(err), "cannot replace it (is it open in another program?)")
	}
	syncDir(filepath.Dir(path))
	return nil
}

// createTemp creates a new hidden file beside path. Unlike os.CreateTemp (which uses 0600) it
// asks for 0666, so the kernel applies the umask just as for the final file; changing the
// umask to read it would race with other goroutines creating files.
func createTemp(path string) (*os.File, error) {
	dir, base := filepath.Split(path)
	for range 100 {
		name := filepath.Join(dir, "."+base+"."+strconv.FormatUint(rand.Uint64(), 36)+".tmp")
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, fault.New(pathErrCause(err), "folder %s", folderLabel(dir))
		}
	}
	return nil, fault.New(ErrNoTemp, "folder %s", folderLabel(dir))
}

// folderLabel names the folder of a path for messages.
func folderLabel(dir string) string {
	if dir == "" {
		return "."
	}
	return filepath.Clean(dir)
}

// The kinds of a file that cannot be written, beside the system's own errors.
var (
	ErrFileType = errors.New("only .csv and .xlsx files can be written")
	ErrNoTemp   = errors.New("cannot create a temporary file")
)

// pathErrCause strips the operation and the temporary file's name from err, which would only
// puzzle a clerk, keeping the cause (still matchable with errors.Is).
func pathErrCause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// syncDir makes the rename itself durable. It is best effort: a rename that is not yet on disk
// leaves the old file or the new one, never a broken one, and Windows cannot sync folders.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	d.Close()
}
