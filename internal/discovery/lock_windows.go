//go:build windows

package discovery

import (
	"os"

	"golang.org/x/sys/windows"
)

// lockFD takes an exclusive lock on f's first byte, waiting for it.
func lockFD(f *os.File) error {
	var ol windows.Overlapped
	return windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK, 0, 1, 0, &ol)
}

// unlockFD releases the lock taken by lockFD.
func unlockFD(f *os.File) {
	var ol windows.Overlapped
	windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, &ol)
}
