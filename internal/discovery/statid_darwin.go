//go:build darwin

package discovery

import (
	"io/fs"
	"syscall"

	"golang.org/x/sys/unix"
)

// sysID returns the device, inode and change time of the stat fi: zero
// where the system gave none.
func sysID(fi fs.FileInfo) (dev, ino uint64, ctime int64) {
	switch st := fi.Sys().(type) {
	case *syscall.Stat_t:
		return uint64(st.Dev), uint64(st.Ino), st.Ctimespec.Nano()
	case *unix.Stat_t: // a scan's lstat through an open directory
		return uint64(st.Dev), uint64(st.Ino), st.Ctim.Nano()
	}
	return 0, 0, 0
}
