//go:build !unix

package cli

import (
	"os"
	"os/exec"
)

// ownCompletionGroup leaves the default: there are no process groups.
func ownCompletionGroup(*exec.Cmd) {}

// killCompletionGroup kills the plugin's own process, if it still runs.
func killCompletionGroup(p *os.Process) { p.Kill() }
