package plugincmd

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/discovery"
	"github.com/longshore/longshore/internal/names"
)

// CreateOptions are the inputs of plugin create.
type CreateOptions struct {
	// Out receives what was created and what to do next.
	Out io.Writer
	// App is the app's name, EnvPrefix its environment prefix.
	App, EnvPrefix string
	// Catalog checks that the name is free.
	Catalog Catalog
	// WorkDir is where the folder is created; "" is the current directory.
	WorkDir string
	// Name is the new plugin's name, its words joined by one space.
	Name string
	// Lang is the language of the plugin: "sh" or "go" (--lang).
	Lang string
}

// NewCreateCmd returns "plugin create NAME... [--lang sh|go]" built on o.
// runF, when not nil, runs instead of createRun.
func NewCreateCmd(o *Options, runF func(*CreateOptions) error) command.Command {
	if runF == nil {
		runF = createRun
	}
	return &createCmd{opts: CreateOptions{App: o.App, EnvPrefix: o.EnvPrefix, Catalog: o.Catalog, WorkDir: o.WorkDir, Lang: "sh"}, runF: runF}
}

type createCmd struct {
	opts CreateOptions
	runF func(*CreateOptions) error
}

var (
	_ command.Runner       = (*createCmd)(nil)
	_ command.FlagDeclarer = (*createCmd)(nil)
)

func (c *createCmd) Info() command.Info {
	app := c.opts.App
	if app == "" {
		app = "<app>"
	}
	return command.Info{
		Short: "Create a new external plugin in a folder of the current directory",
		Long: "Create the folder <app>-<name> with a working plugin and its manifest (plugin.yaml):\n" +
			"a shell script (--lang sh, the default) or a Go program (--lang go; build it with\n" +
			"\"go build\" inside the folder). Install it with \"plugin install <folder>\".",
		Usage:   "NAME...",
		Example: "  " + app + " plugin create hello\n  " + app + " plugin create dir-size --lang go",
		Args:    command.Args{Min: 1, Max: command.Unlimited},
		ArgKind: command.ArgsNone,
	}
}

// Flags adds --lang.
func (c *createCmd) Flags(fs *pflag.FlagSet) {
	fs.StringVar(&c.opts.Lang, "lang", "sh", "language of the plugin: `sh` or go")
}

func (c *createCmd) Run(ctx context.Context, inv *command.Invocation) error {
	opts := c.opts
	opts.Out, opts.Name = inv.IO.Out, strings.Join(inv.Args, " ")
	return c.runF(&opts)
}

// createRun writes the folder "<app>-<name>" with a working plugin,
// through a temporary name so that a failure leaves nothing behind.
func createRun(opts *CreateOptions) error {
	files, ok := scaffolds(opts.Lang)
	if !ok {
		return command.Usagef("plugin create: --lang %q: must be sh or go", opts.Lang)
	}
	words, err := names.SplitName(opts.Name)
	if err != nil {
		return command.Usagef("plugin create: %w", err)
	}
	base := discovery.FileName(opts.App, words)
	if _, err := checkNewName(opts.App, opts.Catalog, base); err != nil {
		return command.Usagef("create %s: %w", base, err)
	}
	dest := filepath.Join(opts.WorkDir, base)
	if _, err := os.Lstat(dest); err == nil {
		return fmt.Errorf("create %s: it already exists", base)
	}
	name := strings.Join(words, " ")
	rep := strings.NewReplacer("{{APP}}", opts.App, "{{PREFIX}}", opts.EnvPrefix, "{{NAME}}", name, "{{BASE}}", base)
	tmp := filepath.Join(opts.WorkDir, ".tmp-"+base)
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
	if err := os.Rename(tmp, dest); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("create %s: %w", base, err)
	}
	fmt.Fprintf(opts.Out, "created %s/\n", base)
	if opts.Lang == "go" {
		fmt.Fprintf(opts.Out, "next: (cd %s && go build) && %s plugin install %s && %s %s\n", base, opts.App, base, opts.App, name)
	} else {
		fmt.Fprintf(opts.Out, "next: %s plugin install %s && %s %s\n", opts.App, base, opts.App, name)
	}
	return nil
}
