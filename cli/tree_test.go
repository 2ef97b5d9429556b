package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
)

// builtTree returns the tree of a run of a, built, with no argument.
func builtTree(t *testing.T, a *App) *tree {
	t.Helper()
	a.Getenv = func(k string) string {
		if k == "HOME" {
			return t.TempDir()
		}
		return ""
	}
	r := newRun(a)
	t.Cleanup(r.close)
	if _, err := r.start(nil); err != nil {
		t.Fatal(err)
	}
	if err := r.build(); err != nil {
		t.Fatal(err)
	}
	return r.tree
}

func TestCompiledInShadow(t *testing.T) {
	a, _, _ := testApp(t)
	for _, name := range []string{"files list", "version"} {
		if err := a.AddCommand(name, func() command.Command { return &hello{} }); err != nil {
			t.Fatal(err)
		}
	}
	a.Interactive = true
	tr := builtTree(t, a)
	tests := []struct{ words, want string }{
		// Reserved words, whether or not they are in the tree yet.
		{"help", "help"},
		{"help me", "help"},
		{"completion", "completion"},
		{"__complete", "__complete"},
		{"__completeNoDesc", "__completeNoDesc"},
		{"plugin", "plugin"},
		{"plugin frob", "plugin"},
		{"shell", "shell"},
		// docs is the App's only when it has the command.
		{"docs", ""},
		// A compiled-in command, or a runnable one the words start with.
		{"version", "version"},
		{"version x", "version"},
		{"files list", "files list"},
		// A group takes new commands.
		{"files", "files"},
		{"files stat", ""},
		{"hello", ""},
		// format-NAME is a formatter, not a shadowed command.
		{"format csv2", ""},
	}
	for _, tt := range tests {
		if got := tr.compiledInShadow(strings.Fields(tt.words)); got != tt.want {
			t.Errorf("compiledInShadow(%q) = %q, want %q", tt.words, got, tt.want)
		}
	}
}

func TestReservedWordsFollowTheApp(t *testing.T) {
	tests := []struct {
		set   func(*App)
		words map[string]bool
	}{
		{func(*App) {}, map[string]bool{"help": true, "completion": true, "__complete": true, "__completeNoDesc": true,
			"format": true, "plugin": true, "alias": true, "shell": false, "docs": false, "hello": false}},
		{func(a *App) { a.Interactive, a.DocsCommand, a.NoPluginCommands, a.NoAliases = true, true, true, true },
			map[string]bool{"plugin": false, "alias": false, "shell": true, "docs": true}},
	}
	for i, tt := range tests {
		a, _, _ := testApp(t)
		tt.set(a)
		tr := newTree(a, a.IO, &globalOptions{})
		for w, want := range tt.words {
			if got := tr.reserved(w); got != want {
				t.Errorf("%d: reserved(%q) = %v, want %v", i, w, got, want)
			}
		}
	}
}

func TestNodesReplaceAnnotations(t *testing.T) {
	a, _, _ := testApp(t)
	if err := a.AddCommand("files list", func() command.Command { return &lister{} }); err != nil {
		t.Fatal(err)
	}
	tr := builtTree(t, a)
	files := childNamed(tr.root, "files")
	list := childNamed(files, "list")
	if n := tr.nodes.of(files); n.kind != kindGroup || n.name != "files" {
		t.Errorf("files: node %+v, want a group", n)
	}
	n := tr.nodes.of(list)
	if n.kind != kindCommand || n.name != "files list" || n.outputKind().String() != "list" || !n.outputFlag("column") {
		t.Errorf("files list: node kind %v name %q output %v, want a lister with output flags", n.kind, n.name, n.outputKind())
	}
	if n := tr.nodes.of(childNamed(tr.root, "completion")); n.kind != kindOther || n.external() {
		t.Errorf("completion: node %+v, want Longshore's own", n)
	}
	for _, c := range []*cobra.Command{files, list} {
		if len(c.Annotations) != 0 {
			t.Errorf("%s carries cobra annotations: %v", c.CommandPath(), c.Annotations)
		}
	}
}

