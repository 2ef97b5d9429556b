package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
)

// argsCmd is a command that declares its argument kind, and optionally
// its own candidates, its columns and the formatters' column flags.
type argsCmd struct {
	kind    command.ArgKind
	args    command.Args
	cands   []string
	explode bool
	cols    []string
	c, sort []string
}

func (a *argsCmd) Info() command.Info {
	return command.Info{Short: "args", Args: a.args, ArgKind: a.kind}
}
func (*argsCmd) Run(context.Context, *command.Invocation) error { return nil }

type completingCmd struct{ *argsCmd }

func (c completingCmd) CompleteArgs(env command.Env, args []string, toComplete string) []string {
	if c.explode {
		panic("completion exploded")
	}
	cands := append(c.cands, "typed:"+strings.Join(args, ","))
	if v, ok := env.LookupEnv("PICK_EXTRA"); ok {
		cands = append(cands, "env:"+v)
	}
	return cands
}

type columnsCmd struct{ *argsCmd }

func (c columnsCmd) Columns() []string { return c.cols }

// Flags stands in for the formatters, which add these flags to listers.
func (c columnsCmd) Flags(fs *pflag.FlagSet) {
	fs.StringSliceVarP(&c.c, columnFlag, "c", nil, "columns")
	fs.StringSliceVar(&c.sort, sortColumnFlag, nil, "sort columns")
}

// completeApp returns an App with commands of every argument kind.
func completeApp(t *testing.T) *App {
	t.Helper()
	a, _, _ := testApp(t)
	cmds := map[string]command.Command{
		"any files": &argsCmd{args: command.AnyArgs},
		"any dirs":  &argsCmd{args: command.AnyArgs, kind: command.ArgsDirs},
		"any none":  &argsCmd{args: command.AnyArgs, kind: command.ArgsNone},
		"one file":  &argsCmd{args: command.ExactArgs(1), kind: command.ArgsFiles},
		"noargs":    &argsCmd{},
		"pick":      completingCmd{&argsCmd{args: command.RangeArgs(0, 2), cands: []string{"alpha\tfirst", "beta", "alpine"}}},
		"explode":   completingCmd{&argsCmd{args: command.AnyArgs, explode: true}},
		"rows list": columnsCmd{&argsCmd{cols: []string{"name", "size", "mode"}}},
	}
	for name, c := range cmds {
		if err := a.AddCommand(name, func() command.Command { return c }); err != nil {
			t.Fatal(err)
		}
	}
	return a
}

func TestCompleteProtocol(t *testing.T) {
	tests := []struct {
		args      []string
		want      []string
		directive cobra.ShellCompDirective
	}{
		{[]string{""}, []string{"alias", "any", "completion", "explode", "help", "noargs", "one", "pick", "plugin", "rows"}, cobra.ShellCompDirectiveNoFileComp},
		{[]string{"an"}, []string{"any"}, cobra.ShellCompDirectiveNoFileComp},
		{[]string{"any", ""}, []string{"dirs", "files", "none"}, cobra.ShellCompDirectiveNoFileComp},
		{[]string{"any", "files", ""}, nil, cobra.ShellCompDirectiveDefault},
		{[]string{"any", "dirs", "x", ""}, nil, cobra.ShellCompDirectiveFilterDirs},
		{[]string{"any", "none", ""}, nil, cobra.ShellCompDirectiveNoFileComp},
		{[]string{"one", "file", ""}, nil, cobra.ShellCompDirectiveDefault},
		{[]string{"one", "file", "taken", ""}, nil, cobra.ShellCompDirectiveNoFileComp},
		{[]string{"noargs", ""}, nil, cobra.ShellCompDirectiveNoFileComp},
		{[]string{"pick", "al"}, []string{"alpha", "alpine"}, cobra.ShellCompDirectiveNoFileComp},
		{[]string{"pick", "x", "typed"}, []string{"typed:x"}, cobra.ShellCompDirectiveNoFileComp},
		{[]string{"pick", "x", "y", ""}, nil, cobra.ShellCompDirectiveNoFileComp},
		{[]string{"explode", ""}, nil, cobra.ShellCompDirectiveNoFileComp},
		{[]string{"rows", "list", "--column", ""}, []string{"name", "size", "mode"}, cobra.ShellCompDirectiveNoFileComp},
		{[]string{"rows", "list", "-c", "s"}, []string{"size"}, cobra.ShellCompDirectiveNoFileComp},
		{[]string{"rows", "list", "--sort-column", "m"}, []string{"mode"}, cobra.ShellCompDirectiveNoFileComp},
		{[]string{"rows", "list", "--sort"}, []string{"--sort-column"}, cobra.ShellCompDirectiveNoFileComp},
		{[]string{"completion", ""}, []string{"bash", "zsh", "fish", "powershell"}, cobra.ShellCompDirectiveNoFileComp},
	}
	for _, tt := range tests {
		a := completeApp(t)
		got, directive := a.complete(context.Background(), tt.args[:len(tt.args)-1], tt.args[len(tt.args)-1])
		if !reflect.DeepEqual(got, tt.want) || directive != tt.directive {
			t.Errorf("complete %q = %q, %d; want %q, %d", tt.args, got, directive, tt.want, tt.directive)
		}
	}
}

