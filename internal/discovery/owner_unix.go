//go:build unix

package discovery

import (
	"io/fs"
	"syscall"
)

// fileOwner returns the owner's user id from a stat of the system.
func fileOwner(fi fs.FileInfo) (int, bool) {
	switch st := fi.Sys().(type) {
	case *syscall.Stat_t:
		return int(st.Uid), true
	case *statSys: // a scan's lstat through an open directory
		return int(st.uid), true
	}
	return 0, false
}

// fileGroup returns the group id from a stat of the system.
func fileGroup(fi fs.FileInfo) (int, bool) {
	switch st := fi.Sys().(type) {
	case *syscall.Stat_t:
		return int(st.Gid), true
	case *statSys:
		return int(st.gid), true
	}
	return 0, false
}

// unixModes says whether a file's permission bits tell what other users
// may do with it.
const unixModes = true
