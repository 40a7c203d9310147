package publish_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"testing"

	"phoneaudit/publish"
)

// TestWitnessLines: each publication appends its round, time, head and kind to the witness file
// beside the database, once; ReadWitness reads them back and names a damaged line.
func TestWitnessLines(t *testing.T) {
	s, path := demoStore(t)
	ctx := context.Background()
	if got := publish.WitnessPath(path); got != path+".witness" {
		t.Fatalf("WitnessPath(%s) = %s", path, got)
	}
	lines, err := publish.ReadWitness(path)
	if err != nil || len(lines) != 4 {
		t.Fatalf("the demo's witness: %d lines, %v", len(lines), err)
	}
	r, _ := s.FindRound(ctx, "5")
	rep, err := publish.Round(ctx, s, r)
	if err != nil {
		t.Fatal(err)
	}
	r, _ = s.FindRound(ctx, "5")
	if _, err := publish.Round(ctx, s, r); err != nil {
		t.Fatal(err)
	}
	lines, err = publish.ReadWitness(path)
	if err != nil || len(lines) != 5 {
		t.Fatalf("after publishing round 5 (twice): %d lines, %v", len(lines), err)
	}
	last := lines[4]
	if last.Round != 5 || last.Head != rep.LedgerHead || last.Kind != publish.WitnessPublication || !last.At.Equal(s.Now()) {
		t.Errorf("the line of round 5: %+v, head %s", last, rep.LedgerHead)
	}

	if err := os.WriteFile(publish.WitnessPath(path), []byte(last.String()+"\n5\tyesterday\tabc\tpublication\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var bad *publish.WitnessLineError
	if _, err := publish.ReadWitness(path); !errors.As(err, &bad) || bad.Line != 2 {
		t.Errorf("a damaged line: %v", err)
	}
	os.Remove(publish.WitnessPath(path))
	if _, err := publish.ReadWitness(path); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("no witness file: %v", err)
	}
}
