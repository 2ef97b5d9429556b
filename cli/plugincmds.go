package cli

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/discovery"
	"github.com/longshore/longshore/hooks"
	"github.com/longshore/longshore/internal/output"
)

// pluginGroupShort describes the built-in "plugin" group.
const pluginGroupShort = "Manage plugins: list, show, enable, disable, install, remove, create"

// commandEntries returns the App's compiled-in commands plus, unless the
// App opts out, the built-in plugin management commands (an App's own
// command of the same name wins), sorted.
func (r *run) commandEntries() []command.Entry {
	entries := r.app.commandEntries()
	if r.app.NoPluginCommands || (r.app.Main != nil) {
		return entries
	}
	taken := map[string]bool{}
	for _, e := range entries {
		taken[e.Name] = true
	}
	for _, e := range r.pluginCommands() {
		if !taken[e.Name] {
			entries = append(entries, e)
		}
	}
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].Name < entries[j].Name })
	return entries
}

// pluginCommands are the built-in plugin management commands.
func (r *run) pluginCommands() []command.Entry {
	mk := func(name string, c command.Command) command.Entry {
		return command.Entry{Namespace: r.app.namespace("commands"), Name: name,
			New: func() command.Command { return c }, Registrant: "longshore/cli (built in)"}
	}
	return []command.Entry{
		mk("plugin list", &pluginList{r: r}),
		mk("plugin show", &pluginShow{r: r}),
		mk("plugin enable", &pluginEnable{r: r, disable: false}),
		mk("plugin disable", &pluginEnable{r: r, disable: true}),
		mk("plugin install", &pluginInstall{r: r}),
		mk("plugin remove", &pluginRemove{r: r}),
		mk("plugin create", &pluginCreate{r: r, lang: "sh"}),
	}
}

// pluginRow is one line of plugin list.
type pluginRow struct {
	name, kind, source, version, status, path, description string
	// plugin is the external plugin behind the row, nil for compiled-in.
	plugin *discovery.Plugin
}

var pluginColumns = []string{"name", "kind", "source", "version", "status", "path", "description"}

func (p pluginRow) values() []any {
	return []any{p.name, p.kind, p.source, p.version, p.status, p.path, p.description}
}

// pluginRows returns every plugin of the App: compiled-in commands, hooks
// and formatters, then what a scan of the plugin directories found, sorted
// by name and kind (a winner before what it shadows). Scan warnings are
// returned for the caller to print.
func (r *run) pluginRows() ([]pluginRow, []string, error) {
	var rows []pluginRow
	builtin := string(discovery.SourceBuiltin)
	for _, e := range r.commandEntries() {
		row := pluginRow{name: e.Name, kind: "command", source: builtin, version: r.app.Version}
		var unmet error
		if newFn, ok := e.New.(func() command.Command); ok {
			c, err := command.GuardValue("command "+e.Name, func() (command.Command, error) { return newFn(), nil })
			if err == nil && c != nil {
				if info, err := command.GuardValue("command "+e.Name, func() (command.Info, error) { return c.Info(), nil }); err == nil {
					row.description = info.Short
				}
				if ac, ok := c.(command.AvailabilityChecker); ok {
					unmet = command.Guard("command "+e.Name, ac.Available)
				}
			}
		}
		row.status = r.sess.enabledStatus(e.Name, unmet)
		rows = append(rows, row)
	}
	for _, h := range hooks.LoadCompiled(r.app.registry(), r.app.namespace("hooks")) {
		d := h.Describe()
		rows = append(rows, pluginRow{name: d.Name, kind: d.Kind, source: builtin, version: r.app.Version,
			status: r.sess.enabledStatus(d.Name, d.Err), description: hookDescription(d)})
	}
	set, err := r.out.FormatSet()
	if err != nil {
		return nil, nil, err
	}
	for _, n := range set.Names(0) {
		rows = append(rows, pluginRow{name: n, kind: "formatter", source: builtin, version: r.app.Version,
			status: r.sess.enabledStatus(n, nil), description: set.Description(n)})
	}
	s, err := r.sess.scan()
	if err != nil {
		return nil, nil, err
	}
	var warnings []string
	for _, p := range r.sess.search.Ignored {
		warnings = append(warnings, fmt.Sprintf("search path entry %q is not absolute: ignored", p))
	}
	for _, w := range s.Warnings {
		warnings = append(warnings, w.String())
	}
	warnings = append(warnings, r.tree.shadowWarnings(s)...)
	for _, p := range s.Plugins {
		rows = append(rows, r.externalRows(p)...)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].name != rows[j].name {
			return rows[i].name < rows[j].name
		}
		return rows[i].kind < rows[j].kind
	})
	return rows, warnings, nil
}

