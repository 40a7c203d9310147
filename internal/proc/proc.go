// Package proc says whether a process of this machine still runs: the store asks it of the
// process that holds a score sheet's lease, so a killed program's sheets are free at once.
package proc

import (
	"bytes"
	"errors"
	"os"
	"strconv"
	"syscall"
)

// Running says whether the process pid of this machine runs. A zombie does not: it has ended, and
// only its parent has not collected it yet (under an init that never reaps, it never will).
func Running(pid int) bool {
	if pid <= 0 {
		return false
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	if err := p.Signal(syscall.Signal(0)); errors.Is(err, os.ErrProcessDone) || errors.Is(err, syscall.ESRCH) {
		return false
	}
	return !zombie(pid)
}

// zombie reads the state of pid from /proc (Linux); elsewhere it cannot tell, and says no.
func zombie(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	// "pid (command) S ...": the command may hold spaces and parentheses, the state follows the last ")".
	i := bytes.LastIndexByte(b, ')')
	if i < 0 || i+2 >= len(b) {
		return false
	}
	state := b[i+2]
	return state == 'Z' || state == 'X'
}
