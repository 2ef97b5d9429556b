package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/spf13/cobra"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/discovery"
	"github.com/longshore/longshore/internal/output"
	"github.com/longshore/longshore/internal/pluginexec"
)

// run is one invocation of an App. It composes the parts each stage of
// the invocation needs, created in the order execute reads:
//
//   - line: the command line, scanned once (scanArgs);
//   - sess: the config, the plugin search path and the finder (session);
//   - tree: the cobra tree and the node of each command (tree);
//   - hooks: the hooks bound to the command run (hookBinder);
//   - out: the -f formatter and the rendering of a list or record
//     (output.Outputs).
//
// Running the command is run's own part: a compiled-in command through
// cobra (runLeaf), an external plugin by exec or as a child (runExternal).
type run struct {
	app  *App
	io   *command.IOStreams
	ctx  context.Context
	opts globalOptions
	line commandLine
	log  runLog

	sess   *session
	tree   *tree
	hooks  *hookBinder
	out    *output.Outputs
	runner *commandRunner

	// stopped records whether a signal ended the run; stopSignal is the
	// signal, when known.
	stopped    bool
	stopSignal os.Signal
	// executed is set once execute has returned.
	executed bool
	// startup ends the process at a stop signal until the command or
	// plugin starts (see started); nil in the interactive shell.
	startup *pluginexec.Stopper
	// shellAlias is the user's shell alias the line names, run in place
	// of a command (see applyAliases).
	shellAlias *shellAliasCall
	// startShell is set by the shell command: the interactive shell starts
	// once this run is over.
	startShell bool
	// cobraOut is what cobra writes help to: the pager, once started.
	cobraOut *writeChecker
	// inShell is set for a line the interactive shell runs: external
	// plugins then run as child processes, never replacing the shell.
	inShell bool
}

func newRun(a *App) *run {
	r := &run{app: a, io: a.IO, ctx: context.Background()}
	r.log.logger = slog.New(slog.DiscardHandler)
	if r.io == nil {
		r.io = systemStreams()
	}
	return r
}

// close releases what the run opened, such as the log file.
func (r *run) close() {
	if r.sess != nil {
		r.sess.close()
	}
	r.log.close()
}

// interrupted reports whether a signal stopped the run.
func (r *run) interrupted() bool { return r.stopped }

// execute runs args, as the flow of one invocation in DESIGN.md goes.
func (r *run) execute(ctx context.Context, args []string) (err error) {
	// App.Run's start-up guard (r.startup) catches the stop signals of a
	// run of its own once its command starts, and cancels ctx; a line of
	// the interactive shell catches them here, from the start.
	stop := func() {}
	if r.startup == nil {
		ctx, stop = r.plugins().NotifyStop(ctx)
	}
	defer func() {
		r.stopped = ctx.Err() != nil
		r.stopSignal = pluginexec.StopSignal(ctx, err)
		r.executed = true
		stop()
	}()
	r.ctx = ctx
	if len(args) == 1 && args[0] == ManifestFlag {
		return r.printManifest()
	}
	// 1. The global options and the command words, scanned once; the log
	// and the session (config, plugin search path) they name.
	scanErr, err := r.start(args)
	if err != nil {
		return err
	}
	// 2. "--version" alone, and a plugin named at the root, are answered
	// before the compiled-in tree is built: they cost no more than reading
	// the registry's names.
	if r.tree.versionEarly(r.line, scanErr) {
		return r.printVersion()
	}
	if call := r.tree.resolveEarly(r.line, scanErr); call != nil {
		return r.runExternal(call)
	}
	// 3. The compiled-in commands, which always win; the line again,
	// knowing them; the hooks of the command named.
	if err := r.build(); err != nil {
		return err
	}
	if r.shellAlias != nil {
		return r.runShellAlias(r.shellAlias)
	}
	// 4. The external command the words name, found lazily.
	if call, err := r.tree.resolveExternal(r.line); call != nil || err != nil {
		if err != nil {
			return err
		}
		return r.runExternal(call)
	}
	// The command is compiled in (or help): the streams take --color,
	// --no-pager, -q and the config's pager:.
	r.applyTerminal()
	// 5. A listing shows the external commands too; help and completion.
	if r.line.listing() {
		r.tree.addExternalCommands()
		r.tree.addAliasCommands(r.sess.userAliases())
	}
	r.tree.finish(r.completer())
	line, err := r.tree.checkCommandWords(r.line)
	if err != nil {
		return err
	}
	if err := r.tree.checkFormatFlag(line); err != nil {
		return err
	}
	// 6. cobra parses the compiled-in command's own options and runs it,
	// unless a signal came during start-up.
	if err := r.started(); err != nil {
		return err
	}
	return r.runCobra(line)
}

// start scans args knowing only the root words of the compiled-in
// commands, parses the global options found, and opens the log and the
// session they name. A scan error is returned apart (scanErr), for the
// early path to decline: the full scan reports it.
func (r *run) start(args []string) (scanErr, err error) {
	r.tree = newTree(r.app, r.io, &r.opts)
	r.tree.abbrev = r.app.Abbreviations || r.inShell
	r.line = scanArgs(args, r.tree.globals, r.tree.wordsRoot())
	scanErr = r.line.parseGlobals(r.tree)
	if err := r.log.open(r.opts, r.io.ErrOut); err != nil {
		return scanErr, err
	}
	r.sess = openSession(r.app, r.io, r.opts.config, r.tree.compiledInName)
	if r.opts.debug {
		for _, w := range unclaimedWarnings() {
			r.sess.warn(w)
		}
	}
	r.sess.logger, r.sess.lookPath = r.log.logger, r.plugins().Look
	r.tree.sess = r.sess
	r.hooks = &hookBinder{app: r.app, sess: r.sess, globals: r.tree.globals, pluginEnv: r.pluginEnv, logger: r.log.logger}
	r.runner = &commandRunner{ctx: r.ctx, app: r.app.Name, errOut: r.io.ErrOut, io: r.io, debug: &r.opts.debug}
	return scanErr, nil
}

