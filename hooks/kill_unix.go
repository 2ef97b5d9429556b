//go:build unix

package hooks

import (
	"os/exec"
	"syscall"
)

// killGroup runs the hook in a process group of its own, so that a timeout
// kills whatever it started too.
func killGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
}
