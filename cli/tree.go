package cli

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/aliascmd"
	"github.com/longshore/longshore/internal/discovery"
	"github.com/longshore/longshore/internal/output"
	"github.com/longshore/longshore/internal/registry"
)

const (
	defaultGroupID = "commands"
	otherGroupID   = "other"
)

// tree is the cobra command tree of one run and the node of each of its
// commands. It builds the compiled-in commands (always), adds the external
// ones for a listing, and help and completion once every command is in.
// Running a command is not its business: a leaf calls run, an external
// command's stand-in calls runPlugin.
type tree struct {
	app   *App
	root  *cobra.Command
	nodes nodes
	sess  *session
	out   *output.Outputs
	hooks *hookBinder
	// run runs a compiled-in command (the dispatcher's call site).
	run func(n *node, c command.Command, cmd *cobra.Command, args []string) error
	// runPlugin runs an external command's plugin with args.
	runPlugin func(p *discovery.Plugin, args []string) error
	// rootWords are the compiled-in root words (see compiledInRootWord),
	// each with the first words of the commands it names: itself, or the
	// one-word command it is an alias of.
	rootWords map[string][]string
	// externals is set once the external commands are in the tree.
	externals bool
	// abbrev lets a command word be a unique prefix of a name (see
	// abbreviator).
	abbrev bool
	// opts are the values the global options are bound to, and declared
	// is set once the options are declared on the root (see
	// declareFlags).
	opts     *globalOptions
	declared bool
	// compiled indexes the compiled-in children of a command by word, on
	// first use (see compiledChild).
	compiled map[*cobra.Command]map[string]*cobra.Command
}

// buildCommands adds every compiled-in command to the root, creating the
// group commands that multi-word names need.
func (t *tree) buildCommands(entries []registry.Entry[command.Command]) error {
	byPath := map[string]*cobra.Command{"": t.root}
	for _, e := range entries {
		words := strings.Fields(e.Name)
		parent := t.root
		for i := range words[:len(words)-1] {
			path := strings.Join(words[:i+1], " ")
			group := byPath[path]
			if group == nil {
				group = t.groupCommand(path)
				addChild(parent, group, "")
				byPath[path] = group
			}
			parent = group
		}
		leaf := t.leafCommand(e)
		if existing := byPath[e.Name]; existing != nil {
			// A group registered as a command of its own: keep its children.
			for _, child := range existing.Commands() {
				existing.RemoveCommand(child)
				leaf.AddCommand(child)
			}
			parent.RemoveCommand(existing)
		}
		addChild(parent, leaf, t.nodes.of(leaf).group)
		byPath[e.Name] = leaf
	}
	return nil
}

// addChild adds child to parent under a help group ("" is the default one).
func addChild(parent, child *cobra.Command, group string) {
	id, title := defaultGroupID, "Commands:"
	if group != "" {
		id, title = "group:"+group, group+":"
	}
	if !parent.ContainsGroup(id) {
		parent.AddGroup(&cobra.Group{ID: id, Title: title})
	}
	child.GroupID = id
	parent.AddCommand(child)
}

// groupCommand returns the command for the shared words of several
// commands, such as "files" for "files list".
func (t *tree) groupCommand(path string) *cobra.Command {
	words := strings.Fields(path)
	short := t.app.groups[path]
	if short == "" && path == "plugin" {
		short = pluginGroupShort
	}
	if short == "" && path == "alias" {
		short = aliascmd.GroupShort
	}
	if short == "" {
		short = "Commands for " + path
	}
	// A group does not run: cobra prints its help, and checkCommandWords
	// reports an unknown word under it before cobra is reached.
	return t.nodes.add(&node{kind: kindGroup, name: path, cmd: &cobra.Command{
		Use:                        words[len(words)-1],
		Short:                      short,
		SuggestionsMinimumDistance: 2,
	}})
}

// leafCommand returns the cobra command that runs one compiled-in command.
// The constructor and every method are guarded: a broken command still
// appears in help and answers with its error.
func (t *tree) leafCommand(e registry.Entry[command.Command]) *cobra.Command {
	name := e.Name
	words := strings.Fields(name)
	plugin := "command " + strconv.Quote(name)
	cc := &cobra.Command{
		Use:                        words[len(words)-1],
		SuggestionsMinimumDistance: 2,
	}
	n := &node{cmd: cc, kind: kindCommand, name: name}
	t.nodes.add(n)
	broken := func(err error) *cobra.Command {
		cc.Short = "(broken) " + oneLine(err.Error())
		cc.DisableFlagParsing = true
		cc.RunE = func(*cobra.Command, []string) error { return err }
		return cc
	}
	c, info, err := loadCommand(e)
	if err != nil {
		return broken(err)
	}
	switch c.(type) {
	case command.Runner, command.Lister, command.Shower:
	default:
		return broken(fmt.Errorf("%s implements none of Run, List or Show", plugin))
	}
	cc.Use = strings.TrimSpace(cc.Use + " " + info.Usage)
	cc.Short, cc.Long, cc.Example = info.Short, info.Long, info.Example
	if cc.Long == "" {
		cc.Long = info.Short
	}
	cc.Aliases, cc.Hidden = info.Aliases, info.Hidden
	n.group = info.Group
	if fd, ok := c.(command.FlagDeclarer); ok {
		if err := command.Guard(plugin, func() error { fd.Flags(cc.Flags()); return nil }); err != nil {
			return broken(err)
		}
	}
	n.output = t.out.AddFlags(name, c, cc)
	// Hooks attach only to the command this run is for (see
	// attachTargetHooks).
	// Once: alias expansion may ask for the flags first (flagsOf).
	attached := false
	n.attachHooks = func() {
		if !attached {
			attached = true
			n.hooks = t.hooks.attach(name, cc, func() {
				if n.output != nil {
					n.output.DeclareAll()
				}
			})
		}
	}
	var unavailable error
	if err := available(t.app, name, c); err != nil {
		unavailable = fmt.Errorf("%s %s is unavailable: %w", t.app.Name, name, err)
		cc.Short = strings.TrimSpace(cc.Short + " (unavailable: " + oneLine(err.Error()) + ")")
	}
	cc.Args = func(cmd *cobra.Command, args []string) error {
		if unavailable != nil {
			return nil
		}
		return checkArgs(cmd, info.Args, args)
	}
	cc.RunE = func(cmd *cobra.Command, args []string) error {
		if unavailable != nil {
			return unavailable
		}
		return t.run(n, c, cmd, args)
	}
	completeArgs(n, c, info, t.app.env())
	return cc
}

// checkArgs enforces a command's bounds on positional arguments.
func checkArgs(cmd *cobra.Command, b command.Args, args []string) error {
	n := len(args)
	switch {
	case b.Max == 0 && n > 0:
		return command.Usagef("%s takes no arguments, got %q", cmd.CommandPath(), args[0])
	case b.Min == b.Max && n != b.Min:
		return command.Usagef("%s takes exactly %s, got %d (usage: %s)", cmd.CommandPath(), plural(b.Min, "argument"), n, cmd.UseLine())
	case n < b.Min:
		return command.Usagef("%s takes at least %s, got %d (usage: %s)", cmd.CommandPath(), plural(b.Min, "argument"), n, cmd.UseLine())
	case b.Max != command.Unlimited && n > b.Max:
		return command.Usagef("%s takes at most %s, got %d (usage: %s)", cmd.CommandPath(), plural(b.Max, "argument"), n, cmd.UseLine())
	}
	return nil
}

// plural returns "1 argument" or "2 arguments".
func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
