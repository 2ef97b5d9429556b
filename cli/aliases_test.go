package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/longshore/longshore/command"
)

// aliasApp returns a test App with "greet hello" and a config holding an
// alias of it and defaults for it.
func aliasApp(t *testing.T) (*App, func() (string, string)) {
	t.Helper()
	a, out, errOut := testApp(t)
	if err := a.AddCommand("greet hello", func() command.Command { return &hello{} }); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(t.TempDir(), "config.yaml")
	text := "aliases:\n  hi: greet hello --name alias\n  greet: version\ndefaults:\n  greet hello: [--name, default]\n"
	if err := os.WriteFile(cfg, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"TAPP_CONFIG": cfg}
	a.Getenv = func(k string) string { return env[k] }
	t.Cleanup(func() { env = nil })
	return a, func() (string, string) {
		o, e := out.String(), errOut.String()
		out.Reset()
		errOut.Reset()
		return o, e
	}
}

func TestAliasesExpandAndDefaultsApply(t *testing.T) {
	a, output := aliasApp(t)
	for _, tc := range []struct {
		args       []string
		want, warn string
	}{
		{[]string{"hi", "x"}, "hello, alias (greet hello x)\n", ""},
		{[]string{"hi", "--name", "me"}, "hello, me (greet hello )\n", ""},
		{[]string{"greet", "hello"}, "hello, default (greet hello )\n", `alias "greet" is ignored: the command "greet" has that name`},
		{[]string{"greet", "hello", "--name=me"}, "hello, me (greet hello )\n", "ignored"},
	} {
		if code := a.Run(context.Background(), tc.args); code != 0 {
			t.Fatalf("%q: exit %d", tc.args, code)
		}
		out, errOut := output()
		if out != tc.want || !strings.Contains(errOut, tc.warn) || tc.warn == "" && errOut != "" {
			t.Errorf("%q: out %q, stderr %q; want %q, a warning with %q", tc.args, out, errOut, tc.want, tc.warn)
		}
	}
}

// An App with NoAliases has no alias commands, expands no alias, applies
// no default, and lets an external plugin be called "alias".
func TestNoAliases(t *testing.T) {
	a, output := aliasApp(t)
	a.NoAliases = true
	if code := a.Run(context.Background(), []string{"hi"}); code != 2 {
		t.Errorf("hi: exit %d, want 2", code)
	}
	if _, errOut := output(); !strings.Contains(errOut, `unknown command "hi"`) {
		t.Errorf("hi: stderr %q", errOut)
	}
	a.Run(context.Background(), []string{"greet", "hello"})
	if out, errOut := output(); out != "hello, world (greet hello )\n" || errOut != "" {
		t.Errorf("greet hello: out %q, stderr %q", out, errOut)
	}
	a.Run(context.Background(), []string{"--help"})
	if out, _ := output(); strings.Contains(out, "alias") || strings.Contains(out, "Aliases:") {
		t.Errorf("help lists aliases:\n%s", out)
	}
	tr := newTree(a, a.IO, &globalOptions{})
	if tr.reserved("alias") {
		t.Error(`"alias" is reserved`)
	}
}

// <APP>_NO_DEFAULTS turns both off for one run; "0" leaves them on.
func TestNoDefaultsEnv(t *testing.T) {
	a, output := aliasApp(t)
	getenv := a.Getenv
	for _, tc := range []struct{ value, want string }{
		{"1", "hello, world (greet hello )\n"},
		{"yes", "hello, world (greet hello )\n"},
		{"0", "hello, default (greet hello )\n"},
		{"", "hello, default (greet hello )\n"},
	} {
		a.Getenv = func(k string) string {
			if k == "TAPP_NO_DEFAULTS" {
				return tc.value
			}
			return getenv(k)
		}
		a.Run(context.Background(), []string{"greet", "hello"})
		if out, _ := output(); out != tc.want {
			t.Errorf("TAPP_NO_DEFAULTS=%q: out %q, want %q", tc.value, out, tc.want)
		}
	}
}
