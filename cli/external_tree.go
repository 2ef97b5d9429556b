package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/longshore/longshore/internal/discovery"
	"github.com/longshore/longshore/internal/output"
)

const externalGroupID = "external"

// addExternalCommands adds the external commands found by a scan to the
// command tree, in their own help group, so that help, completion and
// suggestions show them. A config error leaves them out (the command that
// needs the config reports it).
func (t *tree) addExternalCommands() {
	if t.externals || t.app.Main != nil {
		return
	}
	t.externals = true
	s, err := t.sess.scan()
	if err != nil {
		return
	}
	// Each plugin is looked up in indexes, never by walking a parent's
	// children: cobra re-sorts them after every AddCommand, which made
	// listing quadratic in the number of plugins.
	groups := make(map[string]*cobra.Command, len(s.Plugins))
	added := map[*cobra.Command][]*cobra.Command{}
	var parents []*cobra.Command
	add := func(parent, child *cobra.Command) {
		if added[parent] == nil {
			parents = append(parents, parent)
		}
		added[parent] = append(added[parent], child)
	}
	for _, p := range s.Plugins {
		if _, ok := output.ConventionFormatter(p); ok || p.ShadowedBy != "" || t.compiledInShadow(p.Words) != "" {
			continue
		}
		parent := t.root
		for i, w := range p.Words[:len(p.Words)-1] {
			name := strings.Join(p.Words[:i+1], " ")
			next := groups[name]
			if next == nil {
				next = t.compiledChild(parent, w)
			}
			if next == nil {
				next = t.nodes.add(&node{kind: kindExternalGroup, name: name, cmd: &cobra.Command{
					Use: w, Short: "External commands for " + w, SuggestionsMinimumDistance: 2}})
				add(parent, next)
			}
			groups[name] = next
			parent = next
		}
		cmd := t.externalCommand(p)
		add(parent, cmd)
		if groups[p.Name] == nil {
			groups[p.Name] = cmd // "hello world" goes under "hello", as cobra would find it
		}
	}
	for _, parent := range parents {
		addExternalChildren(parent, added[parent])
	}
}

// compiledChild returns the compiled-in command called word (a name or
// an alias) under parent, as childNamed would find it, or nil. The
// children of each parent are indexed the first time one is looked for:
// by then the compiled-in tree is built, and external commands, added
// later, are never compiled-in.
func (t *tree) compiledChild(parent *cobra.Command, word string) *cobra.Command {
	m, ok := t.compiled[parent]
	if !ok {
		if t.compiled == nil {
			t.compiled = map[*cobra.Command]map[string]*cobra.Command{}
		}
		m = map[string]*cobra.Command{}
		for _, c := range parent.Commands() { // childNamed's order: the first match wins
			if t.nodes.of(c).external() {
				continue
			}
			for _, w := range append([]string{c.Name()}, c.Aliases...) {
				if _, taken := m[w]; !taken {
					m[w] = c
				}
			}
		}
		t.compiled[parent] = m
	}
	return m[word]
}

// compiledInShadow returns the compiled-in command that keeps an external
// command of these words from ever running: one with the same words, or a
// runnable one whose words start them, or a reserved root word (help,
// plugin, ...). "" when none.
func (t *tree) compiledInShadow(words []string) string {
	if len(words) > 0 && t.reserved(words[0]) && words[0] != output.FormatterWord {
		return words[0]
	}
	// Only compiled-in commands shadow: a path through an external one
	// never reaches one.
	cmd := t.root
	for i, w := range words {
		next := t.compiledChild(cmd, w)
		if next == nil {
			return ""
		}
		cmd = next
		if i == len(words)-1 || cmd.Runnable() {
			return strings.Join(words[:i+1], " ")
		}
	}
	return ""
}

func childNamed(cmd *cobra.Command, word string) *cobra.Command {
	for _, c := range cmd.Commands() {
		if c.Name() == word || c.HasAlias(word) {
			return c
		}
	}
	return nil
}

func addExternalChildren(parent *cobra.Command, children []*cobra.Command) {
	if !parent.ContainsGroup(externalGroupID) {
		parent.AddGroup(&cobra.Group{ID: externalGroupID, Title: "External Commands:"})
	}
	for _, c := range children {
		c.GroupID = externalGroupID
	}
	parent.AddCommand(children...)
}

// externalCommand is the stand-in of an external plugin in the tree: help
// shows its manifest's description; running it (reached only through
// cobra, e.g. from help paths) runs the plugin with the arguments given.
func (t *tree) externalCommand(p *discovery.Plugin) *cobra.Command {
	short := p.Description()
	if short == "" {
		short = "External command (" + p.Path + ")"
	}
	if status := t.helpStatus(p); status != "enabled" {
		short += " (" + status + ")"
	}
	long := short
	if p.Manifest != nil && p.Manifest.Long != "" {
		long = p.Manifest.Long
	}
	long += "\n\nExternal plugin " + p.Path + ".\nRun \"" + t.app.Name + " " + p.Name + " --help\" for the plugin's own help."
	return t.nodes.add(&node{kind: kindExternal, name: p.Name, plugin: p, cmd: &cobra.Command{
		Use:                p.Words[len(p.Words)-1] + " [args...]",
		Short:              short,
		Long:               long,
		DisableFlagParsing: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return t.runPlugin(t.sess.fresh(p), args)
		},
	}})
}

// helpStatus is an external plugin's status as help and completion show
// it: plugin list's, except that a plugin refused or invalid points to
// plugin show for why, which takes a line of its own (the path at fault
// and the fix).
func (t *tree) helpStatus(p *discovery.Plugin) string {
	switch {
	case p.Refused() != nil:
		return fmt.Sprintf("refused: see %q", t.app.Name+" plugin show "+p.Name)
	case p.Invalid != nil:
		return fmt.Sprintf("invalid: see %q", t.app.Name+" plugin show "+p.Name)
	}
	return t.externalStatus(p)
}

// externalStatus is an external plugin's status as plugin list shows it.
func (t *tree) externalStatus(p *discovery.Plugin) string {
	if u := p.Refused(); u != nil {
		return oneLine(u.Error()) // "refused PATH: why (if you trust it: fix)"
	}
	if p.Invalid != nil {
		return "invalid: " + oneLine(p.Invalid.Error())
	}
	if p.ShadowedBy != "" {
		return "shadowed by " + p.ShadowedBy
	}
	if c := t.compiledInShadow(p.Words); c != "" {
		return "shadowed by builtin command " + c
	}
	return t.sess.enabledStatus(p.Name, p.Manifest.Unmet(t.sess.host()))
}

// shadowWarnings returns a warning for each plugin of the scan that a
// compiled-in command or a reserved word keeps from running, as a plugin
// shadowed by another directory gets one (kubectl: "overwrites existing
// command").
func (t *tree) shadowWarnings(s *discovery.Scan) []string {
	var out []string
	for _, p := range s.Plugins {
		if c := t.compiledInShadow(p.Words); c != "" && p.ShadowedBy == "" {
			out = append(out, discovery.Warning{Path: p.Path, Msg: "shadowed by builtin command " + c}.String())
		}
	}
	return out
}
