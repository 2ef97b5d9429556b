package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/discovery"
)

// pluginCreate is "plugin create NAME [--lang sh|go]".
type pluginCreate struct {
	r    *run
	lang string
}

func (c *pluginCreate) Info() command.Info {
	return command.Info{
		Short: "Create a new external plugin in a folder of the current directory",
		Long: "Create the folder <app>-<name> with a working plugin and its manifest (plugin.yaml):\n" +
			"a shell script (--lang sh, the default) or a Go program (--lang go; build it with\n" +
			"\"go build\" inside the folder). Install it with \"plugin install <folder>\".",
		Usage:   "NAME...",
		Example: "  demoapp plugin create hello\n  demoapp plugin create dir-size --lang go",
		Args:    command.Args{Min: 1, Max: command.Unlimited},
		ArgKind: command.ArgsNone,
	}
}

func (c *pluginCreate) Flags(fs *pflag.FlagSet) {
	fs.StringVar(&c.lang, "lang", "sh", "language of the plugin: `sh` or go")
}

func (c *pluginCreate) Run(ctx context.Context, inv *command.Invocation) error {
	r := c.r
	files, ok := scaffolds[c.lang]
	if !ok {
		return command.Usagef("plugin create: --lang %q: must be sh or go", c.lang)
	}
	words, err := command.SplitName(strings.Join(inv.Args, " "))
	if err != nil {
		return command.Usagef("plugin create: %w", err)
	}
	base := discovery.FileName(r.app.Name, words)
	if _, err := r.checkNewPluginName(base); err != nil {
		return fmt.Errorf("create %s: %w", base, err)
	}
	if _, err := os.Lstat(base); err == nil {
		return fmt.Errorf("create %s: it already exists", base)
	}
	name := strings.Join(words, " ")
	rep := strings.NewReplacer("{{APP}}", r.app.Name, "{{PREFIX}}", r.app.envPrefix(), "{{NAME}}", name, "{{BASE}}", base)
	tmp := ".tmp-" + base
	os.RemoveAll(tmp)
	if err := os.Mkdir(tmp, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", base, err)
	}
	for _, f := range files {
		mode := os.FileMode(0o644)
		if f.exec {
			mode = 0o755
		}
		if err := os.WriteFile(filepath.Join(tmp, rep.Replace(f.name)), []byte(rep.Replace(f.text)), mode); err != nil {
			os.RemoveAll(tmp)
			return fmt.Errorf("create %s: %w", base, err)
		}
	}
	if err := os.Rename(tmp, base); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("create %s: %w", base, err)
	}
	fmt.Fprintf(inv.IO.Out, "created %s/\n", base)
	if c.lang == "go" {
		fmt.Fprintf(inv.IO.Out, "next: (cd %s && go build) && %s plugin install %s && %s %s\n", base, r.app.Name, base, r.app.Name, name)
	} else {
		fmt.Fprintf(inv.IO.Out, "next: %s plugin install %s && %s %s\n", r.app.Name, base, r.app.Name, name)
	}
	return nil
}

type scaffoldFile struct {
	name, text string
	exec       bool
}

var scaffolds = map[string][]scaffoldFile{
	"sh": {
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
	},
	"go": {
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
	},
}

const manifestTemplate = `# The manifest of "{{APP}} {{NAME}}"; see the plugin author's guide.
name: {{NAME}}
version: 0.1.0
description: Say hello (created by {{APP}} plugin create)
long: |
  Say hello to NAME. Replace this with what the plugin does.
`
