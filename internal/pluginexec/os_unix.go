//go:build unix

package pluginexec

import (
	"os"
	"os/exec"
	"syscall"
)

func execProcess(path string, argv, env []string) error { return syscall.Exec(path, argv, env) }

func ownGroup(cmd *exec.Cmd) { cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} }

// killedBy returns the signal that ended the process, or nil.
func killedBy(ps *os.ProcessState) os.Signal {
	if ws, ok := ps.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return ws.Signal()
	}
	return nil
}
