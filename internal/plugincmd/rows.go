package plugincmd

import (
	"sort"
	"strings"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/discovery"
	"github.com/longshore/longshore/internal/hookrun"
	"github.com/longshore/longshore/internal/install"
)

// Row is one line of plugin list.
type Row struct {
	// Name, Kind ("command", "hook", "formatter"), Source (where it was
	// found: "builtin", a directory kind), Version, Status ("enabled",
	// "disabled", "unavailable: ...", "not loaded: ..." (a hook of a
	// plugin on PATH), "shadowed by ...", "invalid: ..."),
	// Path, InstalledFrom (the source plugin install recorded, as
	// install.Record's String) and Description are its columns.
	Name, Kind, Source, Version, Status, Path, InstalledFrom, Description string
	// Plugin is the external plugin behind the row, nil for a compiled-in
	// one.
	Plugin *discovery.Plugin
	// Hook describes the hook of a row of kind "hook" (compiled-in or
	// declared by Plugin's manifest), for plugin show; nil for the others.
	Hook *hookrun.Description
	// HooksNotLoaded says why the hooks Plugin's manifest declares are
	// not loaded, whatever its status, and what to do ("on PATH (move the
	// plugin to a plugin dir: DIR)"); "" when they load or there are none.
	HooksNotLoaded string
}

// Columns are plugin list's columns, in the order of Row.values.
var Columns = []string{"name", "kind", "source", "version", "status", "path", "installed from", "description"}

func (r Row) values() []any {
	return []any{r.Name, r.Kind, r.Source, r.Version, status(r.Status), r.Path, r.InstalledFrom, r.Description}
}

// status is a row's status as plugin list's cell: its text everywhere,
// coloured by what it says in a table on a terminal (formatters.Colorer):
// enabled green, disabled dim, unavailable or not loaded yellow, shadowed,
// invalid or refused red.
type status string

// HumanReadable and MachineReadable make a status plain text in every
// format (formatters.Formattable).
func (s status) HumanReadable() string { return string(s) }

// MachineReadable is the status's text.
func (s status) MachineReadable() any { return string(s) }

// Colorize colours text, the status's cell, by what the status says.
func (s status) Colorize(cs command.ColorScheme, text string) string {
	if strings.HasPrefix(string(s), notLoaded) {
		return cs.Yellow(text)
	}
	switch word, _, _ := strings.Cut(string(s), " "); strings.TrimSuffix(word, ":") {
	case "enabled":
		return cs.Green(text)
	case "disabled":
		return cs.Dim(text)
	case "unavailable":
		return cs.Yellow(text)
	case "shadowed", "invalid", "refused":
		return cs.Red(text)
	}
	return text
}

// Inventory is what the app knows of its plugins, as the Catalog reports
// it; Rows turns it into plugin list's rows.
type Inventory struct {
	// Version is the app's version, the version of every compiled-in row.
	Version string
	// Commands are the compiled-in commands, the plugin commands included.
	Commands []Builtin
	// Hooks are the compiled-in hooks.
	Hooks []hookrun.Description
	// Formatters are the compiled-in formatters (Kind and Unmet unused).
	Formatters []Builtin
	// External are the plugins a scan of the search path found, in the
	// order found.
	External []External
	// Disabled reports whether the config disables a name; nil disables
	// nothing.
	Disabled func(name string) bool
	// Warnings are what the scan found wrong (ignored search path entries,
	// files that are not executable...), one line each.
	Warnings []string
	// UserDir is the user's plugin directory, where a plugin on PATH must
	// move for its hooks to load; "" when unknown.
	UserDir string
}

// Builtin is a compiled-in command or formatter.
type Builtin struct {
	// Name is its name, Description its one-line description.
	Name, Description string
	// Unmet says why its availability check failed; nil when it passed or
	// there is none.
	Unmet error
}

// External is a plugin a scan found, with its status.
type External struct {
	// Plugin is what the scan found.
	Plugin *discovery.Plugin
	// Status is its status as a command: "invalid: ...", "shadowed by
	// ...", "disabled", "unavailable: ..." or "enabled".
	Status string
	// Formatter is the formatter it provides by the
	// "<app>-format-<name>" convention, or "" when it is a command.
	Formatter string
}

