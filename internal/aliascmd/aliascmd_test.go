package aliascmd

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/discovery"
)

// fakeCatalog knows "files list" (with -c and the global -f), the group
// "files", the reserved word "help" and the external plugin "hello".
type fakeCatalog struct{}

func (fakeCatalog) Resolve(words []string) (int, *pflag.FlagSet) {
	fs := pflag.NewFlagSet("x", pflag.ContinueOnError)
	fs.StringP("format", "f", "", "")
	switch {
	case len(words) >= 2 && words[0] == "files" && words[1] == "list":
		fs.StringSliceP("column", "c", nil, "")
		return 2, fs
	case len(words) >= 1 && words[0] == "files":
		return 1, fs
	case len(words) >= 1 && words[0] == "hello":
		return 1, nil
	}
	return 0, nil
}

func (fakeCatalog) Shadows(name string) string {
	switch name {
	case "files":
		return `the command "files"`
	case "help":
		return `the reserved word "help"`
	case "hello":
		return "the external plugin /p/tapp-hello"
	}
	return ""
}

// options returns Options over a config file holding text (none when
// empty).
func options(t *testing.T, text string) (*Options, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.yaml")
	if text != "" {
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return &Options{App: "tapp", Catalog: fakeCatalog{}, Config: func() (*discovery.Config, error) {
		c, err := discovery.LoadConfig(path)
		if err != nil {
			return &discovery.Config{Path: path}, err
		}
		return c, nil
	}}, path
}

func TestSetRun(t *testing.T) {
	for _, tc := range []struct {
		name, in      string
		alias, exp    string
		shell         bool
		want, wantOut string
		wantErr       string
	}{{
		name:  "a new alias",
		alias: "ls", exp: "files list -f csv",
		want:    "aliases:\n  ls: files list -f csv\n",
		wantOut: "alias ls set to files list -f csv (in CONFIG)\n",
	}, {
		name: "a changed alias",
		in:   "aliases:\n  ls: files list\n", alias: "ls", exp: "files list -c name",
		want:    "aliases:\n  ls: files list -c name\n",
		wantOut: "alias ls changed from files list to files list -c name (in CONFIG)\n",
	}, {
		name: "unchanged",
		in:   "aliases:\n  ls: files list\n", alias: "ls", exp: "files list",
		want:    "aliases:\n  ls: files list\n",
		wantOut: "alias ls is already files list\n",
	}, {
		name:  "a shell alias with --shell",
		alias: "st", exp: "git status", shell: true,
		want:    "aliases:\n  st: '!git status'\n",
		wantOut: "alias st set to !git status (in CONFIG)\n",
	}, {
		name:  "a shell alias with !",
		alias: "st", exp: "!git status",
		want: "aliases:\n  st: '!git status'\n", wantOut: "alias st set to !git status (in CONFIG)\n",
	}, {
		name:  "an alias of an external plugin",
		alias: "hi", exp: "hello --anything",
		want: "aliases:\n  hi: hello --anything\n", wantOut: "alias hi set to hello --anything (in CONFIG)\n",
	}, {
		name:  "repairs a broken alias of that name",
		in:    "aliases:\n  ls: files list --nope\n",
		alias: "ls", exp: "files list",
		want: "aliases:\n  ls: files list\n", wantOut: "alias ls changed from files list --nope to files list (in CONFIG)\n",
	}, {
		name: "shadowing a compiled-in command", alias: "files", exp: "files list",
		wantErr: `alias set: "files" is the command "files": an alias may not take its name`,
	}, {
		name: "shadowing a reserved word", alias: "help", exp: "files list",
		wantErr: `alias set: "help" is the reserved word "help": an alias may not take its name`,
	}, {
		name: "shadowing an external plugin", alias: "hello", exp: "files list",
		wantErr: `alias set: "hello" is the external plugin /p/tapp-hello: an alias may not take its name`,
	}, {
		name: "a bad name", alias: "Ls", exp: "files list",
		wantErr: `alias set: alias name: word "Ls" must start with a lower-case letter`,
	}, {
		name: "an unknown option", alias: "ls", exp: "files list --colour",
		wantErr: `alias set: alias "ls": unknown option --colour for "files list"`,
	}, {
		name: "no such command", alias: "ls", exp: "fils list",
		wantErr: `alias set: alias "ls": "fils" is not a command`,
	}, {
		name: "an alias of an alias", in: "aliases:\n  ll: files list\n", alias: "ls", exp: "ll -c name",
		wantErr: `alias set: alias "ls": "ll" is not a command (aliases expand once: an alias cannot name another)`,
	}, {
		name: "a bad quote", alias: "ls", exp: "files list -c 'a",
		wantErr: `alias set: alias "ls": unterminated single quote`,
	}, {
		name: "another broken entry", in: "aliases:\n  x: -v\n", alias: "ls", exp: "files list",
		wantErr: `config.yaml:2: alias "x": the expansion must start with a command word, not the option -v`,
	}} {
		t.Run(tc.name, func(t *testing.T) {
			o, path := options(t, tc.in)
			var out bytes.Buffer
			opts := &SetOptions{Out: &out, Config: o.Config, Catalog: o.Catalog, Name: tc.alias, Expansion: tc.exp, Shell: tc.shell}
			err := setRun(opts)
			got, _ := os.ReadFile(path)
			if tc.wantErr != "" {
				if err == nil || !strings.HasSuffix(err.Error(), tc.wantErr) {
					t.Fatalf("error = %v, want one ending %q", err, tc.wantErr)
				}
				if string(got) != tc.in {
					t.Errorf("the file changed to:\n%s", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("file:\n%s\nwant:\n%s", got, tc.want)
			}
			if want := strings.ReplaceAll(tc.wantOut, "CONFIG", path); out.String() != want {
				t.Errorf("out = %q, want %q", out.String(), want)
			}
		})
	}
}

func TestSetRunUsageErrors(t *testing.T) {
	o, _ := options(t, "")
	err := setRun(&SetOptions{Out: &bytes.Buffer{}, Config: o.Config, Catalog: o.Catalog, Name: "files", Expansion: "files list"})
	if !command.IsUsage(err) {
		t.Errorf("error %v is not a usage error", err)
	}
}

func TestDeleteRun(t *testing.T) {
	o, path := options(t, "aliases:\n  ls: files list # mine\n  lsc: files list -f csv\n")
	var out bytes.Buffer
	if err := deleteRun(&DeleteOptions{Out: &out, Config: o.Config, Name: "ls"}); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != "aliases:\n  # mine\n  lsc: files list -f csv\n" {
		t.Errorf("file:\n%s", got)
	}
	if out.String() != "alias ls deleted (from "+path+")\n" {
		t.Errorf("out = %q", out.String())
	}
	err := deleteRun(&DeleteOptions{Out: &out, Config: o.Config, Name: "ls"})
	if !command.IsUsage(err) || err.Error() != `alias delete: no alias called "ls" in `+path+`; did you mean "lsc"?` {
		t.Errorf("deleting again: %v", err)
	}
}

func TestDeleteRunRepairsABrokenConfig(t *testing.T) {
	o, path := options(t, "aliases:\n  x: -v\n")
	if _, err := o.Config(); err == nil {
		t.Fatal("the config loads")
	}
	if err := deleteRun(&DeleteOptions{Out: &bytes.Buffer{}, Config: o.Config, Name: "x"}); err != nil {
		t.Fatal(err)
	}
	if _, err := discovery.LoadConfig(path); err != nil {
		t.Errorf("still broken: %v", err)
	}
}

func TestListRun(t *testing.T) {
	o, _ := options(t, `aliases:
  ls: files list -c name
  st: "!git status"
  files: files list
  hi: hello x
  bad: files list --nope
  ll: ls
`)
	tab, err := listRun(&ListOptions{Config: o.Config, Catalog: o.Catalog})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for row, err := range tab.Rows {
		if err != nil {
			t.Fatal(err)
		}
		var cells []string
		for _, v := range row {
			cells = append(cells, v.(string))
		}
		got = append(got, strings.Join(cells, " | "))
	}
	want := []string{
		"ls | command | files list -c name | ok",
		"st | shell | !git status | ok",
		`files | command | files list | ignored: files is the command "files"`,
		"hi | command | hello x | ok",
		`bad | command | files list --nope | broken: alias "bad": unknown option --nope for "files list"`,
		`ll | command | ls | broken: alias "ll": "ls" is not a command (aliases expand once: an alias cannot name another)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestListRunConfigError(t *testing.T) {
	o, _ := options(t, "aliases: 3\n")
	if _, err := listRun(&ListOptions{Config: o.Config, Catalog: o.Catalog}); err == nil || !strings.Contains(err.Error(), "config.yaml:1:") {
		t.Errorf("error = %v", err)
	}
}

// The commands are wired to their run functions with the options they
// need: the arguments, --shell and the output stream.
func TestWiring(t *testing.T) {
	o, _ := options(t, "aliases:\n  ls: files list\n")
	var set *SetOptions
	cmd := NewSetCmd(o, func(opts *SetOptions) error { set = opts; return nil })
	fs := pflag.NewFlagSet("set", pflag.ContinueOnError)
	cmd.(command.FlagDeclarer).Flags(fs)
	if err := fs.Parse([]string{"--shell"}); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	inv := &command.Invocation{Args: []string{"st", "git status"}, IO: &command.IOStreams{Out: &out}}
	if err := cmd.(command.Runner).Run(context.Background(), inv); err != nil {
		t.Fatal(err)
	}
	if set == nil || set.Name != "st" || set.Expansion != "git status" || !set.Shell || set.Out != &out {
		t.Errorf("set options = %+v", set)
	}
	var del *DeleteOptions
	dcmd := NewDeleteCmd(o, func(opts *DeleteOptions) error { del = opts; return nil })
	inv.Args = []string{"ls"}
	if err := dcmd.(command.Runner).Run(context.Background(), inv); err != nil || del.Name != "ls" {
		t.Errorf("delete options = %+v, %v", del, err)
	}
	if got := dcmd.(command.ArgCompleter).CompleteArgs(command.Env{}, nil, ""); len(got) != 1 || got[0] != "ls\tfiles list" {
		t.Errorf("delete completes %q", got)
	}
	if len(Commands(o)) != 3 || !IsAliasCommand("alias set") || IsAliasCommand("aliases") {
		t.Error("Commands or IsAliasCommand")
	}
}
