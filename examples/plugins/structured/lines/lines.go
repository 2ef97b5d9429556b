// Package lines is a lister of the lines of a text file. The same command
// is compiled into demoapp ("demoapp text lines") and built alone as the
// structured plugin demoapp-lines, whose output demoapp renders: the two
// give the same bytes in every format.
package lines

import (
	"context"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
)

// Lines lists the lines of FILE: number, text and length in characters.
type Lines struct{ grep string }

// New returns the command, for App.Main or App.AddCommand.
func New() command.Command { return &Lines{} }

// Info describes the command.
func (*Lines) Info() command.Info {
	return command.Info{
		Short:   "List the lines of a file",
		Usage:   "FILE",
		Args:    command.ExactArgs(1),
		ArgKind: command.ArgsFiles,
	}
}

// Flags adds --grep.
func (l *Lines) Flags(fs *pflag.FlagSet) {
	fs.StringVar(&l.grep, "grep", "", "keep only the lines containing `TEXT`")
}

// Columns declares the columns, for completion of -c.
func (*Lines) Columns() []string { return []string{"number", "text", "length"} }

// List reads the file and yields one row per line as it goes.
func (l *Lines) List(ctx context.Context, inv *command.Invocation) (*command.Table, error) {
	data, err := os.ReadFile(inv.Args[0])
	if err != nil {
		return nil, err
	}
	text := strings.TrimSuffix(string(data), "\n")
	return &command.Table{Columns: l.Columns(), Rows: func(yield func([]any, error) bool) {
		if text == "" {
			return
		}
		for i, line := range strings.Split(text, "\n") {
			if l.grep != "" && !strings.Contains(line, l.grep) {
				continue
			}
			if !yield([]any{i + 1, line, utf8.RuneCountInString(line)}, nil) {
				return
			}
		}
	}}, nil
}
