//go:build unix && !linux

package pluginexec

import "golang.org/x/sys/unix"

// terminalGroup returns the foreground process group of the terminal fd
// is open on.
func terminalGroup(fd int) (int, error) {
	pgrp, err := unix.IoctlGetInt(fd, unix.TIOCGPGRP)
	return int(int32(pgrp)), err
}
