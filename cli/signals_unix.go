//go:build unix

package cli

import (
	"os"
	"syscall"
	"unsafe"
)

// terminalSignals are the signals a terminal sends to its whole foreground
// process group when the user types Ctrl-C or Ctrl-\.
var terminalSignals = map[os.Signal]bool{syscall.SIGINT: true, syscall.SIGQUIT: true}

// inForeground reports whether this process's group is the foreground
// process group of the terminal f is on. A child plugin shares the group,
// so a signal typed at that terminal reaches it without being forwarded.
func inForeground(f *os.File) bool {
	var pgrp int32
	_, _, errno := syscall.Syscall(syscall.SYS_IOCTL, f.Fd(), uintptr(syscall.TIOCGPGRP), uintptr(unsafe.Pointer(&pgrp)))
	return errno == 0 && int(pgrp) == syscall.Getpgrp()
}

// shouldForward reports whether signal s, received by the app while a
// child plugin runs, must be sent on to the child: always, unless the
// terminal already sent it to the whole foreground group, child included.
// Forwarding it then would deliver a Ctrl-C twice.
func shouldForward(s os.Signal, tty *os.File) bool {
	return !terminalSignals[s] || tty == nil || !inForeground(tty)
}
