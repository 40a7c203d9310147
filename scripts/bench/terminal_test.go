//go:build linux

package main

import (
	"context"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestFirstFrame starts a real program in the bench's pseudo-terminal: the marker is found
// through the escape sequences around it, the terminal has the bench's size, and ctrl+c ends the
// program.
func TestFirstFrame(t *testing.T) {
	tests := []struct {
		name, script, marker string
	}{
		{"a marker drawn in two styles", `printf '\033[2J\033[1;1H\033[7m问题\033[0m单位\n'`, "问题单位"},
		{"the terminal's size", "stty size", strconv.Itoa(termRows) + " " + strconv.Itoa(termCols)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			began := time.Now()
			took, err := firstFrame(context.Background(), "/bin/sh", []string{"-c", tt.script + "; sleep 30"}, nil, tt.marker)
			if err != nil {
				t.Fatal(err)
			}
			if took <= 0 || took > 10*time.Second {
				t.Errorf("the first frame took %v", took)
			}
			if all := time.Since(began); all > 10*time.Second {
				t.Errorf("ctrl+c did not end the program: %v in all", all)
			}
		})
	}
}

func TestFirstFrameNamesWhatNeverShowed(t *testing.T) {
	defer func(w time.Duration) { firstFrameWait = w }(firstFrameWait)
	firstFrameWait = 300 * time.Millisecond
	_, err := firstFrame(context.Background(), "/bin/sh", []string{"-c", "echo 正在读取; sleep 30"}, nil, "问题单位")
	if err == nil || !strings.Contains(err.Error(), "问题单位") || !strings.Contains(err.Error(), "正在读取") {
		t.Errorf("got %v; want an error naming the marker and quoting the screen", err)
	}
}

func TestTmuxWait(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	tm := tmuxTerm{socket: "pa-bench-test-" + strconv.FormatInt(time.Now().UnixNano(), 36)}
	defer exec.Command("tmux", "-L", tm.socket, "kill-server").Run()
	if _, err := tm.run("new-session", "-d", "-x", "40", "-y", "5", "printf '已完成 3/10'; sleep 30"); err != nil {
		t.Fatal(err)
	}
	if err := tm.waitFor(10*time.Second, "已完成", "3/10"); err != nil {
		t.Fatal(err)
	}
	if err := tm.waitFor(200*time.Millisecond, "未保存"); err == nil || !strings.Contains(err.Error(), "已完成 3/10") {
		t.Errorf("got %v; want an error quoting the screen", err)
	}
}
