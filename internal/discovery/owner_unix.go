//go:build unix

package discovery

import (
	"io/fs"
	"syscall"
)

// fileOwner returns the owner's user id from a stat of the system.
func fileOwner(fi fs.FileInfo) (int, bool) {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return int(st.Uid), true
	}
	return 0, false
}

// fileGroup returns the group id from a stat of the system.
func fileGroup(fi fs.FileInfo) (int, bool) {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return int(st.Gid), true
	}
	return 0, false
}

// unixModes says whether a file's permission bits tell what other users
// may do with it.
const unixModes = true
