package cli_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/longshore/longshore/cli"
	"github.com/longshore/longshore/command"
)

type hello struct{}

func (*hello) Info() command.Info {
	return command.Info{Short: "Say hello", Usage: "NAME", Args: command.ExactArgs(1), ArgKind: command.ArgsNone}
}

func (*hello) Run(ctx context.Context, inv *command.Invocation) error {
	_, err := fmt.Fprintf(inv.IO.Out, "Hello, %s!\n", inv.Args[0])
	return err
}

// WriteDocs renders the command tree as Markdown pages (or man pages).
func ExampleApp_WriteDocs() {
	app := cli.New("greeter", "1.0.0", "Greets people")
	app.NoPluginCommands = true
	app.NoAliases = true
	app.AddCommand("say hello", func() command.Command { return &hello{} })
	dir, _ := os.MkdirTemp("", "docs")
	defer os.RemoveAll(dir)
	if err := app.WriteDocs(dir, cli.DocOptions{Format: cli.DocMarkdown}); err != nil {
		fmt.Println(err)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	for _, p := range pages {
		fmt.Println(filepath.Base(p))
	}
	// Output:
	// greeter.md
	// greeter_completion.md
	// greeter_say.md
	// greeter_say_hello.md
}
