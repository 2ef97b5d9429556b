// Package shell is the interactive shell of a Longshore app (cliff's
// interactive mode): a prompt where every line runs as a command line
// would, so parsing, hooks and formatters are the same, and an error is
// printed and the prompt comes back.
//
// The shell knows the app through the small [App] interface: run the
// words of one line, and complete a word. It owns the rest: reading lines
// (with line editing, history and Tab completion on a terminal), splitting
// them into words as a POSIX shell does, and ending on exit, quit, the end
// of input or a stop signal.
package shell

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/discovery"
)

// Exit codes of a session.
const (
	exitOK          = 0
	exitFailure     = 1
	exitUsage       = 2
	exitInterrupted = 130
)

// App is what the shell needs of the application.
type App interface {
	// RunLine runs the words of one line as the app's command line would,
	// except that external plugins run as child processes (replacing the
	// process would end the shell). It prints the command's error, as the
	// app does, and reports how the command ended.
	RunLine(ctx context.Context, words []string) Result
	// Complete returns the candidates for the word partial after words,
	// as the shells' completion scripts get them (cobra's __complete
	// protocol, descriptions after a tab), and the directive.
	Complete(ctx context.Context, words []string, partial string) ([]string, cobra.ShellCompDirective)
}

// Result is how the command of one line ended.
type Result struct {
	// Code is its exit code.
	Code int
	// Silent is set when it failed without a message of its own, as a
	// plugin that exits non-zero does: the shell then shows the code.
	Silent bool
	// Interrupted is set when a signal (Ctrl-C) stopped it.
	Interrupted bool
	// WantsShell is set when the line asked to start the shell (as
	// "-v shell" does), which does not nest.
	WantsShell bool
}

// Options are what Run needs.
type Options struct {
	// Name and Version are the app's: the prompt is "<Name>> ", and the
	// greeting on a terminal names both.
	Name, Version string
	// App runs and completes lines.
	App App
	// IO holds the streams: lines are read from In, the greeting goes to
	// Out and the shell's own messages to ErrOut.
	IO *command.IOStreams
	// Terminal is set when In and Out are a terminal: lines are then read
	// with line editing, history and Tab completion, after a greeting.
	Terminal bool
	// HistoryPath is the history file, read and written on a terminal
	// only; "" keeps no history (see HistoryPath).
	HistoryPath string
}

// Run runs the interactive shell until exit, quit, the end of input or a
// stop signal, and returns its exit code: as a POSIX shell's, the exit
// code of the last line run (0 when none ran), or N for "exit N"; 1 when
// the input cannot be read, 130 when interrupted, 128+N after signal N
// (SIGTERM, SIGHUP).
func Run(ctx context.Context, o Options) int {
	s := &Session{Name: o.Name, App: o.App, ErrOut: o.IO.ErrOut, Colors: o.IO.ErrColorScheme()}
	if o.Terminal {
		// Only lines typed at a terminal are history: a script piped in
		// is neither recalled nor recorded.
		s.HistoryPath = o.HistoryPath
		s.History = loadHistory(s.HistoryPath)
		s.Lines = newTerminalReader(s.History, func(line string, pos int) (string, []string, string) {
			return CompleteWord(ctx, o.App, line, pos)
		})
		fmt.Fprintf(o.IO.Out, "%s %s: type help for commands, exit or Ctrl-D to leave.\n", o.Name, o.Version)
	} else {
		s.Lines = newPlainReader(o.IO.In)
	}
	defer s.Lines.Close()
	// The shell outlives every command it runs: an interrupt stops the
	// command (each run watches for it), never the shell.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt)
	defer signal.Stop(sigs)
	// A SIGTERM or SIGHUP ends it, as exit would, with 128+N.
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, stopSignals...)
	defer signal.Stop(stop)
	s.Stop = stop
	return s.Loop(ctx)
}

// Session is one session of the shell, once its input is set up; Run
// builds it, and tests build their own.
type Session struct {
	// Name is the app's name, the prompt and the prefix of messages.
	Name string
	// App runs the lines.
	App App
	// Lines reads them.
	Lines LineReader
	// ErrOut receives the shell's own messages.
	ErrOut io.Writer
	// Colors colour their "error:" and "warning:"; the zero value does
	// not.
	Colors command.ColorScheme
	// History is the lines loaded from the history file; those entered
	// are appended.
	History []string
	// HistoryPath is where History is saved at the end; "" saves nothing.
	HistoryPath string
	// Stop receives the stop signals (SIGTERM, SIGHUP) that end the
	// session; nil never does.
	Stop <-chan os.Signal
}

