package output

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/discovery"
)

// fakePlugins is a plugin setup with no external plugin and a list of
// disabled names.
type fakePlugins struct{ disabled map[string]bool }

func (f fakePlugins) Disabled(name string) bool { return f.disabled[name] }
func (fakePlugins) Scan() (*discovery.Scan, error) {
	return &discovery.Scan{}, nil
}
func (fakePlugins) Find() (*discovery.Finder, error) { return &discovery.Finder{App: "tapp"}, nil }
func (fakePlugins) Check(p *discovery.Plugin) error  { return nil }

type lister struct{}

func (lister) Info() command.Info { return command.Info{} }
func (lister) List(context.Context, *command.Invocation) (*command.Table, error) {
	return &command.Table{Columns: []string{"a", "b"}, Rows: command.RowsOf([]any{1, "x"})}, nil
}

type runner struct{}

func (runner) Info() command.Info                             { return command.Info{} }
func (runner) Run(context.Context, *command.Invocation) error { return nil }

func newTestOutputs(t *testing.T, format string, disabled ...string) (*Outputs, *bytes.Buffer) {
	t.Helper()
	o := New("tapp", nil)
	var out bytes.Buffer
	o.IO = &command.IOStreams{Out: &out, ErrOut: &bytes.Buffer{}}
	o.App, o.Prefix, o.Getenv = "tapp", "TAPP", func(string) string { return "" }
	o.TerminalWidth = func() int { return 0 }
	d := map[string]bool{}
	for _, n := range disabled {
		d[n] = true
	}
	o.Plugins = fakePlugins{disabled: d}
	o.Globals = pflag.NewFlagSet("tapp", pflag.ContinueOnError)
	o.Globals.StringP(FormatFlag, "f", "", "")
	o.Globals.BoolP("quiet", "q", false, "")
	o.Format = &format
	return o, &out
}

func TestAddFlagsGivesAListerItsOutputOptions(t *testing.T) {
	o, _ := newTestOutputs(t, "")
	cc := &cobra.Command{Use: "list"}
	cc.Flags().BoolP("all", "a", false, "")
	out := o.AddFlags("list", lister{}, cc)
	if out == nil || out.Kind().String() != "list" {
		t.Fatalf("AddFlags = %v, want a list output", out)
	}
	for _, name := range []string{ColumnFlag, SortColumnFlag, "quote", "max-width"} {
		if !out.HasFlag(name) || cc.Flags().Lookup(name) == nil {
			t.Errorf("--%s: not an output flag of the lister", name)
		}
	}
	if out.HasFlag("all") {
		t.Error("the command's own --all is taken for an output flag")
	}
	if o.AddFlags("run", runner{}, &cobra.Command{Use: "run"}) != nil {
		t.Error("a plain command got output options")
	}
}

func TestPrepareAndFormat(t *testing.T) {
	tests := []struct {
		format   string
		disabled []string
		want     string // output, or the error's text
		usage    bool
	}{
		{"csv", nil, "\"a\",\"b\"\n1,\"x\"\n", false},
		{"", nil, "| a | b |", false},
		{"csv", []string{"csv"}, `formatter "csv" is disabled; enable it with "tapp plugin enable csv"`, true},
		{"nosuch", nil, `unknown formatter "nosuch"`, true},
	}
	for _, tt := range tests {
		o, buf := newTestOutputs(t, tt.format, tt.disabled...)
		out := o.AddFlags("list", lister{}, &cobra.Command{Use: "list"})
		err := o.Prepare(out)
		if err == nil {
			tab, _ := lister{}.List(context.Background(), nil)
			err = o.FormatList(out, tab.Columns, tab.Rows, tab)
		}
		got := buf.String()
		if err != nil {
			got = err.Error()
		}
		if !strings.Contains(got, tt.want) || command.IsUsage(err) != tt.usage {
			t.Errorf("-f %q: got %q (usage %v), want %q (usage %v)", tt.format, got, command.IsUsage(err), tt.want, tt.usage)
		}
	}
}

func TestQuietPipe(t *testing.T) {
	var ee *command.ExitError
	if err := QuietPipe(errors.New("x")); errors.As(err, &ee) {
		t.Errorf("QuietPipe made %v an exit error", err)
	}
}

// TestLeanDeclaresOnlyTheFormatterUsed pins Outputs.Lean: the common
// options and the -f formatter's flags only; another formatter's flag is
// a usage error naming it, and DeclareAll declares the rest.
func TestLeanDeclaresOnlyTheFormatterUsed(t *testing.T) {
	o, _ := newTestOutputs(t, "csv")
	o.Lean = true
	cc := &cobra.Command{Use: "list"}
	out := o.AddFlags("list", lister{}, cc)
	if cc.Flags().Lookup("quote") == nil || cc.Flags().Lookup(ColumnFlag) == nil {
		t.Fatal("-f csv: --quote or --column not declared")
	}
	if cc.Flags().Lookup("noindent") != nil {
		t.Error("-f csv: json's --noindent declared")
	}
	err := out.OtherFormatterFlag("noindent")
	if err == nil || !command.IsUsage(err) || err.Error() != "--noindent applies to -f json, not -f csv" {
		t.Errorf("OtherFormatterFlag(noindent) = %v", err)
	}
	if err := out.OtherFormatterFlag("nosuch"); err != nil {
		t.Errorf("OtherFormatterFlag(nosuch) = %v, want nil", err)
	}
	if cc.Flags().Lookup("noindent") == nil {
		t.Error("after DeclareAll, --noindent is not declared")
	}
	if err := o.Prepare(out); err != nil {
		t.Errorf("Prepare = %v", err)
	}
	cc.Flags().Set("noindent", "true")
	if err := o.Prepare(out); err == nil || err.Error() != "--noindent applies to -f json, not -f csv" {
		t.Errorf("Prepare with --noindent = %v", err)
	}
}
