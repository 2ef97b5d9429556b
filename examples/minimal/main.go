// Command minimal is the smallest useful CLI built on Longshore: one plain
// command and one lister, added explicitly, with help, errors, logging and
// exit codes for free. Copy it to start a CLI of your own.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/cli"
	"github.com/longshore/longshore/command"
)

// greet says hello to someone.
type greet struct{ shout bool }

// The compiler checks the capabilities greet means to have.
var (
	_ command.Runner       = (*greet)(nil)
	_ command.FlagDeclarer = (*greet)(nil)
	_ command.ArgCompleter = (*greet)(nil)
)

func (*greet) Info() command.Info {
	return command.Info{Short: "Say hello", Usage: "NAME", Args: command.ExactArgs(1)}
}

func (g *greet) Flags(fs *pflag.FlagSet) {
	fs.BoolVar(&g.shout, "shout", false, "greet loudly")
}

// CompleteArgs offers names on Tab, in shells and in the interactive shell.
func (*greet) CompleteArgs(_ command.Env, args []string, toComplete string) []string {
	return []string{"Ada", "Grace", "Linus"}
}

func (g *greet) Run(ctx context.Context, inv *command.Invocation) error {
	msg := fmt.Sprintf("Hello, %s!", inv.Args[0])
	if g.shout {
		msg = fmt.Sprintf("HELLO, %s!!!", inv.Args[0])
	}
	_, err := fmt.Fprintln(inv.IO.Out, msg)
	return err
}

// planets lists the planets: a lister, so its rows go through the formatter.
type planets struct{}

func (*planets) Info() command.Info { return command.Info{Short: "List the planets"} }

func (*planets) List(ctx context.Context, inv *command.Invocation) (*command.Table, error) {
	return &command.Table{
		Columns: []string{"name", "moons"},
		Rows: command.RowsOf(
			[]any{"Mercury", 0}, []any{"Venus", 0}, []any{"Earth", 1}, []any{"Mars", 2},
		),
	}, nil
}

func main() {
	app := cli.New("minimal", "1.0.0", "A minimal CLI built on Longshore")
	// "minimal shell", or "minimal" alone on a terminal, starts a prompt.
	app.Interactive = true
	for name, newFn := range map[string]func() command.Command{
		"greet":        func() command.Command { return &greet{} },
		"planets list": func() command.Command { return &planets{} },
	} {
		// A bad or duplicate name is a programming error: fail loudly.
		if err := app.AddCommand(name, newFn); err != nil {
			panic(err)
		}
	}
	os.Exit(app.Run(context.Background(), os.Args[1:]))
}
