package plugincmd

import (
	"context"
	"strings"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/discovery"
	"github.com/longshore/longshore/internal/hookrun"
)

// ShowOptions are the inputs of plugin show.
type ShowOptions struct {
	// App is the app's name.
	App string
	// Catalog is what the app knows of its plugins.
	Catalog Catalog
	// Name is the plugin to show, its words joined by one space.
	Name string
}

// showFields are plugin show's fields after Columns: the plugin's
// manifest, then what a hook is (empty for the other kinds).
var showFields = []string{"manifest", "long", "completion", "output", "requires", "hooks", "formatters",
	"commands", "phases", "required", "priority"}

// NewShowCmd returns "plugin show NAME..." built on o. runF, when not nil,
// runs instead of showRun.
func NewShowCmd(o *Options, runF func(*ShowOptions) (*command.Record, error)) command.Command {
	if runF == nil {
		runF = showRun
	}
	return &showCmd{opts: ShowOptions{App: o.App, Catalog: o.Catalog}, runF: runF}
}

type showCmd struct {
	opts ShowOptions
	runF func(*ShowOptions) (*command.Record, error)
}

var (
	_ command.Shower         = (*showCmd)(nil)
	_ command.ColumnDeclarer = (*showCmd)(nil)
	_ command.ArgCompleter   = (*showCmd)(nil)
)

func (*showCmd) Info() command.Info {
	return command.Info{
		Short: "Show one plugin: where it is, its status and its manifest",
		Usage: "NAME...",
		Args:  command.Args{Min: 1, Max: command.Unlimited},
	}
}

// Columns declares plugin show's fields, for completion.
func (*showCmd) Columns() []string {
	return append(append([]string{}, Columns...), showFields...)
}

func (c *showCmd) Show(ctx context.Context, inv *command.Invocation) (*command.Record, error) {
	opts := c.opts
	opts.Name = strings.Join(inv.Args, " ")
	return c.runF(&opts)
}

// CompleteArgs offers every plugin's name.
func (c *showCmd) CompleteArgs(_ command.Env, args []string, toComplete string) []string {
	return nextWords(rowNames(c.opts.App, c.opts.Catalog, nil), args)
}

// showRun returns the record of one plugin: its row, then its manifest.
func showRun(opts *ShowOptions) (*command.Record, error) {
	row, err := find(opts.App, opts.Catalog, opts.Name)
	if err != nil {
		return nil, err
	}
	values := row.values()
	var m *discovery.Manifest
	manifest := ""
	if row.Plugin != nil {
		m, manifest = row.Plugin.Manifest, row.Plugin.ManifestPath
	}
	if m == nil {
		m = &discovery.Manifest{}
	}
	var hooks, fmts []string
	for _, h := range m.Hooks {
		hooks = append(hooks, h.Name)
	}
	for _, f := range m.Formatters {
		fmts = append(fmts, f.Name)
	}
	req := append(append([]string{}, m.Requires.Env...), m.Requires.Executables...)
	if m.Requires.App != "" {
		req = append(req, "app "+m.Requires.App)
	}
	hookList := strings.Join(hooks, ", ")
	if row.HooksNotLoaded != "" {
		hookList += "; " + notLoaded + row.HooksNotLoaded
	}
	values = append(values, manifest, strings.TrimRight(m.Long, "\n"), m.Completion, m.Output,
		strings.Join(req, ", "), hookList, strings.Join(fmts, ", "))
	values = append(values, hookValues(row.Hook)...)
	return &command.Record{Fields: (*showCmd)(nil).Columns(), Values: values}, nil
}

// hookValues are the values of plugin show's hook fields: the commands the
// hook attaches to, its phases, whether it is required and its priority;
// nil values (empty, null in JSON) for a row that is no hook.
func hookValues(d *hookrun.Description) []any {
	if d == nil {
		return []any{nil, nil, nil, nil}
	}
	return []any{d.CommandList(), d.Phases, d.Required, d.Priority}
}
