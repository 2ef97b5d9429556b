package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/longshore/longshore/internal/discovery"
)

const externalGroupID = "external"

// listing reports whether this run shows a listing of commands (root or
// group help, help words, completion), the only runs that scan for
// external plugins.
func (r *run) listing(args []string) bool {
	idx, dash := wordIndexes(args, r.globalFlagSet())
	end := len(args)
	if dash >= 0 {
		end = dash
	}
	for _, a := range args[:end] {
		if a == "-h" || a == "--help" {
			return true
		}
	}
	if len(idx) == 0 {
		return true
	}
	switch args[idx[0]] {
	case "help", cobra.ShellCompRequestCmd, cobra.ShellCompNoDescRequestCmd:
		return true
	}
	cmd, rest, err := r.root.Find(args)
	return err == nil && !cmd.Runnable() && len(wordsBefore(rest, r.globalFlagSet())) == 0
}

// scan lists the plugin directories once per run. It never runs a plugin.
func (r *run) scan() (*discovery.Scan, error) {
	if r.scanned != nil {
		return r.scanned, nil
	}
	f, err := r.finder()
	if err != nil {
		return nil, err
	}
	// The plugin dirs' part may have been scanned already, for the hooks.
	r.scanned = (&discovery.Finder{App: f.App, Dirs: f.Dirs[len(pluginDirs(f)):], FS: f.FS, Taken: f.Taken}).Continue(r.dirScan())
	r.refreshHookIndex()
	return r.scanned, nil
}

// addExternalCommands adds the external commands found by a scan to the
// command tree, in their own help group, so that help, completion and
// suggestions show them. A config error leaves them out (the command that
// needs the config reports it).
func (r *run) addExternalCommands() {
	if r.external || r.single() {
		return
	}
	r.external = true
	s, err := r.scan()
	if err != nil {
		return
	}
	for _, p := range s.Plugins {
		if _, ok := conventionFormatter(p); ok || p.ShadowedBy != "" || r.compiledInShadow(p.Words) != "" {
			continue
		}
		parent := r.root
		for _, w := range p.Words[:len(p.Words)-1] {
			next := childNamed(parent, w)
			if next == nil {
				next = &cobra.Command{Use: w, Short: "External commands for " + w, SuggestionsMinimumDistance: 2,
					Annotations: map[string]string{"externalGroup": "true"}}
				addExternalChild(parent, next)
			}
			parent = next
		}
		addExternalChild(parent, r.externalCommand(p))
	}
}

// compiledInShadow returns the compiled-in command that keeps an external
// command of these words from ever running: one with the same words, or a
// runnable one whose words start them. "" when none.
func (r *run) compiledInShadow(words []string) string {
	cmd := r.root
	for i, w := range words {
		next := childNamed(cmd, w)
		if next == nil {
			return ""
		}
		cmd = next
		if i == len(words)-1 || cmd.Runnable() && cmd.Annotations["external"] == "" {
			if cmd.Annotations["external"] != "" {
				return ""
			}
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

func addExternalChild(parent, child *cobra.Command) {
	if !parent.ContainsGroup(externalGroupID) {
		parent.AddGroup(&cobra.Group{ID: externalGroupID, Title: "External Commands:"})
	}
	child.GroupID = externalGroupID
	parent.AddCommand(child)
}

// externalCommand is the stand-in of an external plugin in the tree: help
// shows its manifest's description; running it (reached only through
// cobra, e.g. from help paths) runs the plugin with the arguments given.
func (r *run) externalCommand(p *discovery.Plugin) *cobra.Command {
	short := p.Description()
	if short == "" {
		short = "External command (" + p.Path + ")"
	}
	if status := r.externalStatus(p); status != "enabled" {
		short += " (" + status + ")"
	}
	long := short
	if p.Manifest != nil && p.Manifest.Long != "" {
		long = p.Manifest.Long
	}
	long += fmt.Sprintf("\n\nExternal plugin %s.\nRun \"%s %s --help\" for the plugin's own help.", p.Path, r.app.Name, p.Name)
	return &cobra.Command{
		Use:                p.Words[len(p.Words)-1] + " [args...]",
		Short:              short,
		Long:               long,
		Annotations:        map[string]string{"external": p.Path},
		DisableFlagParsing: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return r.runExternal(&externalCall{plugin: p, args: args})
		},
	}
}

// externalStatus is an external plugin's status as plugin list shows it.
func (r *run) externalStatus(p *discovery.Plugin) string {
	if u := p.Refused(); u != nil {
		return oneLine(u.Error()) // "refused PATH: why (if you trust it: fix)"
	}
	if p.Invalid != nil {
		return "invalid: " + oneLine(p.Invalid.Error())
	}
	if p.ShadowedBy != "" {
		return "shadowed by " + p.ShadowedBy
	}
	if c := r.compiledInShadow(p.Words); c != "" {
		return "shadowed by builtin command " + c
	}
	return r.enabledStatus(p.Name, p.Manifest.Unmet(r.host()))
}

// enabledStatus is "disabled" when the config disables name, else
// "unavailable: reason" when unmet is not nil, else "enabled".
func (r *run) enabledStatus(name string, unmet error) string {
	switch {
	case r.pluginDisabled(name):
		return "disabled"
	case unmet != nil:
		return "unavailable: " + oneLine(unmet.Error())
	}
	return "enabled"
}
