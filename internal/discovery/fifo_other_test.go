//go:build !unix

package discovery

import "errors"

// mkfifo reports that this system has no named pipes in its file system.
func mkfifo(string) error { return errors.New("no named pipes here") }
