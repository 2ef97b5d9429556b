//go:build linux

package discovery

import (
	"io/fs"
	"syscall"
)

// sysID returns the device, inode and change time of the stat fi: zero
// where the system gave none.
func sysID(fi fs.FileInfo) (dev, ino uint64, ctime int64) {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Dev), uint64(st.Ino), st.Ctim.Nano()
	}
	return 0, 0, 0
}
