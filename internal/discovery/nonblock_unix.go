//go:build unix

package discovery

import "syscall"

// openNonblock opens without waiting: a file swapped for a FIFO between
// stat and open does not block the app.
const openNonblock = syscall.O_NONBLOCK
