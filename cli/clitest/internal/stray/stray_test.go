// Package stray_test holds the test of a registration for an app no App
// has: it needs a test binary of its own, since the stray registration
// would fail every other test of the kit.
package stray_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/longshore/longshore/cli"
	"github.com/longshore/longshore/cli/clitest"
	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/hooks"
)

type hello struct{}

func (*hello) Info() command.Info { return command.Info{Short: "say hello"} }
func (*hello) Run(ctx context.Context, inv *command.Invocation) error {
	_, err := fmt.Fprintf(inv.IO.Out, "hello from %s, HOME=%s\n", inv.App, inv.Env.Getenv("HOME"))
	return err
}

type nopHook struct{}

func (*nopHook) Info() hooks.Info { return hooks.Info{Commands: []string{"*"}} }

func init() {
	command.Register("greeter", "hello", func() command.Command { return &hello{} })
	// A typo: no App is called "greeeter", so this hook would be dropped.
	hooks.Register("greeeter", "audit", func() hooks.Hook { return &nopHook{} })
}

// recorder is a testing.TB that records Errorf instead of failing.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// TestMisspeltAppIsReported: a registration for an app name no App has
// fails the test that builds the harness, and is a warning in plugin list
// and under --debug.
func TestMisspeltAppIsReported(t *testing.T) {
	rec := &recorder{TB: t}
	h := clitest.New(rec, cli.New("greeter", "1.0.0", "greets"))
	want := `clitest: hook "audit" is registered for app "greeeter" by `
	if len(rec.errs) != 1 || !strings.HasPrefix(rec.errs[0], want) || !strings.HasSuffix(rec.errs[0], `but no App in this program is called "greeeter"`) {
		t.Fatalf("errors = %q, want one starting %q", rec.errs, want)
	}
	warning := `greeter: warning: hook "audit" is registered for app "greeeter" by `
	r := h.Run("--debug", "hello")
	r.WantCode(t, 0)
	if !strings.Contains(r.Stderr, warning) {
		t.Errorf("--debug stderr = %q, want the warning", r.Stderr)
	}
	r = h.Run("hello")
	if r.Stderr != "" {
		t.Errorf("without --debug stderr = %q, want nothing", r.Stderr)
	}
	r = h.Run("plugin", "list")
	r.WantCode(t, 0)
	if !strings.Contains(r.Stderr, warning) {
		t.Errorf("plugin list stderr = %q, want the warning", r.Stderr)
	}
}

// TestRunIsIsolated: the App sees the harness's HOME, not the
// developer's, and the compiled-in command registered in init.
func TestRunIsIsolated(t *testing.T) {
	rec := &recorder{TB: t}
	h := clitest.New(rec, cli.New("greeter", "1.0.0", "greets"))
	r := h.Run("hello")
	r.WantCode(t, 0)
	if want := "hello from greeter, HOME=" + h.Home + "\n"; r.Stdout != want {
		t.Fatalf("stdout = %q, want %q", r.Stdout, want)
	}
}
