package discovery

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseConfigAliases(t *testing.T) {
	for _, tc := range []struct {
		name     string
		yaml     string
		aliases  []Alias
		defaults []Default
		wantErr  string
	}{{
		name: "command, list and shell aliases",
		yaml: "aliases:\n  ls: files list -f csv\n  csv: [files, list, -f, csv]\n  st: \"!git status\"\n",
		aliases: []Alias{
			{Name: "ls", Args: []string{"files", "list", "-f", "csv"}, Line: 2},
			{Name: "csv", Args: []string{"files", "list", "-f", "csv"}, Line: 3},
			{Name: "st", Shell: "git status", Line: 4},
		},
	}, {
		name:    "quoted arguments",
		yaml:    "aliases:\n  g: grep 'a b' -x\n",
		aliases: []Alias{{Name: "g", Args: []string{"grep", "a b", "-x"}, Line: 2}},
	}, {
		name: "defaults as a list and as a string",
		yaml: "defaults:\n  files list: [--sort-column, name]\n  files   show: -f yaml\n",
		defaults: []Default{
			{Command: "files list", Options: []string{"--sort-column", "name"}, Line: 2},
			{Command: "files show", Options: []string{"-f", "yaml"}, Line: 3},
		},
	}, {
		name: "empty sections",
		yaml: "aliases:\ndefaults: {}\n",
	}, {
		name:    "a bad alias name",
		yaml:    "aliases:\n  LS: files list\n",
		wantErr: `config.yaml:2: alias name: word "LS" must start with a lower-case letter`,
	}, {
		name:    "an unquoted shell alias",
		yaml:    "aliases:\n  ok: files list\n  st: !git status\n",
		wantErr: `config.yaml:3: alias "st": the tag !git is not allowed: quote a shell alias (st: "!...")`,
	}, {
		name:    "an empty expansion",
		yaml:    "aliases:\n  x: \"\"\n",
		wantErr: `config.yaml:2: alias "x": empty expansion`,
	}, {
		name:    "an expansion starting with an option",
		yaml:    "aliases:\n  x: -v files\n",
		wantErr: `config.yaml:2: alias "x": the expansion must start with a command word`,
	}, {
		name:    "an empty shell command",
		yaml:    "aliases:\n  x: '! '\n",
		wantErr: `config.yaml:2: alias "x": empty shell command after "!"`,
	}, {
		name:    "an unterminated quote",
		yaml:    "aliases:\n  x: grep 'a\n",
		wantErr: `config.yaml:2: alias "x": unterminated single quote`,
	}, {
		name:    "a mapping as expansion",
		yaml:    "aliases:\n  x:\n    y: z\n",
		wantErr: `config.yaml:3: alias "x": want a string or a list of strings, not a mapping`,
	}, {
		name:    "a list item at fault",
		yaml:    "aliases:\n  x:\n    - files\n    - [a]\n",
		wantErr: `config.yaml:4: alias "x": want a string, not a list`,
	}, {
		name:    "aliases not a mapping",
		yaml:    "aliases: [ls]\n",
		wantErr: `config.yaml:1: aliases: want a mapping, not a list`,
	}, {
		name:    "an alias given twice",
		yaml:    "aliases:\n  x: files\n  x: hello\n",
		wantErr: `config.yaml:3: aliases: "x" is given twice (first at line 2)`,
	}, {
		name:    "defaults for a bad command name",
		yaml:    "defaults:\n  Files: [-v]\n",
		wantErr: `config.yaml:2: defaults: command name "Files"`,
	}, {
		name:    "defaults that are no options",
		yaml:    "defaults:\n  files list: [name]\n",
		wantErr: `config.yaml:2: defaults for "files list": "name" is not an option: defaults hold options only`,
	}, {
		name:    "defaults for one command twice",
		yaml:    "defaults:\n  files list: -v\n  files  list: -q\n",
		wantErr: `config.yaml:3: defaults for "files list" are set twice (first at line 2)`,
	}, {
		name:    "a default of the wrong type",
		yaml:    "defaults:\n  files list:\n    - -c\n    - null\n",
		wantErr: `config.yaml:4: defaults for "files list": want a string, not null`,
	}} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := ParseConfig("config.yaml", []byte(tc.yaml))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(c.Aliases, tc.aliases) {
				t.Errorf("aliases = %+v, want %+v", c.Aliases, tc.aliases)
			}
			if !reflect.DeepEqual(c.Defaults, tc.defaults) {
				t.Errorf("defaults = %+v, want %+v", c.Defaults, tc.defaults)
			}
		})
	}
}

func TestConfigAliasLookup(t *testing.T) {
	c, err := ParseConfig("/c.yaml", []byte("aliases:\n  ls: files list 'a b'\n  st: '!git status'\ndefaults:\n  files list: -v\n"))
	if err != nil {
		t.Fatal(err)
	}
	if a := c.Alias("ls"); a == nil || a.Expansion() != "files list 'a b'" {
		t.Errorf("Alias(ls) = %+v", a)
	}
	if a := c.Alias("st"); a == nil || a.Expansion() != "!git status" {
		t.Errorf("Alias(st) = %+v", a)
	}
	if c.Alias("none") != nil || (*Config)(nil).Alias("ls") != nil {
		t.Error("Alias found what is not there")
	}
	if d := c.DefaultsOf("files list"); d == nil || c.Where(d.Line) != "/c.yaml:5" {
		t.Errorf("DefaultsOf(files list) = %+v", d)
	}
	if c.DefaultsOf("files") != nil {
		t.Error("DefaultsOf(files) found one")
	}
}
