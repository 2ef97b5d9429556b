package output

import (
	"context"
	"testing"

	"github.com/spf13/cobra"

	"github.com/longshore/longshore/command"
)

type controlLister struct{}

func (controlLister) Info() command.Info { return command.Info{} }
func (controlLister) List(context.Context, *command.Invocation) (*command.Table, error) {
	return &command.Table{Columns: []string{"a"}, Rows: command.RowsOf([]any{"x\x1b[2J\ty\u009b"})}, nil
}

type controlShower struct{}

func (controlShower) Info() command.Info { return command.Info{} }
func (controlShower) Show(context.Context, *command.Invocation) (*command.Record, error) {
	return &command.Record{Fields: []string{"a"}, Values: []any{"x\x1b[2J\ty"}}, nil
}

// TestTerminalOutputIsEscaped pins that a formatter's output reaches a
// terminal with its control characters escaped (newlines and tabs kept),
// and a pipe byte for byte; the table escapes on both.
func TestTerminalOutputIsEscaped(t *testing.T) {
	tests := []struct {
		format   string
		terminal bool
		record   bool
		want     string
	}{
		{"value", true, false, "x\\x1b[2J\ty\\u009b\n"},
		{"value", false, false, "x\x1b[2J\ty\u009b\n"},
		{"csv", true, false, "\"a\"\n\"x\\x1b[2J\ty\\u009b\"\n"},
		{"csv", false, false, "\"a\"\n\"x\x1b[2J\ty\u009b\"\n"},
		{"json", false, false, "[\n  {\n    \"a\": \"x\\u001b[2J\\ty\\u009b\"\n  }\n]\n"},
		{"table", false, false, "+-------------------+\n| a                 |\n+-------------------+\n| x\\x1b[2J\\ty\\u009b |\n+-------------------+\n"},
		{"shell", true, true, "a=\"x\\x1b[2J\ty\"\n"},
		{"shell", false, true, "a=\"x\x1b[2J\ty\"\n"},
	}
	for _, tt := range tests {
		o, buf := newTestOutputs(t, tt.format)
		o.IO.OutIsTerminal = tt.terminal
		var err error
		if tt.record {
			out := o.AddFlags("show", controlShower{}, &cobra.Command{Use: "show"})
			if err = o.Prepare(out); err == nil {
				rec, _ := controlShower{}.Show(context.Background(), nil)
				err = o.FormatRecord(out, rec.Fields, rec.Values)
			}
		} else {
			out := o.AddFlags("list", controlLister{}, &cobra.Command{Use: "list"})
			if err = o.Prepare(out); err == nil {
				tab, _ := controlLister{}.List(context.Background(), nil)
				err = o.FormatList(out, tab.Columns, tab.Rows, tab)
			}
		}
		if err != nil {
			t.Fatalf("-f %s: %v", tt.format, err)
		}
		if got := buf.String(); got != tt.want {
			t.Errorf("-f %s, terminal %v: got %q, want %q", tt.format, tt.terminal, got, tt.want)
		}
	}
}
