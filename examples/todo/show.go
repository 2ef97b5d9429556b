package todo

import (
	"context"
	"fmt"
	"strconv"

	"github.com/longshore/longshore/command"
)

func init() {
	command.Register(Name, "show", func() command.Command { return &show{} })
}

// show is a shower: one record, rendered by the formatter -f picks.
type show struct{}

var _ command.Shower = (*show)(nil)

func (*show) Info() command.Info {
	return command.Info{Short: "Show one item", Usage: "ID", Args: command.ExactArgs(1), ArgKind: command.ArgsNone}
}

func (*show) Show(ctx context.Context, inv *command.Invocation) (*command.Record, error) {
	id, err := strconv.Atoi(inv.Args[0])
	if err != nil {
		return nil, command.Usagef("show: ID must be a number, got %q", inv.Args[0])
	}
	path, err := file(inv)
	if err != nil {
		return nil, err
	}
	items, err := load(path)
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		if it.ID == id {
			return &command.Record{
				Fields: []string{"id", "title", "done", "priority", "tags"},
				Values: []any{it.ID, it.Title, it.Done, it.Priority, it.Tags},
			}, nil
		}
	}
	return nil, fmt.Errorf("show: no item %d", id)
}
