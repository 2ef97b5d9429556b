package cli

import (
	"fmt"
	"sort"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/discovery"
	"github.com/longshore/longshore/internal/hookrun"
	"github.com/longshore/longshore/internal/output"
	"github.com/longshore/longshore/internal/plugincmd"
	"github.com/longshore/longshore/internal/registry"
)

// The built-in "plugin" commands live in internal/plugincmd; this file
// builds their options from the run's parts and registers them.

// pluginGroupShort describes the built-in "plugin" group.
const pluginGroupShort = plugincmd.GroupShort

// commandEntries returns the App's compiled-in commands plus, unless the
// App opts out, the built-in plugin management and alias commands (an
// App's own command of the same name wins), sorted.
func (t *tree) commandEntries() []registry.Entry[command.Command] {
	entries := t.app.commandEntries()
	taken := map[string]bool{}
	for _, e := range entries {
		taken[e.Name] = true
	}
	var builtins []registry.Entry[command.Command]
	if !t.app.NoPluginCommands && t.app.Main == nil {
		for _, n := range plugincmd.Commands(t.pluginOptions()) {
			c := n.Command
			builtins = append(builtins, registry.Entry[command.Command]{App: t.app.Name, Name: n.Name,
				New: func() command.Command { return c }, Registrant: registry.Named("longshore/cli (built in)")})
		}
	}
	for _, e := range append(builtins, t.aliasEntries()...) {
		if !taken[e.Name] {
			entries = append(entries, e)
		}
	}
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].Name < entries[j].Name })
	return entries
}

// pluginOptions are what the plugin commands know of this run.
func (t *tree) pluginOptions() *plugincmd.Options {
	return &plugincmd.Options{
		App:       t.app.Name,
		EnvPrefix: t.app.envPrefix(),
		UserDir:   discovery.UserDir(t.sess.discoveryEnv()),
		Catalog:   pluginCatalog{t},
		Config:    t.sess.config,
		Warn:      func(w string) { t.sess.warn(w) },
		Permanent: permanentPlugin,
	}
}

// permanentPlugin returns why the plugin called name cannot be disabled:
// the default formatter prints every command run without -f. "" for any
// other name.
func permanentPlugin(name string) string {
	if name == output.DefaultFormat {
		return "it is the default formatter, which prints every list and record when -f is not given"
	}
	return ""
}

// pluginCatalog answers the plugin commands' questions from the tree and
// the session; they are asked only once the tree is built.
type pluginCatalog struct{ t *tree }

var _ plugincmd.Catalog = pluginCatalog{}

// Inventory returns the compiled-in commands, hooks and formatters, and
// what a scan of the plugin directories found, with the warnings of the
// scan and of the plugins a compiled-in command shadows.
func (c pluginCatalog) Inventory() (*plugincmd.Inventory, error) {
	t, s := c.t, c.t.sess
	inv := &plugincmd.Inventory{Version: t.app.Version, Disabled: s.pluginDisabled,
		UserDir: discovery.UserDir(s.discoveryEnv())}
	for _, e := range t.commandEntries() {
		b := plugincmd.Builtin{Name: e.Name}
		if cmd, info, err := loadCommand(e); err == nil {
			b.Description = info.Short
			b.Unmet = available(t.app, e.Name, cmd)
		}
		inv.Commands = append(inv.Commands, b)
	}
	for _, h := range hookrun.LoadCompiled(t.app.Name, t.app.addedHooks) {
		inv.Hooks = append(inv.Hooks, h.Describe())
	}
	set, err := t.out.FormatSet()
	if err != nil {
		return nil, err
	}
	for _, n := range set.Names(0) {
		inv.Formatters = append(inv.Formatters, plugincmd.Builtin{Name: n, Description: set.Description(n)})
	}
	scan, err := s.scan()
	if err != nil {
		return nil, err
	}
	inv.Warnings = append(inv.Warnings, unclaimedWarnings()...)
	for _, p := range s.searchPath().Ignored {
		inv.Warnings = append(inv.Warnings, fmt.Sprintf("search path entry %q is not absolute: ignored", p))
	}
	for _, w := range scan.Warnings {
		inv.Warnings = append(inv.Warnings, w.String())
	}
	inv.Warnings = append(inv.Warnings, t.shadowWarnings(scan)...)
	for _, p := range scan.Plugins {
		e := plugincmd.External{Plugin: p, Status: t.externalStatus(p)}
		e.Formatter, _ = output.ConventionFormatter(p)
		inv.External = append(inv.External, e)
	}
	return inv, nil
}

// Lookup returns the plugin the run's finder resolves words to.
func (c pluginCatalog) Lookup(words []string) *discovery.Plugin {
	f, err := c.t.sess.find()
	if err != nil {
		return nil
	}
	p, _, _ := f.Resolve(words, len(words))
	return p
}

// Shadow returns the compiled-in command that shadows words.
func (c pluginCatalog) Shadow(words []string) string { return c.t.compiledInShadow(words) }

// Reserved reports whether word is a root word no external takes.
func (c pluginCatalog) Reserved(word string) bool { return c.t.reserved(word) }

// Taken reports whether name is a compiled-in command's.
func (c pluginCatalog) Taken(name string) bool { return c.t.compiledInName(name) }

// checkDisabled is the error for running a compiled-in command the config
// disables. The plugin commands themselves cannot be disabled: they are
// how one enables things again.
func (s *session) checkDisabled(name string) error {
	if !s.app.NoPluginCommands && plugincmd.IsPluginCommand(name) || !s.pluginDisabled(name) {
		return nil
	}
	return fmt.Errorf("%s %s is disabled; enable it with \"%s plugin enable %s\"", s.app.Name, name, s.app.Name, name)
}

// warn prints a warning to stderr, escaped: it may quote a file name.
func (s *session) warn(w string) {
	fmt.Fprintf(s.errOut, "%s%s\n", warningPrefix(s.app.Name, s.io), discovery.Escape(w))
}
