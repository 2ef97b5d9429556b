package discovery

import (
	"fmt"
	"os"
	"path/filepath"
)

// lockFile takes an exclusive lock on the file at path, creating it (and
// its directory) if need be, and waits for it while another process or
// goroutine holds it. The lock is released by the returned function, or
// by the process ending, killed or not: a stale lock never blocks the
// next writer. The file itself stays, empty.
func lockFile(path string) (unlock func(), err error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if err := lockFD(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return func() {
		unlockFD(f)
		f.Close()
	}, nil
}

// lockPath is the lock file guarding edits of the file at path: a hidden
// file beside it, ".<name>.lock".
func lockPath(path string) string {
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".lock")
}
