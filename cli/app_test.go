package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/names"
	"github.com/longshore/longshore/internal/pluginexec"
	"github.com/longshore/longshore/internal/registry"
)

// testApp returns an App with captured streams. Nothing is registered for
// "tapp": tests add their plugins to the App itself.
func testApp(t *testing.T) (*App, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	var out, errOut bytes.Buffer
	a := New("tapp", "1.2.3", "a test app")
	a.IO = &command.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}
	return a, &out, &errOut
}

type hello struct{ name string }

func (*hello) Info() command.Info {
	return command.Info{Short: "say hello", Args: command.RangeArgs(0, 1)}
}
func (h *hello) Flags(fs *pflag.FlagSet) {
	fs.StringVar(&h.name, "name", "world", "who to greet")
}
func (h *hello) Run(ctx context.Context, inv *command.Invocation) error {
	fmt.Fprintf(inv.IO.Out, "hello, %s (%s %s)\n", h.name, inv.Name, strings.Join(inv.Args, ","))
	return nil
}

type lister struct{ fail bool }

func (*lister) Info() command.Info { return command.Info{Short: "list things"} }
func (l *lister) List(ctx context.Context, inv *command.Invocation) (*command.Table, error) {
	return &command.Table{Columns: []string{"n"}, Rows: func(yield func([]any, error) bool) {
		if !yield([]any{1}, nil) {
			return
		}
		if l.fail {
			panic("row two exploded")
		}
		yield([]any{2}, nil)
	}}, nil
}

func TestAppRunsExplicitAndRegisteredCommands(t *testing.T) {
	a, out, errOut := testApp(t)
	a.Name = freshAppName("tapp-registered")
	if err := registry.Of[command.Command]("command").Add(a.Name, "greet hello", func() command.Command { return &hello{} }, registry.Named("reg.go:1")); err != nil {
		t.Fatal(err)
	}
	if err := a.AddCommand("things list", func() command.Command { return &lister{} }); err != nil {
		t.Fatal(err)
	}
	if code := a.Run(context.Background(), []string{"greet", "hello", "--name", "Ada", "x"}); code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	if got, want := out.String(), "hello, Ada (greet hello x)\n"; got != want {
		t.Fatalf("stdout = %q, want %q", got, want)
	}
	out.Reset()
	if code := a.Run(context.Background(), []string{"things", "list"}); code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	if !strings.Contains(out.String(), "| 2 |") {
		t.Fatalf("lister output = %q", out)
	}
}

// appNames numbers the app names freshAppName gives.
var appNames atomic.Int64

// freshAppName returns an app name no earlier test run of this process
// has registered into the process-wide registry, so that tests that
// register pass with -count=N.
func freshAppName(base string) string {
	return fmt.Sprintf("%s-%d", base, appNames.Add(1))
}

func TestAddCommandDuplicate(t *testing.T) {
	a, _, _ := testApp(t)
	a.Name = freshAppName("tapp-dup")
	if err := registry.Of[command.Command]("command").Add(a.Name, "greet hello", func() command.Command { return &hello{} }, registry.Named("reg.go:1")); err != nil {
		t.Fatal(err)
	}
	err := a.AddCommand("greet  hello", func() command.Command { return &hello{} })
	var dup *registry.DuplicateError
	if !errors.As(err, &dup) || dup.First != "reg.go:1" || !strings.Contains(dup.Second, "app_test.go:") {
		t.Fatalf("AddCommand duplicate = %v, want one naming reg.go:1 and this file", err)
	}
	if err := a.AddCommand("Bad Name", func() command.Command { return &hello{} }); err == nil {
		t.Fatal("AddCommand accepted an invalid name")
	}
}

func TestPanickingRowsAreNamed(t *testing.T) {
	a, out, errOut := testApp(t)
	if err := a.AddCommand("things list", func() command.Command { return &lister{fail: true} }); err != nil {
		t.Fatal(err)
	}
	if code := a.Run(context.Background(), []string{"things", "list"}); code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	if got := errOut.String(); got != "tapp: error: command \"things list\" panicked: row two exploded\n" {
		t.Fatalf("stderr = %q", got)
	}
	if !strings.Contains(out.String(), "| 1 |") {
		t.Fatalf("rows before the panic were lost: %q", out)
	}
}

func TestBrokenConstructorIsReportedNotFatal(t *testing.T) {
	a, _, errOut := testApp(t)
	a.AddCommand("broken", func() command.Command { panic("no config") })
	a.AddCommand("greet", func() command.Command { return &hello{} })
	if code := a.Run(context.Background(), []string{"greet"}); code != 0 {
		t.Fatalf("a broken sibling stopped a good command: exit %d, %s", code, errOut)
	}
	if code := a.Run(context.Background(), []string{"broken"}); code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	if !strings.Contains(errOut.String(), `tapp: error: command "broken" panicked: no config`) {
		t.Fatalf("stderr = %q", errOut)
	}
}

func TestCodeFor(t *testing.T) {
	tests := []struct {
		name     string
		err      error
		stopCode int
		want     int
	}{
		{"success", nil, 0, 0},
		{"failure", errors.New("x"), 0, 1},
		{"usage", command.Usagef("bad"), 0, 2},
		{"wrapped usage", fmt.Errorf("ctx: %w", command.Usagef("bad")), 0, 2},
		{"plugin code", &command.ExitError{Code: 42}, 0, 42},
		{"plugin code 130 on SIGTERM", &command.ExitError{Code: 130}, 143, 130},
		{"interrupted", errors.New("x"), 130, 130},
		{"terminated", errors.New("x"), 143, 143},
		{"stopped in start-up", fmt.Errorf("load: %w", &pluginexec.Stopped{Signal: syscall.SIGTERM}), 0, 143},
		{"canceled", context.Canceled, 0, 130},
	}
	for _, tt := range tests {
		if got := codeFor(tt.err, tt.stopCode); got != tt.want {
			t.Errorf("%s: codeFor = %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestLevenshtein(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"al", "all", 1}, {"verbos", "verbose", 1}, {"kitten", "sitting", 3}, {"", "abc", 3}} {
		if got := names.Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("names.Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
