//go:build unix

package pluginexec

import (
	"os"
	"os/exec"
	"syscall"
)

func execProcess(path string, argv, env []string) error { return syscall.Exec(path, argv, env) }

// ownGroup starts cmd in a process group of its own. A signal sent to
// the app's group no longer reaches it, SIGKILL included, which the app
// cannot forward: where the system allows (Linux), the child is killed
// when the app dies first.
func ownGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	onParentDeath(cmd.SysProcAttr)
}

// killedBy returns the signal that ended the process, or nil.
func killedBy(ps *os.ProcessState) os.Signal {
	if ws, ok := ps.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return ws.Signal()
	}
	return nil
}
