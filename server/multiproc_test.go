package server

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"phoneaudit/internal/sshtest"
	"phoneaudit/internal/stats"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// The environment of a writer process (TestWriterProcess): what it does, on which file, as
// whom, and the file whose existence tells it to stop.
const (
	envWriter     = "PHONEAUDIT_TEST_WRITER" // "score" or "offices"
	envWriterDB   = "PHONEAUDIT_TEST_WRITER_DB"
	envWriterAs   = "PHONEAUDIT_TEST_WRITER_AS"
	envWriterStop = "PHONEAUDIT_TEST_WRITER_STOP"
	envWriterArgs = "PHONEAUDIT_TEST_WRITER_OFFICES" // the offices to change, "|" between them
)

// TestProcessesWriteTheSameFile: while an auditor scores calls over SSH, two other processes
// write the same database file: one as another auditor scoring their own calls through the
// store, as a local phoneaudit does, one changing offices' phone numbers as `phoneaudit offices
// set` does. No write may fail anywhere, and every write must be in the file afterwards.
func TestProcessesWriteTheSameFile(t *testing.T) {
	tm := newTeam(t, 2, 120)
	var saved timings
	srv := tm.serve(func(c *Config) { c.AnswerSaved = saved.add })
	viaSSH, local := tm.auditors[0], tm.auditors[1]
	stop := filepath.Join(tm.dir, "stop")
	changed := local.offices[len(local.offices)-10:] // calls the scorer does not reach first
	scorer := startWriter(t, "score", tm.db, local.name, stop, nil)
	setter := startWriter(t, "offices", tm.db, "", stop, changed)
	scorer.waitStarted(t)
	setter.waitStarted(t)

	const calls = 2
	sshErr := scoreCalls(srv, viaSSH, calls, time.Minute)
	if err := os.WriteFile(stop, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	scored, sets := scorer.finish(t), setter.finish(t)
	if sshErr != nil {
		t.Errorf("the SSH session: %v", sshErr)
	}
	took := saved.sorted()
	t.Logf("meanwhile the other processes scored %d calls and changed %d phone numbers; over SSH key press to commit p50 %s, max %s",
		scored, sets, rounded(stats.Percentile(took, 50)), rounded(stats.Percentile(took, 100)))
	if scored == 0 || sets == 0 {
		t.Errorf("the writers did not write while the session scored: %d calls, %d phone numbers", scored, sets)
	}
	tm.checkScored(viaSSH, calls)
	tm.checkScored(local, scored)
	tm.checkPhones(changed, sets)
}

// writer is a process of this test binary running TestWriterProcess.
type writer struct {
	job    string
	cmd    *exec.Cmd
	lines  chan string // its stdout, line by line
	stderr *sshtest.Buffer
	done   chan error
}

func startWriter(t *testing.T, job, db, as, stop string, offices []string) *writer {
	t.Helper()
	w := &writer{job: job, lines: make(chan string, 100), stderr: &sshtest.Buffer{}, done: make(chan error, 1)}
	w.cmd = exec.Command(os.Args[0], "-test.run=^TestWriterProcess$")
	w.cmd.Env = append(os.Environ(), envWriter+"="+job, envWriterDB+"="+db, envWriterAs+"="+as,
		envWriterStop+"="+stop, envWriterArgs+"="+strings.Join(offices, "|"))
	w.cmd.Stderr = w.stderr
	out, err := w.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := w.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			w.lines <- sc.Text()
		}
		close(w.lines)
		w.done <- w.cmd.Wait()
	}()
	t.Cleanup(func() { w.cmd.Process.Kill() })
	return w
}

// next is the writer's next line that starts with "writer: ", without that prefix.
func (w *writer) next(t *testing.T) (string, bool) {
	t.Helper()
	timeout := time.After(time.Minute)
	for {
		select {
		case l, ok := <-w.lines:
			if !ok {
				return "", false
			}
			if rest, mine := strings.CutPrefix(l, "writer: "); mine {
				return rest, true
			}
		case <-timeout:
			t.Fatalf("the %s writer said nothing for a minute; stderr %q", w.job, w.stderr)
		}
	}
}

func (w *writer) waitStarted(t *testing.T) {
	t.Helper()
	if l, ok := w.next(t); !ok || l != "started" {
		t.Fatalf("the %s writer did not start: %q; stderr %q", w.job, l, w.stderr)
	}
}

