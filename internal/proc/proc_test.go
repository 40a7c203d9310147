package proc

import (
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"phoneaudit/internal/wait"
)

// A running process runs; one killed and not yet collected by its parent (a zombie) does not; one
// collected does not either.
func TestRunning(t *testing.T) {
	if !Running(os.Getpid()) {
		t.Fatal("this process does not run")
	}
	c := exec.Command("sleep", "60")
	if err := c.Start(); err != nil {
		t.Skip("cannot start a process:", err)
	}
	pid := c.Process.Pid
	if !Running(pid) {
		t.Fatal("a sleeping child does not run")
	}
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if _, err := wait.Until(10*time.Second, 10*time.Millisecond, "the killed child gone", func() (string, bool, error) {
		return "", !Running(pid), nil
	}); err != nil {
		t.Fatal("a killed child not yet collected (a zombie) still runs")
	}
	c.Wait()
	if Running(pid) || Running(0) {
		t.Fatal("a collected child, or pid 0, runs")
	}
}
