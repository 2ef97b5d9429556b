package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/alias"
	"github.com/longshore/longshore/internal/aliascmd"
	"github.com/longshore/longshore/internal/discovery"
	"github.com/longshore/longshore/internal/pluginexec"
	"github.com/longshore/longshore/internal/registry"
)

// The user's aliases and default options (docs/aliases.md). The rule is
// internal/alias's and the commands are internal/aliascmd's; this file
// wires them into a run: right after the scanner finds the first command
// word, an alias expands once, then resolution goes on.

// aliasGroupID is the help group of the user's aliases.
const aliasGroupID = "aliases"

// aliasesOn reports whether the App has aliases, default options and the
// alias commands: not when it opts out (NoAliases) or is a single command
// (Main).
func (a *App) aliasesOn() bool { return !a.NoAliases && a.Main == nil }

// noDefaultsVar is the environment variable that turns the user's aliases
// and default options off, for scripts: "<APP>_NO_DEFAULTS".
func (a *App) noDefaultsVar() string { return a.envPrefix() + "_NO_DEFAULTS" }

// userAliases returns the configuration whose aliases and defaults this
// run applies, or nil: when the App has none, the environment turns them
// off (any value but "" and "0"), or the config does not load.
func (s *session) userAliases() *discovery.Config {
	if !s.app.aliasesOn() || s.cfgErr != nil {
		return nil
	}
	if v := s.app.getenv(s.app.noDefaultsVar()); v != "" && v != "0" {
		return nil
	}
	return s.cfg
}

// aliasEntries returns the alias commands as registry entries, when the
// App has them.
func (t *tree) aliasEntries() []registry.Entry[command.Command] {
	if !t.app.aliasesOn() {
		return nil
	}
	o := &aliascmd.Options{App: t.app.Name, EnvPrefix: t.app.envPrefix(), Config: t.sess.config, Catalog: commandResolver{t}}
	var out []registry.Entry[command.Command]
	for _, n := range aliascmd.Commands(o) {
		c := n.Command
		out = append(out, registry.Entry[command.Command]{App: t.app.Name, Name: n.Name,
			New: func() command.Command { return c }, Registrant: registry.Named("longshore/cli (built in)")})
	}
	return out
}

// commandResolver answers internal/alias's and the alias commands'
// questions from the built tree and the plugin search path.
type commandResolver struct{ t *tree }

var _ aliascmd.Catalog = commandResolver{}

// Resolve returns how many of words name a command, compiled-in or
// external (the longest match, as a run resolves them), and the options of
// a compiled-in one: its own, its hooks' and the app's global options.
func (r commandResolver) Resolve(words []string) (int, *pflag.FlagSet) {
	t := r.t
	cmd, n := t.root, 0
	for _, w := range words {
		c := childNamed(cmd, w)
		if c == nil || t.nodes.of(c).external() || t.nodes.of(c).kind == kindAlias {
			break
		}
		cmd, n = c, n+1
	}
	if n < len(words) && !cmd.Runnable() || n == 0 {
		if n == 0 && t.reserved(words[0]) {
			return 0, nil
		}
		if f, err := t.sess.find(); err == nil {
			if p, k, _ := f.Resolve(words, n+1); p != nil {
				return k, nil
			}
		}
	}
	if n == 0 || n < len(words) && !cmd.Runnable() {
		// No command, or a group and a word that names none of its
		// commands ("files nosuch"): nothing an alias can run.
		return 0, nil
	}
	return n, t.flagsOf(cmd)
}

// Shadows returns what an alias called name would hide: a reserved word,
// a compiled-in command or an installed external plugin; "" when nothing.
func (r commandResolver) Shadows(name string) string {
	t := r.t
	switch {
	case t.reserved(name):
		return fmt.Sprintf("the reserved word %q", name)
	case t.compiledInName(name):
		return fmt.Sprintf("the command %q", name)
	}
	if f, err := t.sess.find(); err == nil {
		if p, _, _ := f.Resolve([]string{name}, 1); p != nil {
			return "the external plugin " + discovery.Escape(p.Path)
		}
	}
	return ""
}

