package publish

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"phoneaudit/store"
)

// The witness file keeps, beside the database, a copy of every 数据校验码 a publication or a
// correction printed: one line each, appended and synced once the store has published it, so
// that rewriting the chain consistently also means finding and changing a second file (which
// `backup` copies beside its copy). `verify` checks it when it is there.
//
// Each line is: the round's number, the time (RFC 3339, UTC), the head, and the kind
// (publication or correction), separated by tabs.

// WitnessPath is the witness file of the database at dbPath: dbPath + ".witness".
func WitnessPath(dbPath string) string { return dbPath + ".witness" }

// The kinds of a witness line.
const (
	WitnessPublication = "publication"
	WitnessCorrection  = "correction"
)

// WitnessLine is one line of a witness file.
type WitnessLine struct {
	Round int
	At    time.Time
	Head  string
	Kind  string // WitnessPublication or WitnessCorrection
}

func (w WitnessLine) String() string {
	return fmt.Sprintf("%d\t%s\t%s\t%s", w.Round, w.At.UTC().Format(time.RFC3339), w.Head, w.Kind)
}

// WitnessError says a publication or a correction was made but its line could not be written to
// the witness file: the database has it, the witness file does not (verify will say so).
type WitnessError struct {
	Path string
	Err  error
}

func (e *WitnessError) Error() string {
	return fmt.Sprintf("published, but the witness file %s could not be written: %v", e.Path, e.Err)
}

func (e *WitnessError) Unwrap() error { return e.Err }

// WitnessLineError says a line of a witness file is not one phoneaudit writes.
type WitnessLineError struct {
	Path string
	Line int
	Text string
}

func (e *WitnessLineError) Error() string {
	return fmt.Sprintf("line %d of the witness file %s is not round, time, head and kind separated by tabs: %q", e.Line, e.Path, e.Text)
}

// AppendWitness appends w to the witness file of the database at dbPath and syncs it to disk
// (and the folder, when the file is new). A database with no path (none yet) has no witness.
func AppendWitness(dbPath string, w WitnessLine) error {
	if dbPath == "" || w.Head == "" {
		return nil
	}
	path := WitnessPath(dbPath)
	_, statErr := os.Stat(path)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return &WitnessError{Path: path, Err: err}
	}
	_, err = f.WriteString(w.String() + "\n")
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && errors.Is(statErr, os.ErrNotExist) {
		err = syncDir(filepath.Dir(path))
	}
	if err != nil {
		return &WitnessError{Path: path, Err: err}
	}
	return nil
}

// syncDir makes a new file's name durable (nothing to do where folders cannot be synced).
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) && !errors.Is(err, os.ErrPermission) {
		return err
	}
	return nil
}

// ReadWitness reads the witness file of the database at dbPath. An error wrapping
// os.ErrNotExist: there is none; a *WitnessLineError: a line is damaged.
func ReadWitness(dbPath string) ([]WitnessLine, error) {
	path := WitnessPath(dbPath)
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []WitnessLine
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" {
			continue
		}
		w, ok := parseWitness(text)
		if !ok {
			return out, &WitnessLineError{Path: path, Line: n, Text: text}
		}
		out = append(out, w)
	}
	return out, sc.Err()
}

func parseWitness(text string) (WitnessLine, bool) {
	f := strings.Split(text, "\t")
	if len(f) != 4 {
		return WitnessLine{}, false
	}
	var w WitnessLine
	var err error
	if w.Round, err = strconv.Atoi(f[0]); err != nil {
		return w, false
	}
	if w.At, err = time.Parse(time.RFC3339, f[1]); err != nil {
		return w, false
	}
	w.Head, w.Kind = strings.ToLower(f[2]), f[3]
	if len(w.Head) != 64 || strings.Trim(w.Head, "0123456789abcdef") != "" {
		return w, false
	}
	return w, w.Kind == WitnessPublication || w.Kind == WitnessCorrection
}

// witness appends the line of a publication or a correction just made.
func witness(s *store.Store, round int, head, kind string) error {
	return AppendWitness(s.Path(), WitnessLine{Round: round, At: s.Now().UTC(), Head: head, Kind: kind})
}
