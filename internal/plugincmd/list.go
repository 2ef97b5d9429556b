package plugincmd

import (
	"context"

	"github.com/longshore/longshore/command"
)

// ListOptions are the inputs of plugin list.
type ListOptions struct {
	// App is the app's name.
	App string
	// Catalog is what the app knows of its plugins.
	Catalog Catalog
	// Warn prints the warnings of the scan.
	Warn func(string)
}

// NewListCmd returns "plugin list" built on o. runF, when not nil, runs
// instead of listRun (for tests of the command's wiring).
func NewListCmd(o *Options, runF func(*ListOptions) (*command.Table, error)) command.Command {
	if runF == nil {
		runF = listRun
	}
	return &listCmd{opts: ListOptions{App: o.App, Catalog: o.Catalog, Warn: o.Warn}, runF: runF}
}

type listCmd struct {
	opts ListOptions
	runF func(*ListOptions) (*command.Table, error)
}

var (
	_ command.Lister         = (*listCmd)(nil)
	_ command.ColumnDeclarer = (*listCmd)(nil)
)

func (*listCmd) Info() command.Info {
	return command.Info{
		Short: "List plugins: compiled-in and external commands, hooks and formatters",
		Long: "List every plugin the app knows: compiled-in commands, hooks and formatters, and the\n" +
			"external plugins found in the plugin directories and on PATH, with where they come\n" +
			"from and whether they are enabled. Problems found while looking (files that are not\n" +
			"executable, broken links, unsafe permissions) are printed as warnings on stderr.",
	}
}

// Columns declares plugin list's columns, for completion.
func (*listCmd) Columns() []string { return Columns }

func (c *listCmd) List(ctx context.Context, inv *command.Invocation) (*command.Table, error) {
	opts := c.opts
	return c.runF(&opts)
}

// listRun returns the table of every plugin and prints the scan's
// warnings.
func listRun(opts *ListOptions) (*command.Table, error) {
	rows, warnings, err := rowsOf(opts.App, opts.Catalog)
	if err != nil {
		return nil, err
	}
	warnAll(opts.Warn, warnings)
	out := make([][]any, len(rows))
	for i, row := range rows {
		out[i] = row.values()
	}
	return &command.Table{Columns: Columns, Rows: command.RowsOf(out...)}, nil
}

// rowsOf returns the rows of the catalog's inventory and its warnings.
func rowsOf(app string, cat Catalog) ([]Row, []string, error) {
	inv, err := cat.Inventory()
	if err != nil {
		return nil, nil, err
	}
	return Rows(app, inv), inv.Warnings, nil
}

// find returns the row of the plugin called name (the winner when several
// share it), or a usage error with suggestions.
func find(app string, cat Catalog, name string) (Row, error) {
	rows, _, err := rowsOf(app, cat)
	if err != nil {
		return Row{}, err
	}
	var names []string
	for _, row := range rows {
		if row.Name == name {
			return row, nil
		}
		names = append(names, row.Name)
	}
	return Row{}, command.Usagef("no plugin called %q%s", name, didYouMean(similar(name, names)))
}
