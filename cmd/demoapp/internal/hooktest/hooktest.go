// Package hooktest holds hooks and a command that exist only in demoapp's
// test binary (main_test.go imports it), so that testscript scenarios can
// drive every hook behaviour without touching the real commands. Each hook
// logs its calls on stderr and misbehaves as $HOOKTEST_<NAME> says: veto,
// panic-before, fail-after, panic-after, fail-transform.
package hooktest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/formatters"
	"github.com/longshore/longshore/hooks"
	"github.com/longshore/longshore/internal/hookrun"
)

// app is the name of the App the commands and hooks are registered for.
const app = "demoapp"

func init() {
	command.Register(app, "hooktest list", func() command.Command { return &list{} })
	command.Register(app, "hooktest show", func() command.Command { return &show{} })
	command.Register(app, "hooktest run", func() command.Command { return &runCmd{} })
	for _, h := range []struct {
		name     string
		priority int
		required bool
	}{{"alpha", 0, false}, {"beta", 0, false}, {"early", -10, false}, {"strict", 5, true}} {
		hooks.Register(app, h.name, func() hooks.Hook {
			return &probe{name: h.name, info: hooks.Info{Commands: []string{"hooktest *"}, Priority: h.priority, Required: h.required}}
		})
	}
	hooks.Register(app, "tagger", func() hooks.Hook { return &tag{} })
	hooks.Register(app, "ext", func() hooks.Hook {
		return external("ext", "HOOKTEST_EXT", []string{"hooktest *"}, true, "do it anyway")
	})
	// guard runs examples/hooks/sh/demoapp-guard as its manifest declares it,
	// until manifests are wired: HOOKTEST_GUARD_PATH names the script.
	hooks.Register(app, "guard", func() hooks.Hook {
		return external("guard", "HOOKTEST_GUARD", []string{"files list"}, false, "list / anyway")
	})
}

// list is a lister of two rows.
type list struct{}

func (*list) Info() command.Info {
	return command.Info{Short: "List two rows (hook tests)", Hidden: true}
}

func (*list) List(ctx context.Context, inv *command.Invocation) (*command.Table, error) {
	return &command.Table{Columns: []string{"name", "n"}, Rows: command.RowsOf([]any{"one", 1}, []any{"two", 2})}, nil
}

// show is a shower of one field.
type show struct{}

func (*show) Info() command.Info {
	return command.Info{Short: "Show a record (hook tests)", Hidden: true}
}

func (*show) Show(ctx context.Context, inv *command.Invocation) (*command.Record, error) {
	return &command.Record{Fields: []string{"name"}, Values: []any{"one"}}, nil
}

// runCmd prints "ran" and fails with --fail; with --ready FILE it creates
// FILE and waits to be interrupted.
type runCmd struct {
	fail  bool
	ready string
}

func (*runCmd) Info() command.Info {
	return command.Info{Short: "Run, or fail with --fail (hook tests)", Hidden: true, Args: command.AnyArgs}
}

func (c *runCmd) Flags(fs *pflag.FlagSet) {
	fs.BoolVar(&c.fail, "fail", false, "fail")
	fs.StringVar(&c.ready, "ready", "", "create this file, then wait for an interrupt")
}

func (c *runCmd) Run(ctx context.Context, inv *command.Invocation) error {
	if c.ready != "" {
		if err := os.WriteFile(c.ready, nil, 0o644); err != nil {
			return err
		}
		<-ctx.Done()
		return ctx.Err()
	}
	if c.fail {
		return errors.New("failed on purpose")
	}
	_, err := fmt.Fprintln(inv.IO.Out, "ran")
	return err
}

// probe logs its calls and misbehaves as $HOOKTEST_<NAME> says.
type probe struct {
	name string
	info hooks.Info
	note string
}

func (p *probe) Info() hooks.Info { return p.info }

func (p *probe) mode() string { return os.Getenv("HOOKTEST_" + strings.ToUpper(p.name)) }

func (p *probe) Flags(fs *pflag.FlagSet) {
	if p.name == "alpha" {
		fs.StringVar(&p.note, "alpha-note", "", "a note alpha logs")
		// A hook's flag with fixed values completes them
		// (completion_flags.txtar).
		_ = fs.SetAnnotation("alpha-note", formatters.ChoicesAnnotation, []string{"brief", "long"})
	}
}

func (p *probe) Before(ctx context.Context, inv *command.Invocation) error {
	fmt.Fprintf(inv.IO.ErrOut, "%s before %s note=%q\n", p.name, inv.Name, p.note)
	switch p.mode() {
	case "veto":
		return errors.New("vetoed on purpose")
	case "panic-before":
		panic("before blew up")
	}
	return nil
}

func (p *probe) After(ctx context.Context, inv *command.Invocation, out *hooks.Outcome) error {
	fmt.Fprintf(inv.IO.ErrOut, "%s after exit=%d ran=%v rows=%d err=%v\n", p.name, out.ExitCode, out.Ran, out.Rows, out.Err)
	if err := ctx.Err(); err != nil {
		fmt.Fprintf(inv.IO.ErrOut, "%s after: its context: %v\n", p.name, err)
	}
	switch p.mode() {
	case "fail-after":
		return errors.New("after failed on purpose")
	case "panic-after":
		panic("after blew up")
	}
	return nil
}

// tag (registered as tagger) adds a column to hooktest list and a field to
// hooktest show; also to "hooktest rows", a structured plugin in the
// plugin_structured_hooks scenario.
type tag struct{}

func (*tag) Info() hooks.Info {
	return hooks.Info{Commands: []string{"hooktest list", "hooktest show", "hooktest rows"}}
}

func (*tag) TransformTable(ctx context.Context, inv *command.Invocation, t *command.Table) (*command.Table, error) {
	if os.Getenv("HOOKTEST_TAGGER") == "fail-transform" {
		return nil, errors.New("cannot tag")
	}
	return hooks.AddColumn(t, "tag", func(row []any) any { return fmt.Sprintf("<%v>", row[0]) }), nil
}

func (*tag) TransformRecord(ctx context.Context, inv *command.Invocation, rec *command.Record) (*command.Record, error) {
	return &command.Record{Fields: append(rec.Fields, "tag"), Values: append(rec.Values, "tagged")}, nil
}

// external returns an external hook on commands that runs $<env>_PATH
// (with a timeout of $<env>_TIMEOUT) and adds --force, or an inert hook
// when $<env>_PATH is not set.
func external(name, env string, commands []string, after bool, forceUsage string) hooks.Hook {
	path := os.Getenv(env + "_PATH")
	if path == "" {
		return inert{}
	}
	timeout, _ := time.ParseDuration(os.Getenv(env + "_TIMEOUT"))
	e, err := hookrun.NewExternal(hooks.Spec{
		Name: name, Plugin: name, Path: path, Commands: commands,
		Before: true, After: after, Timeout: timeout,
		Flags: []hooks.FlagSpec{{Name: "force", Type: "bool", Usage: forceUsage}},
	})
	if err != nil {
		panic(err)
	}
	return e
}

// inert attaches to nothing that exists.
type inert struct{}

func (inert) Info() hooks.Info { return hooks.Info{Commands: []string{"hooktest none"}} }
