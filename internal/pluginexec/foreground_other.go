//go:build !unix

package pluginexec

// inForeground is false: there are no process groups to share a terminal
// with (on Windows the console sends Ctrl-C to every process attached to
// it, which [Handler] accounts for by platform).
func inForeground() bool { return false }
