package pluginexec

import "golang.org/x/sys/unix"

// terminalGroup returns the foreground process group of the terminal fd
// is open on. The kernel writes a pid_t, 32 bits.
func terminalGroup(fd int) (int, error) {
	pgrp, err := unix.IoctlGetUint32(fd, unix.TIOCGPGRP)
	return int(int32(pgrp)), err
}
