package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/hooks"
)

// noop is the bare command the hook benchmarks run.
type noop struct{}

func (noop) Info() command.Info                             { return command.Info{Short: "do nothing"} }
func (noop) Run(context.Context, *command.Invocation) error { return nil }

// benchHook does what a typical hook does: a flag, a before and an after.
type benchHook struct {
	flag     string
	commands []string
	on       bool
}

func (h *benchHook) Info() hooks.Info                                { return hooks.Info{Commands: h.commands} }
func (h *benchHook) Flags(fs *pflag.FlagSet)                         { fs.BoolVar(&h.on, h.flag, false, "") }
func (*benchHook) Before(context.Context, *command.Invocation) error { return nil }
func (*benchHook) After(context.Context, *command.Invocation, *hooks.Outcome) error {
	return nil
}

// benchApp returns an App with the noop command, n compiled-in hooks on it,
// other compiled-in hooks on another command and, when external is set, one
// external hook (a shell script that reads its document).
func benchApp(b *testing.B, n, other int, external bool) *App {
	dir := b.TempDir()
	app := New("bapp", "1.0.0", "hook benchmarks")
	app.Registry = &command.Registry{}
	var out bytes.Buffer
	app.IO = &command.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &out}
	app.Getenv = func(k string) string {
		if k == "XDG_CONFIG_HOME" {
			return dir
		}
		return ""
	}
	if err := app.AddCommand("noop", func() command.Command { return noop{} }); err != nil {
		b.Fatal(err)
	}
	add := func(name string, commands ...string) {
		newFn := func() hooks.Hook { return &benchHook{flag: name, commands: commands} }
		if err := app.Registry.Add(app.namespace("hooks"), name, newFn, "bench"); err != nil {
			b.Fatal(err)
		}
	}
	for i := range n {
		add(fmt.Sprintf("hook%02d", i), "*")
	}
	for i := range other {
		add(fmt.Sprintf("other%02d", i), "other *")
	}
	if external {
		exe := filepath.Join(dir, "bapp-ext")
		if err := os.WriteFile(exe, []byte("#!/bin/sh\ncat >/dev/null\n"), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := app.AddExternalHook(hooks.Spec{Name: "ext", Path: exe, Commands: []string{"noop"}, Before: true}); err != nil {
			b.Fatal(err)
		}
	}
	return app
}

// BenchmarkHooks runs the noop command bare, with 20 compiled-in hooks
// that attach elsewhere, with 1 and 20 that attach to it and with 1
// external hook. bench/hooks.sh turns the figures into
// ratios to the bare run.
func BenchmarkHooks(b *testing.B) {
	cases := []struct {
		name     string
		n, other int
		external bool
	}{
		{"bare", 0, 0, false},
		{"compiled-0-of-20", 0, 20, false},
		{"compiled-1", 1, 0, false},
		{"compiled-20", 20, 0, false},
		{"external-1", 0, 0, true},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			app := benchApp(b, c.n, c.other, c.external)
			for b.Loop() {
				if code := app.Run(context.Background(), []string{"noop"}); code != 0 {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}
