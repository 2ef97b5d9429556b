// Command todo-stats is a structured plugin of todo written in Go with
// Longshore: a single-command App (App.Main) whose shower counts the open
// and done items. Run by todo as "todo stats", it prints the wire format
// and todo renders the record with the user's -f; "todo plugin install
// ./todo-stats" reads its manifest from "todo-stats --longshore-manifest".
package main

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"

	"github.com/longshore/longshore/cli"
	"github.com/longshore/longshore/command"
)

// stats shows how many items are open and done.
type stats struct{}

var _ command.Shower = (*stats)(nil)

func (*stats) Info() command.Info {
	return command.Info{Short: "Count the open and done items", Args: command.NoArgs}
}

func (*stats) Show(ctx context.Context, inv *command.Invocation) (*command.Record, error) {
	path := inv.Env.Getenv("TODO_FILE")
	if path == "" {
		path = "todo.json"
	}
	var items []struct {
		Done bool `json:"done"`
	}
	data, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if len(data) > 0 {
		if err := json.Unmarshal(data, &items); err != nil {
			return nil, err
		}
	}
	done := 0
	for _, it := range items {
		if it.Done {
			done++
		}
	}
	return &command.Record{Fields: []string{"open", "done"}, Values: []any{len(items) - done, done}}, nil
}

func main() {
	app := cli.New("todo-stats", "1.0.0", "Count the open and done items of the to-do list")
	app.Main = func() command.Command { return &stats{} }
	os.Exit(app.Run(context.Background(), os.Args[1:]))
}
