//go:build unix

package cli

import (
	"os"
	"os/exec"
	"syscall"
)

// ownCompletionGroup starts a completing plugin in a process group of its
// own, so that killCompletionGroup reaches what it started too.
func ownCompletionGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// killCompletionGroup kills the process group p leads: p, if it still
// runs, and what it started (a shell script's children).
func killCompletionGroup(p *os.Process) {
	syscall.Kill(-p.Pid, syscall.SIGKILL)
}
