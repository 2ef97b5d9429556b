package command

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/internal/registry"
)

type nop struct{}

func (nop) Info() Info                             { return Info{} }
func (nop) Run(context.Context, *Invocation) error { return nil }
func newNop() Command                              { return nop{} }

func TestRegisterNames(t *testing.T) {
	tests := []struct {
		name     string
		app      string
		key      string
		newFn    func() Command
		wantName string
		wantErr  string
	}{
		{"command", "regtest1", "files list", newNop, "files list", ""},
		{"words are normalised", "regtest2", "  server   list ", newNop, "server list", ""},
		{"hyphen inside a word", "regtest3", "dir-size", newNop, "dir-size", ""},
		{"upper case", "regtest", "Files", newNop, "", `command name "Files": word "Files" must start with a lower-case letter`},
		{"underscore", "regtest", "dir_size", newNop, "", `word "dir_size" has '_'`},
		{"trailing hyphen", "regtest", "dir-", newNop, "", `ends with a hyphen`},
		{"double hyphen", "regtest", "a--b", newNop, "", `double hyphen`},
		{"empty name", "regtest", "  ", newNop, "", "empty command name"},
		{"empty app", "", "x", newNop, "", "empty app name"},
		{"old namespace form", "regtest.commands", "x", newNop, "", `give the App's own name, "regtest"`},
		{"nil constructor", "regtest", "x", nil, "", "nil constructor"},
		{"wrong Flags", "regtest", "x", func() Command { return badFlags{} }, "",
			"method Flags has signature func(*pflag.FlagSet, int), want func(*pflag.FlagSet) (interface command.FlagDeclarer)"},
		{"wrong Available", "regtest", "x", func() Command { return oldAvailable{} }, "",
			"method Available has signature func() error, want func(command.Env) error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app := tt.app
			if tt.wantErr == "" {
				// A fresh name each run: the registry is the process's, and
				// -count=N runs this again.
				app = freshApp(tt.app)
			}
			err := commands.Add(app, tt.key, tt.newFn, registry.Named("here:1"))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Add error = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Add: %v", err)
			}
			if _, ok := commands.Lookup(app, tt.wantName); !ok {
				t.Fatalf("Lookup(%q) found nothing", tt.wantName)
			}
		})
	}
}

type badFlags struct{ nop }

func (badFlags) Flags(*pflag.FlagSet, int) {}

type oldAvailable struct{ nop }

func (oldAvailable) Available() error { return nil }

// appRuns numbers the app names freshApp gives.
var appRuns atomic.Int64

// freshApp returns base with a number no earlier run of a test in this
// process has used, for tests that register into the process-wide
// registry and must pass with -count=N.
func freshApp(base string) string {
	return fmt.Sprintf("%s%d", base, appRuns.Add(1))
}

func TestRegisterPanicsOnDuplicate(t *testing.T) {
	app := freshApp("regdup")
	Register(app, "x", newNop)
	defer func() {
		v := recover()
		msg, _ := v.(string)
		if !strings.Contains(msg, `command "x" of app "`+app+`" registered twice: by `) || strings.Count(msg, "registry_test.go:") != 2 {
			t.Fatalf("panic = %v, want a duplicate naming both registrants", v)
		}
	}()
	Register(app, "x", newNop)
}

func TestGuard(t *testing.T) {
	err := Guard(`command "boom"`, func() error { panic("kaboom") })
	var pe *PanicError
	if !errors.As(err, &pe) {
		t.Fatalf("Guard = %v, want a PanicError", err)
	}
	if got, want := err.Error(), `command "boom" panicked: kaboom`; got != want {
		t.Fatalf("error = %q, want %q", got, want)
	}
	if !strings.Contains(string(pe.Stack), "TestGuard") {
		t.Fatalf("stack does not show the panicking call:\n%s", pe.Stack)
	}
	sentinel := errors.New("plain")
	if err := Guard("x", func() error { return sentinel }); err != sentinel {
		t.Fatalf("Guard passed %v, want the function's own error", err)
	}
	v, err := GuardValue("x", func() (int, error) { return 42, nil })
	if v != 42 || err != nil {
		t.Fatalf("GuardValue = %v, %v", v, err)
	}
	inner := errors.New("inner")
	err = Guard("x", func() error { panic(inner) })
	if !errors.Is(err, inner) {
		t.Fatalf("a panic with an error value should unwrap to it, got %v", err)
	}
}

func TestUsageAndExitErrors(t *testing.T) {
	u := Usagef("bad %s", "thing")
	if !IsUsage(u) || u.Error() != "bad thing" {
		t.Fatalf("Usagef = %v", u)
	}
	if IsUsage(errors.New("x")) {
		t.Fatal("a plain error is not a usage error")
	}
	e := &ExitError{Code: 3}
	if e.Error() != "exit status 3" {
		t.Fatalf("ExitError = %q", e.Error())
	}
}
