package aliascmd

import (
	"context"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/alias"
	"github.com/longshore/longshore/internal/discovery"
)

// Columns are alias list's columns.
var Columns = []string{"name", "kind", "expansion", "status"}

// ListOptions are the inputs of alias list.
type ListOptions struct {
	// Config returns the configuration whose aliases are listed.
	Config func() (*discovery.Config, error)
	// Catalog tells which aliases a command hides and which cannot expand.
	Catalog Catalog
}

// NewListCmd returns "alias list" built on o. runF, when not nil, runs
// instead of listRun.
func NewListCmd(o *Options, runF func(*ListOptions) (*command.Table, error)) command.Command {
	if runF == nil {
		runF = listRun
	}
	return &listCmd{opts: ListOptions{Config: o.Config, Catalog: o.Catalog}, runF: runF}
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
		Short: "List the aliases of the config file",
		Long: "List the aliases of the config file: their kind (command or shell), what they expand\n" +
			"to and whether they work. An alias named like a command, a reserved word or an installed\n" +
			"external plugin is ignored (the command runs); one whose command or options do not\n" +
			"exist is broken, and says why.",
	}
}

// Columns declares alias list's columns, for completion.
func (*listCmd) Columns() []string { return Columns }

func (c *listCmd) List(ctx context.Context, inv *command.Invocation) (*command.Table, error) {
	opts := c.opts
	return c.runF(&opts)
}

// listRun returns one row per alias, in the config file's order.
func listRun(opts *ListOptions) (*command.Table, error) {
	cfg, err := opts.Config()
	if err != nil {
		return nil, err
	}
	rows := make([][]any, 0, len(cfg.Aliases))
	for i := range cfg.Aliases {
		a := &cfg.Aliases[i]
		rows = append(rows, []any{a.Name, Kind(a), a.Expansion(), Status(cfg, a, opts.Catalog)})
	}
	return &command.Table{Columns: Columns, Rows: command.RowsOf(rows...)}, nil
}

// Kind is "shell" for a shell alias, else "command".
func Kind(a *discovery.Alias) string {
	if a.Shell != "" {
		return "shell"
	}
	return "command"
}

// Status says whether the alias a works: "ok", "ignored: NAME is ..."
// when it would shadow something, or "broken: why" when it cannot expand.
func Status(cfg *discovery.Config, a *discovery.Alias, cat Catalog) string {
	if what := cat.Shadows(a.Name); what != "" {
		return "ignored: " + a.Name + " is " + what
	}
	if err := alias.Check(a, isAliasOf(cfg), cat); err != nil {
		return "broken: " + err.Error()
	}
	return "ok"
}
