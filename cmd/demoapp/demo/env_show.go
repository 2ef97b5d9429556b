package demo

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/longshore/longshore/command"
)

func init() {
	command.Register(App, "env show", func() command.Command { return &envShow{} })
}

// envShow shows one environment variable; it completes variable names
// itself (command.ArgCompleter).
type envShow struct{}

var (
	_ command.Shower       = (*envShow)(nil)
	_ command.ArgCompleter = (*envShow)(nil)
)

func (*envShow) Info() command.Info {
	return command.Info{
		Short:   "Show one environment variable",
		Long:    "Show the environment variable NAME: its value and length. Tab completes\nthe names of the variables that are set.",
		Usage:   "NAME",
		Example: "  demoapp env show HOME",
		Args:    command.ExactArgs(1),
	}
}

// CompleteArgs offers the names of the variables that are set.
func (*envShow) CompleteArgs(env command.Env, args []string, toComplete string) []string {
	var names []string
	for _, kv := range env.Environ() {
		if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, toComplete) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

func (*envShow) Show(ctx context.Context, inv *command.Invocation) (*command.Record, error) {
	name := inv.Args[0]
	value, ok := inv.Env.LookupEnv(name)
	if !ok {
		return nil, fmt.Errorf("show %s: not set", name)
	}
	return &command.Record{
		Fields: []string{"name", "value", "length"},
		Values: []any{name, value, len(value)},
	}, nil
}
