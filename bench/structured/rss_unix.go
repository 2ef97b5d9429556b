//go:build unix

package main

import (
	"os"
	"runtime"
	"syscall"
)

// peakRSS returns the peak resident set size in KiB of the process ps
// describes: wait4 reports the largest of demoapp and the children it
// waited for (the plugin).
func peakRSS(ps *os.ProcessState) int64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		// In bytes there, in KiB elsewhere.
		return int64(ru.Maxrss) / 1024
	}
	return int64(ru.Maxrss)
}
