package cli

import (
	"reflect"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/longshore/longshore/command"
)

// scanTree returns a tree with a group "files" (its leaf "list", with -a
// and -c NAME) and a leaf "version", as the scanner sees it.
func scanTree(t *testing.T) *tree {
	t.Helper()
	a := New("tapp", "1.0", "test")
	var opts globalOptions
	tr := newTree(a, &command.IOStreams{}, &opts)
	files := &cobra.Command{Use: "files"}
	list := &cobra.Command{Use: "list", RunE: func(*cobra.Command, []string) error { return nil }}
	list.Flags().BoolP("all", "a", false, "")
	list.Flags().StringP("column", "c", "", "")
	files.AddCommand(list)
	version := &cobra.Command{Use: "version", RunE: func(*cobra.Command, []string) error { return nil }}
	run := &cobra.Command{Use: "run", RunE: func(*cobra.Command, []string) error { return nil }}
	run.AddCommand(&cobra.Command{Use: "list", RunE: func(*cobra.Command, []string) error { return nil }})
	files.AddCommand(run)
	tr.root.AddCommand(files, version)
	return tr
}

func TestScanArgs(t *testing.T) {
	tr := scanTree(t)
	tests := []struct {
		args string
		// words, globals, external and what follows the external words
		// (the plugin's own, for one external word), "|"-separated.
		want string
		help bool
	}{
		{"", "|||", false},
		{"files list", "files list|||", false},
		{"-v files list -a .", "files list|-v||", false},
		{"files list . -c name --config c.yaml", "files list|--config c.yaml||", false},
		{"--config=a.yaml files --config b.yaml list", "files list|--config=a.yaml --config b.yaml||", false},
		{"-vq -f json files list", "files list|-vq -f json||", false},
		{"-f json -v hello a b", "|-f json -v|hello a b|a b", false},
		// Everything after the first external word is the plugin's.
		{"hello --config x.yaml -f json -v --debug --help -- -q", "||hello|--config x.yaml -f json -v --debug --help -- -q", false},
		{"--log-file l.log envdump --log-file p.log", "|--log-file l.log|envdump|--log-file p.log", false},
		// An external command under a compiled-in group.
		{"files stat -v x", "files||stat|-v x", false},
		// A flag's value is no command word.
		{"--config files hello", "|--config files|hello|", false},
		// "--" ends the app's options: the rest is the command's.
		{"files list -- --config x -v", "files list|||", false},
		{"-- hello", "|||", false},
		// --help anywhere, before, between or after the words; never global.
		{"--help files list", "files list|||", true},
		{"files -h list", "files list|||", true},
		{"-vh files", "files|||", true},
		{"--help hello -x", "||hello|-x", true},
		// help and completion requests take command words as arguments.
		{"help files list", "help|||", false},
		{"__complete -v files li", "__complete|-v||", false},
		// "-" alone is a word (standard input).
		{"version -", "version|||", false},
		// A command that runs and has subcommands: a child's word descends,
		// any other is its argument, and no command word follows one.
		{"files run x", "files run|||", false},
		{"files run list", "files run list|||", false},
		{"files run x list", "files run|||", false},
	}
	for _, tt := range tests {
		var args []string
		if tt.args != "" {
			args = strings.Fields(tt.args)
		}
		l := scanArgs(args, tr.globals, tr.scanRoot())
		plugin := ""
		if l.extAt >= 0 {
			plugin = strings.Join(l.pluginArgs(1), " ")
		}
		got := strings.Join([]string{strings.Join(l.words, " "), strings.Join(l.globals, " "), strings.Join(l.external, " "), plugin}, "|")
		if got != tt.want || l.help != tt.help {
			t.Errorf("scan %q = %q help=%v, want %q help=%v", tt.args, got, l.help, tt.want, tt.help)
		}
	}
}

func TestScanArgsUnknownOptions(t *testing.T) {
	tr := scanTree(t)
	tests := []struct {
		args string
		want []string
	}{
		// Before an external command's name: the scanner keeps them, for
		// resolveExternal to report.
		{"--bogus hello", []string{"--bogus"}},
		{"-x hello", []string{"-x"}},
		// A compiled-in command's (or its hooks'): cobra judges them.
		{"files list --audit", nil},
		{"files list -va", nil},
		// The plugin's own are none of the app's business.
		{"hello --bogus", nil},
	}
	for _, tt := range tests {
		l := scanArgs(strings.Fields(tt.args), tr.globals, tr.scanRoot())
		if !reflect.DeepEqual(l.unknown, tt.want) {
			t.Errorf("scan %q: unknown = %q, want %q", tt.args, l.unknown, tt.want)
		}
	}
}

func TestCobraArgs(t *testing.T) {
	tr := scanTree(t)
	tests := []struct{ args, want string }{
		// The global options are the scanner's: cobra never sees them.
		{"-v files list --config c.yaml -a .", "files list -a ."},
		{"--help files list -a", "files list --help"},
		{"files list -- -v", "files list -- -v"},
		{"__complete -v files li", "__complete -v files li"},
		// The command words first: cobra finds the command before it reads
		// an option it does not know (a hook's), which it would take the
		// next word for the value of.
		{"--audit files -a list .", "files list --audit -a ."},
		{"-v --audit files list -- x", "files list --audit -- x"},
	}
	for _, tt := range tests {
		l := scanArgs(strings.Fields(tt.args), tr.globals, tr.scanRoot())
		if got := strings.Join(l.cobraArgs(), " "); got != tt.want {
			t.Errorf("cobraArgs(%q) = %q, want %q", tt.args, got, tt.want)
		}
	}
}

func TestScanArgsAfterDashes(t *testing.T) {
	tr := scanTree(t)
	tests := []struct {
		args string
		want int
	}{
		// Where a command word is expected, what follows "--" is an
		// argument the root or group does not take.
		{"-- version", 1},
		{"-v files -- list", 3},
		// Nothing after it, or a command that takes arguments: none.
		{"--", -1},
		{"files list -- x", -1},
		{"version -- x", -1},
	}
	for _, tt := range tests {
		l := scanArgs(strings.Fields(tt.args), tr.globals, tr.scanRoot())
		if l.dashArg != tt.want {
			t.Errorf("scan %q: dashArg = %d, want %d", tt.args, l.dashArg, tt.want)
		}
	}
}

func TestScanArgsBeforeTheTree(t *testing.T) {
	tr := scanTree(t)
	compiled := map[string]bool{"files": true, "version": true, "help": true}
	root := wordsNode{compiledIn: func(w string) bool { return compiled[w] }, own: tr.ownFlags}
	tests := []struct{ args, words, external string }{
		{"-v hello x", "", "hello x"},
		{"--version", "", ""},
		// A compiled-in root word: the full scan decides the rest.
		{"files stat -v", "files", ""},
		{"help hello", "help", ""},
	}
	for _, tt := range tests {
		l := scanArgs(strings.Fields(tt.args), tr.globals, root)
		if got := strings.Join(l.words, " "); got != tt.words || strings.Join(l.external, " ") != tt.external || len(l.unknown) > 0 {
			t.Errorf("scan %q: words %q external %q unknown %q, want %q and %q", tt.args, got, l.external, l.unknown, tt.words, tt.external)
		}
	}
}
