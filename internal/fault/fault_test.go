package fault

import (
	"errors"
	"io/fs"
	"testing"
)

func TestFault(t *testing.T) {
	err := New(fs.ErrNotExist, "folder %s", "/nonexist")
	if err.Error() != "folder /nonexist: file does not exist" || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%q, is ErrNotExist %v", err, errors.Is(err, fs.ErrNotExist))
	}
	var f *Fault
	if !errors.As(err, &f) || f.Statement() != "folder /nonexist" || f.Format != "folder %s" {
		t.Errorf("the fault: %+v", f)
	}
	if f := New(nil, "the file %s is empty", "a.csv"); f.Error() != "the file a.csv is empty" || errors.Unwrap(f) != nil {
		t.Errorf("a fault without a kind: %q", f)
	}
}
