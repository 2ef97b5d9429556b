package todo

import (
	"context"
	"strings"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
)

func init() {
	command.Register(Name, "list", func() command.Command { return &list{} })
}

// list is a lister: its rows go to the formatter -f picks.
type list struct{ all bool }

// The compiler checks the capabilities list means to have.
var (
	_ command.Lister         = (*list)(nil)
	_ command.FlagDeclarer   = (*list)(nil)
	_ command.ColumnDeclarer = (*list)(nil)
)

func (*list) Info() command.Info {
	return command.Info{Short: "List the open items (--all: done ones too)", Example: "  todo list -f csv"}
}

func (l *list) Flags(fs *pflag.FlagSet) {
	fs.BoolVarP(&l.all, "all", "a", false, "list done items too")
}

func (*list) Columns() []string { return []string{"id", "title", "done", "priority", "tags"} }

func (l *list) List(ctx context.Context, inv *command.Invocation) (*command.Table, error) {
	path, err := file(inv)
	if err != nil {
		return nil, err
	}
	items, err := load(path)
	if err != nil {
		return nil, err
	}
	var rows [][]any
	for _, it := range items {
		if it.Done && !l.all {
			continue
		}
		rows = append(rows, []any{it.ID, it.Title, it.Done, it.Priority, strings.Join(it.Tags, ",")})
	}
	return &command.Table{Columns: l.Columns(), Rows: command.RowsOf(rows...)}, nil
}
