//go:build !unix && !windows

package discovery

import (
	"os"
)

// lockFD has no lock on this system to take: it takes none (edits are
// still atomic, only concurrent ones may lose an update).
func lockFD(*os.File) error { return nil }

func unlockFD(*os.File) {}
