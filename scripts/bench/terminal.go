//go:build linux

package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"

	"phoneaudit/internal/wait"
)

// The terminal the screens are measured in.
const termCols, termRows = 120, 40

// firstFrameWait is how long a first frame may take.
var firstFrameWait = 20 * time.Second

// firstFrame starts bin with args in a termCols×termRows pseudo-terminal and returns the time
// from exec to the first output whose text (escape sequences stripped) contains marker; then it
// quits the program with ctrl+c and waits for it.
func firstFrame(ctx context.Context, bin string, args, env []string, marker string) (time.Duration, error) {
	// pty.Open and Setsize rather than pty.StartWithSize, which opens the pair too: the clock
	// starts at exec, as the figure says.
	master, tty, err := pty.Open()
	if err != nil {
		return 0, fmt.Errorf("opening a pseudo-terminal: %w", err)
	}
	defer master.Close()
	if err := pty.Setsize(master, &pty.Winsize{Rows: termRows, Cols: termCols}); err != nil {
		tty.Close()
		return 0, fmt.Errorf("sizing the pseudo-terminal: %w", err)
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	start := time.Now()
	err = cmd.Start()
	tty.Close()
	if err != nil {
		return 0, fmt.Errorf("starting %s: %w", bin, err)
	}
	var (
		mu     sync.Mutex
		screen strings.Builder
		took   time.Duration // when the marker first showed; 0 = not yet
	)
	go func() { // read until the program closes the terminal, or the reader fails
		buf := make([]byte, 64<<10)
		for {
			n, err := master.Read(buf)
			mu.Lock()
			if n > 0 && took == 0 {
				screen.Write(buf[:n])
				if strings.Contains(ansi.Strip(screen.String()), marker) {
					took = time.Since(start)
				}
			}
			mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	_, err = wait.Until(firstFrameWait, 10*time.Millisecond, fmt.Sprintf("%q (%s)", marker, bin), func() (string, bool, error) {
		mu.Lock()
		defer mu.Unlock()
		return ansi.Strip(screen.String()), took > 0, nil
	})
	master.Write([]byte{3}) // ctrl+c
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		cmd.Process.Kill()
		<-done
	}
	mu.Lock()
	defer mu.Unlock()
	return took, err
}

// tmuxTerm is a tmux server of the bench's own with one termCols×termRows window.
type tmuxTerm struct{ socket string }

func (t tmuxTerm) run(args ...string) (string, error) {
	out, err := exec.Command("tmux", append([]string{"-L", t.socket, "-f", "/dev/null"}, args...)...).CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("tmux %s: %w: %s", strings.Join(args, " "), err, out)
	}
	return string(out), nil
}

// waitFor polls the window until it shows every text.
func (t tmuxTerm) waitFor(timeout time.Duration, texts ...string) error {
	_, err := wait.Shows(timeout, 20*time.Millisecond, func() (string, error) { return t.run("capture-pane", "-p") }, texts...)
	return err
}

// tuiPeakRSS runs the screens in tmux, waits for ready, presses keys, waits for shown and
// returns the program's peak resident memory so far (VmHWM), then quits it.
func tuiPeakRSS(bin string, args, env []string, ready, keys string, shown ...string) (int64, error) {
	if _, err := exec.LookPath("tmux"); err != nil {
		return 0, errors.New("tmux is not installed (apt-get install tmux)")
	}
	t := tmuxTerm{socket: "pa-bench-" + strconv.FormatInt(time.Now().UnixNano(), 36)}
	defer exec.Command("tmux", "-L", t.socket, "kill-server").Run()
	line := "exec env"
	for _, e := range env {
		line += " " + shellQuote(e)
	}
	line += " " + shellQuote(bin)
	for _, a := range args {
		line += " " + shellQuote(a)
	}
	if _, err := t.run("new-session", "-d", "-x", strconv.Itoa(termCols), "-y", strconv.Itoa(termRows), line); err != nil {
		return 0, err
	}
	if err := t.waitFor(20*time.Second, ready); err != nil {
		return 0, err
	}
	if _, err := t.run("send-keys", keys); err != nil {
		return 0, err
	}
	if err := t.waitFor(30*time.Second, shown...); err != nil {
		return 0, err
	}
	out, err := t.run("display-message", "-p", "#{pane_pid}")
	if err != nil {
		return 0, err
	}
	pid, err := strconv.Atoi(strings.TrimSpace(out))
	if err != nil {
		return 0, fmt.Errorf("reading the pane's process: %w", err)
	}
	hwm, err := vmHWM(pid)
	t.run("send-keys", "q")
	return hwm, err
}

// vmHWM is a process's peak resident set size in bytes, from /proc/PID/status.
func vmHWM(pid int) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10, err
		}
	}
	return 0, fmt.Errorf("no VmHWM in /proc/%d/status", pid)
}

// commandRun runs bin with args to completion, output discarded, and returns its wall time and
// peak resident memory in bytes, both as measured by a fresh copy of this program (peakHelper)
// that starts bin and waits for it. Linux gives a child the peak memory of the process that
// started it (its mm at exec), so the rusage maxrss of bin started from here would be this
// program's peak when that is larger — the databases it builds make it so; from the small helper
// it is bin's own.
func commandRun(ctx context.Context, bin string, args, env []string) (time.Duration, int64, error) {
	self, err := os.Executable()
	if err != nil {
		return 0, 0, err
	}
	cmd := exec.CommandContext(ctx, self, append([]string{peakHelper, bin}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return 0, 0, fmt.Errorf("%s %s: %w: %s", bin, strings.Join(args, " "), err, stderr.String())
	}
	var wall time.Duration
	var rss int64
	if _, err := fmt.Sscanf(string(out), "%d %d", &wall, &rss); err != nil {
		return 0, 0, fmt.Errorf("reading the peak memory of %s: %q: %w", bin, out, err)
	}
	return wall, rss, nil
}

// peakHelper is the first argument that makes this program run the rest as a command and print
// its wall time in nanoseconds and its peak resident memory in bytes (the rusage maxrss of wait4,
// which /usr/bin/time -v reports).
const peakHelper = "-run-for-peak"

func runForPeak(args []string) int {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stderr = os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL} // stopped with the helper
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		fmt.Fprintln(os.Stderr, "no resource usage for the command")
		return 1
	}
	fmt.Println(int64(took), ru.Maxrss<<10) // Linux reports kilobytes
	return 0
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
