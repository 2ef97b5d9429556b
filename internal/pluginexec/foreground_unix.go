//go:build unix

package pluginexec

import (
	"os"
	"syscall"
)

// inForeground reports whether the app's process group is the foreground
// group of its controlling terminal: then a Ctrl-C typed there reaches a
// child in that group without the app's help. With no controlling
// terminal (CI, systemd, a daemon) or in the background (a job started
// with &, or by timeout), it is false.
func inForeground() bool {
	tty, err := os.Open("/dev/tty")
	if err != nil {
		return false
	}
	defer tty.Close()
	pgrp, err := terminalGroup(int(tty.Fd()))
	return err == nil && pgrp == syscall.Getpgrp()
}
