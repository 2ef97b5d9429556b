package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/shell"
)

// The interactive shell lives in internal/shell; this file adds its
// command and gives it the App: a line runs through a run of its own.

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
// and returns its exit code.
func (a *App) runShell(ctx context.Context) int {
	streams := a.IO
	if streams == nil {
		streams = systemStreams()
	}
	return shell.Run(ctx, shell.Options{
		Name:        a.Name,
		Version:     a.Version,
		App:         shellHost{a},
		IO:          streams,
		Terminal:    a.onTerminal(),
		HistoryPath: a.historyPath(),
	})
}

// historyPath is the shell's history file (see shell.HistoryPath).
func (a *App) historyPath() string { return shell.HistoryPath(a.Name, a.getenv) }

// shellHost is the App as the shell sees it.
type shellHost struct{ a *App }

var _ shell.App = shellHost{}

// RunLine runs the words of one line as App.Run would, except that
// external plugins run as child processes.
func (s shellHost) RunLine(ctx context.Context, words []string) shell.Result {
	r := newRun(s.a)
	r.inShell = true
	defer r.close()
	err := r.execute(ctx, words)
	res := shell.Result{Code: r.exitCode(err), Interrupted: r.interrupted(), WantsShell: r.startShell}
	var ee *command.ExitError
	res.Silent = errors.As(err, &ee) && ee.Err == nil
	return res
}

// Complete completes the word partial after words (see App.complete).
func (s shellHost) Complete(ctx context.Context, words []string, partial string) ([]string, cobra.ShellCompDirective) {
	return s.a.complete(ctx, words, partial)
}

// complete asks the App, through cobra's __complete protocol, for the
// candidates of the word partial after words, and the shell directive.
func (a *App) complete(ctx context.Context, words []string, partial string) ([]string, cobra.ShellCompDirective) {
	var out bytes.Buffer
	quiet := *a
	quiet.IO = &command.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: io.Discard}
	args := append(append([]string{cobra.ShellCompNoDescRequestCmd}, words...), partial)
	// Not quiet.Run: a stop signal must not end the shell from here, as
	// it ends a run that is starting up.
	r := newRun(&quiet)
	r.execute(ctx, args)
	r.close()
	return parseCompletions(out.String())
}

// completeWord is the shell's Tab on this App (see shell.CompleteWord).
func (a *App) completeWord(ctx context.Context, line string, pos int) (string, []string, string) {
	return shell.CompleteWord(ctx, shellHost{a}, line, pos)
}

// parseCompletions reads cobra's __complete answer: one candidate a line
// (a tab starts its description, kept), then ":<directive>".
func parseCompletions(s string) ([]string, cobra.ShellCompDirective) {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	directive := cobra.ShellCompDirectiveDefault
	if n := len(lines); n > 0 && strings.HasPrefix(lines[n-1], ":") {
		if d, err := strconv.Atoi(lines[n-1][1:]); err == nil {
			directive = cobra.ShellCompDirective(d)
			lines = lines[:n-1]
		}
	}
	var cands []string
	for _, l := range lines {
		if l != "" {
			cands = append(cands, l)
		}
	}
	return cands, directive
}
