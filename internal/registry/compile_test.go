package registry_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestWrongShapesDoNotCompile builds small packages that get a plugin's
// types wrong and expects the compiler to refuse each: a constructor of
// the wrong type, and an optional method with the wrong signature under its
// interface assertion (the line docs/writing-commands.md asks for). The
// files are an overlay (go build -overlay), so nothing is written into the
// module, and the build cache makes each build quick.
func TestWrongShapesDoNotCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go build")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	root := moduleRoot(t)
	const header = `package compilefail

import (
	"context"
	"io"
	"iter"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/formatters"
	"github.com/longshore/longshore/hooks"
)

var (
	_ context.Context
	_ io.Writer
	_ iter.Seq[int]
	_ *pflag.FlagSet
	_ command.Command
	_ formatters.Formatter
	_ hooks.Hook
)

type cmd struct{}

func (*cmd) Info() command.Info                                     { return command.Info{} }
func (*cmd) Run(ctx context.Context, inv *command.Invocation) error { return nil }

type hook struct{}

func (*hook) Info() hooks.Info { return hooks.Info{Commands: []string{"*"}} }

type fmtr struct{}

func (*fmtr) Name() string { return "f" }
func (*fmtr) FormatList(w io.Writer, cols []string, rows iter.Seq2[[]any, error]) error { return nil }
`
	tests := []struct {
		name, body, want string
	}{
		{"correct", `
func (*cmd) Flags(fs *pflag.FlagSet)                      {}
func (*cmd) Available(env command.Env) error              { return nil }
func (*fmtr) Flags(fs *pflag.FlagSet, k formatters.Kind)  {}
var (
	_ command.FlagDeclarer        = (*cmd)(nil)
	_ command.AvailabilityChecker = (*cmd)(nil)
	_ formatters.KindFlagDeclarer = (*fmtr)(nil)
)
func init() {
	command.Register("app", "c", func() command.Command { return &cmd{} })
	hooks.Register("app", "h", func() hooks.Hook { return &hook{} })
	formatters.Register("app", "f", func() formatters.Formatter { return &fmtr{} })
}`, ""},
		{"command constructor of the wrong type", `
func init() { command.Register("app", "c", func() *cmd { return &cmd{} }) }`,
			"as func() command.Command value in argument to command.Register"},
		{"hook registered as a command", `
func init() { hooks.Register("app", "h", func() command.Command { return &cmd{} }) }`,
			"as func() hooks.Hook value in argument to hooks.Register"},
		{"formatter constructor of the wrong type", `
func init() { formatters.Register("app", "f", func() hooks.Hook { return &hook{} }) }`,
			"as func() formatters.Formatter value in argument to formatters.Register"},
		{"formatter Flags with the command's signature", `
func (*fmtr) Flags(fs *pflag.FlagSet) {}
var _ formatters.KindFlagDeclarer = (*fmtr)(nil)`,
			"wrong type for method Flags"},
		{"command Flags with the formatter's signature", `
func (*cmd) Flags(fs *pflag.FlagSet, k formatters.Kind) {}
var _ command.FlagDeclarer = (*cmd)(nil)`,
			"wrong type for method Flags"},
		{"Available without the environment", `
func (*cmd) Available() error { return nil }
var _ command.AvailabilityChecker = (*cmd)(nil)`,
			"wrong type for method Available"},
	}
	tmp := t.TempDir()
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := filepath.Join(tmp, "case"+string(rune('a'+i))+".go")
			if err := os.WriteFile(src, []byte(header+tt.body+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			overlay, _ := json.Marshal(map[string]map[string]string{
				"Replace": {filepath.Join(root, "internal", "compilefail", "x.go"): src},
			})
			ov := filepath.Join(tmp, "overlay"+string(rune('a'+i))+".json")
			if err := os.WriteFile(ov, overlay, 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(goBin, "build", "-overlay", ov, "./internal/compilefail")
			cmd.Dir = root
			out, err := cmd.CombinedOutput()
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("the correct file does not build: %v\n%s", err, out)
			case tt.want != "" && err == nil:
				t.Fatalf("built, want a compile error containing %q", tt.want)
			case tt.want != "" && !strings.Contains(string(out), tt.want):
				t.Fatalf("compile error does not contain %q:\n%s", tt.want, out)
			}
		})
	}
}

// moduleRoot is the directory of the module's go.mod.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
}
