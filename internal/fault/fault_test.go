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
	if New(nil, "no kind").Error() != "no kind: unknown error" {
		t.Error("a fault without a kind does not read")
	}
}
