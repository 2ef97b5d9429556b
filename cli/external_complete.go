package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/discovery"
)

// externalCompletionTimeout bounds how long a plugin may take to answer a
// completion request; past it, the plugin and what it started are killed
// and the shell gets file names instead. A variable for tests.
var externalCompletionTimeout = 5 * time.Second

// maxCompletionOutput caps what is read of a plugin's completion answer.
const maxCompletionOutput = 4 << 20

// runCompletion runs the completing plugin at path with argv and env, in
// a process group of its own, and returns its standard output once it has
// closed it and exited with status 0. Past timeout (or when ctx ends) the
// whole group is killed and an error returned at once: neither a child the
// plugin left holding its output nor the plugin itself can keep the shell
// waiting.
func runCompletion(ctx context.Context, path string, argv, env []string, timeout time.Duration) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	proc := exec.Command(path, argv...)
	proc.Env, proc.Stdout, proc.Stderr = env, w, nil
	ownCompletionGroup(proc)
	err = proc.Start()
	w.Close()
	if err != nil {
		return nil, err
	}
	type result struct {
		out []byte
		err error
	}
	done := make(chan result, 1)
	go func() {
		out, err := io.ReadAll(io.LimitReader(r, maxCompletionOutput))
		if werr := proc.Wait(); err == nil {
			err = werr
		}
		done <- result{out, err}
	}()
	select {
	case res := <-done:
		return res.out, res.err
	case <-ctx.Done():
		// The deferred close of r ends the read; the goroutine reaps it.
		killCompletionGroup(proc.Process)
		return nil, fmt.Errorf("no answer within %v", timeout)
	}
}

// completeExternal completes the arguments of the external command at
// path. A plugin whose manifest says "completion: true" answers cobra's
// __complete protocol itself (a plugin written with cobra does so with no
// extra work): the request is forwarded to it with the arguments typed
// after its name, and its candidates, descriptions and directive are
// relayed. Any other plugin, or one that fails to answer, completes file
// names. The value of an output option the app takes after a structured
// plugin's name is the app's to complete (completeOutputValue), except the
// columns' a completing plugin knows.
func (c *completer) completeExternal(p *discovery.Plugin) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		p := c.sess.fresh(p) // whether it completes is its manifest's word, not the cache's
		if p.Manifest == nil || c.sess.checkExternal(p) != nil {
			return nil, cobra.ShellCompDirectiveDefault
		}
		// The app renders the output: it knows the formatters and their
		// options; the columns only a plugin that completes knows.
		if f, value := c.outputFlagValue(cmd, c.pluginArgs(args), toComplete); f != nil &&
			!(p.Manifest.Completion && (f.Name == columnFlag || f.Name == sortColumnFlag)) {
			return c.completeOutputValue(cmd, f, value)
		}
		if !p.Manifest.Completion {
			return nil, cobra.ShellCompDirectiveDefault
		}
		argv := append(append([]string{cobra.ShellCompRequestCmd}, c.pluginArgs(args)...), toComplete)
		out, err := runCompletion(c.ctx, p.Path, argv, c.pluginEnv(p), externalCompletionTimeout)
		if err != nil {
			cobra.CompDebugln("plugin "+p.Name+" did not complete: "+err.Error(), false)
			return nil, cobra.ShellCompDirectiveDefault
		}
		cands, directive := parseCompletions(string(out))
		return escapeCompletions(cands), directive
	}
}

// escapeCompletions escapes a plugin's candidates and their descriptions
// (the text after a tab) before cobra prints them to the shell, which
// shows them on the terminal.
func escapeCompletions(cands []string) []string {
	for i, c := range cands {
		value, desc, ok := strings.Cut(c, "\t")
		cands[i] = discovery.Escape(value)
		if ok {
			cands[i] += "\t" + discovery.Escape(desc)
		}
	}
	return cands
}

// outputFlagValue returns, when the word being completed after a
// structured plugin's name is the value of an output option the app takes
// there, that option and the part of its value typed: after the option
// ("-f" "js") or in the same word ("--format=js", "-f=js", as cobra
// completes them). Words after "--" are the plugin's.
func (c *completer) outputFlagValue(cmd *cobra.Command, args []string, toComplete string) (*pflag.Flag, string) {
	n := c.t.nodes.of(cmd)
	if n.outputKind() == 0 {
		return nil, ""
	}
	fs := pflag.NewFlagSet(cmd.Name(), pflag.ContinueOnError)
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if n.outputFlag(f.Name) {
			fs.AddFlag(f)
		}
	})
	fs.AddFlag(c.t.globals().Lookup(formatFlag))
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
func (c *completer) completeOutputValue(cmd *cobra.Command, f *pflag.Flag, value string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if f.Name == formatFlag {
		return c.completeFormats(cmd, nil, value)
	}
	return c.completeOutputFlag(cmd, f)(cmd, nil, value)
}

// narrowExternalCompletion keeps, when this run completes the arguments
// of an external command, cobra from offering the app's options there:
// after the plugin's name they are the plugin's. Only what the plugin
// answers is offered, plus, for a structured plugin, the output options
// the app takes after its name (see runStructured).
func (c *completer) narrowExternalCompletion() {
	args := c.line.args
	if len(args) < 2 || args[0] != cobra.ShellCompRequestCmd && args[0] != cobra.ShellCompNoDescRequestCmd {
		return
	}
	t := c.t
	cmd, _, err := t.root.Find(args[1 : len(args)-1])
	n := t.nodes.of(cmd)
	if err != nil || n.kind != kindExternal {
		return
	}
	hide := func(f *pflag.Flag) { f.Hidden = true }
	t.globals().VisitAll(hide)
	t.root.LocalNonPersistentFlags().VisitAll(hide)
	cmd.InitDefaultHelpFlag()
	cmd.Flags().VisitAll(hide)
	p := n.plugin
	if p.Manifest == nil || c.sess.checkExternal(p) != nil {
		return
	}
	// Only the kind of command matters to addOutputFlags.
	var kind command.Command
	switch p.Manifest.Output {
	case "list":
		kind = &structuredList{}
	case "record":
		kind = &structuredRecord{}
	default:
		return
	}
	n.output = c.out.AddFlags(p.Name, kind, cmd)
	t.globals().Lookup(formatFlag).Hidden = false
}

// pluginArgs returns the words of the completion request that follow the
// external command's name, as a run passes them to the plugin: cobra's
// args also hold the global options typed before the name.
func (c *completer) pluginArgs(args []string) []string {
	req := c.line.args
	if len(req) < 2 {
		return args
	}
	req = req[1 : len(req)-1] // without __complete and the partial word
	l := scanArgs(req, c.t.globals, c.t.scanRoot())
	if l.plugin < 0 {
		return args
	}
	return req[l.plugin:]
}

// addDocumentedExternals adds the external plugins found by a scan to the
// tree for the generated reference, keeping out those without a manifest:
// all they could show is a path on this machine.
func (t *tree) addDocumentedExternals() {
	t.addExternalCommands()
	for _, n := range t.nodes {
		if n.kind == kindExternal && n.plugin.Manifest == nil {
			n.cmd.Hidden = true
		}
	}
}
