package output

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"os/signal"
	"syscall"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/formatters"
	"github.com/longshore/longshore/internal/stream"
)

// ExitBrokenPipe is the exit code of a run whose output's reader went away
// (`demoapp files list | head -1`): 128+SIGPIPE, what a shell reports for
// a program that a broken pipe killed, as it would a Go or C program that
// does not handle it. Nothing is printed.
const ExitBrokenPipe = 141

// streamList renders a list through a stream.Stream on the output:
// written in large blocks while rows come fast, flushed as soon as the
// rows stall (see stall), and stopped at the first write error.
func (o *Outputs) streamList(lf formatters.ListFormatter, columns []string, rows iter.Seq2[[]any, error]) error {
	plugin := fmt.Sprintf("formatter %q", lf.Name())
	// Output cut short by an error ends with a newline (see lineEnder).
	tw, closeTW := o.terminalOut(lf)
	out := &lineEnder{w: tw}
	defer closeTW()
	if _, ok := lf.(*formatters.External); ok {
		// Its process writes the output itself, and it streams its input
		// through a Stream of its own.
		return usageOf(QuietPipe(out.end(command.Guard(plugin, func() error { return lf.FormatList(out, columns, rows) }))))
	}
	defer catchPipe()()
	st := stream.New(out, o.Cancel)
	o.stream = st
	err := command.Guard(plugin, func() error { return lf.FormatList(st.Writer(), columns, st.Rows(rows)) })
	o.stream = nil
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	return usageOf(QuietPipe(out.end(err)))
}

// usageOf makes an unknown column or field a formatter finds while
// rendering (a template's "{{.x}}") the usage error it is.
func usageOf(err error) error {
	var unknown *formatters.UnknownError
	if errors.As(err, &unknown) && !command.IsUsage(err) {
		return command.Usagef("%w", err)
	}
	return err
}

// terminalOut returns the writer f's output goes to: the output, through
// a formatters.TerminalWriter when it is a terminal and f does not escape
// what it writes itself; and the func that ends that writer.
func (o *Outputs) terminalOut(f formatters.Formatter) (io.Writer, func()) {
	if !o.IO.OutIsTerminal {
		return o.IO.Out, func() {}
	}
	if ts, ok := f.(formatters.TerminalSafe); ok && ts.EscapesControls() {
		return o.IO.Out, func() {}
	}
	tw := formatters.NewTerminalWriter(o.IO.Out)
	return tw, func() { tw.Close() }
}

// Stall tells the list being rendered, if any, that its row source is
// about to wait for the next row, so what was written reaches the reader
// now. An error means the reader went away: the source should stop.
func (o *Outputs) Stall() error {
	if o.stream == nil {
		return nil
	}
	return o.stream.Stall()
}

// catchPipe makes a write to a closed pipe on the standard output an
// EPIPE error, so the run can stop its plugin and exit quietly, instead of
// the Go runtime's death by SIGPIPE, until the returned func is called.
func catchPipe() func() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGPIPE)
	return func() { signal.Stop(c) }
}

// QuietPipe turns a write error on a closed pipe into a quiet exit with
// ExitBrokenPipe.
func QuietPipe(err error) error {
	if errors.Is(err, syscall.EPIPE) {
		return &command.ExitError{Code: ExitBrokenPipe}
	}
	return err
}
