package cli

import (
	"fmt"
	"sort"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/discovery"
	"github.com/longshore/longshore/internal/hookrun"
	"github.com/longshore/longshore/internal/plugincmd"
	"github.com/longshore/longshore/internal/registry"
)

// The built-in "plugin" commands live in internal/plugincmd; this file
// builds their options from the run and registers them.

// pluginGroupShort describes the built-in "plugin" group.
const pluginGroupShort = plugincmd.GroupShort

// commandEntries returns the App's compiled-in commands plus, unless the
// App opts out, the built-in plugin management commands (an App's own
// command of the same name wins), sorted.
func (r *run) commandEntries() []registry.Entry[command.Command] {
	entries := r.app.commandEntries()
	if r.app.NoPluginCommands || r.single() {
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
func (r *run) pluginCommands() []registry.Entry[command.Command] {
	var entries []registry.Entry[command.Command]
	for _, n := range plugincmd.Commands(r.pluginOptions()) {
		c := n.Command
		entries = append(entries, registry.Entry[command.Command]{App: r.app.Name, Name: n.Name,
			New: func() command.Command { return c }, Registrant: "longshore/cli (built in)"})
	}
	return entries
}

// pluginOptions are what the plugin commands know of this run.
func (r *run) pluginOptions() *plugincmd.Options {
	return &plugincmd.Options{
		App:       r.app.Name,
		EnvPrefix: r.app.envPrefix(),
		UserDir:   discovery.UserDir(r.discoveryEnv()),
		Catalog:   pluginCatalog{r},
		Config:    r.config,
		Warn:      func(w string) { r.warn([]string{w}) },
	}
}

// pluginCatalog answers the plugin commands' questions from the run.
type pluginCatalog struct{ r *run }

var _ plugincmd.Catalog = pluginCatalog{}

// Inventory returns the compiled-in commands, hooks and formatters, and
// what a scan of the plugin directories found.
func (c pluginCatalog) Inventory() (*plugincmd.Inventory, error) {
	r := c.r
	inv := &plugincmd.Inventory{Version: r.app.Version, Disabled: r.pluginDisabled}
	for _, e := range r.commandEntries() {
		b := plugincmd.Builtin{Name: e.Name}
		if cmd, info, err := loadCommand(e); err == nil {
			b.Description = info.Short
			b.Unmet = r.available(e.Name, cmd)
		}
		inv.Commands = append(inv.Commands, b)
	}
	for _, h := range hookrun.LoadCompiled(r.app.Name, r.app.addedHooks) {
		inv.Hooks = append(inv.Hooks, h.Describe())
	}
	set, _ := r.formatSet()
	for _, n := range set.Names(0) {
		inv.Formatters = append(inv.Formatters, plugincmd.Builtin{Name: n, Description: set.Description(n)})
	}
	s, err := r.scan()
	if err != nil {
		return nil, err
	}
	inv.Warnings = append(inv.Warnings, unclaimedWarnings()...)
	for _, p := range r.search.Ignored {
		inv.Warnings = append(inv.Warnings, fmt.Sprintf("search path entry %q is not absolute: ignored", p))
	}
	for _, w := range s.Warnings {
		inv.Warnings = append(inv.Warnings, w.String())
	}
	for _, p := range s.Plugins {
		e := plugincmd.External{Plugin: p, Status: r.externalStatus(p)}
		e.Formatter, _ = conventionFormatter(p)
		inv.External = append(inv.External, e)
	}
	return inv, nil
}

// Lookup returns the plugin the run's finder resolves words to.
func (c pluginCatalog) Lookup(words []string) *discovery.Plugin {
	f, err := c.r.finder()
	if err != nil {
		return nil
	}
	p, _, _ := f.Resolve(words, len(words))
	return p
}

// Shadow returns the compiled-in command that shadows words.
func (c pluginCatalog) Shadow(words []string) string { return c.r.compiledInShadow(words) }

// Reserved reports whether word is a root word no external takes.
func (c pluginCatalog) Reserved(word string) bool { return reservedWords[word] }

// Taken reports whether name is a compiled-in command's.
func (c pluginCatalog) Taken(name string) bool { return c.r.compiledInName(name) }

// checkDisabled is the error for running a compiled-in command the config
// disables. The plugin commands themselves cannot be disabled: they are
// how one enables things again.
func (r *run) checkDisabled(name string) error {
	if r.isPluginCommand(name) || !r.pluginDisabled(name) {
		return nil
	}
	return fmt.Errorf("%s %s is disabled; enable it with \"%s plugin enable %s\"", r.app.Name, name, r.app.Name, name)
}

// isPluginCommand reports whether name is Longshore's plugin group or one
// of its commands, which cannot be disabled.
func (r *run) isPluginCommand(name string) bool {
	return !r.app.NoPluginCommands && plugincmd.IsPluginCommand(name)
}

// warn prints warnings to stderr, one a line.
func (r *run) warn(warnings []string) {
	for _, w := range warnings {
		fmt.Fprintf(r.io.ErrOut, "%s: warning: %s\n", r.app.Name, discovery.Escape(w))
	}
}