// build builds the compiled-in tree, scans the command line again with
// it, checks the config and attaches the hooks of the command named.
func (r *run) build() error {
	r.out = r.outputs()
	r.runner.out = r.out
	t := r.tree
	t.out, t.hooks = r.out, r.hooks
	t.run = r.runLeaf
	t.runPlugin = func(p *discovery.Plugin, args []string) error {
		return r.runExternal(&externalCall{plugin: p, args: args})
	}
	only := t.soleRoot(r.line)
	// A run of one of the App's commands shows no help: its output flags
	// are the common ones and its formatter's (see output.Outputs.Lean).
	r.out.Lean = only != ""
	if err := t.buildCompiledIn(r.addShellCommands, only); err != nil {
		return err
	}
	r.line = scanArgs(r.line.args, t.globals, t.scanRoot())
	if r.line.err != nil {
		return r.line.err
	}
	if err := r.line.parseGlobals(t); err != nil {
		return err
	}
	if err := r.sess.checkConfig(r.line.listing() || r.line.repairsConfig()); err != nil {
		return err
	}
	// The user's alias expands once, then resolution goes on.
	if err := r.applyAliases(); err != nil {
		return err
	}
	t.attachTargetHooks(r.line)
	return nil
}

// started marks the end of start-up, a command about to run in this
// process: from now on a stop signal cancels the run's context. It
// returns the context's cause if it is already done.
func (r *run) started() error { return r.startup.Started(r.ctx) }

// completer returns what completes the finished tree.
func (r *run) completer() *completer {
	return &completer{t: r.tree, sess: r.sess, out: r.out, ctx: r.ctx, line: r.line, pluginEnv: r.pluginEnv}
}

// printVersion prints what cobra's --version prints, as "version" is
// asked for alone (see tree.versionEarly). A failed write is the run's
// error, as in runCobra.
func (r *run) printVersion() error {
	out := &writeChecker{w: r.io.Out}
	fmt.Fprintf(out, "%s version %s\n", r.tree.root.Name(), r.app.Version)
	if out.err != nil {
		return output.QuietPipe(out.err)
	}
	return nil
}

// runCobra hands cobra what the scanner left it of the command line. A
// failed write of what cobra prints (help, version, a completion script)
// is the run's error.
func (r *run) runCobra(l commandLine) error {
	root := r.tree.root
	out := &writeChecker{w: r.io.Out}
	root.SetOut(out)
	// Help goes through the pager, which the run waits for before it ends.
	r.cobraOut = out
	r.pageHelp(root)
	defer r.stopPager()
	var clean *descCleaner
	if l.first() == cobra.ShellCompRequestCmd {
		clean = &descCleaner{w: out}
		root.SetOut(clean)
	}
	root.SetArgs(l.cobraArgs())
	err := root.ExecuteContext(r.ctx)
	if clean != nil {
		clean.Flush()
	}
	if err == nil && out.err != nil {
		// The user quitting the pager early is no failed write.
		err = output.QuietPipe(pagerClosed(out.err))
	}
	return err
}

// runLeaf is the call site of a compiled-in command: cobra has parsed its
// options and arguments.
func (r *run) runLeaf(n *node, c command.Command, cmd *cobra.Command, args []string) error {
	if err := r.sess.checkDisabled(n.name); err != nil {
		return err
	}
	return r.runner.runCommand(n.name, c, n.output, r.invocation(n.name, cmd, args), n.hooks)
}

// invocation returns what a command receives when it runs.
func (r *run) invocation(name string, cmd *cobra.Command, args []string) *command.Invocation {
	return &command.Invocation{
		App:     r.app.Name,
		Version: r.app.Version,
		Name:    name,
		Args:    args,
		Flags:   cmd.Flags(),
		IO:      r.io,
		Logger:  r.log.logger.With("command", name),
		Env:     r.app.env(),
		Config:  r.sess.appConfig(),
	}
}

// writeChecker passes writes through and keeps the first error.
type writeChecker struct {
	w   io.Writer
	err error
}

func (c *writeChecker) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	if err != nil && c.err == nil {
		c.err = err
	}
	return n, err
}

// outputs returns the output side of the run, once the session is open.
func (r *run) outputs() *output.Outputs {
	o := output.New(r.app.Name, r.app.addedFormats)
	o.App, o.Prefix, o.Getenv, o.IO, o.Ctx = r.app.Name, r.app.envPrefix(), r.app.getenv, r.io, r.ctx
	o.Plugins, o.Globals, o.PluginEnv, o.Format = sessionPlugins{r.sess}, r.tree.globals(), r.pluginEnv, &r.opts.format
	o.Structured = r.app.structuredRequested()
	o.TerminalWidth = func() int { return terminalWidth(r.io, r.app.getenv) }
	o.Pager = r.startPager
	return o
}
