package demo

import (
	"context"
	"sort"
	"strings"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
)

func init() {
	command.Register(App, "env list", func() command.Command { return &envList{} })
}

// envList lists the environment variables, sorted by name.
type envList struct {
	prefix string
}

var (
	_ command.Lister         = (*envList)(nil)
	_ command.FlagDeclarer   = (*envList)(nil)
	_ command.ColumnDeclarer = (*envList)(nil)
)

func (*envList) Info() command.Info {
	return command.Info{
		Short:   "List environment variables",
		Long:    "List the environment variables of this process, sorted by name; --prefix\nkeeps those whose names start with a prefix.",
		Example: "  demoapp env list --prefix DEMOAPP_",
	}
}

func (c *envList) Flags(fs *pflag.FlagSet) {
	fs.StringVar(&c.prefix, "prefix", "", "only variables whose names start with `PREFIX`")
}

func (*envList) Columns() []string { return []string{"name", "value"} }

func (c *envList) List(ctx context.Context, inv *command.Invocation) (*command.Table, error) {
	env := inv.Env.Environ()
	sort.Strings(env)
	var rows [][]any
	for _, kv := range env {
		name, value, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, c.prefix) {
			rows = append(rows, []any{name, value})
		}
	}
	return &command.Table{Columns: c.Columns(), Rows: command.RowsOf(rows...)}, nil
}
