package cli

import (
	"bytes"
	"context"
	"io"
	"os/exec"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/formatters"
	"github.com/longshore/longshore/internal/discovery"
)

// externalCompletionTimeout bounds how long a plugin may take to answer a
// completion request; past it, the shell gets file names instead.
const externalCompletionTimeout = 5 * time.Second

// completeExternal completes the arguments of the external command at
// path. A plugin whose manifest says "completion: true" answers cobra's
// __complete protocol itself (a plugin written with cobra does so with no
// extra work): the request is forwarded to it with the arguments typed
// after its name, and its candidates, descriptions and directive are
// relayed. Any other plugin, or one that fails to answer, completes file
// names. The value of an output option the app takes after a structured
// plugin's name is the app's to complete (completeOutputValue), except the
// columns' a completing plugin knows.
func (r *run) completeExternal(path string) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		p := r.externalByPath(path)
		if p == nil || p.Manifest == nil || r.checkExternal(p) != nil {
			return nil, cobra.ShellCompDirectiveDefault
		}
		// The app renders the output: it knows the formatters and their
		// options; the columns only a plugin that completes knows.
		if f, value := r.outputFlagValue(cmd, r.pluginArgs(cmd, args), toComplete); f != nil &&
			!(p.Manifest.Completion && (f.Name == columnFlag || f.Name == sortColumnFlag)) {
			return r.completeOutputValue(cmd, f, value)
		}
		if !p.Manifest.Completion {
			return nil, cobra.ShellCompDirectiveDefault
		}
		ctx := r.ctx
		if ctx == nil {
			ctx = context.Background()
		}
		ctx, cancel := context.WithTimeout(ctx, externalCompletionTimeout)
		defer cancel()
		argv := append(append([]string{cobra.ShellCompRequestCmd}, r.pluginArgs(cmd, args)...), toComplete)
		c := exec.CommandContext(ctx, p.Path, argv...)
		var out bytes.Buffer
		c.Env, c.Stdout, c.Stderr = r.pluginEnv(p), &out, io.Discard
		if err := c.Run(); err != nil {
			cobra.CompDebugln("plugin "+p.Name+" did not complete: "+err.Error(), false)
			return nil, cobra.ShellCompDirectiveDefault
		}
		return parseCompletions(out.String())
	}
}

// outputFlagValue returns, when the word being completed after a
// structured plugin's name is the value of an output option the app takes
// there, that option and the part of its value typed: after the option
// ("-f" "js") or in the same word ("--format=js", "-f=js", as cobra
// completes them). Words after "--" are the plugin's.
func (r *run) outputFlagValue(cmd *cobra.Command, args []string, toComplete string) (*pflag.Flag, string) {
	if outputKind(cmd) == 0 {
		return nil, ""
	}
	fs := pflag.NewFlagSet(cmd.Name(), pflag.ContinueOnError)
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if _, output := f.Annotations[outputFlagAnnotation]; output {
			fs.AddFlag(f)
		}
	})
	fs.AddFlag(r.root.PersistentFlags().Lookup(formatFlag))
	_, theirs, pending := splitOutputArgs(args, fs)
	if pending != nil {
		return pending, toComplete
	}
	name, value, inline := strings.Cut(toComplete, "=")
	if !inline || slices.Contains(theirs, "--") {
		return nil, ""
	}
	var f *pflag.Flag
	switch {
	case strings.HasPrefix(name, "--"):
		f = fs.Lookup(name[2:])
	case len(name) == 2 && name[0] == '-':
		f = fs.ShorthandLookup(name[1:])
	}
	if f == nil || f.NoOptDefVal != "" {
		return nil, ""
	}
	return f, value
}

// completeOutputValue offers the values of output option f as for a
// compiled-in lister or shower: formatter names for -f, else the option's
// declared choices (a manifest declares no columns: nothing for them);
// never file names.
func (r *run) completeOutputValue(cmd *cobra.Command, f *pflag.Flag, value string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if f.Name == formatFlag {
		return r.completeFormats(cmd, nil, value)
	}
	return r.completeOutputFlag(cmd, f)(cmd, nil, value)
}

// narrowExternalCompletion keeps, when this run completes the arguments
// of an external command, cobra from offering the app's options there:
// after the plugin's name they are the plugin's. Only what the plugin
// answers is offered, plus, for a structured plugin, the output options
// the app takes after its name (see runStructured).
func (r *run) narrowExternalCompletion() {
	if len(r.args) < 2 || r.args[0] != cobra.ShellCompRequestCmd && r.args[0] != cobra.ShellCompNoDescRequestCmd {
		return
	}
	cmd, _, err := r.root.Find(r.args[1 : len(r.args)-1])
	if err != nil || cmd.Annotations["external"] == "" {
		return
	}
	hide := func(f *pflag.Flag) { f.Hidden = true }
	r.root.PersistentFlags().VisitAll(hide)
	r.root.LocalNonPersistentFlags().VisitAll(hide)
	cmd.InitDefaultHelpFlag()
	cmd.Flags().VisitAll(hide)
	p := r.externalByPath(cmd.Annotations["external"])
	if p == nil || p.Manifest == nil || r.checkExternal(p) != nil {
		return
	}
	var c command.Command
	switch p.Manifest.Output {
	case "list":
		c = &structuredList{&structuredProc{r: r, p: p, kind: formatters.List}}
	case "record":
		c = &structuredRecord{&structuredProc{r: r, p: p, kind: formatters.Record}}
	default:
		return
	}
	r.addOutputFlags(p.Name, c, cmd)
	r.root.PersistentFlags().Lookup(formatFlag).Hidden = false
}

// pluginArgs returns the words of the completion request that follow the
// external command's name, as a run passes them to the plugin: cobra's
// args also hold the global options typed before the name.
func (r *run) pluginArgs(cmd *cobra.Command, args []string) []string {
	if len(r.args) < 2 {
		return args
	}
	req := r.args[1 : len(r.args)-1] // without __complete and the partial word
	idx, _ := wordIndexes(req, r.globalFlagSet())
	depth := len(strings.Fields(cmd.CommandPath())) - 1
	if depth < 1 || len(idx) < depth {
		return args
	}
	return req[idx[depth-1]+1:]
}

// externalByPath returns the scanned external plugin at path, or nil.
func (r *run) externalByPath(path string) *discovery.Plugin {
	if r.scanned == nil {
		return nil
	}
	for _, p := range r.scanned.Plugins {
		if p.Path == path {
			return p
		}
	}
	return nil
}

// addDocumentedExternals adds the external plugins found by a scan to the
// tree for the generated reference, keeping out those without a manifest:
// all they could show is a path on this machine.
func (r *run) addDocumentedExternals() {
	r.addExternalCommands()
	walk(r.root, func(c *cobra.Command) {
		if path := c.Annotations["external"]; path != "" {
			if p := r.externalByPath(path); p == nil || p.Manifest == nil {
				c.Hidden = true
			}
		}
	})
}
