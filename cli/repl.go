package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/spf13/cobra"

	"github.com/longshore/longshore/command"
)

// The interactive shell (cliff's interactive mode): a prompt where every
// line runs through App.Run exactly as on the command line, so parsing,
// hooks and formatters are the same, and an error is printed and the
// prompt comes back.

// errAborted is what a lineReader returns when the user abandons the line
// (Ctrl-C at the prompt).
var errAborted = errors.New("line aborted")

// lineReader reads the lines the shell runs.
type lineReader interface {
	// ReadLine shows prompt and returns the line typed, io.EOF at the end of
	// input (Ctrl-D) or errAborted.
	ReadLine(prompt string) (string, error)
	// AddHistory records a line for recall with the arrow keys.
	AddHistory(line string)
	// Close gives the terminal back.
	Close() error
}

// shell is one session of the interactive shell.
type shell struct {
	app    *App
	lines  lineReader
	errOut io.Writer
	// history is the lines loaded from the history file, then those entered.
	history []string
	// historyPath is where history is saved at the end; "" saves nothing.
	historyPath string
	// stop receives the stop signals (SIGTERM, SIGHUP) that end the
	// session; nil never does.
	stop <-chan os.Signal
}

// shellCommand returns "shell", which starts the interactive shell once
// the current run is over (so the shell does not run inside it).
func (r *run) shellCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "shell",
		Short: "Start an interactive shell",
		Long: fmt.Sprintf("Start an interactive shell: a prompt where each line runs as a %[1]s command\n"+
			"line would, with history, Tab completion and help. Leave with exit, quit or\n"+
			"Ctrl-D. Running %[1]s with no arguments on a terminal starts it too.", r.app.Name),
		Args: func(cmd *cobra.Command, args []string) error {
			return checkArgs(cmd, command.NoArgs, args)
		},
		GroupID:           otherGroupID,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			r.startShell = true
			return nil
		},
	}
}

// addShellCommands adds the completion command, and the shell and docs
// commands when the App enables them.
func (r *run) addShellCommands() {
	if r.app.Interactive {
		r.tree.root.AddCommand(r.shellCommand())
	}
	if r.app.DocsCommand {
		r.tree.root.AddCommand(r.tree.docsCommand())
	}
	r.tree.root.AddCommand(completionCommand(r.app.Name))
}

// onTerminal reports whether the App reads from and writes to a terminal.
func (a *App) onTerminal() bool {
	return a.IO == nil && isTerminal(os.Stdin) && isTerminal(os.Stdout)
}

// runShell runs the interactive shell until exit, quit or the end of input
// and returns its exit code: 0, or 1 when the input cannot be read.
func (a *App) runShell(ctx context.Context) int {
	streams := a.IO
	if streams == nil {
		streams = systemStreams()
	}
	s := &shell{app: a, errOut: streams.ErrOut}
	if a.onTerminal() {
		// Only lines typed at a terminal are history: a script piped in
		// is neither recalled nor recorded.
		s.historyPath = a.historyPath()
		s.history = loadHistory(s.historyPath)
		s.lines = newTerminalReader(s.history, func(line string, pos int) (string, []string, string) {
			return a.completeWord(ctx, line, pos)
		})
		fmt.Fprintf(streams.Out, "%s %s: type help for commands, exit or Ctrl-D to leave.\n", a.Name, a.Version)
	} else {
		s.lines = newPlainReader(streams.In)
	}
	defer s.lines.Close()
	// The shell outlives every command it runs: an interrupt stops the
	// command (each run watches for it), never the shell.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt)
	defer signal.Stop(sigs)
	// A SIGTERM or SIGHUP ends it, as exit would, with 128+N.
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, stopSignals...)
	defer signal.Stop(stop)
	s.stop = stop
	return s.loop(ctx)
}

// loop reads and runs lines until exit, quit, the end of input or a stop
// signal.
func (s *shell) loop(ctx context.Context) int {
	defer s.saveHistory()
	prompt := s.app.Name + "> "
	for {
		line, err := s.readLine(prompt)
		var stopped *stoppedError
		switch {
		case errors.As(err, &stopped):
			if stopped.atPrompt {
				// End the prompt's line.
				fmt.Fprintln(s.errOut)
			}
			return signalCode(stopped.sig)
		case errors.Is(err, io.EOF):
			return exitOK
		case errors.Is(err, errAborted):
			continue
		case err != nil:
			fmt.Fprintf(s.errOut, "%s: error: read input: %s\n", s.app.Name, oneLine(err.Error()))
			return exitFailure
		}
		words, err := splitWords(line)
		if err != nil {
			fmt.Fprintf(s.errOut, "%s: error: %s\n", s.app.Name, err)
			continue
		}
		if len(words) == 0 {
			continue
		}
		if words[0] == "exit" || words[0] == "quit" {
			return exitOK
		}
		s.lines.AddHistory(line)
		s.history = append(s.history, line)
		switch words[0] {
		case "shell":
			fmt.Fprintf(s.errOut, "%s: already in the interactive shell\n", s.app.Name)
			continue
		}
		if sig := s.runWatched(ctx, words); sig != nil {
			return signalCode(sig)
		}
		if ctx.Err() != nil {
			return exitInterrupted
		}
	}
}

// runLine runs the words of one line as App.Run would, except that
// external plugins run as child processes (replacing the process would end
// the shell), and returns the exit code. A failure is printed, a silent
// non-zero exit code (a plugin's) too, unless Ctrl-C caused it: the user
// who pressed it knows.
func (s *shell) runLine(ctx context.Context, words []string) int {
	r := newRun(s.app)
	r.inShell = true
	defer r.close()
	err := r.execute(ctx, words)
	if r.interrupted() {
		// The terminal echoed ^C mid-line: start what follows on a line
		// of its own.
		fmt.Fprintln(s.errOut)
	}
	code := r.exitCode(err)
	var ee *command.ExitError
	if errors.As(err, &ee) && ee.Err == nil && code != exitOK && !r.interrupted() {
		fmt.Fprintf(s.errOut, "%s: error: exit code %d\n", s.app.Name, code)
	}
	if r.startShell {
		fmt.Fprintf(s.errOut, "%s: already in the interactive shell\n", s.app.Name)
	}
	return code
}

// saveHistory writes the history file, reporting a failure without
// failing the session.
func (s *shell) saveHistory() {
	if s.historyPath == "" {
		return
	}
	if err := writeHistory(s.historyPath, s.history); err != nil {
		fmt.Fprintf(s.errOut, "%s: warning: %s\n", s.app.Name, err)
	}
}