// flagsOf returns every option cmd takes: its own (its hooks' among
// them), inherited and the app's global options.
func (t *tree) flagsOf(cmd *cobra.Command) *pflag.FlagSet {
	n := t.nodes.of(cmd)
	if n.attachHooks != nil {
		n.attachHooks()
	}
	if n.output != nil {
		n.output.DeclareAll()
	}
	fs := pflag.NewFlagSet(cmd.Name(), pflag.ContinueOnError)
	fs.AddFlagSet(cmd.Flags())
	fs.AddFlagSet(cmd.InheritedFlags())
	fs.AddFlagSet(t.globals())
	return fs
}

// shellAliasCall is a shell alias to run, with the user's arguments.
type shellAliasCall struct {
	alias *discovery.Alias
	args  []string
}

// applyAliases expands the user's alias when the line's first command
// word is one, once (what it expands to is never an alias again), or
// keeps a shell alias in r.shellAlias to run, and adds the default
// options of the compiled-in command the line then names. An alias a
// command hides is ignored, with a warning.
func (r *run) applyAliases() error {
	cfg := r.sess.userAliases()
	if cfg == nil {
		return nil
	}
	if r.line.about() {
		return r.aliasAbout(cfg)
	}
	if a := r.aliasAt(cfg, r.line); a != nil {
		if a.Shell != "" {
			r.shellAlias = &shellAliasCall{alias: a, args: r.line.args[r.line.extAt+1:]}
			return nil
		}
		args, err := alias.Expand(cfg, a, r.line.args, r.line.extAt, commandResolver{r.tree})
		if err != nil {
			return err
		}
		// The expansion is the config's; the user's arguments are never
		// logged: they may hold secrets.
		r.log.logger.Debug("alias expanded", "alias", a.Name, "expansion", a.Expansion())
		user := r.line.args[r.line.extAt+1:]
		if err := r.rescan(args); err != nil {
			return err
		}
		r.aliasOptionsKept(a, user)
	}
	return r.addDefaults(cfg)
}

// aliasAt returns the user's alias that the first command word of l
// names, or nil: when it names none, or a command that hides it (with a
// warning).
func (r *run) aliasAt(cfg *discovery.Config, l commandLine) *discovery.Alias {
	a := cfg.Alias(l.first())
	if a == nil || !r.aliasUsable(cfg, a, len(l.words) > 0) {
		return nil
	}
	return a
}

// aliasUsable reports whether the alias a may expand: not when a compiled-in
// command (compiledIn), a reserved word or an installed external plugin
// has its name, which is then warned about.
func (r *run) aliasUsable(cfg *discovery.Config, a *discovery.Alias, compiledIn bool) bool {
	what := fmt.Sprintf("the command %q", a.Name)
	if !compiledIn {
		what = commandResolver{r.tree}.Shadows(a.Name)
	}
	if what != "" {
		r.sess.warn(fmt.Sprintf("%s: alias %q is ignored: %s has that name", cfg.Where(a.Line), a.Name, what))
		return false
	}
	return true
}

// aliasOptionsKept records the options of the alias a that the user's
// arguments (user) did not replace as not the user's doing, as default
// options are (output.Output.FromDefaults): when the user's -f picks
// another formatter than the alias's, the alias's flags of that formatter
// are dropped quietly rather than refused, as the user cannot remove them.
func (r *run) aliasOptionsKept(a *discovery.Alias, user []string) {
	tn, ok := r.line.node.(treeNode)
	if !ok {
		return
	}
	n := r.tree.nodes.of(tn.cmd)
	if n.output == nil {
		return
	}
	flags := r.tree.flagsOf(tn.cmd)
	gave := optionNames(user, flags)
	var kept []string
	for _, name := range optionNames(a.Args, flags) {
		if name != "" && !slices.Contains(gave, name) {
			kept = append(kept, name)
		}
	}
	n.output.FromDefaults(kept...)
}

