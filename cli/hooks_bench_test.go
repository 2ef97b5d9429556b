package cli

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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

// benchCase is one configuration of BenchmarkHooks.
type benchCase struct {
	name string
	// n compiled-in hooks attach to the command, other to another one.
	n, other int
	// external adds one external hook with AddExternalHook.
	external bool
	// manifests puts that many plugins with manifests in a plugin dir,
	// and hooked of them declare a hook on the command, hookedOther a hook
	// on another command.
	manifests, hooked, hookedOther int
	// cold makes the hook cache unwritable: every run scans the plugin
	// dir. Otherwise the cache is warm after the first run.
	cold bool
}

// benchApp returns an App with the noop command and the hooks of c.
func benchApp(b *testing.B, c benchCase) *App {
	dir := b.TempDir()
	pluginDir := filepath.Join(dir, "plugins")
	app := New("bapp", "1.0.0", "hook benchmarks")
	var out bytes.Buffer
	app.IO = &command.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &out}
	cache := filepath.Join(dir, "cache")
	if c.cold {
		cache = filepath.Join(dir, "bapp-ext") // a file: no cache under it
		if err := os.WriteFile(cache, nil, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	app.Getenv = func(k string) string {
		switch k {
		case "XDG_CONFIG_HOME", "XDG_DATA_HOME":
			return dir
		case "XDG_CACHE_HOME":
			return cache
		case "BAPP_PLUGIN_PATH":
			return pluginDir
		}
		return ""
	}
	if err := app.AddCommand("noop", func() command.Command { return noop{} }); err != nil {
		b.Fatal(err)
	}
	add := func(name string, commands ...string) {
		newFn := func() hooks.Hook { return &benchHook{flag: name, commands: commands} }
		if err := app.AddHook(name, newFn); err != nil {
			b.Fatal(err)
		}
	}
	for i := range c.n {
		add(fmt.Sprintf("hook%02d", i), "*")
	}
	for i := range c.other {
		add(fmt.Sprintf("other%02d", i), "other *")
	}
	script := []byte("#!/bin/sh\ncat >/dev/null\n")
	if c.external {
		exe := filepath.Join(dir, "bapp-ext")
		if err := os.WriteFile(exe, script, 0o755); err != nil {
			b.Fatal(err)
		}
		if err := app.AddExternalHook(hooks.Spec{Name: "ext", Path: exe, Commands: []string{"noop"}, Before: true}); err != nil {
			b.Fatal(err)
		}
	}
	if err := os.MkdirAll(pluginDir, 0o755); err != nil {
		b.Fatal(err)
	}
	for i := range c.manifests {
		exe := filepath.Join(pluginDir, fmt.Sprintf("bapp-p%02d", i))
		manifest := fmt.Sprintf("description: plugin %d\n", i)
		switch {
		case i < c.hooked:
			manifest += fmt.Sprintf("hooks:\n  - {name: h%02d, commands: [noop], before: true}\n", i)
		case i < c.hooked+c.hookedOther:
			manifest += fmt.Sprintf("hooks:\n  - {name: h%02d, commands: ['other *'], before: true, flags: [{name: f%02d}]}\n", i, i)
		}
		if err := os.WriteFile(exe, script, 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(exe+".yaml", []byte(manifest), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	settle(b, pluginDir)
	return app
}

// settle dates everything in dir an hour back, as plugins installed
// earlier are: the hook cache trusts no change from the last seconds.
func settle(tb testing.TB, dir string) {
	tb.Helper()
	old := time.Now().Add(-time.Hour)
	err := filepath.WalkDir(dir, func(path string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Chtimes(path, old, old)
	})
	if err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkHooks runs the noop command bare, with 20 compiled-in hooks
// that attach elsewhere, with 1 and 20 that attach to it, with 1 external
// hook, with 10 plugins (manifests, no hooks) in a plugin dir, and with one
// of those declaring a hook on it; and with 100 plugins with manifests, 10
// of them declaring hooks on another command, with the hook cache cold
// (unwritable: every run scans) and warm. bench/hooks.sh turns the figures
// into ratios to the bare run.
func BenchmarkHooks(b *testing.B) {
	cases := []benchCase{
		{name: "bare"},
		{name: "compiled-0-of-20", other: 20},
		{name: "compiled-1", n: 1},
		{name: "compiled-20", n: 20},
		{name: "external-1", external: true},
		{name: "plugin-dir-10", manifests: 10},
		{name: "manifest-1-of-10", manifests: 10, hooked: 1},
		{name: "plugins-100-cold", manifests: 100, hookedOther: 10, cold: true},
		{name: "plugins-100-warm", manifests: 100, hookedOther: 10},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			app := benchApp(b, c)
			for b.Loop() {
				if code := app.Run(context.Background(), []string{"noop"}); code != 0 {
					b.Fatalf("exit %d", code)
				}
			}
			cache := filepath.Join(app.getenv("XDG_CACHE_HOME"), "bapp", "hooks.json")
			if _, err := os.Stat(cache); (err == nil) == c.cold {
				b.Fatalf("cold %v, but the hook cache: %v", c.cold, err)
			}
		})
	}
}
