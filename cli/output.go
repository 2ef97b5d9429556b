package cli

import (
	"context"
	"fmt"
	"io"
	"iter"
	"os"
	"strconv"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/output"
	"github.com/longshore/longshore/internal/pluginexec"
)

// commandRunner is the part of a run that calls a command's code: it runs
// it between its hooks and renders its result.
type commandRunner struct {
	ctx context.Context
	out *output.Outputs
	// app names the app in what is reported, on errOut.
	app    string
	errOut io.Writer
	// io colours the "error:" and "warning:" of what is reported.
	io *command.IOStreams
	// debug adds the chain and stack of a hook's failure.
	debug *bool
}

// runCommand calls a command's Run, List or Show, guarded, and renders a
// lister's or shower's result with the chosen formatter. The hooks attached
// to it (hs, may be nil) run before, transform the result, and run after.
func (r *commandRunner) runCommand(name string, c command.Command, out *output.Output, inv *command.Invocation, hs *hookSet) error {
	if rendersResult(c) {
		// An unknown formatter or a bad output option is a usage error
		// before anything runs, hooks included.
		if err := r.out.Prepare(out); err != nil {
			return err
		}
	}
	return r.runHooked(hs, inv, func() error { return r.runResult(name, c, out, inv, hs) })
}

// rendersResult reports whether runResult renders c's result through a
// formatter: a lister's or a shower's, not a plain command's.
func rendersResult(c command.Command) bool {
	switch c.(type) {
	case command.Runner:
		return false
	case command.Lister, command.Shower:
		return true
	}
	return false
}

// runResult calls the command and formats its result with the formatter
// runCommand prepared.
func (r *commandRunner) runResult(name string, c command.Command, out *output.Output, inv *command.Invocation, hs *hookSet) error {
	plugin := fmt.Sprintf("command %q", name)
	ctx := r.ctx
	switch c := c.(type) {
	case command.Runner:
		return command.Guard(plugin, func() error { return c.Run(ctx, inv) })
	case command.Lister:
		// The lister's context ends if its output fails (the reader went
		// away), so that a lister waiting for its next row stops.
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		r.out.Cancel = cancel
		t, err := command.GuardValue(plugin, func() (*command.Table, error) { return c.List(ctx, inv) })
		if err != nil {
			return err
		}
		if t == nil {
			return fmt.Errorf("%s returned no table", plugin)
		}
		declared := *t // the lister's columns and the widths it declared
		t = &command.Table{Columns: t.Columns, Rows: guardRows(plugin, t.Rows)}
		if t, err = hs.transformTable(r, inv, t); err != nil {
			return err
		}
		return r.out.FormatList(out, t.Columns, t.Rows, &declared)
	case command.Shower:
		rec, err := command.GuardValue(plugin, func() (*command.Record, error) { return c.Show(ctx, inv) })
		if err != nil {
			return err
		}
		if rec == nil {
			return fmt.Errorf("%s returned no record", plugin)
		}
		if rec, err = hs.transformRecord(r, inv, rec); err != nil {
			return err
		}
		return r.out.FormatRecord(out, rec.Fields, rec.Values)
	}
	return fmt.Errorf("%s implements none of Run, List or Show", plugin)
}

// guardRows wraps a lister's row iterator so that a panic in the lister's
// code becomes an error naming it, while a panic in the consumer (the
// formatter) passes through to the consumer's own guard.
func guardRows(plugin string, rows iter.Seq2[[]any, error]) iter.Seq2[[]any, error] {
	if rows == nil {
		return func(func([]any, error) bool) {}
	}
	return func(yield func([]any, error) bool) {
		var inYield bool
		var consumerPanic any
		err := command.Guard(plugin, func() error {
			defer func() {
				if inYield {
					consumerPanic = recover()
				}
			}()
			for row, err := range rows {
				inYield = true
				more := yield(row, err)
				inYield = false
				if !more {
					return nil
				}
			}
			return nil
		})
		if consumerPanic != nil {
			panic(consumerPanic)
		}
		if err != nil {
			yield(nil, err)
		}
	}
}

// terminalWidth is the width of the terminal the output is on: the streams'
// own figure, else $COLUMNS, else the terminal's size, else 0.
func terminalWidth(io *command.IOStreams, getenv func(string) string) int {
	if io.TerminalWidth > 0 || !io.OutIsTerminal {
		return io.TerminalWidth
	}
	if n, err := strconv.Atoi(getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	if f, ok := io.Out.(*os.File); ok {
		return terminalSize(f)
	}
	return 0
}

// codeOf is the exit code of a command that ended with err, asked while
// the run goes on (by the after-hooks): 128+N when signal N stopped it.
func (r *commandRunner) codeOf(err error) int {
	stopCode := 0
	if sig := pluginexec.StopSignal(r.ctx, err); sig != nil {
		stopCode = pluginexec.SignalCode(sig)
	} else if r.ctx.Err() != nil {
		stopCode = exitInterrupted
	}
	return codeFor(err, stopCode)
}
