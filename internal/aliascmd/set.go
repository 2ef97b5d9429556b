package aliascmd

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/alias"
	"github.com/longshore/longshore/internal/discovery"
)

// SetOptions are the inputs of alias set.
type SetOptions struct {
	// Out receives the one-line report.
	Out io.Writer
	// Config returns the configuration whose file is rewritten.
	Config func() (*discovery.Config, error)
	// Catalog checks the name and the expansion.
	Catalog Catalog
	// Name is the alias; Expansion what it expands to.
	Name, Expansion string
	// Shell makes a shell alias (--shell), as a leading "!" does.
	Shell bool
}

// NewSetCmd returns "alias set NAME EXPANSION" built on o. runF, when not
// nil, runs instead of setRun.
func NewSetCmd(o *Options, runF func(*SetOptions) error) command.Command {
	if runF == nil {
		runF = setRun
	}
	return &setCmd{opts: SetOptions{Config: o.Config, Catalog: o.Catalog}, runF: runF, envPrefix: o.EnvPrefix, app: o.App}
}

type setCmd struct {
	opts SetOptions
	runF func(*SetOptions) error
	// envPrefix names the app's environment variables in help, and app
	// the app in its examples.
	envPrefix, app string
}

var (
	_ command.Runner       = (*setCmd)(nil)
	_ command.FlagDeclarer = (*setCmd)(nil)
)

func (c *setCmd) Info() command.Info {
	prefix, app := c.envPrefix, c.app
	if prefix == "" {
		prefix = "<APP>"
	}
	if app == "" {
		app = "<app>"
	}
	return command.Info{
		Short: "Make NAME stand for a command with preset arguments, or for a shell command",
		Long: "Write the alias NAME into the aliases section of the config file, keeping the rest of\n" +
			"the file and its comments; the file is replaced atomically. EXPANSION is one argument\n" +
			"(quote it): a command's words, then its arguments and options, split as a shell would.\n" +
			"Running NAME then runs that command with the alias's words and arguments, your options,\n" +
			"the alias's options you did not give, then your arguments.\n\n" +
			"With --shell, or a leading \"!\", EXPANSION is a shell command run with sh -c; your\n" +
			"arguments are appended to it and are also $1, $2, ... (\"$@\").\n\n" +
			"NAME may not be a command, a reserved word or an installed external plugin; EXPANSION's\n" +
			"command and options must exist. Scripts should set " + prefix + "_NO_DEFAULTS=1, which\n" +
			"turns aliases and default options off.",
		Usage: "NAME EXPANSION",
		Example: "  " + app + " alias set ls 'files list -f csv'\n" +
			"  " + app + " alias set st --shell 'git status'",
		Args:    command.ExactArgs(2),
		ArgKind: command.ArgsNone,
	}
}

// Flags adds --shell.
func (c *setCmd) Flags(fs *pflag.FlagSet) {
	fs.BoolVar(&c.opts.Shell, "shell", false, "EXPANSION is a shell command, run with sh -c")
}

func (c *setCmd) Run(ctx context.Context, inv *command.Invocation) error {
	opts := c.opts
	opts.Out, opts.Name, opts.Expansion = inv.IO.Out, inv.Args[0], inv.Args[1]
	return c.runF(&opts)
}

// setRun checks the alias, then writes it into the config file.
func setRun(opts *SetOptions) error {
	cfg, err := opts.Config()
	if cfg == nil {
		return err
	}
	// A config that does not load is not fatal here: the edit is checked
	// whole (discovery.SetAlias), and may be what repairs it.
	exp := strings.TrimSpace(opts.Expansion)
	if opts.Shell && !strings.HasPrefix(exp, "!") {
		exp = "!" + exp
	}
	if err := discovery.CheckAliasName(opts.Name); err != nil {
		return command.Usagef("alias set: %w", err)
	}
	if what := opts.Catalog.Shadows(opts.Name); what != "" {
		return command.Usagef("alias set: %q is %s: an alias may not take its name", opts.Name, what)
	}
	a, err := discovery.ParseExpansion(opts.Name, exp)
	if err != nil {
		return command.Usagef("alias set: %w", err)
	}
	if err := alias.Check(&a, isAliasOf(cfg), opts.Catalog); err != nil {
		return command.Usagef("alias set: %w", err)
	}
	old := cfg.Alias(opts.Name)
	changed, err := discovery.SetAlias(cfg.Path, opts.Name, exp)
	if err != nil {
		return err
	}
	switch {
	case !changed:
		fmt.Fprintf(opts.Out, "alias %s is already %s\n", opts.Name, discovery.Escape(a.Expansion()))
	case old != nil:
		fmt.Fprintf(opts.Out, "alias %s changed from %s to %s (in %s)\n", opts.Name, discovery.Escape(old.Expansion()), discovery.Escape(a.Expansion()), discovery.Escape(cfg.Path))
	default:
		fmt.Fprintf(opts.Out, "alias %s set to %s (in %s)\n", opts.Name, discovery.Escape(a.Expansion()), discovery.Escape(cfg.Path))
	}
	return nil
}