// rescan scans args again, with the tree, and parses the global options
// found (an alias may hold some: -f csv).
func (r *run) rescan(args []string) error {
	r.line = scanArgs(args, r.tree.globals, r.tree.scanRoot())
	return r.line.parseGlobals(r.tree)
}

// addDefaults adds the user's default options for the compiled-in command
// the line names, those not given, right after its words.
func (r *run) addDefaults(cfg *discovery.Config) error {
	l := r.line
	tn, ok := l.node.(treeNode)
	if !ok || len(l.wordAt) == 0 || l.about() {
		return nil
	}
	n := r.tree.nodes.of(tn.cmd)
	d := cfg.DefaultsOf(n.name)
	if n.kind != kindCommand || d == nil {
		return nil
	}
	end := l.wordAt[len(l.wordAt)-1] + 1
	flags := r.tree.flagsOf(tn.cmd)
	args, err := alias.WithDefaults(cfg, d, l.args, end, flags)
	if err != nil || len(args) == len(l.args) {
		return err
	}
	added := args[end : end+len(args)-len(l.args)]
	if n.output != nil {
		n.output.FromDefaults(optionNames(added, flags)...)
	}
	r.log.logger.Debug("default options added", "command", n.name, "options", discovery.JoinArgs(added))
	return r.rescan(args)
}

// optionNames returns the names of the flags the options of args set
// (their values skipped).
func optionNames(args []string, flags *pflag.FlagSet) []string {
	var out []string
	for _, a := range args {
		switch {
		case strings.HasPrefix(a, "--"):
			name, _, _ := strings.Cut(a[2:], "=")
			out = append(out, name)
		case len(a) >= 2 && a[0] == '-':
			if f := flags.ShorthandLookup(a[1:2]); f != nil {
				out = append(out, f.Name)
			}
		}
	}
	return out
}

// aliasAbout expands an alias that "help" or a completion request is
// about: "help ALIAS" shows the help of the alias's command, and
// completing after "ALIAS ..." completes that command's options and
// arguments, the alias's already given.
func (r *run) aliasAbout(cfg *discovery.Config) error {
	l := r.line
	head := l.args[:l.wordAt[0]+1]
	sub := scanArgs(l.afterWord(0), r.tree.globals, r.tree.scanRoot())
	if sub.extAt < 0 || len(sub.words) > 0 {
		return nil
	}
	res := commandResolver{r.tree}
	a := cfg.Alias(sub.external[0])
	if a == nil || a.Shell != "" || res.Shadows(a.Name) != "" {
		return nil
	}
	var args []string
	if l.words[0] == "help" {
		n, _ := res.Resolve(leadingWords(a.Args))
		if n == 0 {
			return nil
		}
		args = slices.Concat(head, sub.args[:sub.extAt], a.Args[:n], sub.args[sub.extAt+1:])
	} else {
		// A completion request: its last argument is the word being
		// completed, which must stay last.
		if len(sub.args) == sub.extAt+1 {
			return nil // completing the alias's own name
		}
		last := len(sub.args) - 1
		exp, err := alias.Expand(cfg, a, sub.args[:last], sub.extAt, res)
		if err != nil {
			return nil // nothing to offer; running it says why
		}
		args = slices.Concat(head, exp, sub.args[last:])
	}
	r.line = scanArgs(args, r.tree.globals, r.tree.scanRoot())
	return nil
}

// leadingWords returns the arguments of args before the first option.
func leadingWords(args []string) []string {
	for i, a := range args {
		if isFlagArg(a) || a == "--" {
			return args[:i]
		}
	}
	return args
}

