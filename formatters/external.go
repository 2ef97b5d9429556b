package formatters

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"os/exec"

	"github.com/longshore/longshore/internal/stream"
)

// External is a formatter provided by an executable (an external plugin).
// It runs `<Path> format <Format>`, writes the rows on its stdin in the wire
// format (see [Wire]) and copies its stdout to the output. Its stderr goes to
// the run's stderr. Errors name the plugin.
type External struct {
	// Format is the formatter's name, as given to -f.
	Format string
	// Path is the executable.
	Path string
	// Plugin names the plugin in errors, e.g. "demoapp-format-xml".
	Plugin string
	// Env is the process's environment; nil inherits the App's.
	Env []string
	// Context stops the process when done; nil means Background.
	Context context.Context

	errOut io.Writer
}

// Name returns the formatter's name.
func (x *External) Name() string { return x.Format }

// Prepare takes the run's stderr for the plugin's.
func (x *External) Prepare(env Env) error {
	x.errOut = env.ErrOut
	return nil
}

// FormatList sends the columns, then each row as it arrives.
func (x *External) FormatList(w io.Writer, columns []string, rows iter.Seq2[[]any, error]) error {
	return x.run(w, func(e *jsonEnc, st *stream.Stream, send func() error) error {
		appendWireHeader(e, "columns", columns)
		if err := send(); err != nil {
			return err
		}
		for row, err := range st.Rows(rows) {
			if err != nil {
				return &rowsError{err}
			}
			appendWireRow(e, row, len(columns))
			if err := send(); err != nil {
				return err
			}
		}
		return nil
	})
}

// FormatRecord sends the fields, then the values.
func (x *External) FormatRecord(w io.Writer, fields []string, values []any) error {
	return x.run(w, func(e *jsonEnc, _ *stream.Stream, send func() error) error {
		appendWireHeader(e, "fields", fields)
		appendWireRow(e, values, len(fields))
		return send()
	})
}

// rowsError marks the lister's own error, which is returned as it is.
type rowsError struct{ err error }

func (e *rowsError) Error() string { return e.err.Error() }

func stringsToAny(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// run starts the plugin, lets feed write its input and waits for it. A
// plugin that stops reading early is not an error unless it fails. The
// input goes through a Stream, so that rows that stall reach the plugin.
func (x *External) run(w io.Writer, feed func(e *jsonEnc, st *stream.Stream, send func() error) error) error {
	ctx := x.Context
	if ctx == nil {
		ctx = context.Background()
	}
	cmd := exec.CommandContext(ctx, x.Path, "format", x.Format)
	cmd.Env = x.Env
	cmd.Stdout = w
	cmd.Stderr = x.errOut
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return x.wrap(err)
	}
	if err := cmd.Start(); err != nil {
		return x.wrap(err)
	}
	st := stream.New(stdin, nil)
	bw := st.Writer()
	e := &jsonEnc{}
	send := func() error {
		_, err := bw.Write(e.buf)
		e.buf = e.buf[:0]
		return err
	}
	feedErr := feed(e, st, send)
	if cerr := st.Close(); feedErr == nil {
		feedErr = cerr
	}
	stdin.Close()
	waitErr := cmd.Wait()
	var re *rowsError
	switch {
	case errors.As(feedErr, &re):
		return re.err
	case waitErr != nil:
		return x.wrap(waitErr)
	}
	// A write error with a successful exit: the plugin stopped reading.
	return nil
}

func (x *External) wrap(err error) error {
	return fmt.Errorf("formatter %q (plugin %s): %w", x.Format, x.Plugin, err)
}