// Loop reads and runs lines until exit, quit, the end of input or a stop
// signal, and returns the session's exit code (see Run).
func (s *Session) Loop(ctx context.Context) int {
	defer s.saveHistory()
	prompt := s.Name + "> "
	// last is the exit code of the last line run, which the session ends
	// with, as sh's does: a script piped in that fails, fails.
	last := exitOK
	for {
		line, err := s.readLine(prompt)
		var stopped *stoppedError
		switch {
		case errors.As(err, &stopped):
			if stopped.atPrompt {
				// End the prompt's line.
				fmt.Fprintln(s.ErrOut)
			}
			return signalCode(stopped.sig)
		case errors.Is(err, io.EOF):
			return last
		case errors.Is(err, ErrAborted):
			continue
		case err != nil:
			fmt.Fprintf(s.ErrOut, "%sread input: %s\n", s.prefix("error:"), oneLine(err.Error()))
			return exitFailure
		}
		words, err := splitWords(line)
		if err != nil {
			fmt.Fprintf(s.ErrOut, "%s%s\n", s.prefix("error:"), err)
			last = exitUsage
			continue
		}
		if len(words) == 0 {
			continue
		}
		if words[0] == "exit" || words[0] == "quit" {
			// As in sh, a bad argument still ends the session, with 2.
			code, err := exitCode(words, last)
			if err != nil {
				fmt.Fprintf(s.ErrOut, "%s%s\n", s.prefix("error:"), err)
				return exitUsage
			}
			return code
		}
		s.Lines.AddHistory(line)
		s.History = append(s.History, line)
		switch words[0] {
		case "shell":
			fmt.Fprintf(s.ErrOut, "%s: already in the interactive shell\n", s.Name)
			continue
		}
		code, sig := s.runWatched(ctx, words)
		if sig != nil {
			return signalCode(sig)
		}
		last = code
		if ctx.Err() != nil {
			return exitInterrupted
		}
	}
}

// exitCode is the code "exit" or "quit" ends the session with: N for
// "exit N" (0 to 255), else last; an error for any other argument.
func exitCode(words []string, last int) (int, error) {
	switch len(words) {
	case 1:
		return last, nil
	case 2:
		if n, err := strconv.Atoi(words[1]); err == nil && n >= 0 && n <= 255 {
			return n, nil
		}
		return 0, fmt.Errorf("%s: %q is not an exit code (0 to 255)", words[0], words[1])
	}
	return 0, fmt.Errorf("%s takes one argument at most, the exit code", words[0])
}

// runLine runs the words of one line and returns the exit code. A silent
// non-zero exit code (a plugin's) is shown, unless Ctrl-C caused it: the
// user who pressed it knows.
func (s *Session) runLine(ctx context.Context, words []string) int {
	res := s.App.RunLine(ctx, words)
	if res.Interrupted {
		// The terminal echoed ^C mid-line: start what follows on a line
		// of its own.
		fmt.Fprintln(s.ErrOut)
	}
	if res.Silent && res.Code != exitOK && !res.Interrupted {
		fmt.Fprintf(s.ErrOut, "%sexit code %d\n", s.prefix("error:"), res.Code)
	}
	if res.WantsShell {
		fmt.Fprintf(s.ErrOut, "%s: already in the interactive shell\n", s.Name)
	}
	return res.Code
}

// saveHistory writes the history file, reporting a failure without
// failing the session.
func (s *Session) saveHistory() {
	if s.HistoryPath == "" {
		return
	}
	if err := writeHistory(s.HistoryPath, s.History); err != nil {
		fmt.Fprintf(s.ErrOut, "%s%s\n", s.prefix("warning:"), err)
	}
}

// prefix is "<app>: error: " or "<app>: warning: ", the word coloured as
// the app colours it (red, yellow) when stderr may be coloured.
func (s *Session) prefix(word string) string {
	if word == "error:" {
		word = s.Colors.Red(word)
	} else {
		word = s.Colors.Yellow(word)
	}
	return s.Name + ": " + word + " "
}

// oneLine folds a multi-line message onto one line.
func oneLine(s string) string {
	return discovery.Escape(strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " "))
}
