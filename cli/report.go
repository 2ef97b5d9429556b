package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/discovery"
	"github.com/longshore/longshore/internal/pluginexec"
)

// Exit codes, as DESIGN.md fixes them.
const (
	exitOK          = 0
	exitFailure     = 1
	exitUsage       = 2
	exitInterrupted = 130
)

// codeFor maps an error to an exit code; stopCode is the code of a run a
// signal stopped (128+N), or 0 when none did.
func codeFor(err error, stopCode int) int {
	var ee *command.ExitError
	var st *pluginexec.Stopped
	switch {
	case err == nil, errors.Is(err, command.ErrPagerClosed):
		// The user quitting the pager early is how paged output ends.
		return exitOK
	case errors.As(err, &ee):
		return ee.Code
	case errors.As(err, &st):
		return st.Code()
	case command.IsUsage(err):
		return exitUsage
	case stopCode != 0:
		return stopCode
	case errors.Is(err, context.Canceled):
		return exitInterrupted
	}
	return exitFailure
}

// codeOf is the exit code of the run ending with err: 128+N for a run
// stopped by signal N (130 for SIGINT, 143 for SIGTERM), see codeFor.
func (r *run) codeOf(err error) int {
	interrupted, sig := r.interrupted(), r.stopSignal
	if !r.executed && r.ctx != nil {
		// The command is still running (after-hooks ask).
		interrupted, sig = r.ctx.Err() != nil, pluginexec.StopSignal(r.ctx, err)
	}
	stopCode := 0
	switch {
	case sig != nil:
		stopCode = pluginexec.SignalCode(sig)
	case interrupted:
		stopCode = exitInterrupted
	}
	return codeFor(err, stopCode)
}

// exitCode reports err to the user and returns the exit code for it.
func (r *run) exitCode(err error) int {
	code := r.codeOf(err)
	if err == nil || code == exitOK {
		return code
	}
	var ee *command.ExitError
	if errors.As(err, &ee) && ee.Err == nil {
		return code
	}
	if r.interrupted() && errors.Is(err, context.Canceled) {
		// The user pressed Ctrl-C (or the app was told to stop): the
		// command gave up because of it; there is nothing more to say.
		return code
	}
	// The options may not have been applied yet (an error found before
	// the command ran); --color still decides the prefix's colour.
	r.applyTerminal()
	fmt.Fprintf(r.io.ErrOut, "%s%s\n", errorPrefix(r.app.Name, r.io), oneLine(err.Error()))
	if r.opts.debug {
		writeChain(r.io.ErrOut, err)
	}
	r.log.logError(err, r.line.words, r.opts.debug)
	return code
}

// oneLine folds a multi-line message onto one line, escaped for the
// terminal: an error may quote a file name or a plugin's words.
func oneLine(s string) string {
	return discovery.Escape(strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " "))
}

// writeChain prints each error wrapped in err and the stack of a panic.
func writeChain(w io.Writer, err error) {
	depth := 0
	var walk func(error)
	walk = func(e error) {
		if e == nil {
			return
		}
		fmt.Fprintf(w, "%s%T: %s\n", strings.Repeat("  ", depth), e, oneLine(e.Error()))
		var pe *command.PanicError
		if p, ok := e.(*command.PanicError); ok {
			pe = p
			fmt.Fprintf(w, "%s", indent(string(pe.Stack), strings.Repeat("  ", depth+1)))
		}
		depth++
		switch u := e.(type) {
		case interface{ Unwrap() []error }:
			for _, inner := range u.Unwrap() {
				walk(inner)
			}
		case interface{ Unwrap() error }:
			walk(u.Unwrap())
		}
	}
	fmt.Fprintln(w, "error chain:")
	depth = 1
	walk(err)
}

func indent(s, prefix string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = prefix + l
	}
	return strings.Join(lines, "\n") + "\n"
}
