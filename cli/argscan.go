package cli

import (
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// commandLine is the command line of one run as scanArgs reads it, once:
// the app's global options, the compiled-in command words, and where the
// arguments an external plugin owns begin. Nothing else in the package
// parses the command line before cobra; cobra then parses only the
// arguments of a compiled-in command.
type commandLine struct {
	args []string
	// globals are the arguments, with their values, that set the app's
	// global options (see parseGlobals), in order.
	globals []string
	// unknown are the options, where a command word may still come, that
	// are neither global options nor the command's own: cobra judges them
	// for a compiled-in command (a hook may add them later); before an
	// external command's name they are a usage error.
	unknown []string
	// globalAt are the indexes of globals in args.
	globalAt []int
	// words are the words of the compiled-in commands named, in order:
	// "files list", or "help" alone for "help files list".
	words []string
	// wordAt are the indexes of words in args.
	wordAt []int
	// node is the deepest compiled-in command named (the root when none).
	node scanNode
	// external are the words from the first one that names no compiled-in
	// command up to the next flag: the candidate words of an external
	// command under node. Empty when there is none.
	external []string
	// extAt is the index in args of external[0], -1 when none.
	extAt int
	// plugin is the index in args of the first argument an external
	// command already in the tree owns (see scanNode.passthrough), -1
	// when none.
	plugin int
	// help is set by -h or --help among the app's arguments.
	help bool
	// err is a usage error the scan found: an ambiguous abbreviation.
	err error
	// dashArg is the index in args of the first argument after "--" when
	// the command named takes no arguments (the root, a group): a command
	// word there is a usage error, not a word. -1 when none.
	dashArg int
}

// pluginArgs returns the arguments of an external command named by the
// first n external words: everything after them, untouched.
func (l *commandLine) pluginArgs(n int) []string {
	return l.args[l.extAt+n:]
}

// first returns the first command word, or "".
func (l *commandLine) first() string {
	if len(l.words) > 0 {
		return l.words[0]
	}
	if len(l.external) > 0 {
		return l.external[0]
	}
	return ""
}

// afterWord returns the arguments after the k-th command word.
func (l *commandLine) afterWord(k int) []string { return l.args[l.wordAt[k]+1:] }

// about reports whether the line is about another command line: "help"
// and cobra's completion requests take command words as arguments.
func (l *commandLine) about() bool {
	if len(l.words) == 0 {
		return false
	}
	switch l.words[0] {
	case "help", cobra.ShellCompRequestCmd, cobra.ShellCompNoDescRequestCmd:
		return true
	}
	return false
}

// completing reports whether the line is one of cobra's completion
// requests, which a shell sends on Tab.
func (l *commandLine) completing() bool {
	switch l.first() {
	case cobra.ShellCompRequestCmd, cobra.ShellCompNoDescRequestCmd:
		return true
	}
	return false
}

// listing reports whether the line asks for a listing of commands (root
// or group help, help words, completion), the only runs that scan for
// external plugins.
func (l *commandLine) listing() bool {
	return l.help || l.about() || l.extAt < 0 && !l.node.takesArgs()
}

// cobraArgs returns what cobra parses for a compiled-in command: the
// command words, then the other arguments without the global options the
// scanner has read, or, when the line asks for help anywhere, the command
// words and --help, so that help shows the deepest command named. The
// words come first so that cobra finds the command before it reads an
// option given before them (a hook's, which the scanner cannot know):
// cobra would take the word after an option it does not know for its
// value.
func (l *commandLine) cobraArgs() []string {
	if l.about() {
		return l.args // a completion request is cobra's to read whole
	}
	if l.help && l.extAt < 0 {
		return append(append([]string{}, l.words...), "--help")
	}
	out := make([]string, 0, len(l.args))
	w := len(l.wordAt)
	if l.plugin < 0 {
		// An external command's stand-in owns what follows its name.
		out, w = append(out, l.words...), 0
	}
	g := 0
	for i, a := range l.args {
		if g < len(l.globalAt) && l.globalAt[g] == i {
			g++
			continue
		}
		if w < len(l.wordAt) && l.wordAt[w] == i {
			w++
			continue
		}
		out = append(out, a)
	}
	return out
}

// parseGlobals sets the global options of t from the arguments the
// scanner found for them, starting from their defaults (so that parsing
// twice counts -v once).
func (l *commandLine) parseGlobals(t *tree) error {
	if len(l.globals) == 0 && !t.declared {
		// Nothing to parse, and nothing parsed before: the options keep
		// their defaults without being declared (see declareFlags).
		return nil
	}
	fs := t.globals()
	fs.VisitAll(func(f *pflag.Flag) {
		f.Value.Set(f.DefValue)
		f.Changed = false
	})
	fs.SetOutput(io.Discard)
	if err := fs.Parse(l.globals); err != nil {
		cmd := t.root
		if tn, ok := l.node.(treeNode); ok {
			cmd = tn.cmd
		}
		return flagError(cmd, err)
	}
	return nil
}

// scanNode is what the scanner knows of one compiled-in command.
type scanNode interface {
	// child returns the compiled-in command called word under this one.
	child(word string) (scanNode, bool)
	// takesArgs reports whether the words after this command are its
	// arguments rather than command words.
	takesArgs() bool
	// passthrough reports whether everything after this command belongs
	// to it untouched (an external command).
	passthrough() bool
	// flags returns the command's own flags; nil when none are known.
	flags() *pflag.FlagSet
}

// scanArgs reads args once, knowing the app's global options (globals,
// asked for only when an option is read) and the compiled-in commands
// under root. It stops at the first word
// that names no compiled-in command where a command word is expected:
// that word and what follows belong to an external command. Everything
// after "--" is a compiled-in command's arguments.
func scanArgs(args []string, globals func() *pflag.FlagSet, root scanNode) commandLine {
	l := commandLine{args: args, node: root, extAt: -1, plugin: -1, dashArg: -1}
	sawArg := false
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			if i+1 < len(args) && !l.node.takesArgs() {
				l.dashArg = i + 1
			}
			return l
		}
		if isFlagArg(a) {
			n, global, known, help := scanFlag(args[i:], globals(), l.node)
			if !known && !l.node.takesArgs() {
				l.unknown = append(l.unknown, args[i])
			}
			if global {
				l.globals = append(l.globals, args[i:i+n]...)
				for j := i; j < i+n; j++ {
					l.globalAt = append(l.globalAt, j)
				}
			}
			l.help = l.help || help
			i += n - 1
			continue
		}
		if sawArg {
			continue // no command word follows an argument
		}
		if c, ok := l.node.child(a); ok {
			l.node = c
			l.words = append(l.words, a)
			l.wordAt = append(l.wordAt, i)
			if c.passthrough() {
				l.plugin = i + 1
				return l
			}
			continue
		}
		if l.node.takesArgs() {
			sawArg = true
			continue
		}
		// A concrete type test: asserting an interface would build an
		// itab, on the start-up of every run, for a node that has none.
		var ab abbreviator
		if tn, ok := l.node.(treeNode); ok && tn.t.abbrev {
			ab = tn
		}
		if ab != nil {
			if l.expand(ab, i, l.words) {
				args = l.args
				i-- // read the word again, whole
				continue
			}
			if l.err != nil {
				return l
			}
		}
		l.extAt = i
		for j := i; j < len(args) && !isFlagArg(args[j]) && args[j] != "--"; j++ {
			// Under a group of external commands with no plugin of its
			// own, the next word is a command word too.
			path := append(append([]string{}, l.words...), l.external...)
			if j > i && ab != nil && ab.externalGroup(path) {
				l.expand(ab, j, path)
				args = l.args
				if l.err != nil {
					return l
				}
			}
			l.external = append(l.external, args[j])
		}
		return l
	}
	return l
}

