package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/discovery"
)

// externalCall is an external command resolved for this run.
type externalCall struct {
	plugin *discovery.Plugin
	// args are passed to the plugin untouched.
	args []string
}

// reservedWords are root words no external command takes: those cobra
// handles itself, and "format", the first word of formatter executables
// ("<app>-format-<name>").
var reservedWords = map[string]bool{
	"help": true, "completion": true, formatterWord: true,
	cobra.ShellCompRequestCmd: true, cobra.ShellCompNoDescRequestCmd: true,
}

// resolveExternal finds the external command args name, lazily: it stats
// only the candidate file names (see discovery.Finder.Resolve). It returns
// nil when args name a compiled-in command or no plugin matches. Global
// options before the plugin's name are parsed into the run's options;
// everything after the name is the plugin's.
func (r *run) resolveExternal(args []string) (*externalCall, error) {
	cmd, _, err := r.root.Find(args)
	if err != nil || cmd.Runnable() && cmd != r.root || r.single() {
		return nil, nil
	}
	globals := r.globalFlagSet()
	idx, _ := wordIndexes(args, globals)
	depth := len(strings.Fields(cmd.CommandPath())) - 1
	if len(idx) <= depth || depth == 0 && reservedWords[args[idx[0]]] {
		return nil, nil
	}
	// The plugin's words follow the compiled-in ones without a flag
	// between them: "demoapp files stat -v x" tries "files stat" only.
	n := depth + 1
	for n < len(idx) && idx[n] == idx[n-1]+1 {
		n++
	}
	words := make([]string, n)
	for i := range words {
		words[i] = args[idx[i]]
	}
	// Global options come before the first external word (the external
	// words have none between them); they may name the config to read.
	var before []string
	for i, a := range args[:idx[depth]] {
		if !isIndex(idx[:depth], i) {
			before = append(before, a)
		}
	}
	if err := globals.Parse(before); err != nil {
		return nil, flagError(r.root, err)
	}
	finder, err := r.finder()
	if err != nil {
		return nil, err
	}
	p, k, err := finder.Resolve(words, depth+1)
	var ne *discovery.NotExecutableError
	if errors.As(err, &ne) {
		return nil, &command.ExitError{Code: exitCannotExecute, Err: fmt.Errorf("cannot execute %s: not executable", ne.Path)}
	}
	if p == nil {
		return nil, err
	}
	last := idx[k-1]
	call := &externalCall{plugin: p, args: args[last+1:]}
	if help, _ := globals.GetBool("help"); help {
		// "demoapp --help hello": the plugin answers its own help.
		call.args = append([]string{"--help"}, call.args...)
	}
	return call, nil
}

// globalFlagSet returns the root's flags (global options, help and
// version) as one set, sharing their values with the run's options.
func (r *run) globalFlagSet() *pflag.FlagSet {
	fs := pflag.NewFlagSet(r.app.Name, pflag.ContinueOnError)
	fs.SetOutput(discard{})
	fs.AddFlagSet(r.root.PersistentFlags())
	fs.AddFlagSet(r.root.Flags())
	return fs
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

func isIndex(idx []int, i int) bool {
	for _, j := range idx {
		if i == j {
			return true
		}
	}
	return false
}

// finder returns the plugin finder for this run: the search path from the
// environment and the config's plugin dirs. An unreadable config is an
// error (it names file:line).
func (r *run) finder() (*discovery.Finder, error) {
	if r.find != nil {
		return r.find, nil
	}
	cfg, err := r.config()
	if err != nil {
		return nil, err
	}
	r.search = discovery.Search(r.discoveryEnv(), cfg.PluginDirs())
	r.find = &discovery.Finder{App: r.app.Name, Dirs: r.search.Dirs, Taken: r.compiledInName}
	return r.find, nil
}

func (r *run) discoveryEnv() discovery.Env {
	return discovery.Env{App: r.app.Name, EnvPrefix: r.app.envPrefix(), Getenv: r.app.getenv}
}

// host is what plugin requirements are checked against.
func (r *run) host() discovery.Host {
	return discovery.Host{AppVersion: r.app.Version, Getenv: r.app.getenv, LookPath: r.plugins().Look}
}

// checkExternal returns why p must not run: an invalid manifest, disabled
// by the config, or unmet requirements; each names how to fix it.
func (r *run) checkExternal(p *discovery.Plugin) error {
	app := r.app.Name
	switch {
	case p.Invalid != nil:
		return fmt.Errorf("plugin %q is invalid: %w", p.Name, p.Invalid)
	case r.pluginDisabled(p.Name):
		return fmt.Errorf("%s %s is disabled; enable it with \"%s plugin enable %s\"", app, p.Name, app, p.Name)
	}
	if err := p.Manifest.Unmet(r.host()); err != nil {
		return fmt.Errorf("%s %s is unavailable: %w (see \"%s plugin show %s\")", app, p.Name, err, app, p.Name)
	}
	return nil
}

// compiledInName reports whether name is a compiled-in command's (a root
// command word, help and completion included): the names a manifest's
// hooks and formatters may not take.
func (r *run) compiledInName(name string) bool {
	if r.compiledInRootWord(name) {
		return true
	}
	// Commands the App added to the tree itself (Customize).
	c := childNamed(r.root, name)
	return c != nil && c.Annotations["external"] == "" && c.Annotations["externalGroup"] == ""
}
