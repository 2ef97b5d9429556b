package demo

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/longshore/longshore/command"
)

func init() {
	command.Register(App, "files show", func() command.Command { return &filesShow{} })
}

// filesShow shows one file's details as a record.
type filesShow struct{}

var (
	_ command.Shower = (*filesShow)(nil)
)

func (*filesShow) Info() command.Info {
	return command.Info{
		Short:   "Show the details of one file",
		Long:    "Show the details of PATH without following a final symbolic link: its\nkind, size, mode, modification time, link target and, for a directory,\nthe number of entries.",
		Usage:   "PATH",
		Example: "  demoapp files show go.mod",
		Args:    command.ExactArgs(1),
		ArgKind: command.ArgsFiles,
	}
}

// fileFields are the fields of files show.
var fileFields = []string{"name", "path", "kind", "size", "mode", "modified", "target", "entries"}

// Columns declares the fields, for completion of -c.
func (*filesShow) Columns() []string { return fileFields }

func (*filesShow) Show(ctx context.Context, inv *command.Invocation) (*command.Record, error) {
	path := inv.Args[0]
	fi, err := os.Lstat(path)
	if err != nil {
		return nil, fmt.Errorf("show %s: %w", path, err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("show %s: %w", path, err)
	}
	var target, entries any
	if fi.Mode()&os.ModeSymlink != 0 {
		if t, err := os.Readlink(path); err == nil {
			target = t
		}
	}
	if fi.IsDir() {
		if list, err := os.ReadDir(path); err == nil {
			entries = len(list)
		}
	}
	return &command.Record{
		Fields: fileFields,
		Values: []any{fi.Name(), abs, kindOf(fi.Mode()), fi.Size(), fi.Mode().String(), modified(fi), target, entries},
	}, nil
}
