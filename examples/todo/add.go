package todo

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
)

func init() {
	command.Register(Name, "add", func() command.Command { return &add{} })
}

// add is a plain command with flags.
type add struct {
	priority int
	tags     []string
}

var (
	_ command.Runner       = (*add)(nil)
	_ command.FlagDeclarer = (*add)(nil)
)

func (*add) Info() command.Info {
	return command.Info{
		Short:   "Add an item",
		Usage:   "TITLE...",
		Args:    command.Args{Min: 1, Max: command.Unlimited},
		ArgKind: command.ArgsNone,
		Example: "  todo add --priority 2 --tag home buy milk",
	}
}

func (a *add) Flags(fs *pflag.FlagSet) {
	fs.IntVarP(&a.priority, "priority", "p", 0, "the item's `PRIORITY` (higher is sooner)")
	fs.StringSliceVarP(&a.tags, "tag", "t", nil, "a `TAG` for the item (repeatable)")
}

func (a *add) Run(ctx context.Context, inv *command.Invocation) error {
	path, err := file(inv)
	if err != nil {
		return err
	}
	items, err := load(path)
	if err != nil {
		return err
	}
	it := Item{ID: 1, Title: strings.Join(inv.Args, " "), Priority: a.priority, Tags: a.tags}
	for _, old := range items {
		it.ID = max(it.ID, old.ID+1)
	}
	if err := save(path, append(items, it)); err != nil {
		return err
	}
	_, err = fmt.Fprintf(inv.IO.Out, "added %d: %s\n", it.ID, it.Title)
	return err
}
