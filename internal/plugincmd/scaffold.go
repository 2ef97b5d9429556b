package plugincmd

// scaffoldFile is one file plugin create writes; {{APP}}, {{PREFIX}},
// {{NAME}} and {{BASE}} in its name and text are replaced.
type scaffoldFile struct {
	name, text string
	exec       bool
}

// scaffolds returns the files of a new plugin in lang (--lang), false
// for a language it has none for. A switch rather than a map, so that
// nothing is built at start-up of every run.
func scaffolds(lang string) ([]scaffoldFile, bool) {
	switch lang {
	case "sh":
		return shScaffold, true
	case "go":
		return goScaffold, true
	}
	return nil, false
}

var shScaffold = []scaffoldFile{
	{name: "plugin.yaml", text: manifestTemplate},
	{name: "{{BASE}}", exec: true, text: `#!/bin/sh
# {{BASE}}: the "{{APP}} {{NAME}}" command, an external plugin of {{APP}}.
# Arguments after "{{NAME}}" arrive untouched, --help included. {{APP}} sets
# {{PREFIX}}_PLUGIN_NAME, {{PREFIX}}_EXECUTABLE, {{PREFIX}}_CONFIG,
# {{PREFIX}}_VERBOSITY and, with -f, {{PREFIX}}_FORMAT.
set -eu

case "${1:-}" in
-h|--help)
	echo "Usage: {{APP}} {{NAME}} [NAME]"
	echo
	echo "Say hello to NAME (default: world)."
	exit 0
	;;
esac

if [ "${{{PREFIX}}_VERBOSITY:-0}" -gt 0 ]; then
	echo "{{NAME}}: running as a plugin of ${{{PREFIX}}_EXECUTABLE:-{{APP}}}" >&2
fi
echo "hello, ${1:-world}"
`},
}

var goScaffold = []scaffoldFile{
	{name: "plugin.yaml", text: manifestTemplate + "exec: {{BASE}}\n"},
	{name: "go.mod", text: "module {{BASE}}\n\ngo 1.22\n"},
	{name: ".gitignore", text: "/{{BASE}}\n"},
	{name: "main.go", text: `// Command {{BASE}} is the "{{APP}} {{NAME}}" command, an external plugin of
// {{APP}}. Arguments after "{{NAME}}" arrive untouched, --help included.
// {{APP}} sets {{PREFIX}}_PLUGIN_NAME, {{PREFIX}}_EXECUTABLE, {{PREFIX}}_CONFIG,
// {{PREFIX}}_VERBOSITY and, with -f, {{PREFIX}}_FORMAT.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	fs := flag.NewFlagSet("{{APP}} {{NAME}}", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: {{APP}} {{NAME}} [NAME]\n\nSay hello to NAME (default: world).")
	}
	if err := fs.Parse(os.Args[1:]); err == flag.ErrHelp {
		os.Exit(0)
	} else if err != nil {
		os.Exit(2)
	}
	who := "world"
	if fs.NArg() > 0 {
		who = fs.Arg(0)
	}
	if os.Getenv("{{PREFIX}}_VERBOSITY") > "0" {
		fmt.Fprintf(os.Stderr, "{{NAME}}: running as a plugin of %s\n", os.Getenv("{{PREFIX}}_EXECUTABLE"))
	}
	fmt.Printf("hello, %s\n", who)
}
`},
}

// manifestTemplate is the manifest of a new plugin.
const manifestTemplate = `# The manifest of "{{APP}} {{NAME}}"; see the plugin author's guide.
name: {{NAME}}
version: 0.1.0
description: Say hello (created by {{APP}} plugin create)
long: |
  Say hello to NAME. Replace this with what the plugin does.
`
