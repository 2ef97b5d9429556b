// Package aliascmd holds Longshore's built-in "alias" commands (set,
// list, delete), written as the plugin commands are, after gh's pkg/cmd:
// for each, an options struct holding its inputs and what it depends on,
// a thin constructor that builds the command.Command and fills the
// options, and a run function that does the work.
//
// The commands know the app only through [Options]: its name, the user's
// configuration and a [Catalog] of its commands. The cli package fills
// them for each run; tests fill them with fakes and a temporary file.
package aliascmd

import (
	"strings"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/alias"
	"github.com/longshore/longshore/internal/discovery"
)

// GroupShort describes the "alias" group in help.
const GroupShort = "Manage aliases: set, list, delete"

// Options are what the alias commands need from the app, filled for each
// run. Every command copies the part it uses into its own options.
type Options struct {
	// App is the app's name.
	App string
	// EnvPrefix is the app's name as an environment variable prefix
	// ("DEMOAPP"), for help that names <EnvPrefix>_NO_DEFAULTS.
	EnvPrefix string
	// Config returns the user's configuration, read once per run, or why
	// it cannot be read; its Path (set even then) is the file set and
	// delete rewrite.
	Config func() (*discovery.Config, error)
	// Catalog is what the app knows of its commands.
	Catalog Catalog
}

// Catalog is what the alias commands ask the app about its commands. The
// cli package implements it over its command tree and plugin search path;
// tests use a fake.
type Catalog interface {
	alias.Resolver
	// Shadows returns what an alias called name would hide, or could never
	// take the place of: "the command \"files\"", "the reserved word
	// \"help\"", "the external plugin /path/app-x". It returns "" when the
	// name is free.
	Shadows(name string) string
}

// Named is one alias command and its name ("alias set").
type Named struct {
	// Name is the command's words.
	Name string
	// Command is the command.
	Command command.Command
}

// Commands returns the alias commands, built on o, in the order of
// GroupShort.
func Commands(o *Options) []Named {
	return []Named{
		{"alias set", NewSetCmd(o, nil)},
		{"alias list", NewListCmd(o, nil)},
		{"alias delete", NewDeleteCmd(o, nil)},
	}
}

// IsAliasCommand reports whether name is the alias group or one of its
// commands.
func IsAliasCommand(name string) bool {
	return name == "alias" || strings.HasPrefix(name, "alias ")
}

// isAliasOf returns whether a word is an alias in cfg, for messages.
func isAliasOf(cfg *discovery.Config) func(string) bool {
	return func(name string) bool { return cfg.Alias(name) != nil }
}