// expand replaces args[i] by the command name under path it abbreviates,
// if any, and reports whether it did; an ambiguous one is l.err.
func (l *commandLine) expand(ab abbreviator, i int, path []string) bool {
	full, err := ab.abbreviation(path, l.args[i])
	if err != nil {
		l.err = err
		return false
	}
	if full == "" {
		return false
	}
	l.args = slices.Clone(l.args) // the caller's stay as they were
	l.args[i] = full
	return true
}

// isFlagArg reports whether a is an option ("-x", "--name"), not a word
// ("-" alone is a word: standard input).
func isFlagArg(a string) bool { return len(a) > 1 && a[0] == '-' }

// scanFlag reads the option at args[0]: how many arguments it spans (1,
// or 2 with a separate value), whether it is a global option, whether it
// is known at all, and whether it asks for help. An unknown option is
// taken to have no value. Help is never global: it belongs to the
// command named.
func scanFlag(args []string, globals *pflag.FlagSet, node scanNode) (n int, global, known, help bool) {
	a := args[0]
	own := node.flags()
	lookup := func(long, short string) (f *pflag.Flag, isGlobal bool) {
		for _, fs := range []*pflag.FlagSet{globals, own} {
			if fs == nil {
				continue
			}
			if long != "" {
				f = fs.Lookup(long)
			} else {
				f = fs.ShorthandLookup(short)
			}
			if f != nil {
				return f, fs == globals
			}
		}
		return nil, false
	}
	n = 1
	if long, ok := strings.CutPrefix(a, "--"); ok {
		name, _, inline := strings.Cut(long, "=")
		f, isGlobal := lookup(name, "")
		if !inline && takesValue(f) && len(args) > 1 {
			n = 2
		}
		help = name == "help"
		return n, isGlobal && !help, f != nil || help, help
	}
	// A run of shorthands ("-vq", "-ofile", "-o file"): the first one that
	// takes a value ends it. It is global when every letter is.
	global, known = true, true
	for j := 1; j < len(a); j++ {
		short := a[j : j+1]
		f, isGlobal := lookup("", short)
		if short == "h" && (f == nil || f.Name == "help") {
			f, isGlobal, help = nil, false, true
		}
		global = global && isGlobal
		known = known && (f != nil || short == "h")
		if takesValue(f) {
			if j == len(a)-1 && len(args) > 1 {
				n = 2
			}
			break
		}
	}
	return n, global, known, help
}

