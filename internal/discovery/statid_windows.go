//go:build windows

package discovery

import (
	"io/fs"
	"syscall"
)

// sysID returns the creation time of the stat fi, which a file replaced
// by another (same size and modification time) does not keep; Windows'
// stat gives no device or inode.
func sysID(fi fs.FileInfo) (dev, ino uint64, ctime int64) {
	if d, ok := fi.Sys().(*syscall.Win32FileAttributeData); ok {
		return 0, 0, d.CreationTime.Nanoseconds()
	}
	return 0, 0, 0
}
