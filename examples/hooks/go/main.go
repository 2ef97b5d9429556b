// Command demoapp-guard is the guard hook of examples/hooks/sh written in
// Go: an external before-hook that refuses "demoapp files list /" unless
// --force is given. Build it as demoapp-guard and install it with the
// manifest beside the shell version.
//
// The app runs it as "demoapp-guard hook before" with one JSON document on
// stdin (see docs/hooks.md): exit 0 lets the command run, a non-zero exit
// vetoes it with what the hook wrote on stderr.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

// document is the part of the hook's input this hook reads.
type document struct {
	Phase   string         `json:"phase"`
	Command []string       `json:"command"`
	Args    []string       `json:"args"`
	Flags   map[string]any `json:"flags"`
}

// check returns why the command must not run, or nil.
func check(doc document) error {
	if len(doc.Args) == 1 && doc.Args[0] == "/" && doc.Flags["force"] != true {
		return errors.New("refusing to list / without --force")
	}
	return nil
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) != 2 || args[0] != "hook" || args[1] != "before" {
		return 0 // nothing to do after the command
	}
	var doc document
	if err := json.NewDecoder(stdin).Decode(&doc); err != nil {
		fmt.Fprintf(stderr, "read the hook document: %v\n", err)
		return 2
	}
	if err := check(doc); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if doc.Flags["force"] == true {
		fmt.Fprintln(stdout, "guard: listing / because of --force")
	}
	return 0
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
