// Package wait is the one wait of the tests and the bench that drive a real terminal (tmux, an
// SSH session, a pseudo-terminal): look at the screen every interval until it shows what is
// awaited, and when it never does, say what the screen showed instead.
package wait

import (
	"fmt"
	"strings"
	"time"
)

// Until calls look every interval until it says done or fails, for at most timeout, and returns
// the last screen look returned. When the time runs out the error names what (what was
// awaited) and quotes that screen.
func Until(timeout, interval time.Duration, what string, look func() (screen string, done bool, err error)) (string, error) {
	deadline := time.Now().Add(timeout)
	for {
		screen, done, err := look()
		if err != nil || done {
			return screen, err
		}
		if time.Now().After(deadline) {
			return screen, fmt.Errorf("the screen did not show %s within %s; it was:\n%s", what, timeout, screen)
		}
		time.Sleep(interval)
	}
}

// Shows waits until the screen shows every one of texts, and returns it.
func Shows(timeout, interval time.Duration, screen func() (string, error), texts ...string) (string, error) {
	return Until(timeout, interval, fmt.Sprintf("%q", texts), func() (string, bool, error) {
		s, err := screen()
		return s, All(s, texts), err
	})
}

// All says whether s contains every one of texts.
func All(s string, texts []string) bool {
	for _, x := range texts {
		if !strings.Contains(s, x) {
			return false
		}
	}
	return true
}
