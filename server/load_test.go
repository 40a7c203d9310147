package server

import (
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"phoneaudit/internal/stats"
)

// keyPace is a brisk human pace: five keys a second.
const keyPace = 200 * time.Millisecond

// loadSize is how many sessions score how many answers each, and how long one screen may take
// to come: a small run by default, the full one with PHONEAUDIT_SOAK=1.
func loadSize() (sessions, answers int, wait time.Duration) {
	if os.Getenv("PHONEAUDIT_SOAK") == "1" {
		return 50, 200, 3 * time.Minute
	}
	return 5, 20, time.Minute
}

// TestLoad has several auditors score calls at once, each over a real SSH client with a pty at
// a brisk human pace, waiting for each screen before typing on it as a person does. Every answer
// must reach the database and no screen may show an error. The time from key press to commit
// of every answer is reported, never asserted: it depends on the machine.
func TestLoad(t *testing.T) {
	sessions, answers, wait := loadSize()
	perCall := len(scoreAnswers)
	if answers%perCall != 0 {
		t.Fatalf("%d answers a session is not a whole number of calls of %d answers", answers, perCall)
	}
	calls := answers / perCall
	tm := newTeam(t, sessions, calls+1) // one call to spare: the list never runs out
	var saved timings
	srv := tm.serve(func(c *Config) { c.AnswerSaved = saved.add })

	began := time.Now()
	errs := make([]error, sessions)
	var wg sync.WaitGroup
	for i, m := range tm.auditors {
		wg.Go(func() { errs[i] = scoreCalls(srv, m, calls, wait) })
	}
	wg.Wait()
	wall := time.Since(began)

	failed := 0
	for i, err := range errs {
		if err != nil {
			failed++
			t.Errorf("the session of %s: %v", tm.auditors[i].name, err)
		}
	}
	took := saved.sorted()
	t.Logf("%d sessions × %d answers (%d calls each), %d cores: %d answers committed in %s; key press to commit p50 %s, p99 %s, max %s; %d sessions failed",
		sessions, answers, calls, runtime.NumCPU(), len(took), wall.Round(time.Millisecond),
		rounded(stats.Percentile(took, 50)), rounded(stats.Percentile(took, 99)), rounded(stats.Percentile(took, 100)), failed)
	if len(took) != sessions*answers {
		t.Errorf("AnswerSaved was told of %d answers, want %d (one per answer typed)", len(took), sessions*answers)
	}
	for _, m := range tm.auditors {
		tm.checkScored(m, calls)
	}
}

// scoreCalls logs in as m and makes and scores m's first n calls, one after the other, from
// tab 1: enter, space (dialling), space (answered), the criteria, ctrl+s, y.
func scoreCalls(srv *Server, m member, n int, wait time.Duration) error {
	c, err := dialAs(srv, m.key)
	if err != nil {
		return fmt.Errorf("logging in: %w", err)
	}
	defer c.Close()
	tm, err := openTerm(c, wait, keyPace)
	if err != nil {
		return err
	}
	defer tm.Close()
	total := len(m.offices)
	for i := range n {
		if err := scoreOne(tm, m.offices[i], i, total); err != nil {
			return fmt.Errorf("call %d (%s): %w", i+1, m.offices[i], err)
		}
	}
	if _, err := tm.WaitFor(fmt.Sprintf("已完成 %d/%d", n, total)); err != nil {
		return err
	}
	if err := tm.errorSeen(); err != nil {
		return err
	}
	return tm.Quit()
}

// scoreOne makes and scores the call to office, done calls having been made: first the list
// must show them done with office's call selected, as after a submit.
func scoreOne(tm *term, office string, done, total int) error {
	if _, err := tm.WaitSelected(office, fmt.Sprintf("已完成 %d/%d", done, total)); err != nil {
		return err
	}
	steps := []struct {
		keys []string
		want []string // on screen before the next keys
	}{
		{[]string{"enter"}, []string{"拨号时按 space", office}},
		{[]string{"space"}, []string{"正在拨号"}},
		{[]string{"space"}, []string{"接通(11)", "规范用语"}},
		{append(slices.Clone(scoreKeys), "ctrl+s"), []string{"提交评分？"}},
		{[]string{"y"}, nil},
	}
	for _, s := range steps {
		if err := tm.Press(s.keys...); err != nil {
			return err
		}
		if len(s.want) == 0 {
			continue
		}
		if _, err := tm.WaitFor(s.want...); err != nil {
			return fmt.Errorf("after %s: %w", strings.Join(s.keys, " "), err)
		}
	}
	return nil
}

// timings collects durations from many goroutines.
type timings struct {
	mu  sync.Mutex
	all []time.Duration
}

func (r *timings) add(d time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.all = append(r.all, d)
}

func (r *timings) sorted() []time.Duration {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := slices.Clone(r.all)
	slices.Sort(out)
	return out
}

// rounded is a duration as the figures print it: to 10 µs.
func rounded(d time.Duration) time.Duration { return d.Round(10 * time.Microsecond) }
