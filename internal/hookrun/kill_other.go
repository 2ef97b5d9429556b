//go:build !unix

package hookrun

import (
	"os"
	"os/exec"
)

// newGroup leaves the default: there are no process groups.
func newGroup(*exec.Cmd) {}

// killGroup kills the hook's own process, if it still runs.
func killGroup(p *os.Process) { p.Kill() }
