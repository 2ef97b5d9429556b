package discovery

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSetAliasKeepsLayout(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
		alias, exp     string
		changed        bool
	}{{
		name:  "a new file",
		alias: "ls", exp: "files list -f csv", changed: true,
		want: "aliases:\n  ls: files list -f csv\n",
	}, {
		name:  "a file of comments only",
		in:    "# my settings\n",
		alias: "ls", exp: "files list", changed: true,
		want: "# my settings\naliases:\n  ls: files list\n",
	}, {
		name:  "appended after the others, comments and the app's keys kept",
		in:    "# top\nmyapp:\n    colour: red # why\naliases:\n    # listing\n    ll: files list -v\n",
		alias: "ls", exp: "files list", changed: true,
		want: "# top\nmyapp:\n    colour: red # why\naliases:\n    # listing\n    ll: files list -v\n    ls: files list\n",
	}, {
		name:  "replaced in place, its comment kept",
		in:    "aliases:\n  ls: files list # short\n  ll: files list -v\n",
		alias: "ls", exp: "files list -f csv", changed: true,
		want: "aliases:\n  ls: files list -f csv # short\n  ll: files list -v\n",
	}, {
		name:  "unchanged",
		in:    "aliases:\n  ls: files list\n",
		alias: "ls", exp: "files list",
		want: "aliases:\n  ls: files list\n",
	}, {
		name:  "a shell alias is quoted",
		alias: "st", exp: "!git status", changed: true,
		want: "aliases:\n  st: '!git status'\n",
	}, {
		name:  "a null section",
		in:    "aliases:\n",
		alias: "ls", exp: "files list", changed: true,
		want: "aliases:\n  ls: files list\n",
	}} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config.yaml")
			if tc.in != "" {
				if err := os.WriteFile(path, []byte(tc.in), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			changed, err := SetAlias(path, tc.alias, tc.exp)
			if err != nil {
				t.Fatal(err)
			}
			if changed != tc.changed {
				t.Errorf("changed = %v, want %v", changed, tc.changed)
			}
			got, _ := os.ReadFile(path)
			if string(got) != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
			c, err := LoadConfig(path)
			if err != nil || c.Alias(tc.alias) == nil || c.Alias(tc.alias).Expansion() != tc.exp {
				t.Errorf("reloaded: %+v, %v", c, err)
			}
		})
	}
}

func TestSetAliasRefuses(t *testing.T) {
	for _, tc := range []struct {
		name, in, alias, exp, wantErr string
	}{
		{"a bad name", "", "LS", "files", `alias name: word "LS"`},
		{"a bad expansion", "", "ls", "files 'x", `alias "ls": unterminated single quote`},
		{"an expansion starting with an option", "", "ls", "-v", `alias "ls": the expansion must start with a command word`},
		{"a config another entry breaks", "aliases:\n  x: -v\n", "ls", "files", `config.yaml:2: alias "x": the expansion must start with a command word`},
		{"not YAML", "aliases: [\n", "ls", "files", "config.yaml:"},
		{"a top that is no mapping", "- a\n", "ls", "files", "config.yaml:1: want a mapping at the top, not a list"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config.yaml")
			if tc.in != "" {
				if err := os.WriteFile(path, []byte(tc.in), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			_, err := SetAlias(path, tc.alias, tc.exp)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("error = %v, want one containing %q", err, tc.wantErr)
			}
			got, _ := os.ReadFile(path)
			if string(got) != tc.in {
				t.Errorf("file changed to:\n%s", got)
			}
		})
	}
}

func TestDeleteAlias(t *testing.T) {
	for _, tc := range []struct {
		name, in, alias, want string
		changed               bool
	}{{
		name:  "the comment of a removed alias moves to the next",
		in:    "aliases:\n  # short listing\n  ls: files list # csv\n  ll: files list -v\nplugins: {}\n",
		alias: "ls", changed: true,
		want: "aliases:\n  # short listing\n  # csv\n  ll: files list -v\nplugins: {}\n",
	}, {
		name:  "the last one",
		in:    "aliases:\n  ll: files list -v\n  ls: files list # csv\n",
		alias: "ls", changed: true,
		want: "aliases:\n  ll: files list -v\n  # csv\n",
	}, {
		name:  "a broken alias can be removed",
		in:    "aliases:\n  x: -v\n  ls: files list\n",
		alias: "x", changed: true,
		want: "aliases:\n  ls: files list\n",
	}, {
		name:  "no such alias",
		in:    "aliases:\n  ls: files list\n",
		alias: "ll",
		want:  "aliases:\n  ls: files list\n",
	}, {
		name:  "no file",
		alias: "ll",
	}} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config.yaml")
			if tc.in != "" {
				if err := os.WriteFile(path, []byte(tc.in), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			changed, err := DeleteAlias(path, tc.alias)
			if err != nil {
				t.Fatal(err)
			}
			if changed != tc.changed {
				t.Errorf("changed = %v, want %v", changed, tc.changed)
			}
			got, _ := os.ReadFile(path)
			if string(got) != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

// Concurrent alias set's each keep their alias: the edits take turns on
// the config's lock.
func TestSetAliasConcurrent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	const n = 8
	errs := make(chan error, n)
	for i := range n {
		go func() {
			_, err := SetAlias(path, fmt.Sprintf("a%d", i), "files list")
			errs <- err
		}()
	}
	for range n {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	c, err := LoadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Aliases) != n {
		t.Errorf("%d aliases, want %d", len(c.Aliases), n)
	}
}
