package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/longshore/longshore/command"
)

// TestUsageErrorsExitTwo runs demoapp on command lines that get something
// wrong about what to run (a word, an option, a name, a column): each is
// a usage error, exit 2, whichever command finds it.
func TestUsageErrorsExitTwo(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	t.Setenv("XDG_DATA_HOME", filepath.Join(home, ".local", "share"))
	t.Setenv("XDG_STATE_HOME", filepath.Join(home, ".local", "state"))
	t.Setenv("XDG_CACHE_HOME", filepath.Join(home, ".cache"))
	t.Setenv("DEMOAPP_CONFIG", "")
	t.Setenv("PATH", t.TempDir())
	tests := []struct {
		args []string
		msg  string
	}{
		{[]string{"plugin", "show", "nosuch"}, `no plugin called "nosuch"`},
		{[]string{"plugin", "enable", "nosuch"}, `no plugin called "nosuch"`},
		{[]string{"plugin", "remove", "nosuch"}, `no plugin "nosuch" installed in `},
		{[]string{"plugin", "upgrade", "nosuch"}, `upgrade nosuch: not installed in `},
		{[]string{"plugin", "disable", "plugin"}, `"plugin" cannot be disabled`},
		{[]string{"plugin", "create", "help"}, `"help" is a reserved word of demoapp`},
		{[]string{"plugin", "create", "version"}, `would be shadowed by the compiled-in command "version"`},
		{[]string{"plugin", "create", "Bad"}, `must start with a lower-case letter`},
		{[]string{"plugin", "install", ""}, `install: no plugin given`},
		{[]string{"plugin", "install", "nosuch-thing"}, `install nosuch-thing: no such file or directory`},
		{[]string{"files", "list", "-f", "template", "--template", "{{.nosuch}}"}, `--template: unknown column "nosuch" (valid: name, `},
		{[]string{"version", "-f", "template", "--template", "{{.nosuch}}"}, `--template: unknown field "nosuch" (valid: app, `},
		{[]string{"files", "list", "-c", "nosuch"}, `unknown column "nosuch"`},
		{[]string{"-c", "name", "files", "list"}, `unknown shorthand flag: 'c' in -c`},
		{[]string{"--", "version"}, `unexpected argument "version" after "--"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			app := newApp()
			ios, _, _, errOut := command.TestIO()
			app.IO = ios
			code := app.Run(context.Background(), tt.args)
			if code != 2 || !strings.Contains(errOut.String(), tt.msg) {
				t.Errorf("demoapp %q: exit %d, stderr %q; want exit 2 and %q", tt.args, code, errOut, tt.msg)
			}
		})
	}
}
