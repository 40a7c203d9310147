// Package tabular reads and writes the tables that phoneaudit imports and exports: CSV (UTF-8,
// UTF-8 with BOM, GBK/GB18030) and Excel .xlsx. It finds the header row by column names below
// any title rows, trims cells, undoes and applies the guard against spreadsheet formulas, and
// writes files so that a crash never leaves half of one behind. It knows nothing of the
// database or of what the columns mean.
package tabular

import (
	"io"
	"os"
	"path/filepath"
	"phoneaudit/internal/fault"
	"strings"
)

// maxInputSize bounds what is read into memory. A city's lists and a county's history are a few
// megabytes; anything near this is the wrong file, and is refused before it eats the memory.
const maxInputSize = 64 << 20

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1} // .xls and encrypted .xlsx
)

// Read reads a .csv or .xlsx file (chosen by extension, case-insensitive; anything else is an
// error naming the file) and returns its data rows under the header row.
//
// The header row is the first row, within the first 30, that names every required column (and
// at least one column); rows above it (Excel title rows) are skipped, unknown columns are
// ignored, and so are rows whose wanted columns are all blank. Errors are one line naming the
// file and, where there is one, the line: `offices.csv line 12: unterminated quote`.
func Read(path string, cols []Column) ([]Record, error) {
	name := filepath.Base(path)
	var read func(io.Reader, string, []Column) ([]Record, error)
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".csv":
		read = ReadCSV
	case ".xlsx":
		read = ReadXLSX
	case ".xls":
		return nil, fault.New(nil, "%s: old Excel .xls files cannot be read; in Excel save it as .xlsx or CSV", name)
	default:
		return nil, fault.New(nil, "%s: only .csv and .xlsx files can be read", name)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fault.New(err, "cannot open %s", name)
	}
	defer f.Close()
	return read(f, name, cols)
}

// readAllLimited reads r whole, refusing more than maxInputSize bytes.
func readAllLimited(r io.Reader, name string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxInputSize+1))
	if err != nil {
		return nil, fault.New(err, "cannot read %s", name)
	}
	if len(data) > maxInputSize {
		return nil, fault.New(nil, "%s: the file is larger than %d MB; is it the right file?", name, maxInputSize>>20)
	}
	return data, nil
}
