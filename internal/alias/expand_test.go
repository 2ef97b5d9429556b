package alias

import (
	"slices"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/internal/discovery"
)

// fakeCommands resolves the words of a small app: "files list" and "files
// show" with their options, the "files" group, and "hello", an external
// plugin. Every command has the app's global options.
type fakeCommands struct{}

func globals(fs *pflag.FlagSet) {
	fs.CountP("verbose", "v", "")
	fs.BoolP("quiet", "q", false, "")
	fs.StringP("format", "f", "", "")
	fs.String("config", "", "")
}

func (fakeCommands) Resolve(words []string) (int, *pflag.FlagSet) {
	fs := pflag.NewFlagSet("x", pflag.ContinueOnError)
	globals(fs)
	switch {
	case len(words) >= 2 && words[0] == "files" && words[1] == "list":
		fs.StringSliceP("column", "c", nil, "")
		fs.StringSlice("sort-column", nil, "")
		fs.BoolP("long", "l", false, "")
		fs.BoolP("all", "a", false, "")
		return 2, fs
	case len(words) >= 2 && words[0] == "files" && words[1] == "show":
		return 2, fs
	case len(words) >= 1 && words[0] == "files":
		return 1, fs
	case len(words) >= 1 && words[0] == "hello":
		return 1, nil
	}
	return 0, nil
}

