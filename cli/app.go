// Package cli is the Longshore App: it wires compiled-in commands, global
// options, help, logging and error reporting into a cobra command tree, runs
// one invocation and turns its outcome into an exit code.
//
// It is the only package that prints to the user and picks exit codes; the
// others return values and errors.
package cli

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/formatters"
	"github.com/longshore/longshore/hooks"
	"github.com/longshore/longshore/internal/discovery"
	"github.com/longshore/longshore/internal/pluginexec"
	"github.com/longshore/longshore/internal/registry"
)

// App is a command-line application built on Longshore.
//
// A minimal main is:
//
//	app := cli.New("demoapp", "1.0.0", "Does demo things")
//	os.Exit(app.Run(context.Background(), os.Args[1:]))
type App struct {
	// Name is the program name; it prefixes errors, and compiled-in
	// plugins register under it (command.Register(name, ...)).
	Name string
	// Version is printed by --version.
	Version string
	// Description is the one-line summary at the top of root help.
	Description string
	// Long is the longer text of root help; Description is used when empty.
	Long string
	// IO overrides the standard streams; nil means the process's own.
	IO *command.IOStreams
	// Getenv overrides os.Getenv, for tests; commands see it through
	// command.Invocation's Env. The test kit, cli/clitest, sets it.
	Getenv func(string) string
	// Interactive enables the interactive shell: a "shell" command, also
	// started by running the app with no arguments on a terminal.
	Interactive bool
	// DocsCommand adds a hidden "docs DIR" command that writes the command
	// reference as Markdown or man pages (see WriteDocs).
	DocsCommand bool
	// NoPluginCommands leaves out the built-in "plugin" commands (list,
	// show, enable, disable, install, remove, create).
	NoPluginCommands bool
	// NoAliases turns off the user's aliases and default options (see
	// docs/aliases.md) and leaves out the "alias" commands (set, list,
	// delete).
	NoAliases bool
	// PluginsAsChild runs external plugins as child processes even when
	// nothing has to run after them; by default the app replaces itself
	// with the plugin (syscall.Exec).
	PluginsAsChild bool
	// Abbreviations lets each command word be a unique prefix of a
	// command's name, as cliff allows: "fi li" runs "files list", over
	// compiled-in and external commands alike. An exact name always wins;
	// a prefix of several names is a usage error listing them. Off by
	// default: a plugin installed later can make an abbreviation ambiguous
	// and break a script that used it. The interactive shell always
	// accepts them.
	Abbreviations bool
	// Main makes a single-command app, such as a plugin written with
	// Longshore: the app itself runs this command with the arguments
	// given. It takes no command words (beside help and completion), runs
	// no external plugins and has no "plugin" commands.
	Main func() command.Command
	// Customize, when set, is called on every run with the root cobra
	// command once the compiled-in commands are in it, before plugins,
	// help and completion are added: the way to reach cobra directly (add
	// a command written with cobra, set a template). Commands added here
	// count as compiled-in, so no external plugin can replace them.
	Customize func(root *cobra.Command)

	explicit      []registry.Entry[command.Command]
	addedHooks    []registry.Entry[hooks.Hook]
	addedFormats  []registry.Entry[formatters.Formatter]
	groups        map[string]string
	externalHooks []hooks.Spec
	// fsys, when set, is the file system plugin discovery reads (tests).
	fsys discovery.FS
	// pluginExec runs external plugins; nil means the operating system.
	// Tests inject a recording one.
	pluginExec *pluginexec.Handler
}

// New returns an App with a name, a version and a one-line description.
// The name is the one compiled-in plugins register under
// (command.Register("todo", ...)); a registration under a name no App has
// is reported by `plugin list`, --debug and the test kit.
func New(name, version, description string) *App {
	registry.Claim(name)
	return &App{Name: name, Version: version, Description: description}
}

// AddCommand adds a command to this App only, beside those registered for
// its name with command.Register. Its name is its words, e.g. "server
// list". A name already taken, in the registry or on the App, is an error
// naming both registrants, as is an optional method with the wrong
// signature.
func (a *App) AddCommand(name string, newFn func() command.Command) error {
	e, err := registry.Of[command.Command]("command").Entry(a.Name, name, newFn, registry.Caller(1))
	if err != nil {
		return fmt.Errorf("add command: %w", err)
	}
	a.explicit, err = addEntry(a.explicit, registry.Of[command.Command]("command"), e)
	return err
}

