// Command demoapp-hello is an external plugin of demoapp written in Go: put
// the built binary in a plugin directory or on PATH and "demoapp hello"
// runs it. It uses only the standard library: the plugin contract is a
// file name, arguments, environment variables and an exit code (see
// docs/plugins.md).
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
)

func main() {
	fs := flag.NewFlagSet("demoapp hello", flag.ContinueOnError)
	shout := fs.Bool("shout", false, "greet in capitals")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: demoapp hello [--shout] [NAME...]\n\nGreet NAME (default: world).")
		fs.PrintDefaults()
	}
	switch err := fs.Parse(os.Args[1:]); {
	case err == flag.ErrHelp:
		os.Exit(0)
	case err != nil:
		os.Exit(2) // a usage error, like the host's own
	}
	who := "world"
	if fs.NArg() > 0 {
		who = strings.Join(fs.Args(), " ")
	}
	msg := fmt.Sprintf("hello, %s", who)
	if *shout {
		msg = strings.ToUpper(msg)
	}
	// The host says how chatty to be: -1 quiet, 0 default, 1+ verbose.
	if v := os.Getenv("DEMOAPP_VERBOSITY"); v != "" && v != "0" && v != "-1" {
		fmt.Fprintf(os.Stderr, "hello: run as %q by %s\n", os.Getenv("DEMOAPP_PLUGIN_NAME"), os.Getenv("DEMOAPP_EXECUTABLE"))
	}
	fmt.Println(msg)
}
