package cli

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/formatset"
	"github.com/longshore/longshore/internal/output"
	"github.com/longshore/longshore/internal/registry"
)

// newTree returns a tree holding only the root command, its global
// options to be bound to opts when first asked for (see declareFlags):
// enough to scan the command line and to run an external plugin;
// buildCompiledIn adds the rest.
func newTree(a *App, io *command.IOStreams, opts *globalOptions) *tree {
	long := a.Long
	if long == "" {
		long = a.Description
	}
	root := &cobra.Command{
		Use:                        a.Name,
		Short:                      a.Description,
		Long:                       long,
		Version:                    a.Version,
		Args:                       cobra.ArbitraryArgs,
		SuggestionsMinimumDistance: 2,
		SilenceErrors:              true,
		SilenceUsage:               true,
		DisableAutoGenTag:          true,
	}
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.ErrOut)
	t := &tree{app: a, root: root, nodes: nodes{}, opts: opts}
	root.SetFlagErrorFunc(t.flagError)
	root.CompletionOptions.HiddenDefaultCmd = false
	root.SetVersionTemplate("{{.Name}} version {{.Version}}\n")
	return t
}

// declareFlags declares the global options, bound to t.opts, and the
// root's own --help and --version, once. A run declares them when it
// first needs them: an option on the command line, the compiled-in tree,
// a hook; a run that only dispatches to an external plugin named first
// ("demoapp hello") never does, and its options keep their defaults, the
// zero values.
func (t *tree) declareFlags() {
	if t.declared {
		return
	}
	t.declared = true
	t.opts.addFlags(t.root.PersistentFlags())
	t.root.InitDefaultHelpFlag()
	t.root.InitDefaultVersionFlag()
}

// givenGlobal returns the global option called name if the command line
// set it, else nil; it declares nothing.
func (t *tree) givenGlobal(name string) *pflag.Flag {
	if !t.declared {
		return nil // no option was read, so none was given
	}
	if f := t.root.PersistentFlags().Lookup(name); f != nil && f.Changed {
		return f
	}
	return nil
}

// ownFlags returns the root's own flags (--help, --version and the global
// options merged in), declared first.
func (t *tree) ownFlags() *pflag.FlagSet {
	t.declareFlags()
	return t.root.Flags()
}

// versionEarly reports whether the line asks for the version and nothing
// else ("demoapp --version", global options aside): cobra would print it
// before running anything, so it is printed before the compiled-in tree
// is built, making --version no dearer than an external plugin's
// dispatch. An App that changes the tree (Customize, Main) may change the
// version flag too: cobra answers it then.
func (t *tree) versionEarly(l commandLine, scanErr error) bool {
	if t.app.Customize != nil || t.app.Main != nil || scanErr != nil ||
		l.help || len(l.words) > 0 || l.extAt >= 0 || len(l.unknown) > 0 {
		return false
	}
	rest := l.cobraArgs()
	return len(rest) == 1 && rest[0] == "--version"
}

// soleRoot returns the root word of the App's command the line runs when
// the tree needs no other root command, "" when it needs them all. Only
// the command named and its siblings are built then: building a command
// constructs it, declares its options and its output options, which cost
// every run of one command as much again per command compiled in. The
// whole tree is built for what shows or walks it: help (-h, "help"),
// completion, Longshore's own commands (reserved words: plugin, alias,
// shell, docs, completion), a word that is no command's own (an
// abbreviation, a user's alias, an external plugin), and an App that
// customizes the tree or is a single command.
func (t *tree) soleRoot(l commandLine) string {
	if t.app.Customize != nil || t.app.Main != nil || l.err != nil || l.help || l.about() || len(l.words) == 0 {
		return ""
	}
	w := l.words[0]
	if t.reserved(w) || !t.compiledInRootWord(w) {
		return ""
	}
	return w
}

// entriesUnder returns the App's commands under the root word w (itself
// an alias of a one-word command, or the first word of some), sorted.
func (t *tree) entriesUnder(w string) []registry.Entry[command.Command] {
	var out []registry.Entry[command.Command]
	for _, e := range t.app.commandEntries() {
		first, _, _ := strings.Cut(e.Name, " ")
		if slices.Contains(t.rootWords[w], first) {
			out = append(out, e)
		}
	}
	return out
}

// globals returns the app's global options, as one set sharing their
// values with the options the tree was built with, declared first.
func (t *tree) globals() *pflag.FlagSet {
	t.declareFlags()
	return t.root.PersistentFlags()
}

// buildCompiledIn adds the compiled-in commands, those of the App and
// Longshore's own (plugin, completion, shell, docs: addBuiltins), which
// always win over external plugins, and lets the App customize the tree.
// With only set (see soleRoot), it adds only the App's commands under
// that root word: the one command the line runs and its siblings.
func (t *tree) buildCompiledIn(addBuiltins func(), only string) error {
	t.declareFlags()
	t.root.CompletionOptions.DisableDefaultCmd = true
	if only != "" {
		return t.buildCommands(t.entriesUnder(only))
	}
	if err := t.buildCommands(t.commandEntries()); err != nil {
		return err
	}
	addBuiltins()
	t.buildMain()
	if t.app.Customize != nil {
		t.app.Customize(t.root)
	}
	return nil
}

