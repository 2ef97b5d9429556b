package cli

import (
	"context"
	"io"
	"log/slog"
	"os"

	"github.com/spf13/cobra"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/discovery"
	"github.com/longshore/longshore/internal/pluginexec"
)

// run is the state of one invocation of an App.
type run struct {
	app    *App
	io     *command.IOStreams
	opts   globalOptions
	root   *cobra.Command
	logger *slog.Logger
	closer io.Closer
	ctx    context.Context
	// stopped records whether a signal ended the run; stopSignal is the
	// signal, when known.
	stopped    bool
	stopSignal os.Signal
	// executed is set once execute has returned.
	executed bool
	// startup ends the process at a stop signal until the command or
	// plugin starts (see started); nil in the interactive shell.
	startup *pluginexec.Stopper
	// rootWords are the compiled-in root words (see compiledInRootWord).
	rootWords map[string]bool
	cfg       *discovery.Config
	cfgErr    error
	format    formatState
	// columns holds the column declarations of listers, for completion.
	columns map[*cobra.Command]func() []string
	// startShell is set by the shell command: the interactive shell starts
	// once this run is over.
	startShell bool
	// inShell is set for a line the interactive shell runs: external
	// plugins then run as child processes, never replacing the shell.
	inShell bool
	// args are the arguments of this run, as given to execute.
	args []string
	// Plugin discovery, built lazily (see external.go and external_tree.go).
	find    *discovery.Finder
	search  discovery.SearchPath
	scanned *discovery.Scan
	// dirScanned is the scan of the plugin dirs alone (see dirScan).
	dirScanned *discovery.Scan
	external   bool
	hooks      *hookState
}

func newRun(a *App) *run {
	r := &run{app: a, io: a.IO, logger: slog.New(slog.DiscardHandler)}
	if r.io == nil {
		r.io = systemStreams()
	}
	return r
}

// close releases what the run opened, such as the log file.
func (r *run) close() {
	if r.closer != nil {
		r.closer.Close()
	}
}

// interrupted reports whether a signal stopped the run.
func (r *run) interrupted() bool { return r.stopped }

// execute builds the command tree and runs args through it.
func (r *run) execute(ctx context.Context, args []string) (err error) {
	ctx, stop := r.plugins().NotifyStop(ctx)
	defer func() {
		r.stopped = ctx.Err() != nil
		r.stopSignal = pluginexec.StopSignal(ctx, err)
		r.executed = true
		stop()
	}()
	r.ctx, r.args = ctx, args
	if len(args) == 1 && args[0] == ManifestFlag {
		return r.printManifest()
	}

	if call, ok := r.earlyExternal(args); ok {
		return r.runExternal(call)
	}
	if err := r.buildCompiledIn(); err != nil {
		return err
	}
	// Hooks attach before cobra parses the flags, and the config says which
	// are disabled: find --config first (once declared, as declaring a flag
	// resets it).
	r.opts.config = configArg(args)
	if err := r.checkConfig(args); err != nil {
		r.root.PersistentFlags().Parse(args)
		return err
	}
	r.attachTargetHooks(args)
	call, err := r.resolveExternal(args)
	if err != nil {
		r.root.PersistentFlags().Parse(args)
		return err
	}
	if call != nil {
		return r.runExternal(call)
	}
	if r.listing(args) {
		r.addExternalCommands()
	}
	r.finishTree()
	if err := r.checkCommandWords(args); err != nil {
		// Flags such as --debug still count for how the error is shown.
		r.root.PersistentFlags().Parse(args)
		return err
	}
	if err := r.started(); err != nil {
		// A signal came during start-up: the command does not run.
		return err
	}
	r.root.SetArgs(args)
	if len(args) > 0 && args[0] == cobra.ShellCompRequestCmd {
		clean := &descCleaner{w: r.io.Out}
		r.root.SetOut(clean)
		defer clean.Flush()
	}
	return r.root.ExecuteContext(ctx)
}

// started marks the end of start-up, the command or plugin being about
// to run, and returns a *pluginexec.Stopped error if a signal stopped the
// run before.
func (r *run) started() error { return r.startup.Started(r.ctx) }

// buildCompiledIn builds the root and the compiled-in commands, those of
// the App and Longshore's own (completion, shell, docs), which always win
// over external plugins.
func (r *run) buildCompiledIn() error {
	r.root = r.buildRoot()
	if err := r.buildCommands(); err != nil {
		return err
	}
	r.addShellCommands()
	r.buildMain()
	if r.app.Customize != nil {
		r.app.Customize(r.root)
	}
	return nil
}

// finishTree adds help and completion once every command is in the tree.
func (r *run) finishTree() {
	r.describeFormatFlag()
	r.addHelp()
	r.addCompletions()
}

// buildRoot returns the root command with the global options.
func (r *run) buildRoot() *cobra.Command {
	a := r.app
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
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			logger, closer, err := r.opts.openLog(r.io.ErrOut)
			if err != nil {
				return err
			}
			r.logger, r.closer = logger, closer
			if r.opts.debug {
				r.warn(unclaimedWarnings())
			}
			return nil
		},
	}
	root.SetIn(r.io.In)
	root.SetOut(r.io.Out)
	root.SetErr(r.io.ErrOut)
	root.SetContext(r.ctx)
	r.opts.addFlags(root.PersistentFlags())
	r.root = root
	r.addFormatFlag(root.PersistentFlags())
	root.InitDefaultHelpFlag()
	root.InitDefaultVersionFlag()
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return flagError(cmd, err)
	})
	root.CompletionOptions.HiddenDefaultCmd = false
	root.SetVersionTemplate("{{.Name}} version {{.Version}}\n")
	return root
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
		Logger:  r.logger.With("command", name),
		Env:     r.app.env(),
		Config:  r.appConfig(),
	}
}
