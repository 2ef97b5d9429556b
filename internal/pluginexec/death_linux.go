package pluginexec

import "syscall"

// onParentDeath asks the kernel to kill the child when the app dies
// before it: a SIGKILL sent to the app's group (as timeout -s KILL does)
// would have killed it in that group too. (The kernel sends it again at
// each exit of a thread of the dying app: harmless for SIGKILL.)
func onParentDeath(a *syscall.SysProcAttr) { a.Pdeathsig = syscall.SIGKILL }
