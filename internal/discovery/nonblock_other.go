//go:build !unix

package discovery

// openNonblock is no flag where opening a file never waits.
const openNonblock = 0
