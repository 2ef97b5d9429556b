package cli

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"

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
