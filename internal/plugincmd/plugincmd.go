// Package plugincmd holds Longshore's built-in "plugin" commands (list,
// show, enable, disable, install, upgrade, remove, create), written as any
// app's commands are, after gh's pkg/cmd: for each, an options struct
// holding its inputs and what it depends on, a thin constructor that
// builds the command.Command and fills the options, and a run function
// that does the work.
//
// The commands know the app only through [Options]: its name, the user's
// plugin directory, the config and a [Catalog] of what it knows of its
// plugins. The cli package fills them for each run; tests fill them with
// fakes and a temporary directory. Install and upgrade do their work with
// internal/install.
package plugincmd

import (
	"strings"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/discovery"
)

// GroupShort describes the "plugin" group in help.
const GroupShort = "Manage plugins: list, show, enable, disable, install, upgrade, remove, create"

// ManifestFlag is the argument that makes a Longshore app print its own
// manifest; cli.ManifestFlag is the same.
const ManifestFlag = "--longshore-manifest"

// Options are what the plugin commands need from the app, filled for each
// run. Every command copies the part it uses into its own options.
type Options struct {
	// App is the app's name, the prefix of every plugin's file name.
	App string
	// EnvPrefix is the app's name as an environment variable prefix
	// ("DEMOAPP"), for the scaffolds of plugin create.
	EnvPrefix string
	// UserDir is the user's plugin directory, where install and upgrade
	// install and remove removes.
	UserDir string
	// WorkDir is where create writes its folder; "" is the current
	// directory.
	WorkDir string
	// Catalog is what the app knows of its plugins.
	Catalog Catalog
	// Config returns the user's configuration (read once per run): its
	// Path is the file enable and disable rewrite.
	Config func() (*discovery.Config, error)
	// Warn prints one warning to the user (cli prefixes "<app>: warning: ").
	Warn func(string)
	// Permanent returns why the plugin called name cannot be disabled
	// (the default formatter: every command without -f prints with it),
	// "" when it can; nil is "" for every name. The plugin commands never
	// can (IsPluginCommand).
	Permanent func(name string) string
}

// Catalog is what the plugin commands ask the app about its plugins. The
// cli package implements it over its run; tests use a fake.
type Catalog interface {
	// Inventory returns every plugin the app knows (compiled-in and found
	// by a scan of the search path) and the warnings found while looking.
	Inventory() (*Inventory, error)
	// Lookup returns the external plugin the app runs for words, the first
	// found along the search path, or nil.
	Lookup(words []string) *discovery.Plugin
	// Shadow returns the compiled-in command that keeps an external
	// command of these words from running, or "".
	Shadow(words []string) string
	// Reserved reports whether word, as a first command word, is the
	// app's own (help, completion, ...): no plugin may take it.
	Reserved(word string) bool
	// Taken reports whether name belongs to a compiled-in command, which
	// a manifest's hooks and formatters may not take (discovery.Finder's
	// Taken).
	Taken(name string) bool
}

// Named is one plugin command and its name ("plugin list").
type Named struct {
	// Name is the command's words.
	Name string
	// Command is the command.
	Command command.Command
}

// Commands returns the plugin commands, built on o, in the order of
// GroupShort.
func Commands(o *Options) []Named {
	return []Named{
		{"plugin list", NewListCmd(o, nil)},
		{"plugin show", NewShowCmd(o, nil)},
		{"plugin enable", NewEnableCmd(o, false, nil)},
		{"plugin disable", NewEnableCmd(o, true, nil)},
		{"plugin install", NewInstallCmd(o, nil)},
		{"plugin upgrade", NewUpgradeCmd(o, nil)},
		{"plugin remove", NewRemoveCmd(o, nil)},
		{"plugin create", NewCreateCmd(o, nil)},
	}
}

// IsPluginCommand reports whether name is the plugin group or one of its
// commands: those cannot be disabled, as they are how one enables things
// again.
func IsPluginCommand(name string) bool {
	return name == "plugin" || strings.HasPrefix(name, "plugin ")
}

// cannotDisable returns why the plugin called name cannot be disabled, ""
// when it can.
func cannotDisable(permanent func(string) string, name string) string {
	if IsPluginCommand(name) {
		return "the plugin commands are how plugins are enabled again"
	}
	if permanent != nil {
		return permanent(name)
	}
	return ""
}

// warn calls o.Warn for each warning; a nil Warn drops them.
func warnAll(warn func(string), warnings []string) {
	if warn == nil {
		return
	}
	for _, w := range warnings {
		warn(w)
	}
}

// oneLine folds a multi-line message onto one line.
func oneLine(s string) string {
	return discovery.Escape(strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " "))
}
