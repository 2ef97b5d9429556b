package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/hooks"
	"github.com/longshore/longshore/internal/hookrun"
)

// clashing adds --all, which the command already has, and vetoes everything
// if it ever runs.
type clashing struct{ all bool }

func (*clashing) Info() hooks.Info { return hooks.Info{Commands: []string{"*"}} }
func (c *clashing) Flags(fs *pflag.FlagSet) {
	fs.BoolVar(&c.all, "all", false, "")
}
func (*clashing) Before(context.Context, *command.Invocation) error { return errors.New("ran") }

// allCmd is a command with an --all flag.
type allCmd struct{ all bool }

func (*allCmd) Info() command.Info { return command.Info{Short: "has --all"} }
func (c *allCmd) Flags(fs *pflag.FlagSet) {
	fs.BoolVar(&c.all, "all", false, "everything")
}
func (c *allCmd) Run(ctx context.Context, inv *command.Invocation) error {
	_, err := fmt.Fprintf(inv.IO.Out, "all=%v\n", c.all)
	return err
}

// hookApp is testApp with a config directory of its own.
func hookApp(t *testing.T) (*App, *bytes.Buffer, *bytes.Buffer) {
	app, out, errOut := testApp(t)
	dir := t.TempDir()
	app.Getenv = func(k string) string {
		if k == "XDG_CONFIG_HOME" {
			return dir
		}
		return ""
	}
	return app, out, errOut
}

func TestHookFlagClash(t *testing.T) {
	app, out, errOut := hookApp(t)
	app.AddCommand("show", func() command.Command { return &allCmd{} })
	app.AddHook("clash", func() hooks.Hook { return &clashing{} })
	if code := app.Run(context.Background(), []string{"show", "--all"}); code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	if out.String() != "all=true\n" {
		t.Errorf("stdout = %q: the command's own flag must win", out)
	}
	want := "tapp: warning: hook clash: not run on \"tapp show\": its flag --all is already one of the command's\n"
	if errOut.String() != want {
		t.Errorf("stderr = %q, want %q", errOut, want)
	}
}

func TestBrokenHookConstructor(t *testing.T) {
	app, out, errOut := hookApp(t)
	app.AddCommand("show", func() command.Command { return &allCmd{} })
	app.AddHook("nil", func() hooks.Hook { return nil })
	if code := app.Run(context.Background(), []string{"show"}); code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	if out.String() != "all=false\n" || errOut.Len() != 0 {
		t.Errorf("a hook broken at construction attaches to nothing: stdout %q, stderr %q", out, errOut)
	}
	descs := map[string]string{}
	for _, c := range hookrun.LoadCompiled(app.Name, app.addedHooks) {
		descs[c.Name] = c.Describe().Err.Error()
	}
	if want := `hook "nil": constructor returned nil`; descs["nil"] != want {
		t.Errorf("nil hook: %q, want %q", descs["nil"], want)
	}
}

func TestAddExternalHookChecksSpec(t *testing.T) {
	app := New("tapp", "1.0.0", "test")
	err := app.AddExternalHook(hooks.Spec{Name: "x", Path: "/bin/true", Commands: []string{"*"}})
	if want := `add external hook: hook "x": set before, after or both to true`; err == nil || err.Error() != want {
		t.Errorf("err = %v, want %q", err, want)
	}
}