// checkExternalAliases is what the user's config says of running the
// external plugin p: an alias of its name is ignored, with a warning, and
// default options for it are an error (its options are its own).
func (r *run) checkExternalAliases(p *discovery.Plugin) error {
	cfg := r.sess.userAliases()
	if cfg == nil {
		return nil
	}
	if a := cfg.Alias(p.Words[0]); a != nil {
		r.sess.warn(fmt.Sprintf("%s: alias %q is ignored: the external plugin %s has that name", cfg.Where(a.Line), a.Name, discovery.Escape(p.Path)))
	}
	if d := cfg.DefaultsOf(p.Name); d != nil {
		_, err := alias.WithDefaults(cfg, d, nil, 0, nil)
		return err
	}
	return nil
}

// aliasEnv lists the shell aliases running, one inside the other, in the
// environment of a shell alias: one that runs itself again is stopped.
func (a *App) aliasEnv() string { return a.envPrefix() + "_SHELL_ALIASES" }

// runShellAlias runs a shell alias with sh -c as an external plugin runs:
// replacing the app's process where the platform allows, else (and in the
// interactive shell) as a child. Its environment is a plugin's, named
// after the alias, so that it can run the app (<APP>_EXECUTABLE).
func (r *run) runShellAlias(c *shellAliasCall) error {
	if err := r.startExternal(false); err != nil {
		// The run was cancelled during start-up: the alias does not run.
		return err
	}
	running := strings.Fields(strings.ReplaceAll(r.app.getenv(r.app.aliasEnv()), ":", " "))
	if slices.Contains(running, c.alias.Name) {
		return fmt.Errorf("alias %q runs itself (through its shell command): stopped", c.alias.Name)
	}
	h := r.plugins()
	path, argv, err := alias.ShellCommand(c.alias, c.args, h.Look)
	if err != nil {
		return err
	}
	vars := r.pluginVars(&discovery.Plugin{Name: c.alias.Name})
	env := append(h.Env(vars), r.app.aliasEnv()+"="+strings.Join(append(running, c.alias.Name), ":"))
	// The arguments are counted, never logged: they may hold secrets.
	r.log.logger.Debug("running shell alias", "alias", c.alias.Name, "nargs", len(c.args))
	return h.Run(r.ctx, pluginexec.Call{Path: path, Args: argv[1:], Env: env, IO: r.io,
		Child: r.app.PluginsAsChild || r.inShell, BeforeExec: r.close})
}

// addAliasCommands adds a stand-in for each of the user's aliases to the
// root, under "Aliases:", for help and completion to list; shell aliases
// say so. An alias that a command hides is left out. It runs once the
// external commands are in the tree.
func (t *tree) addAliasCommands(cfg *discovery.Config) {
	if cfg == nil {
		return
	}
	for i := range cfg.Aliases {
		a := &cfg.Aliases[i]
		if childNamed(t.root, a.Name) != nil || t.reserved(a.Name) {
			continue
		}
		short := "Alias: " + a.Expansion()
		if a.Shell != "" {
			short = "Shell alias (sh -c): " + a.Expansion()
		}
		if !t.root.ContainsGroup(aliasGroupID) {
			t.root.AddGroup(&cobra.Group{ID: aliasGroupID, Title: "Aliases:"})
		}
		cmd := &cobra.Command{
			Use:                a.Name,
			Short:              discovery.Escape(short),
			GroupID:            aliasGroupID,
			DisableFlagParsing: true,
			RunE: func(*cobra.Command, []string) error {
				return fmt.Errorf("alias %q did not expand", a.Name)
			},
		}
		t.nodes.add(&node{cmd: cmd, kind: kindAlias, name: a.Name})
		t.root.AddCommand(cmd)
	}
}

// repairsConfig reports whether the line runs "alias delete", which may
// remove the very alias that keeps the config from loading.
func (l *commandLine) repairsConfig() bool {
	return len(l.words) == 2 && l.words[0] == "alias" && l.words[1] == "delete"
}
