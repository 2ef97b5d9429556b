//go:build unix

package hookrun

import (
	"os"
	"os/exec"
	"syscall"
)

// newGroup runs the hook in a process group of its own, so that a timeout
// or its exit kills whatever it started too.
func newGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// killGroup kills the process group p leads: p, if it still runs, and
// what it started.
func killGroup(p *os.Process) {
	syscall.Kill(-p.Pid, syscall.SIGKILL)
}
