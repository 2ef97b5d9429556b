package cli

import (
	"context"
	"os"
	"path/filepath"
	"slices"
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

// TestDispatchDeclaresNoFlagSet pins that a run dispatching to an
// external plugin named first declares no option, the app's global ones
// included: scanning its line reads no option, and the plugin's
// environment says that none was given. An option on the line, or a
// compiled-in command, declares them, and then they are parsed as ever.
func TestDispatchDeclaresNoFlagSet(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "tapp-ext"), []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	rr := &recordingRunner{}
	a := pluginApp(t, dir, rr)
	if err := a.AddCommand("greet", func() command.Command { return &hello{} }); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args     []string
		declared bool
		env      string // a variable the plugin must get, if any
	}{
		{[]string{"ext", "-f", "json", "--debug"}, false, "TAPP_VERBOSITY=0"},
		{[]string{"-f", "json", "ext"}, true, "TAPP_FORMAT=json"},
		{[]string{"greet"}, true, ""},
	} {
		rr.execs = nil
		r := newRun(a)
		if code := r.exitCode(r.execute(context.Background(), tt.args)); code != 0 {
			t.Fatalf("%q: exit %d", tt.args, code)
		}
		r.close()
		if r.tree.declared != tt.declared {
			t.Errorf("%q: the options were declared: %v, want %v", tt.args, r.tree.declared, tt.declared)
		}
		if tt.env != "" && (len(rr.execs) != 1 || !slices.Contains(rr.execs[0].Env, tt.env)) {
			t.Errorf("%q: the plugin's environment lacks %s: %v", tt.args, tt.env, rr.execs)
		}
	}
}
