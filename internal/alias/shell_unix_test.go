//go:build !windows

package alias

import (
	"os/exec"
	"strings"
	"testing"
)

// The user's arguments reach a shell alias as "$@" appended, and as $1...;
// its name is $0.
func TestShellCommandRuns(t *testing.T) {
	cfg := config(t, `aliases:
  say: "!printf '[%s]'"
  second: "!f() { printf '%s/%s' \"$0\" \"$2\"; }; f"
  quiet: "!printf none #"
`)
	for _, tc := range []struct {
		alias string
		args  []string
		want  string
	}{
		{"say", []string{"a b", "c"}, "[a b][c]"},
		{"say", nil, "[]"},
		{"second", []string{"x", "y z", "w"}, "second/y z"},
		{"quiet", []string{"x"}, "none"},
	} {
		path, argv, err := ShellCommand(cfg.Alias(tc.alias), tc.args, exec.LookPath)
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(path, argv[1:]...)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s %q: %v", tc.alias, tc.args, err)
		}
		if got := strings.TrimSpace(string(out)); got != tc.want {
			t.Errorf("%s %q printed %q, want %q", tc.alias, tc.args, got, tc.want)
		}
	}
}

func TestShellCommandOfACommandAlias(t *testing.T) {
	cfg := config(t, "aliases:\n  ls: files list\n")
	if _, _, err := ShellCommand(cfg.Alias("ls"), nil, exec.LookPath); err == nil {
		t.Error("no error")
	}
}