// buildMain makes the root run App.Main: its flags, arguments, output
// options and completion become the root's.
func (t *tree) buildMain() {
	if t.app.Main == nil {
		return
	}
	root := t.root
	leaf := t.leafCommand(registry.Entry[command.Command]{App: t.app.Name, Name: t.app.Name, New: t.app.Main, Registrant: registry.Named("App.Main")})
	root.Use = leaf.Use
	root.Example = leaf.Example
	root.Args, root.RunE, root.ValidArgsFunction = leaf.Args, leaf.RunE, leaf.ValidArgsFunction
	root.Flags().AddFlagSet(leaf.Flags())
	n := *t.nodes.of(leaf)
	n.cmd = root
	t.nodes.add(&n)
	if root.Long == root.Short && leaf.Long != "" {
		root.Long = leaf.Long
	}
}

// finish adds help and completion once every command is in the tree.
func (t *tree) finish(c *completer) {
	t.hideDisabled()
	t.describeFormatFlag()
	t.addHelp()
	t.root.SetUsageFunc(t.usage)
	// -f is offered only where it applies (see checkFormatFlag).
	if f := t.globals().Lookup(formatFlag); f != nil {
		n := t.target(c.line)
		f.Hidden = n == nil || n.output == nil
	}
	if c.line.completing() {
		// Only a completion request calls what completes: attaching it to
		// every command's flags cost every other run a walk of the tree.
		c.addCompletions()
	}
}

// describeFormatFlag writes the usage of -f: the formatters the config
// leaves, or the built-in ones when it cannot be read.
func (t *tree) describeFormatFlag() {
	if t.out.Lean {
		return // no help shows it: constructing every formatter would be wasted
	}
	if f := t.globals().Lookup(formatFlag); f != nil {
		f.Usage = output.FormatUsage(formatset.Builtins())
	}
	t.out.DescribeFormatFlag()
}

// hideDisabled hides from help and completion the commands, compiled-in
// or external, that the config disables: they cannot run. plugin list
// still shows them, and running one says how to enable it again.
func (t *tree) hideDisabled() {
	for _, n := range t.nodes {
		if (n.kind == kindCommand || n.kind == kindExternal) && t.sess.checkDisabled(n.name) != nil {
			n.cmd.Hidden = true
		}
	}
}

// scanRoot is the scanner's view of the built tree.
func (t *tree) scanRoot() scanNode {
	return treeNode{cmd: t.root, root: true, single: t.app.Main != nil, t: t}
}

// wordsRoot is the scanner's view of the compiled-in commands before the
// tree is built: their root words.
func (t *tree) wordsRoot() scanNode {
	return wordsNode{compiledIn: t.compiledInRootWord, own: t.ownFlags}
}

// reserved reports whether word is a root word Longshore keeps for itself:
// one no external command takes, compiled-in or not (help, completion,
// cobra's completion requests, the plugin, shell and docs commands the App
// has, and "format", which starts the name of an external formatter).
func (t *tree) reserved(word string) bool {
	switch word {
	case "help", "completion", cobra.ShellCompRequestCmd, cobra.ShellCompNoDescRequestCmd, output.FormatterWord:
		return true
	case "plugin":
		return !t.app.NoPluginCommands && t.app.Main == nil
	case "shell":
		return t.app.Interactive
	case "docs":
		return t.app.DocsCommand
	case "alias":
		return t.app.aliasesOn()
	}
	return false
}

// compiledInRootWord reports whether word is, or may be, the first word of
// a compiled-in command: a registered name's first word, an alias of a
// one-word command, or a reserved word. It needs the registry, not the
// command tree.
func (t *tree) compiledInRootWord(word string) bool {
	if t.rootWords == nil {
		t.rootWords = collectRootWords(t.app.commandEntries())
	}
	return t.reserved(word) || len(t.rootWords[word]) > 0
}

// collectRootWords returns the root words of the compiled-in commands,
// each with the first words of the commands it names.
func collectRootWords(entries []registry.Entry[command.Command]) map[string][]string {
	words := map[string][]string{}
	add := func(word, first string) {
		if !slices.Contains(words[word], first) {
			words[word] = append(words[word], first)
		}
	}
	for _, e := range entries {
		first, _, multi := strings.Cut(e.Name, " ")
		add(first, first)
		if multi {
			continue
		}
		if _, info, err := loadCommand(e); err == nil {
			for _, a := range info.Aliases {
				add(a, first)
			}
		}
	}
	return words
}

// compiledInName reports whether name is a compiled-in command's (a root
// command word, help and completion included): the names a manifest's
// hooks and formatters may not take.
func (t *tree) compiledInName(name string) bool {
	if t.compiledInRootWord(name) {
		return true
	}
	// Commands the App added to the tree itself (Customize).
	c := childNamed(t.root, name)
	return c != nil && !t.nodes.of(c).external() && t.nodes.of(c).kind != kindAlias
}

// attachTargetHooks attaches the hooks of the one compiled-in command the
// line is about, be it to run it, show its help ("help files list",
// "files list -h") or complete it. Other commands get none: their flags
// and help are never shown in this run, and a listing such as root help
// reads no hook.
func (t *tree) attachTargetHooks(l commandLine) {
	if n := t.target(l); n != nil && n.attachHooks != nil {
		n.attachHooks()
	}
}

// target returns the node of the deepest command the line names, or of
// the command "help" or a completion request is about.
func (t *tree) target(l commandLine) *node {
	if l.about() {
		return t.target(scanArgs(l.afterWord(0), t.globals, t.scanRoot()))
	}
	if tn, ok := l.node.(treeNode); ok {
		return t.nodes.of(tn.cmd)
	}
	return nil
}

// attachAllHooks attaches hooks to every compiled-in command, for a
// reference of the whole tree.
func (t *tree) attachAllHooks() {
	for _, n := range t.nodes {
		if n.attachHooks != nil {
			n.attachHooks()
		}
	}
}