// TestExternalCommandsIndexOnce pins that adding external commands looks
// each word up in an index of a parent's compiled-in children, built once
// per parent: walking cobra's children per plugin (which cobra re-sorts
// after every AddCommand) made listing quadratic. The tree it builds is
// the one a walk would: groups shared, a plugin under another's command.
func TestExternalCommandsIndexOnce(t *testing.T) {
	a, _, _ := testApp(t)
	if err := a.AddCommand("files list", func() command.Command { return &hello{} }); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	names := []string{"tapp-files-stat", "tapp-grp-a", "tapp-grp-b", "tapp-p0001-sub", "tapp-files-list"}
	for i := range 300 {
		names = append(names, fmt.Sprintf("tapp-p%04d", i))
	}
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	home := t.TempDir()
	a.Getenv = func(k string) string {
		switch k {
		case "HOME":
			return home
		case "PATH":
			return dir
		}
		return ""
	}
	r := newRun(a)
	t.Cleanup(r.close)
	if _, err := r.start([]string{"help"}); err != nil {
		t.Fatal(err)
	}
	if err := r.build(); err != nil {
		t.Fatal(err)
	}
	tr := r.tree
	tr.addExternalCommands()
	if len(tr.compiled) > 2 {
		t.Errorf("indexed the children of %d commands, want the root's and files' only", len(tr.compiled))
	}
	find := func(path string) *cobra.Command {
		c, _, err := tr.root.Find(strings.Fields(path))
		if err != nil || c.CommandPath() != "tapp "+path {
			t.Errorf("%q: found %v, %v", path, c, err)
			return nil
		}
		return c
	}
	for _, path := range []string{"files stat", "files list", "grp a", "grp b", "p0001 sub", "p0299"} {
		find(path)
	}
	if c := find("files list"); c != nil && tr.nodes.of(c).external() {
		t.Errorf("files list is the external one, want the compiled-in command")
	}
	if c := find("grp"); c != nil && len(c.Commands()) != 2 {
		t.Errorf("grp has %d commands, want 2 (one group for both)", len(c.Commands()))
	}
	if n := len(tr.root.Commands()); n < 302 {
		t.Errorf("root has %d commands, want the 300 plugins, grp and files at least", n)
	}
}

// namedFlagCounter is a command that counts, by name, the times its
// options are declared: once per run that builds it.
type namedFlagCounter struct {
	hello
	aliases  []string
	declared map[string]int
	name     string
}

func (c *namedFlagCounter) Info() command.Info {
	i := c.hello.Info()
	i.Aliases = c.aliases
	return i
}

func (c *namedFlagCounter) Flags(fs *pflag.FlagSet) {
	c.declared[c.name]++
	c.hello.Flags(fs)
}

// TestRunBuildsOnlyTheCommandsUnderItsRootWord pins the lazy tree: a run
// of one of the App's commands builds it and its siblings under the same
// root word (so that a group's help and an unknown word under it stay
// whole), none under another root word; help, completion and a root
// listing build them all. Building a command declares its options (and its
// output options): "version" used to build every command to run one.
func TestRunBuildsOnlyTheCommandsUnderItsRootWord(t *testing.T) {
	tests := []struct {
		args []string
		want string // the commands whose options were declared
	}{
		{[]string{"alpha"}, "alpha"},
		{[]string{"al", "x"}, "alpha"}, // by its alias
		{[]string{"-v", "beta", "one", "--name", "n"}, "beta one,beta two"},
		{[]string{"beta", "two", "--help"}, "alpha,beta one,beta two"},
		{[]string{"beta"}, "beta one,beta two"}, // the group's help
		{[]string{"help", "alpha"}, "alpha,beta one,beta two"},
		{[]string{"__complete", "alpha", ""}, "alpha,beta one,beta two"},
		{[]string{}, "alpha,beta one,beta two"},
	}
	for _, tt := range tests {
		declared := map[string]int{}
		a, out, errOut := testApp(t)
		a.Getenv = func(k string) string {
			if k == "HOME" {
				return t.TempDir()
			}
			return ""
		}
		for _, name := range []string{"alpha", "beta one", "beta two"} {
			c := &namedFlagCounter{name: name, declared: declared}
			if name == "alpha" {
				c.aliases = []string{"al"}
			}
			if err := a.AddCommand(name, func() command.Command { return c }); err != nil {
				t.Fatal(err)
			}
		}
		if code := a.Run(t.Context(), tt.args); code != 0 {
			t.Fatalf("%q: exit %d: %s", tt.args, code, errOut)
		}
		var got []string
		for name, n := range declared {
			if n != 1 {
				t.Errorf("%q: the options of %s declared %d times", tt.args, name, n)
			}
			got = append(got, name)
		}
		slices.Sort(got)
		if strings.Join(got, ",") != tt.want {
			t.Errorf("%q: built %q, want %q (output %q)", tt.args, got, tt.want, out)
		}
	}
}
