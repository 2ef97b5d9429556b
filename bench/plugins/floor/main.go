// Command floor is the floor for dispatching an external plugin from a Go
// host: it links the same libraries as demoapp (a blank import of each, so
// their init work is paid too), then only looks "demoapp-<name>" up on
// PATH and execs it. bench/plugins.sh compares "demoapp hello" against it.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"syscall"

	_ "github.com/longshore/longshore/cli"
	_ "github.com/longshore/longshore/cmd/demoapp/demo"
	_ "github.com/longshore/longshore/command"
	_ "github.com/longshore/longshore/discovery"
	_ "github.com/longshore/longshore/formatters"
	_ "github.com/spf13/cobra"
	_ "github.com/spf13/pflag"
	_ "go.yaml.in/yaml/v3"
)

func main() {
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
