package aliascmd

import (
	"context"
	"fmt"
	"io"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/discovery"
)

// DeleteOptions are the inputs of alias delete.
type DeleteOptions struct {
	// Out receives the one-line report.
	Out io.Writer
	// Config returns the configuration whose file is rewritten.
	Config func() (*discovery.Config, error)
	// Name is the alias to delete.
	Name string
}

// NewDeleteCmd returns "alias delete NAME" built on o. runF, when not nil,
// runs instead of deleteRun.
func NewDeleteCmd(o *Options, runF func(*DeleteOptions) error) command.Command {
	if runF == nil {
		runF = deleteRun
	}
	return &deleteCmd{opts: DeleteOptions{Config: o.Config}, runF: runF}
}

type deleteCmd struct {
	opts DeleteOptions
	runF func(*DeleteOptions) error
}

var (
	_ command.Runner       = (*deleteCmd)(nil)
	_ command.ArgCompleter = (*deleteCmd)(nil)
)

func (*deleteCmd) Info() command.Info {
	return command.Info{
		Short: "Delete an alias from the config file",
		Long: "Remove the alias NAME from the aliases section of the config file, keeping the rest\n" +
			"of the file and its comments; the file is replaced atomically. It works even when\n" +
			"that alias keeps the config from loading.",
		Usage: "NAME",
		Args:  command.ExactArgs(1),
	}
}

func (c *deleteCmd) Run(ctx context.Context, inv *command.Invocation) error {
	opts := c.opts
	opts.Out, opts.Name = inv.IO.Out, inv.Args[0]
	return c.runF(&opts)
}

// CompleteArgs offers the aliases of the config.
func (c *deleteCmd) CompleteArgs(_ command.Env, args []string, toComplete string) []string {
	if len(args) > 0 {
		return nil
	}
	cfg, err := c.opts.Config()
	if err != nil || cfg == nil {
		return nil
	}
	var out []string
	for _, a := range cfg.Aliases {
		out = append(out, a.Name+"\t"+a.Expansion())
	}
	return out
}

// deleteRun removes the alias from the config file.
func deleteRun(opts *DeleteOptions) error {
	cfg, err := opts.Config()
	if cfg == nil {
		return err
	}
	changed, err := discovery.DeleteAlias(cfg.Path, opts.Name)
	if err != nil {
		return err
	}
	if !changed {
		var names []string
		for _, a := range cfg.Aliases {
			names = append(names, a.Name)
		}
		return command.Usagef("alias delete: no alias called %q in %s%s", opts.Name, discovery.Escape(cfg.Path), didYouMean(opts.Name, names))
	}
	fmt.Fprintf(opts.Out, "alias %s deleted (from %s)\n", opts.Name, discovery.Escape(cfg.Path))
	return nil
}
