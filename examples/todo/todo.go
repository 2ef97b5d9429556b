// Package todo is a small to-do list CLI built on Longshore, the example
// docs/writing-commands.md walks through: a lister (list), a shower (show),
// a command with flags (add), a hook that adds --dry-run to add, a custom
// formatter (-f checklist), the app's own config key (file:), and two
// external plugins, a shell script and a Go structured plugin, in plugins/.
//
// Its commands and its hook register in init, so that importing the
// package is installing them; NewApp builds the App that reads them.
package todo

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/longshore/longshore/cli"
	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/formatters"
)

// Name is the App's name: every registration of this package uses it.
const Name = "todo"

// NewApp returns the todo App, as its main and its tests build it.
func NewApp() *cli.App {
	app := cli.New(Name, "1.0.0", "Keep a to-do list in a JSON file")
	// A formatter added to this App only (a registration in init would do
	// as well): -f checklist.
	if err := app.AddFormatter("checklist", func() formatters.Formatter { return &checklist{} }); err != nil {
		panic(err)
	}
	return app
}

// Item is one entry of the list.
type Item struct {
	ID       int      `json:"id"`
	Title    string   `json:"title"`
	Done     bool     `json:"done"`
	Priority int      `json:"priority"`
	Tags     []string `json:"tags,omitempty"`
}

// Config is the app's own part of its config file
// (~/.config/todo/config.yaml):
//
//	file: ~/todo.json
type Config struct {
	// File is the list's JSON file; $TODO_FILE overrides it.
	File string `yaml:"file"`
}

// file returns the list's path: $TODO_FILE, else the config's file:, else
// todo.json in the working directory.
func file(inv *command.Invocation) (string, error) {
	if f := inv.Env.Getenv("TODO_FILE"); f != "" {
		return f, nil
	}
	cfg := Config{File: "todo.json"}
	if err := inv.Config.Decode(&cfg); err != nil {
		return "", err
	}
	return cfg.File, nil
}

// load reads the list; a missing file is an empty list.
func load(path string) ([]Item, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read list: %w", err)
	}
	var items []Item
	if err := json.Unmarshal(data, &items); err != nil {
		return nil, fmt.Errorf("read list %s: %w", path, err)
	}
	return items, nil
}

// save writes the list.
func save(path string, items []Item) error {
	data, err := json.MarshalIndent(items, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("write list: %w", err)
	}
	return nil
}