// takesValue reports whether flag f needs a value; an unknown flag is
// taken to have none.
func takesValue(f *pflag.Flag) bool {
	return f != nil && f.NoOptDefVal == ""
}

// treeNode is the scanner's view of a command in the cobra tree.
type treeNode struct {
	cmd *cobra.Command
	// root is set for the tree's root, and single for the root of a
	// single-command App, which takes arguments.
	root, single bool
	t            *tree
}

func (n treeNode) child(word string) (scanNode, bool) {
	if c := childNamed(n.cmd, word); c != nil {
		return treeNode{cmd: c, t: n.t}, true
	}
	if n.root && (word == "help" || word == cobra.ShellCompRequestCmd || word == cobra.ShellCompNoDescRequestCmd) {
		// help and cobra's completion requests, not yet in the tree.
		return argsNode{}, true
	}
	return nil, false
}

func (n treeNode) takesArgs() bool {
	return n.cmd.Runnable() && (!n.root || n.single)
}

func (n treeNode) passthrough() bool { return n.t.nodes.of(n.cmd).kind == kindExternal }

func (n treeNode) flags() *pflag.FlagSet { return n.cmd.Flags() }

// argsNode is a compiled-in command the scanner knows by its word alone:
// every word after it is its argument.
type argsNode struct{}

func (argsNode) child(string) (scanNode, bool) { return nil, false }
func (argsNode) takesArgs() bool               { return true }
func (argsNode) passthrough() bool             { return false }
func (argsNode) flags() *pflag.FlagSet         { return nil }

// wordsNode is the root as known before the tree is built: by the root
// words of the compiled-in commands alone, and its own flags (help,
// version), asked for only when an option is read.
type wordsNode struct {
	compiledIn func(string) bool
	own        func() *pflag.FlagSet
}

func (w wordsNode) child(word string) (scanNode, bool) {
	if w.compiledIn(word) {
		return argsNode{}, true
	}
	return nil, false
}
func (wordsNode) takesArgs() bool         { return false }
func (wordsNode) passthrough() bool       { return false }
func (w wordsNode) flags() *pflag.FlagSet { return w.own() }
