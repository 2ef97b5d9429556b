package cli

import (
	"context"
	"fmt"
	"iter"

	"github.com/longshore/longshore/command"
)

// runCommand calls a command's Run, List or Show, guarded, and renders a
// lister's or shower's result with the chosen formatter. The hooks attached
// to it (hs, may be nil) run before, transform the result, and run after.
func (r *run) runCommand(name string, c command.Command, inv *command.Invocation, hs *hookSet) error {
	return r.runHooked(hs, inv, func() error { return r.runResult(name, c, inv, hs) })
}

// runResult calls the command and formats its result.
func (r *run) runResult(name string, c command.Command, inv *command.Invocation, hs *hookSet) error {
	plugin := fmt.Sprintf("command %q", name)
	ctx := r.ctx
	switch c := c.(type) {
	case command.Runner:
		return command.Guard(plugin, func() error { return c.Run(ctx, inv) })
	case command.Lister:
		if err := r.prepareOutput(name); err != nil {
			return err
		}
		// The lister's context ends if its output fails (the reader went
		// away), so that a lister waiting for its next row stops.
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		r.format.cancel = cancel
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
		return r.formatList(name, t.Columns, t.Rows, &declared)
	case command.Shower:
		if err := r.prepareOutput(name); err != nil {
			return err
		}
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
		return r.formatRecord(name, rec.Fields, rec.Values)
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