// finish waits for the writer to stop and returns how many writes it made.
func (w *writer) finish(t *testing.T) int {
	t.Helper()
	l, ok := w.next(t)
	n, err := strconv.Atoi(strings.TrimPrefix(l, "done "))
	if !ok || err != nil {
		t.Errorf("the %s writer failed: %q; stderr:\n%s", w.job, l, w.stderr)
	}
	for range w.lines {
	}
	if err := <-w.done; err != nil {
		t.Errorf("the %s writer ended with %v; stderr:\n%s", w.job, err, w.stderr)
	}
	return n
}

// writerPhone is the phone number the offices writer gives in its i-th change.
func writerPhone(i int) string { return fmt.Sprintf("0572%07d", i) }

// checkPhones checks that the offices have the numbers of the last of n changes made in turn.
func (tm *team) checkPhones(offices []string, n int) {
	t := tm.t
	t.Helper()
	for j, o := range offices {
		if j >= n {
			break
		}
		last := j + (n-1-j)/len(offices)*len(offices)
		got, err := tm.st.FindOffice(context.Background(), teamDept, o)
		if err != nil {
			t.Fatal(err)
		}
		if got.Phone != writerPhone(last) {
			t.Errorf("%s has phone %s, want %s (change %d of %d)", o, got.Phone, writerPhone(last), last+1, n)
		}
	}
}

// TestWriterProcess is a writer process of TestProcessesWriteTheSameFile; it does nothing in a
// test run of its own.
func TestWriterProcess(t *testing.T) {
	job := os.Getenv(envWriter)
	if job == "" {
		t.Skip("a writer process of TestProcessesWriteTheSameFile")
	}
	ctx := context.Background()
	st, err := store.Open(ctx, os.Getenv(envWriterDB))
	if err != nil {
		fail(err)
	}
	defer st.Close()
	stopped := func() bool {
		_, err := os.Stat(os.Getenv(envWriterStop))
		return err == nil
	}
	var n int
	switch job {
	case "score":
		n, err = scoreOwnCalls(ctx, st.As(os.Getenv(envWriterAs)), stopped)
	case "offices":
		n, err = changePhones(ctx, st, strings.Split(os.Getenv(envWriterArgs), "|"), stopped)
	default:
		err = errors.New("no such job " + job)
	}
	if err != nil {
		fail(err)
	}
	fmt.Printf("writer: done %d\n", n)
}

// fail ends a writer process: its error is what the parent shows.
func fail(err error) {
	fmt.Printf("writer: failed: %v\n", err)
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}

// scoreOwnCalls makes and scores the actor's calls of the open round in order, as their local
// screens would, until stopped; it returns how many it scored.
func scoreOwnCalls(ctx context.Context, st *store.Store, stopped func() bool) (int, error) {
	r, _, err := st.OpenRound(ctx)
	if err != nil {
		return 0, err
	}
	calls, err := st.Calls(ctx, store.CallFilter{RoundID: r.ID})
	if err != nil {
		return 0, err
	}
	rubric := scoring.DefaultRubric()
	for i, c := range calls {
		if stopped() {
			return i, nil
		}
		if err := scoreCall(ctx, st, rubric, c.ID); err != nil {
			return i, fmt.Errorf("scoring %s: %w", c.Office, err)
		}
		if i == 0 {
			fmt.Println("writer: started")
		}
		time.Sleep(100 * time.Millisecond)
	}
	return len(calls), errors.New("ran out of calls before the stop: give the team more")
}

func scoreCall(ctx context.Context, st *store.Store, rubric scoring.Rubric, callID int64) error {
	if err := st.StartTimer(ctx, callID, workTime); err != nil {
		return err
	}
	if _, err := st.AddAttempt(ctx, callID, workTime.Add(12*time.Second), scoring.Connected); err != nil {
		return err
	}
	if err := st.SetAnswerSeconds(ctx, callID, 12); err != nil {
		return err
	}
	sheet, err := st.Draft(ctx, callID, st.Actor())
	if err != nil {
		return err
	}
	for _, cr := range rubric.Criteria {
		if v, ok := scoreAnswers[cr.Key]; ok {
			if err := st.SaveAnswer(ctx, sheet, cr, v); err != nil {
				return err
			}
		}
	}
	_, err = st.SubmitSheet(ctx, sheet)
	return err
}

// changePhones gives the offices new phone numbers in turn until stopped, as `phoneaudit
// offices set` does; it returns how many changes it made.
func changePhones(ctx context.Context, st *store.Store, offices []string, stopped func() bool) (int, error) {
	for i := 0; ; i++ {
		if stopped() {
			return i, nil
		}
		phone := writerPhone(i)
		if err := st.SetOffice(ctx, teamDept, offices[i%len(offices)], &phone, nil); err != nil {
			return i, fmt.Errorf("setting the phone of %s: %w", offices[i%len(offices)], err)
		}
		if i == 0 {
			fmt.Println("writer: started")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
