package plugincmd

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/discovery"
)

// EnableOptions are the inputs of plugin enable and plugin disable.
type EnableOptions struct {
	// Out receives the one-line report.
	Out io.Writer
	// App is the app's name.
	App string
	// Catalog is what the app knows of its plugins: a name to disable must
	// be one of them.
	Catalog Catalog
	// Config returns the configuration whose file is rewritten.
	Config func() (*discovery.Config, error)
	// Name is the plugin, its words joined by one space.
	Name string
	// Disable disables Name; false enables it.
	Disable bool
	// Permanent is Options.Permanent.
	Permanent func(name string) string
}

// NewEnableCmd returns "plugin enable NAME..." or, with disable, "plugin
// disable NAME...", built on o. runF, when not nil, runs instead of
// enableRun.
func NewEnableCmd(o *Options, disable bool, runF func(*EnableOptions) error) command.Command {
	if runF == nil {
		runF = enableRun
	}
	return &enableCmd{opts: EnableOptions{App: o.App, Catalog: o.Catalog, Config: o.Config, Disable: disable, Permanent: o.Permanent}, runF: runF}
}

type enableCmd struct {
	opts EnableOptions
	runF func(*EnableOptions) error
}

var (
	_ command.Runner       = (*enableCmd)(nil)
	_ command.ArgCompleter = (*enableCmd)(nil)
)

func (c *enableCmd) Info() command.Info {
	verb, what := "Enable", "Remove NAME from plugins.disabled in the config file"
	if c.opts.Disable {
		verb, what = "Disable", "Add NAME to plugins.disabled in the config file"
	}
	return command.Info{
		Short: verb + " a plugin (command, hook or formatter)",
		Long: what + ", keeping the\n" +
			"rest of the file and its comments. The file is replaced atomically.",
		Usage: "NAME...",
		Args:  command.Args{Min: 1, Max: command.Unlimited},
	}
}

func (c *enableCmd) Run(ctx context.Context, inv *command.Invocation) error {
	opts := c.opts
	opts.Out, opts.Name = inv.IO.Out, strings.Join(inv.Args, " ")
	return c.runF(&opts)
}

// CompleteArgs offers, to enable, the names the config disables (sorted) and, to
// disable, the names of the plugins still enabled that may be disabled
// (not the plugin commands, nor the default formatter).
func (c *enableCmd) CompleteArgs(_ command.Env, args []string, toComplete string) []string {
	disabled := map[string]bool{}
	var names []string
	if cfg, err := c.opts.Config(); err == nil {
		for _, n := range cfg.Plugins.Disabled {
			disabled[n] = true
			if !c.opts.Disable {
				names = append(names, n)
			}
		}
	}
	slices.Sort(names)
	if c.opts.Disable {
		names = rowNames(c.opts.App, c.opts.Catalog, func(row Row) bool {
			return !disabled[row.Name] && cannotDisable(c.opts.Permanent, row.Name) == ""
		})
	}
	return nextWords(names, args)
}

// enableRun adds the name to plugins.disabled in the config file, or
// removes it, and reports what it did.
func enableRun(opts *EnableOptions) error {
	name := opts.Name
	cfg, err := opts.Config()
	if err != nil {
		return err
	}
	if why := cannotDisable(opts.Permanent, name); opts.Disable && why != "" {
		return command.Usagef("%q cannot be disabled: %s", name, why)
	}
	// Disabling needs a plugin that exists; enabling also accepts a name
	// only the config still knows.
	if opts.Disable || !cfg.Disabled(name) {
		if _, err := find(opts.App, opts.Catalog, name); err != nil {
			return err
		}
	}
	changed, err := discovery.SetDisabled(cfg.Path, name, opts.Disable)
	if err != nil {
		return err
	}
	state := "enabled"
	if opts.Disable {
		state = "disabled"
	}
	if !changed {
		fmt.Fprintf(opts.Out, "%s is already %s\n", name, state)
		return nil
	}
	fmt.Fprintf(opts.Out, "%s %s (in %s)\n", state, name, cfg.Path)
	return nil
}
