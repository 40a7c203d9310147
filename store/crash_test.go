package store_test

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"phoneaudit/scoring"
	"phoneaudit/store"
)

// crashKills is how many times TestCrash kills its writer: 20, or 200 with PHONEAUDIT_SOAK=1.
func crashKills() int {
	if os.Getenv("PHONEAUDIT_SOAK") == "1" {
		return 200
	}
	return 20
}

// TestCrash kills a writing process with SIGKILL at random moments. After each kill the file
// passes SQLite's integrity check, and everything the writer reported committed is there: the
// note it last reported saved (or the next one, committed but not yet reported) and the answers.
func TestCrash(t *testing.T) {
	if os.Getenv("PHONEAUDIT_CRASH_CHILD") != "" {
		t.Skip("a child of TestCrash")
	}
	f := newFixture(t)
	ctx := context.Background()
	call := f.calls[0].ID
	if _, err := f.s.AddAttempt(ctx, call, f.s.Now(), scoring.Connected); err != nil {
		t.Fatal(err)
	}
	sheet, err := f.s.Draft(ctx, call, f.caller.Name)
	if err != nil {
		t.Fatal(err)
	}
	f.s.Close()
	rng := rand.New(rand.NewPCG(1, 2))
	next := 0
	for kill := range crashKills() {
		reported := runAndKill(t, f.path, call, sheet, next, time.Duration(20+rng.IntN(200))*time.Millisecond)
		db := openRaw(t, f.path)
		var ok, notes string
		if err := db.QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
			t.Fatalf("kill %d: integrity_check = %q, %v", kill, ok, err)
		}
		if err := db.QueryRow("SELECT notes FROM calls WHERE id = ?", call).Scan(&notes); err != nil {
			t.Fatal(err)
		}
		n, _ := strconv.Atoi(notes)
		if reported >= 0 && n != reported && n != reported+1 {
			t.Fatalf("kill %d: the writer reported note %d saved, the file holds %q", kill, reported, notes)
		}
		checkCrashAnswers(t, db, sheet, n)
		db.Close()
		next = n + 1
	}
	// The writers must have got somewhere, or the kills proved nothing.
	if next < 10*crashKills() {
		t.Errorf("only %d saves in %d runs", next, crashKills())
	}
	t.Logf("%d kills, %d saves", crashKills(), next)
}

// checkCrashAnswers: save k set criterion contentionKeys[k%5] to k%2 before its note, so the
// answers hold the values of the saves up to n — all but the oldest key of the window, which the
// next save (committed, perhaps, before its note) may already have set again.
func checkCrashAnswers(t *testing.T, db *sql.DB, sheet int64, n int) {
	t.Helper()
	for k := max(1, n-len(contentionKeys)+2); k <= n; k++ {
		var v int
		key := contentionKeys[k%len(contentionKeys)]
		if err := db.QueryRow("SELECT value FROM answers WHERE sheet_id = ? AND criterion = ?", sheet, key).Scan(&v); err != nil {
			t.Fatalf("answer %s of save %d: %v", key, k, err)
		}
		if v != k%2 {
			t.Fatalf("answer %s = %d after save %d, want %d", key, v, k, k%2)
		}
	}
}

// runAndKill starts a writer from save `from`, kills it after d, and returns the last save it
// reported committed (-1 when none).
func runAndKill(t *testing.T, path string, call, sheet int64, from int, d time.Duration) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), fmt.Sprintf("PHONEAUDIT_CRASH_CHILD=%s|%d|%d|%d", path, call, sheet, from))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	reported := -1
	done := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if v, ok := strings.CutPrefix(sc.Text(), "saved "); ok {
				reported, _ = strconv.Atoi(v)
			}
		}
		close(done)
	}()
	time.Sleep(d)
	cmd.Process.Signal(syscall.SIGKILL)
	<-done
	cmd.Wait()
	return reported
}

// TestCrashChild writes until it is killed: each save sets an answer and then the note to the
// save's number, and reports it once committed.
func TestCrashChild(t *testing.T) {
	arg := os.Getenv("PHONEAUDIT_CRASH_CHILD")
	if arg == "" {
		t.Skip("runs only as a child of TestCrash")
	}
	parts := strings.Split(arg, "|")
	call, _ := strconv.ParseInt(parts[1], 10, 64)
	sheet, _ := strconv.ParseInt(parts[2], 10, 64)
	from, _ := strconv.Atoi(parts[3])
	ctx := context.Background()
	s, err := store.Open(ctx, parts[0])
	if err != nil {
		t.Fatal(err)
	}
	rub, _ := s.Rubric(ctx, 0)
	for n := from; n < from+1_000_000; n++ {
		c, _ := rub.Criterion(contentionKeys[n%len(contentionKeys)])
		if err := s.SaveAnswer(ctx, sheet, c, n%2); err != nil {
			t.Fatal(err)
		}
		if err := s.SetNotes(ctx, call, strconv.Itoa(n)); err != nil {
			t.Fatal(err)
		}
		fmt.Printf("saved %d\n", n)
	}
}
