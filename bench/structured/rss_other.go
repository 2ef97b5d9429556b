//go:build !unix

package main

import "os"

// peakRSS returns 0: only Unix reports a child's peak memory (wait4).
func peakRSS(*os.ProcessState) int64 { return 0 }
