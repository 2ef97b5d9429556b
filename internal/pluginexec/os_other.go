//go:build !unix

package pluginexec

import (
	"os"
	"os/exec"
)

func execProcess(path string, argv, env []string) error { return ErrNoExec }

// ownGroup does nothing: process groups are a Unix notion.
func ownGroup(*exec.Cmd) {}

// killedBy returns nil: only Unix tells that a signal ended a process.
func killedBy(*os.ProcessState) os.Signal { return nil }
