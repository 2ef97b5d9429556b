//go:build !unix

package main

import (
	"os"

	"github.com/rogpeppe/go-internal/testscript"
)

// sendsig needs process groups and FIFOs: the scenarios using it are
// Unix-only.
func sendsig(ts *testscript.TestScript, neg bool, args []string) {
	ts.Fatalf("sendsig needs Unix: guard the script with [unix]")
}

func sigTally()  { os.Exit(1) }
func slowStart() { os.Exit(1) }