// AddHook adds a hook to this App only, beside those registered for its
// name with hooks.Register. A name already taken is an error naming both
// registrants, as is an optional method with the wrong signature.
func (a *App) AddHook(name string, newFn func() hooks.Hook) error {
	e, err := registry.Of[hooks.Hook]("hook").Entry(a.Name, name, newFn, registry.Caller(1))
	if err != nil {
		return fmt.Errorf("add hook: %w", err)
	}
	a.addedHooks, err = addEntry(a.addedHooks, registry.Of[hooks.Hook]("hook"), e)
	return err
}

// AddFormatter adds a formatter, chosen with -f name, to this App only,
// beside those registered for its name with formatters.Register. A name
// already taken, a built-in's included, is an error naming both
// registrants, as is an optional method with the wrong signature.
func (a *App) AddFormatter(name string, newFn func() formatters.Formatter) error {
	e, err := registry.Of[formatters.Formatter]("formatter").Entry(a.Name, name, newFn, registry.Caller(1))
	if err != nil {
		return fmt.Errorf("add formatter: %w", err)
	}
	a.addedFormats, err = addEntry(a.addedFormats, registry.Of[formatters.Formatter]("formatter"), e)
	return err
}

// addEntry appends e to an App's own list unless its name is taken there
// or in the registry, which is an error naming both registrants.
func addEntry[T any](list []registry.Entry[T], reg *registry.Registry[T], e registry.Entry[T]) ([]registry.Entry[T], error) {
	dup := func(first string) error {
		return &registry.DuplicateError{Kind: reg.Kind(), App: e.App, Name: e.Name, First: first, Second: e.Registrant.String()}
	}
	if old, ok := reg.Lookup(e.App, e.Name); ok {
		return list, dup(old.Registrant.String())
	}
	for _, old := range list {
		if old.Name == e.Name {
			return list, dup(old.Registrant.String())
		}
	}
	return append(list, e), nil
}

// DescribeGroup gives a command group (the words shared by several commands,
// e.g. "files" for "files list" and "files show") the one-line description
// its help and its parent's listing show.
func (a *App) DescribeGroup(words, short string) {
	if a.groups == nil {
		a.groups = map[string]string{}
	}
	a.groups[strings.Join(strings.Fields(words), " ")] = short
}

// commandEntries returns the registry's commands and the App's own, sorted.
func (a *App) commandEntries() []registry.Entry[command.Command] {
	entries := append(registry.Of[command.Command]("command").Entries(a.Name), a.explicit...)
	slices.SortStableFunc(entries, func(x, y registry.Entry[command.Command]) int { return strings.Compare(x.Name, y.Name) })
	return entries
}

// env is the environment commands see: the process's, or Getenv's.
func (a *App) env() command.Env {
	if a.Getenv == nil {
		return command.Env{}
	}
	getenv := a.Getenv
	return command.Env{Lookup: func(key string) (string, bool) {
		v := getenv(key)
		return v, v != ""
	}}
}

func (a *App) getenv(key string) string {
	if a.Getenv != nil {
		return a.Getenv(key)
	}
	return os.Getenv(key)
}

// envPrefix is the app name as an environment variable prefix: "DEMOAPP".
func (a *App) envPrefix() string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z':
			return r - 'a' + 'A'
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			return r
		}
		return '_'
	}, a.Name)
}

// Run runs one invocation with args (without the program name) and returns
// the exit code: 0 success, 1 the command failed, 2 usage error, 126 an
// external plugin found but not executable, 128+N stopped by signal N (130
// for SIGINT, 143 for SIGTERM), or a code an external plugin or command
// chose. A stop signal during start-up, before the command runs, ends the
// process at once by the signal's default action, and Run does not
// return: the process dies by the signal, which a shell reports as 128+N
// (on Windows a Ctrl-C ends it with STATUS_CONTROL_C_EXIT, as any console
// program).
func (a *App) Run(ctx context.Context, args []string) int {
	registry.Claim(a.Name)
	// A SIGINT or SIGTERM that comes while the app starts up (reading the
	// config or a manifest, resolving the command) ends it at once, and
	// nothing runs after it; the guard catches them from the moment a
	// command starts in this process.
	stopCtx, guard := (&run{app: a}).plugins().GuardStartup(ctx)
	if len(args) == 0 && a.Interactive && a.onTerminal() {
		guard.Release()
		return a.runShell(ctx)
	}
	r := newRun(a)
	r.startup = guard
	code := func() int {
		defer guard.Release()
		defer r.close()
		return r.exitCode(r.execute(stopCtx, args))
	}()
	if r.startShell && code == exitOK {
		return a.runShell(ctx)
	}
	return code
}
