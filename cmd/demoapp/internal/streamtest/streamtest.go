// Package streamtest holds a compiled-in lister that exists only in
// demoapp's test binary (main_test.go imports it): "streamtest wait" yields
// a row, then waits for the file $STREAMTEST_GO (the test creates it once
// it has read that row), then yields a second row. Its rows reach the
// reader only if the app flushes its output while the lister waits.
// "streamtest declared" is the same lister declaring its column's width,
// so that the table can write its first row at once.
package streamtest

import (
	"context"
	"os"
	"time"

	"github.com/longshore/longshore/command"
)

// giveUp is how long the lister waits for the file before it yields
// "timeout": the row the test then sees instead of "second". It bounds a
// failing run; a passing run never waits for it.
const giveUp = 30 * time.Second

func init() {
	command.Register("demoapp", "streamtest wait", func() command.Command { return &wait{} })
	command.Register("demoapp", "streamtest declared", func() command.Command { return &wait{widths: []int{6}} })
}

type wait struct {
	widths []int
}

func (*wait) Info() command.Info {
	return command.Info{Short: "Yield a row, wait for $STREAMTEST_GO, yield another (stream tests)", Hidden: true}
}

func (c *wait) List(ctx context.Context, inv *command.Invocation) (*command.Table, error) {
	path := os.Getenv("STREAMTEST_GO")
	return &command.Table{Columns: []string{"row"}, Widths: c.widths, Rows: func(yield func([]any, error) bool) {
		if !yield([]any{"first"}, nil) {
			return
		}
		deadline := time.Now().Add(giveUp)
		for {
			if _, err := os.Stat(path); err == nil {
				yield([]any{"second"}, nil)
				return
			}
			if time.Now().After(deadline) {
				yield([]any{"timeout"}, nil)
				return
			}
			select {
			case <-ctx.Done():
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}}, nil
}
