package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
)

// flagCounter counts how often its flags are declared: once per run whose
// command tree is built.
type flagCounter struct{ n *int }

func (flagCounter) Info() command.Info { return command.Info{Short: "count", Aliases: []string{"ls"}} }
func (c flagCounter) Flags(fs *pflag.FlagSet) {
	*c.n++
	fs.Bool("x", false, "")
}
func (c flagCounter) Run(ctx context.Context, inv *command.Invocation) error {
	_, err := inv.IO.Out.Write([]byte("compiled-in ran\n"))
	return err
}

// TestExternalRunsBeforeTheTreeIsBuilt pins the early dispatch: running an
// external plugin, or --version, builds no compiled-in command (no constructor's flags are
// declared), while a compiled-in word, or an alias of one, is never taken
// for a plugin of the same name.
func TestExternalRunsBeforeTheTreeIsBuilt(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"tapp-ext", "tapp-ls", "tapp-counter"} {
		script := "#!/bin/sh\necho \"" + name + " ran $*\"\n"
		if err := os.WriteFile(filepath.Join(dir, name), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	a, out, errOut := testApp(t)
	a.Getenv = func(k string) string {
		switch k {
		case "PATH":
			return dir
		case "HOME":
			return t.TempDir()
		}
		return ""
	}
	a.PluginsAsChild = true
	n := 0
	if err := a.AddCommand("counter", func() command.Command { return flagCounter{&n} }); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args     []string
		want     string
		declared int
	}{
		{[]string{"ext", "a", "--b"}, "tapp-ext ran a --b\n", 0},
		{[]string{"-v", "ext"}, "tapp-ext ran \n", 0},
		{[]string{"counter"}, "compiled-in ran\n", 1},
		{[]string{"ls"}, "compiled-in ran\n", 1},
		// --version alone, global options aside, is answered early too,
		// as cobra answers it.
		{[]string{"--version"}, "tapp version 1.2.3\n", 0},
		{[]string{"--debug", "--version"}, "tapp version 1.2.3\n", 0},
	}
	for _, tt := range tests {
		n = 0
		out.Reset()
		if code := a.Run(context.Background(), tt.args); code != 0 {
			t.Fatalf("%q: exit %d: %s", tt.args, code, errOut)
		}
		if out.String() != tt.want {
			t.Errorf("%q: stdout = %q, want %q", tt.args, out.String(), tt.want)
		}
		if n != tt.declared {
			t.Errorf("%q: the compiled-in command's flags were declared %d times, want %d", tt.args, n, tt.declared)
		}
	}
	if s := errOut.String(); strings.Contains(s, "error") {
		t.Fatalf("stderr: %s", s)
	}
}
