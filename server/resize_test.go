package server

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"phoneaudit/internal/sshtest"
	"phoneaudit/internal/wait"
)

// TestWindowSizeIsCapped: a client that claims ever larger windows, up to 3000×3000, gets
// screens of at most MaxWidth×MaxHeight, and its session's memory stays where it was. The
// client's terminal is larger than the cap, so a screen drawn wider or taller would show.
func TestWindowSizeIsCapped(t *testing.T) {
	f := newFixture(t).start()
	c := f.mustDial(f.audKey)
	const termW, termH = MaxWidth + 100, MaxHeight + 50
	tm, err := sshtest.OpenSize(c, termW, termH, nil, errorTexts, 30*time.Second, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tm.Close)
	if _, err := tm.WaitFor("测评", f.auditor.Name); err != nil {
		t.Fatal(err)
	}
	if err := waitForFrame(tm, MaxWidth, MaxHeight); err != nil {
		t.Fatalf("at the start: %v", err)
	}
	before := liveHeap()
	peak := sampleHeap()

	rnd := rand.New(rand.NewPCG(15, 1))
	for range 40 {
		if err := tm.WindowChange(1+rnd.IntN(3000), 1+rnd.IntN(3000)); err != nil {
			t.Fatal(err)
		}
	}
	// The last sizes: one bubbletea would draw (a million cells), then one it would drop.
	for _, s := range [][2]int{{1000, 1000}, {3000, 3000}} {
		if err := tm.WindowChange(s[0], s[1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := waitForFrame(tm, MaxWidth, MaxHeight); err != nil {
		t.Fatalf("after the window changes: %v", err)
	}
	after, most := liveHeap(), peak()
	t.Logf("one session under %d window changes: live heap %s before, %s after, at most %s meanwhile",
		42, mib(before), mib(after), mib(most))
	if grew := int64(after) - int64(before); grew > 32<<20 {
		t.Errorf("the session's window changes left %s more on the heap (%s before, %s after), want at most 32 MiB",
			mib(uint64(grew)), mib(before), mib(after))
	}
}

// waitForFrame waits until the screen is drawn at w×h: its rule (the second line) reaches the
// last column but one, and its help line is the last.
func waitForFrame(tm *sshtest.Term, w, h int) error {
	_, err := wait.Until(30*time.Second, 20*time.Millisecond, fmt.Sprintf("a screen of %d×%d", w, h), func() (string, bool, error) {
		lines := strings.Split(tm.Text(), "\n")
		last := len(lines) - 1
		for last >= 0 && strings.TrimSpace(lines[last]) == "" {
			last--
		}
		rule := 0
		if len(lines) > 1 {
			rule = ansi.StringWidth(strings.TrimRight(lines[1], " "))
		}
		widest := 0
		for _, l := range lines {
			widest = max(widest, ansi.StringWidth(strings.TrimRight(l, " ")))
		}
		got := fmt.Sprintf("a screen whose rule is %d columns wide, widest line %d, last line %d", rule, widest, last+1)
		return got, rule == w-1 && widest <= w && last+1 == h, nil
	})
	return err
}

// liveHeap is what the heap holds after a collection.
func liveHeap() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// sampleHeap watches the heap in use until the function it returns is called, which says the
// most it saw.
func sampleHeap() func() uint64 {
	var (
		mu   sync.Mutex
		most uint64
	)
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			mu.Lock()
			most = max(most, ms.HeapInuse)
			mu.Unlock()
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 {
		close(stop)
		<-done
		mu.Lock()
		defer mu.Unlock()
		return most
	}
}

func mib(b uint64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }
