//go:build unix

package discovery

import (
	"os"

	"golang.org/x/sys/unix"
)

// lockFD takes an exclusive flock on f, waiting for it.
func lockFD(f *os.File) error {
	for {
		err := unix.Flock(int(f.Fd()), unix.LOCK_EX)
		if err != unix.EINTR {
			return err
		}
	}
}

// unlockFD releases the lock taken by lockFD.
func unlockFD(f *os.File) { unix.Flock(int(f.Fd()), unix.LOCK_UN) }
