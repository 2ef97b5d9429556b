// Command floor is the independent floor for dispatching an external
// plugin from a Go host: it links only cobra (nothing of Longshore), builds
// a root command as any cobra app does, then looks "demoapp-<name>" up on
// PATH and execs it. bench/plugins.sh compares "demoapp hello" against it,
// and against the same program built with -tags linked (linked.go), which
// also links everything demoapp links.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"syscall"

	"github.com/spf13/cobra"
)

func main() {
	root := &cobra.Command{Use: "floor", SilenceErrors: true, SilenceUsage: true}
	root.PersistentFlags().Bool("debug", false, "show debug output")
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: floor NAME [ARGS...]")
		os.Exit(2)
	}
	path, err := exec.LookPath("demoapp-" + os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	err = syscall.Exec(path, append([]string{path}, os.Args[2:]...), os.Environ())
	fmt.Fprintln(os.Stderr, err)
	os.Exit(126)
}