// externalRows returns the rows of an external plugin: its command and
// the hooks and formatters its manifest declares.
func (r *run) externalRows(p *discovery.Plugin) []pluginRow {
	status := r.tree.externalStatus(p)
	base := pluginRow{name: p.Name, kind: "command", source: string(p.Source), version: p.Version(), status: status, path: p.Path, description: p.Description(), plugin: p}
	if name, ok := output.ConventionFormatter(p); ok {
		base.name, base.kind = name, "formatter"
		if status == "enabled" {
			base.status = r.sess.enabledStatus(name, nil)
		}
		base.description = cmpOr(base.description, "formats by the "+r.app.Name+"-format-<name> convention")
		return []pluginRow{base}
	}
	rows := []pluginRow{base}
	if p.Manifest == nil {
		return rows
	}
	// A hook or formatter shares its plugin's status unless that is
	// enabled: then its own name decides.
	own := func(name string) string {
		if status == "enabled" && r.sess.pluginDisabled(name) {
			return "disabled"
		}
		return status
	}
	for _, h := range p.Manifest.Hooks {
		row := base
		row.name, row.kind, row.status = h.Name, "hook", own(h.Name)
		row.description = hookDescription(hooks.Description{Commands: h.Commands})
		rows = append(rows, row)
	}
	for _, f := range p.Manifest.Formatters {
		row := base
		row.name, row.kind, row.status = f.Name, "formatter", own(f.Name)
		row.description = "formats " + cmpOr(f.Kind, "both")
		rows = append(rows, row)
	}
	return rows
}

// hookDescription is a hook's description in plugin list: the commands it
// attaches to, then its own description.
func hookDescription(d hooks.Description) string {
	return strings.TrimSuffix("hooks "+d.CommandList()+": "+d.Description, ": ")
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// checkDisabled is the error for running a compiled-in command the config
// disables. The plugin commands themselves cannot be disabled: they are
// how one enables things again.
func (s *session) checkDisabled(name string) error {
	if s.isPluginCommand(name) || !s.pluginDisabled(name) {
		return nil
	}
	return fmt.Errorf("%s %s is disabled; enable it with \"%s plugin enable %s\"", s.app.Name, name, s.app.Name, name)
}

// isPluginCommand reports whether name is Longshore's plugin group or one
// of its commands, which cannot be disabled.
func (s *session) isPluginCommand(name string) bool {
	return !s.app.NoPluginCommands && (name == "plugin" || strings.HasPrefix(name, "plugin "))
}

// warn prints warnings to stderr, one a line.
func (s *session) warn(warnings []string) {
	for _, w := range warnings {
		fmt.Fprintf(s.errOut, "%s: warning: %s\n", s.app.Name, w)
	}
}

// pluginList is "plugin list".
type pluginList struct{ r *run }

func (c *pluginList) Info() command.Info {
	return command.Info{
		Short: "List plugins: compiled-in and external commands, hooks and formatters",
		Long: "List every plugin the app knows: compiled-in commands, hooks and formatters, and the\n" +
			"external plugins found in the plugin directories and on PATH, with where they come\n" +
			"from and whether they are enabled. Problems found while looking (files that are not\n" +
			"executable, broken links, unsafe permissions) are printed as warnings on stderr.",
	}
}

func (c *pluginList) List(ctx context.Context, inv *command.Invocation) (*command.Table, error) {
	rows, warnings, err := c.r.pluginRows()
	if err != nil {
		return nil, err
	}
	c.r.sess.warn(warnings)
	out := make([][]any, len(rows))
	for i, row := range rows {
		out[i] = row.values()
	}
	return &command.Table{Columns: pluginColumns, Rows: command.RowsOf(out...)}, nil
}

// Columns declares plugin list's columns, for completion.
func (*pluginList) Columns() []string { return pluginColumns }

// pluginShowFields are plugin show's fields after pluginColumns.
var pluginShowFields = []string{"manifest", "long", "completion", "output", "requires", "hooks", "formatters"}

// Columns declares plugin show's fields, for completion.
func (*pluginShow) Columns() []string {
	return append(append([]string{}, pluginColumns...), pluginShowFields...)
}

// pluginShow is "plugin show NAME".
type pluginShow struct{ r *run }

func (c *pluginShow) Info() command.Info {
	return command.Info{
		Short: "Show one plugin: where it is, its status and its manifest",
		Usage: "NAME...",
		Args:  command.Args{Min: 1, Max: command.Unlimited},
	}
}

func (c *pluginShow) Show(ctx context.Context, inv *command.Invocation) (*command.Record, error) {
	row, err := c.r.findPlugin(strings.Join(inv.Args, " "))
	if err != nil {
		return nil, err
	}
	fields := c.Columns()
	values := row.values()
	var m *discovery.Manifest
	manifest := ""
	if row.plugin != nil {
		m, manifest = row.plugin.Manifest, row.plugin.ManifestPath
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
	req := strings.Join(append(append(append([]string{}, m.Requires.Env...), m.Requires.Executables...), prefixed("app ", m.Requires.App)...), ", ")
	values = append(values, manifest, strings.TrimRight(m.Long, "\n"), m.Completion, m.Output, req, strings.Join(hooks, ", "), strings.Join(fmts, ", "))
	return &command.Record{Fields: fields, Values: values}, nil
}

func prefixed(prefix, s string) []string {
	if s == "" {
		return nil
	}
	return []string{prefix + s}
}

// findPlugin returns the row of the plugin called name (the winner when
// several share it), or a usage error with suggestions.
func (r *run) findPlugin(name string) (pluginRow, error) {
	rows, _, err := r.pluginRows()
	if err != nil {
		return pluginRow{}, err
	}
	var names []string
	for _, row := range rows {
		if row.name == name {
			return row, nil
		}
		names = append(names, row.name)
	}
	return pluginRow{}, command.Usagef("no plugin called %q%s", name, didYouMean(similar(name, names)))
}

// similar returns the names within edit distance 2 of name, or starting
// with it, once each and sorted.
func similar(name string, names []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		if !seen[n] && (levenshtein(name, n) <= 2 || strings.HasPrefix(n, name)) {
			seen[n] = true
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}
