//go:build unix && !linux && !darwin

package discovery

import (
	"io/fs"
	"syscall"
)

// sysID returns the device and inode of the stat fi, zero where the
// system gave none; the change time's field differs between these
// systems and is left out (0).
func sysID(fi fs.FileInfo) (dev, ino uint64, ctime int64) {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Dev), uint64(st.Ino), 0
	}
	return 0, 0, 0
}