// Rows returns the rows of plugin list: compiled-in commands, hooks and
// formatters, then the external plugins with the hooks and formatters
// their manifests declare, sorted by name and kind (a winner before what
// it shadows: the sort is stable).
func Rows(app string, inv *Inventory) []Row {
	var rows []Row
	builtin := string(discovery.SourceBuiltin)
	for _, c := range inv.Commands {
		rows = append(rows, Row{Name: c.Name, Kind: "command", Source: builtin, Version: inv.Version,
			Status: inv.status(c.Name, c.Unmet), Description: c.Description})
	}
	for _, d := range inv.Hooks {
		rows = append(rows, Row{Name: d.Name, Kind: d.Kind, Source: builtin, Version: inv.Version,
			Status: inv.status(d.Name, d.Err), Description: hookDescription(d), Hook: &d})
	}
	for _, f := range inv.Formatters {
		rows = append(rows, Row{Name: f.Name, Kind: "formatter", Source: builtin, Version: inv.Version,
			Status: inv.status(f.Name, nil), Description: f.Description})
	}
	for _, e := range inv.External {
		rows = append(rows, inv.externalRows(app, e)...)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].Name != rows[j].Name {
			return rows[i].Name < rows[j].Name
		}
		return rows[i].Kind < rows[j].Kind
	})
	return rows
}

// disabled reports whether the config disables name.
func (inv *Inventory) disabled(name string) bool {
	return inv.Disabled != nil && inv.Disabled(name)
}

// status is "disabled" when the config disables name, else "unavailable:
// reason" when unmet is not nil, else "enabled".
func (inv *Inventory) status(name string, unmet error) string {
	switch {
	case inv.disabled(name):
		return "disabled"
	case unmet != nil:
		return "unavailable: " + oneLine(unmet.Error())
	}
	return "enabled"
}

// externalRows returns the rows of an external plugin: its command (or
// its formatter by convention) and the hooks and formatters its manifest
// declares.
func (inv *Inventory) externalRows(app string, e External) []Row {
	p := e.Plugin
	base := Row{Name: p.Name, Kind: "command", Source: string(p.Source), Version: p.Version(),
		Status: e.Status, Path: p.Path, InstalledFrom: installedFrom(p), Description: p.Description(), Plugin: p}
	if e.Formatter != "" {
		base.Name, base.Kind = e.Formatter, "formatter"
		if e.Status == "enabled" {
			base.Status = inv.status(e.Formatter, nil)
		}
		if base.Description == "" {
			base.Description = "formats by the " + app + "-format-<name> convention"
		}
		return []Row{base}
	}
	if p.Manifest == nil {
		return []Row{base}
	}
	if len(p.Manifest.Hooks) > 0 && !hooksLoad(p) {
		base.HooksNotLoaded = inv.notLoadedWhy()
	}
	rows := []Row{base}
	// A hook or formatter shares its plugin's status unless that is
	// enabled: then its own name decides, and a hook is not loaded from
	// a plugin on PATH.
	own := func(name string) string {
		if e.Status == "enabled" && inv.disabled(name) {
			return "disabled"
		}
		return e.Status
	}
	for _, h := range p.Manifest.Hooks {
		row := base
		d := hookrun.DescribeSpec(h)
		row.Name, row.Kind, row.Status, row.Hook = h.Name, "hook", own(h.Name), &d
		if row.Status == "enabled" && base.HooksNotLoaded != "" {
			row.Status = notLoaded + base.HooksNotLoaded
		}
		row.Description = hookDescription(d)
		rows = append(rows, row)
	}
	for _, f := range p.Manifest.Formatters {
		row := base
		row.Name, row.Kind, row.Status = f.Name, "formatter", own(f.Name)
		kind := f.Kind
		if kind == "" {
			kind = "both"
		}
		row.Description = "formats " + kind
		rows = append(rows, row)
	}
	return rows
}

// hooksLoad reports whether the hooks p's manifest declares can run:
// hooks are read only from the plugin directories, never from PATH
// (docs/hooks.md, "External hooks").
func hooksLoad(p *discovery.Plugin) bool { return p.Source == discovery.SourceDir }

// notLoaded starts the status of a hook that a plugin on PATH declares.
const notLoaded = "not loaded: "

// notLoadedWhy says why the hooks of a plugin on PATH are not loaded, and
// where to move it: "on PATH (move the plugin to a plugin dir: DIR)".
func (inv *Inventory) notLoadedWhy() string {
	if inv.UserDir == "" {
		return "on PATH (move the plugin to a plugin dir)"
	}
	return "on PATH (move the plugin to a plugin dir: " + inv.UserDir + ")"
}

// installedFrom describes where plugin install installed p from, from the
// record in its folder: "" for a plugin it did not install, the error for
// a record that cannot be read.
func installedFrom(p *discovery.Plugin) string {
	rec, err := install.RecordOf(p)
	switch {
	case err != nil:
		return "invalid record: " + oneLine(err.Error())
	case rec == nil:
		return ""
	}
	return rec.String()
}

// hookDescription is a hook's description in plugin list: the commands it
// attaches to, then its own description.
func hookDescription(d hookrun.Description) string {
	return strings.TrimSuffix("hooks "+d.CommandList()+": "+d.Description, ": ")
}