// CompleteArgs reads the App's environment, as Available and Run do, not
// the process's.
func TestCompleteArgsGetsTheAppsEnv(t *testing.T) {
	t.Setenv("PICK_EXTRA", "from-the-process")
	a := completeApp(t)
	a.Getenv = func(key string) string {
		if key == "PICK_EXTRA" {
			return "from-the-app"
		}
		return ""
	}
	got, _ := a.complete(context.Background(), []string{"pick"}, "env:")
	if want := []string{"env:from-the-app"}; !reflect.DeepEqual(got, want) {
		t.Errorf("complete pick env: = %q, want %q", got, want)
	}
}

func TestCompletionCarriesDescriptions(t *testing.T) {
	a := completeApp(t)
	var out bytes.Buffer
	a.IO.Out = &out
	if code := a.Run(context.Background(), []string{cobra.ShellCompRequestCmd, "pick", "alp"}); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	if want := "alpha\tfirst\nalpine\n:4\n"; out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}

func TestFormatFlagCompletesFormatterNames(t *testing.T) {
	a := completeApp(t)
	r := newRun(a)
	args := []string{cobra.ShellCompNoDescRequestCmd, "rows", "list", "-f", ""}
	if _, err := r.start(args); err != nil {
		t.Fatal(err)
	}
	if err := r.build(); err != nil {
		t.Fatal(err)
	}
	r.tree.finish(r.completer())
	var out bytes.Buffer
	root := r.tree.root
	root.SetOut(&out)
	root.SetArgs(args)
	if err := root.Execute(); err != nil {
		t.Fatal(err)
	}
	set, err := r.out.FormatSet()
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Join(set.Names(0), "\n") + "\n:4\n"
	if out.String() != want || !strings.Contains(want, "table") {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}

func TestCompleteWordInTheShell(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"docs", "data dir", ".hidden"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"data.csv", "docs/guide.md", "notes.txt"} {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	tests := []struct {
		line  string
		pos   int // -1: end of line
		head  string
		cands []string
		tail  string
	}{
		{"an", -1, "", []string{"any "}, ""},
		{"any ", -1, "any ", []string{"dirs ", "files ", "none "}, ""},
		{"any fi --flag", 6, "any ", []string{"files "}, " --flag"},
		{"any files d", -1, "any files ", []string{"'data dir/'", "data.csv ", "docs/"}, ""},
		{"any files docs/", -1, "any files ", []string{"docs/guide.md "}, ""},
		{"any files .", -1, "any files ", []string{".hidden/"}, ""},
		{"any dirs d", -1, "any dirs ", []string{"'data dir/'", "docs/"}, ""},
		{"any none d", -1, "any none ", nil, ""},
		{"pick 'al", -1, "pick ", []string{"alpha ", "alpine "}, ""},
		{"héllo wörld pick al", -1, "héllo wörld pick ", nil, ""},
		{"rows list -c n", -1, "rows list -c ", []string{"name "}, ""},
	}
	for _, tt := range tests {
		a := completeApp(t)
		pos := tt.pos
		if pos < 0 {
			pos = len([]rune(tt.line))
		}
		head, cands, tail := a.completeWord(context.Background(), tt.line, pos)
		if head != tt.head || !reflect.DeepEqual(cands, tt.cands) || tail != tt.tail {
			t.Errorf("completeWord(%q, %d) = %q, %q, %q; want %q, %q, %q", tt.line, pos, head, cands, tail, tt.head, tt.cands, tt.tail)
		}
	}
}

func TestParseCompletions(t *testing.T) {
	tests := []struct {
		in        string
		cands     []string
		directive cobra.ShellCompDirective
	}{
		{"a\tdesc\nb\n:4\n", []string{"a\tdesc", "b"}, cobra.ShellCompDirectiveNoFileComp},
		{":16\n", nil, cobra.ShellCompDirectiveFilterDirs},
		{"", nil, cobra.ShellCompDirectiveDefault},
		{"x\n:bad\n", []string{"x", ":bad"}, cobra.ShellCompDirectiveDefault},
	}
	for _, tt := range tests {
		cands, d := parseCompletions(tt.in)
		if !reflect.DeepEqual(cands, tt.cands) || d != tt.directive {
			t.Errorf("parseCompletions(%q) = %q, %d; want %q, %d", tt.in, cands, d, tt.cands, tt.directive)
		}
	}
}

// TestCompletionsOnlyForCompletionRequests pins that a run which is not a
// completion request attaches no completion function: walking every
// command's flags for them cost every run of a command.
func TestCompletionsOnlyForCompletionRequests(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want bool
	}{
		{[]string{"rows", "list"}, false},
		{[]string{cobra.ShellCompNoDescRequestCmd, "rows", "list", "-f", ""}, true},
	} {
		r := newRun(completeApp(t))
		if err := r.execute(context.Background(), tt.args); err != nil {
			t.Fatalf("%q: %v", tt.args, err)
		}
		if _, got := r.tree.root.GetFlagCompletionFunc(formatFlag); got != tt.want {
			t.Errorf("%q: -f has a completion function: %v, want %v", tt.args, got, tt.want)
		}
	}
}
