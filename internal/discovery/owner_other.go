//go:build !unix

package discovery

import "io/fs"

// fileOwner reports no owner: this system's files have none to check by
// user id, so only their mode is checked.
func fileOwner(fs.FileInfo) (int, bool) { return 0, false }

// fileGroup reports no group on this system.
func fileGroup(fs.FileInfo) (int, bool) { return 0, false }

// unixModes says whether a file's permission bits tell what other users
// may do with it.
const unixModes = false
