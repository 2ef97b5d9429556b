package cli

import (
	"github.com/spf13/cobra"

	"github.com/longshore/longshore/formatters"
	"github.com/longshore/longshore/internal/discovery"
	"github.com/longshore/longshore/internal/output"
)

// nodeKind says what runs when a command of the tree is invoked.
type nodeKind int

const (
	// kindOther is a command Longshore did not build from a plugin: the
	// root, help, completion, shell, docs, and those an App added with
	// Customize. It counts as compiled-in.
	kindOther nodeKind = iota
	// kindGroup holds the shared words of compiled-in commands ("files").
	kindGroup
	// kindCommand runs a compiled-in command.Command.
	kindCommand
	// kindExternal stands for an external plugin, which runs it.
	kindExternal
	// kindExternalGroup holds the shared words of external commands only
	// ("cloud" for demoapp-cloud-up).
	kindExternalGroup
	// kindAlias stands for one of the user's aliases in help and
	// completion; an alias expands before cobra is reached.
	kindAlias
)

// node is Longshore's own state for one command of the cobra tree: what
// it is and what it carries, typed, in place of cobra annotations and
// maps keyed by *cobra.Command.
type node struct {
	cmd  *cobra.Command
	kind nodeKind
	// name is the command's words ("files list").
	name string
	// group is the help group its Info names ("" for the default one).
	group string
	// output is the rendering state of a lister, shower or structured
	// plugin; nil for a command that prints no formatted output.
	output *output.Output
	// columns returns the columns a lister declares (its fields for a
	// shower), for completion; nil when it declares none.
	columns func() []string
	// attachHooks binds this command's hooks to it (compiled-in commands
	// only); hooks attach only to the command a run is for.
	attachHooks func()
	// hooks are the hooks attached to it for this run (nil: none).
	hooks *hookSet
	// plugin is the external plugin a kindExternal node runs.
	plugin *discovery.Plugin
}

// nodes maps each command of one tree to its node.
type nodes map[*cobra.Command]*node

// add records n for its command and returns the command.
func (ns nodes) add(n *node) *cobra.Command {
	ns[n.cmd] = n
	return n.cmd
}

// of returns cmd's node; a command Longshore did not record (cobra's own,
// an App's Customize) is kindOther with nothing attached.
func (ns nodes) of(cmd *cobra.Command) *node {
	if n := ns[cmd]; n != nil {
		return n
	}
	return &node{cmd: cmd}
}

// external reports whether the command stands for external plugins (one,
// or a group of them): it is not compiled-in.
func (n *node) external() bool {
	return n.kind == kindExternal || n.kind == kindExternalGroup
}

// outputKind returns the kind of output the command prints, 0 when it
// prints none.
func (n *node) outputKind() formatters.Kind {
	if n.output == nil {
		return 0
	}
	return n.output.Kind()
}

// outputFlag reports whether the flag called name is one of the output
// options the command was given.
func (n *node) outputFlag(name string) bool {
	return n.output != nil && n.output.HasFlag(name)
}
