//go:build unix && !linux

package pluginexec

import "syscall"

// onParentDeath does nothing: only Linux signals a child when its parent
// dies.
func onParentDeath(*syscall.SysProcAttr) {}