func config(t *testing.T, yaml string) *discovery.Config {
	t.Helper()
	c, err := discovery.ParseConfig("/home/u/config.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

const aliases = `aliases:
  ls: files list -f csv -c name
  lsa: files list dir1 -la
  grep: files list -- -x
  hi: hello --loud world
  ll: ls -l
  bad: files list --colour
  short: files list -c
  group: files -v
  none: nothing here
defaults:
  files list: [--sort-column, name, -q]
  files show: -f yaml --nope
  hello: [--loud]
`

func TestExpand(t *testing.T) {
	cfg := config(t, aliases)
	for _, tc := range []struct {
		name    string
		args    string
		at      int
		want    string
		wantErr string
	}{
		{"the alias alone", "ls", 0, "files list -f csv -c name", ""},
		{"user arguments come last", "ls a b", 0, "files list -f csv -c name a b", ""},
		{"user options win, in kuberc's order", "ls x -f json y", 0, "files list -f json -c name x y", ""},
		{"a user option given in another form", "ls --format=json", 0, "files list --format=json -c name", ""},
		{"a repeatable option given by the user replaces the alias's", "ls -c size -c mtime", 0, "files list -c size -c mtime -f csv", ""},
		{"an option given before the alias counts", "-v -f json ls", 3, "-v -f json files list -c name", ""},
		{"the alias's arguments come first", "lsa dir2", 0, "files list dir1 -l -a dir2", ""},
		{"a run of shorthands is split so one can be dropped", "lsa -a=false", 0, "files list dir1 -a=false -l", ""},
		{"a user option in a run counts", "lsa -qa", 0, "files list dir1 -qa -l", ""},
		{"-- in the alias", "grep y", 0, "files list -- -x y", ""},
		{"-- from the user", "ls -- -y", 0, "files list -f csv -c name -- -y", ""},
		{"a user option lacking its value stays last", "ls -c", 0, "files list -f csv -c", ""},
		{"a user option lacking its value stays last, after the alias's", "ls -q -f", 0, "files list -c name -q -f", ""},
		{"an unknown user option is cobra's to report", "ls --nope x", 0, "files list --nope -f csv -c name x", ""},
		{"an external plugin's arguments pass untouched", "hi -f x", 0, "hello --loud world -f x", ""},
		{"a group", "group list", 0, "files -v list", ""},
		{"expanded once: an alias naming an alias", "ll", 0, "", `/home/u/config.yaml:6: alias "ll": "ls" is not a command (aliases expand once: an alias cannot name another)`},
		{"no command", "none", 0, "", `/home/u/config.yaml:10: alias "none": "nothing" is not a command`},
		{"an unknown option", "bad", 0, "", `/home/u/config.yaml:7: alias "bad": unknown option --colour for "files list"`},
		{"an option lacking its value", "short x", 0, "", `/home/u/config.yaml:8: alias "short": option -c needs a value for "files list"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := strings.Fields(tc.args)
			got, err := Expand(cfg, cfg.Alias(args[tc.at]), args, tc.at, fakeCommands{})
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("error = %v, want %s", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if want := strings.Fields(tc.want); !slices.Equal(got, want) {
				t.Errorf("Expand(%s) = %q, want %q", tc.args, got, want)
			}
		})
	}
}

func TestExpandShellAlias(t *testing.T) {
	cfg := config(t, "aliases:\n  st: '!git status'\n")
	if _, err := Expand(cfg, cfg.Alias("st"), []string{"st"}, 0, fakeCommands{}); err == nil || !strings.Contains(err.Error(), "shell alias") {
		t.Errorf("error = %v", err)
	}
}

func TestWithDefaults(t *testing.T) {
	cfg := config(t, aliases)
	for _, tc := range []struct {
		name    string
		command string
		args    string
		end     int
		want    string
		wantErr string
	}{
		{"added after the command words", "files list", "files list a", 2, "files list --sort-column name -q a", ""},
		{"an option given wins", "files list", "files list --sort-column=size", 2, "files list -q --sort-column=size", ""},
		{"given before the words", "files list", "-q files list", 3, "-q files list --sort-column name", ""},
		{"given through an alias", "files list", "files list -f csv --sort-column x", 2, "files list -q -f csv --sort-column x", ""},
		{"all given", "files list", "files list -q --sort-column x", 2, "files list -q --sort-column x", ""},
		{"not after --", "files list", "files list -- -q", 2, "files list --sort-column name -q -- -q", ""},
		{"an unknown option", "files show", "files show", 2, "", `/home/u/config.yaml:13: defaults for "files show": unknown option --nope`},
		{"an external plugin", "hello", "hello", 1, "", `/home/u/config.yaml:14: defaults for "hello": it is an external plugin, whose options are its own; defaults apply to the app's own commands`},
		{"none", "files", "files x", 1, "files x", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := strings.Fields(tc.args)
			_, flags := fakeCommands{}.Resolve(strings.Fields(tc.command))
			got, err := WithDefaults(cfg, cfg.DefaultsOf(tc.command), args, tc.end, flags)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("error = %v, want %s", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if want := strings.Fields(tc.want); !slices.Equal(got, want) {
				t.Errorf("WithDefaults(%s) = %q, want %q", tc.args, got, want)
			}
		})
	}
}

func TestWithDefaultsOptionValueIsNoOption(t *testing.T) {
	// A value that looks like a positional argument after an option that
	// takes none is not an option: defaults hold options only.
	cfg := config(t, "defaults:\n  files list: [-l, name]\n")
	_, flags := fakeCommands{}.Resolve([]string{"files", "list"})
	_, err := WithDefaults(cfg, cfg.DefaultsOf("files list"), []string{"files", "list"}, 2, flags)
	if err == nil || err.Error() != `/home/u/config.yaml:2: defaults for "files list": "name" is not an option: defaults hold options only` {
		t.Errorf("error = %v", err)
	}
}

// FuzzExpand checks, for any user arguments after an alias, that the
// expansion keeps them all after the alias's words, and that WithDefaults
// keeps every argument it is given, in order.
func FuzzExpand(f *testing.F) {
	f.Add("ls", "-f json x -- -y")
	f.Add("lsa", "-qa -c")
	f.Add("grep", "--sort-column=a -v -vv")
	f.Add("hi", "-f")
	cfg, err := discovery.ParseConfig("/c.yaml", []byte(aliases))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, name, user string) {
		a := cfg.Alias(name)
		if a == nil || a.Shell != "" {
			return
		}
		args := append([]string{name}, strings.Fields(user)...)
		got, err := Expand(cfg, a, args, 0, fakeCommands{})
		if err != nil {
			return
		}
		if !contains(got, args[1:]) {
			t.Fatalf("Expand(%q) = %q lost a user argument", args, got)
		}
		words := leadingWords(a.Args)
		n, flags := fakeCommands{}.Resolve(words)
		if !slices.Equal(got[:n], a.Args[:n]) {
			t.Fatalf("Expand(%q) = %q does not start with the command words", args, got)
		}
		if flags == nil {
			return
		}
		d := cfg.DefaultsOf(strings.Join(a.Args[:n], " "))
		with, err := WithDefaults(cfg, d, got, n, flags)
		if err == nil && !subsequence(got, with) {
			t.Fatalf("WithDefaults(%q) = %q lost an argument", got, with)
		}
	})
}

// contains reports whether s holds every item of items (as many times).
func contains(s, items []string) bool {
	count := map[string]int{}
	for _, x := range s {
		count[x]++
	}
	for _, x := range items {
		if count[x]--; count[x] < 0 {
			return false
		}
	}
	return true
}

// subsequence reports whether sub's items appear in s in order.
func subsequence(sub, s []string) bool {
	i := 0
	for _, x := range s {
		if i < len(sub) && x == sub[i] {
			i++
		}
	}
	return i == len(sub)
}
