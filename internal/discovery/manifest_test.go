package discovery

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/longshore/longshore/internal/names"
)

func TestParseManifest(t *testing.T) {
	tests := []struct {
		name, yaml, wantErr string
	}{
		{"empty", "", ""},
		{"full", `name: files stat
version: 1.0.0
description: Stat files
long: More.
completion: true
output: record
requires: {env: [TOKEN], executables: [git], app: 0.2.0}
hooks:
  - name: audit
    commands: ["files *", "*", version]
    before: true
    after: true
    required: true
    priority: -3
    timeout: 1m
    flags:
      - {name: audit-log, type: string, default: x, usage: where}
      - {name: loud, type: bool, default: true}
      - {name: level, type: int, default: 3}
formatters:
  - {name: xml, kind: list}
  - {name: ini}
`, ""},
		{"unknown key", "name: x\ncolour: red\n", `m.yaml:2: unknown key "colour"`},
		{"unknown nested key", "requires:\n  envs: [A]\n", `m.yaml:2: unknown key "envs"`},
		{"wrong type", "completion: maybe\n", "m.yaml:1: want a boolean (true or false), not a string `maybe`"},
		{"syntax", "name: [x\n", "m.yaml:"},
		{"bad name", "name: Files\n", `m.yaml:1: name: command name "Files": word "Files" must start with a lower-case letter`},
		{"bad output", "output: table\n", `m.yaml:1: output "table": must be list or record`},
		{"absolute exec", "\nexec: /bin/sh\n", `m.yaml:2: exec "/bin/sh": must be a path inside the plugin's folder`},
		{"bad env", "requires:\n  env: [OK, 'NOT OK']\n", `m.yaml:2: requires.env "NOT OK": not an environment variable name`},
		{"bad executable", "requires:\n  executables:\n    - git\n    - /usr/bin/git\n", `m.yaml:4: requires.executables "/usr/bin/git": must be a command name looked up on PATH`},
		{"bad app version", "requires:\n  app: latest\n", `m.yaml:2: requires.app "latest": not a version like 1.2.3`},
		{"hook without name", "hooks:\n  - commands: ['*']\n    before: true\n", `m.yaml:2: hook name: empty word`},
		{"hook without commands", "hooks:\n  - name: h\n    before: true\n", `m.yaml:2: hook "h": commands: at least one command or pattern is needed`},
		{"hook bad pattern", "hooks:\n  - name: h\n    before: true\n    commands: [ok, 'files [']\n", `m.yaml:4: hook "h": commands: command pattern "files [": glob "[": syntax error in pattern`},
		{"hook neither", "hooks:\n  - name: h\n    commands: ['*']\n", `m.yaml:2: hook "h": set before, after or both to true`},
		{"hook timeout", "hooks:\n  - name: h\n    after: true\n    commands: ['*']\n    timeout: -1s\n", `m.yaml:5: hook "h": timeout -1s: not a positive duration like 10s`},
		{"hook timeout text", "hooks:\n  - name: h\n    after: true\n    commands: ['*']\n    timeout: soon\n", "m.yaml:5: want a duration like 10s, not a string `soon`"},
		{"hook twice", "hooks:\n  - {name: h, after: true, commands: ['*']}\n  - {name: h, after: true, commands: ['*']}\n", `m.yaml:3: hook "h" declared twice`},
		{"flag type", "hooks:\n  - name: h\n    after: true\n    commands: ['*']\n    flags:\n      - name: f\n        type: float\n", `m.yaml:7: hook "h": flag "f": type "float" must be bool, string or int`},
		{"flag default", "hooks:\n  - name: h\n    after: true\n    commands: ['*']\n    flags:\n      - {name: n, type: int, default: lots}\n", `m.yaml:6: hook "h": flag "n": default "lots" is not an int`},
		{"bool flag default", "hooks:\n  - name: h\n    after: true\n    commands: ['*']\n    flags:\n      - {name: n, type: bool, default: 3}\n", `m.yaml:6: hook "h": flag "n": default "3" is not a bool`},
		{"flag twice", "hooks:\n  - name: h\n    after: true\n    commands: ['*']\n    flags:\n      - {name: n}\n      - {name: n}\n", `m.yaml:7: hook "h": flag "n" declared twice`},
		{"formatter kind", "formatters:\n  - name: xml\n    kind: tree\n", `m.yaml:3: formatter "xml": kind "tree" must be list, record or both`},
		{"YAML 1.2", "# a plugin\n%YAML 1.2\n---\ndescription: x\n", `m.yaml:2: only YAML 1.1 documents are read: remove the %YAML line`},
		{"unknown directive", "%FOO bar\n---\ndescription: x\n", `m.yaml:1: found unknown directive name`},
		{"formatter name", "formatters:\n  - name: X\n", `m.yaml:2: formatters: name: word "X" must start with a lower-case letter`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ParseManifest("m.yaml", []byte(tt.yaml))
			if tt.wantErr == "" {
				if err != nil || m == nil {
					t.Fatalf("err = %v", err)
				}
				return
			}
			if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v\nwant %s", err, tt.wantErr)
			}
		})
	}
}

func TestManifestValues(t *testing.T) {
	m, err := ParseManifest("m.yaml", []byte("hooks:\n  - {name: h, after: true, commands: ['*'], timeout: 2s}\n  - {name: g, before: true, commands: ['*']}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Hooks[0].Timeout; got != 2*time.Second {
		t.Errorf("timeout = %v", got)
	}
	if got := m.Hooks[1].Timeout; got != 0 {
		t.Errorf("no timeout = %v, want 0 (the default)", got)
	}
}

func TestUnmet(t *testing.T) {
	env := map[string]string{"TOKEN": "x"}
	h := Host{
		AppVersion: "1.4.0",
		Getenv:     func(k string) string { return env[k] },
		LookPath: func(f string) (string, error) {
			if f == "git" {
				return "/usr/bin/git", nil
			}
			return "", errNotFound
		},
	}
	tests := []struct {
		req  Requires
		want string
	}{
		{Requires{}, ""},
		{Requires{Env: []string{"TOKEN"}, Executables: []string{"git"}, App: "1.4"}, ""},
		{Requires{Env: []string{"TOKEN", "OTHER"}}, "OTHER is not set"},
		{Requires{Executables: []string{"git", "hg"}}, "hg not found on PATH"},
		{Requires{App: "1.10.0"}, "needs version 1.10.0 or later, this is 1.4.0"},
		{Requires{App: "v1.3.9"}, ""},
		{Requires{App: "2.0.0-rc1"}, "needs version 2.0.0-rc1 or later, this is 1.4.0"},
	}
	for _, tt := range tests {
		m := &Manifest{Requires: tt.req}
		got := ""
		if err := m.Unmet(h); err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("Unmet(%+v) = %q, want %q", tt.req, got, tt.want)
		}
	}
	h.AppVersion = "dev"
	if err := (&Manifest{Requires: Requires{App: "9.0.0"}}).Unmet(h); err != nil {
		t.Errorf("a development build meets every version: %v", err)
	}
	if err := (*Manifest)(nil).Unmet(h); err != nil {
		t.Errorf("nil manifest: %v", err)
	}
}

var errNotFound = &notFound{}

type notFound struct{}

func (*notFound) Error() string { return "not found" }

func TestFileNames(t *testing.T) {
	tests := []struct {
		base  string
		words string
		err   string
	}{
		{"demoapp-hello", "hello", ""},
		{"demoapp-files-stat", "files stat", ""},
		{"demoapp-dir_size", "dir-size", ""},
		{"demoapp-a_b_c-d", "a-b-c d", ""},
		{"demoapp-", "", `plugin name "demoapp-": must start with "demoapp-" and name a command`},
		{"demoapp", "", `plugin name "demoapp": must start with "demoapp-" and name a command`},
		{"other-hello", "", `plugin name "other-hello": must start with "demoapp-" and name a command`},
		{"demoapp-a--b", "", `plugin name "demoapp-a--b": empty word`},
		{"demoapp-a__b", "", `plugin name "demoapp-a__b": word "a__b": "_" must stand between letters or digits`},
		{"demoapp-_a", "", `plugin name "demoapp-_a": word "_a": "_" must stand between letters or digits`},
		{"demoapp-Hello", "", `plugin name "demoapp-Hello": word "Hello" must start with a lower-case letter`},
		{"demoapp-hello.sh", "", `plugin name "demoapp-hello.sh": word "hello.sh" has '.': only a-z, 0-9 and inner hyphens are allowed`},
	}
	for _, tt := range tests {
		words, err := ParseFileName("demoapp", tt.base)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("ParseFileName(%q) err = %v, want %s", tt.base, err, tt.err)
			}
			continue
		}
		if err != nil || strings.Join(words, " ") != tt.words {
			t.Errorf("ParseFileName(%q) = %q, %v", tt.base, words, err)
			continue
		}
		if back := FileName("demoapp", words); back != tt.base {
			t.Errorf("FileName(%q) = %q, want %q", words, back, tt.base)
		}
	}
}

// TestManifestPatterns checks that a manifest accepts exactly the hook
// patterns names.CheckPattern does, the syntax hooks match with.
func TestManifestPatterns(t *testing.T) {
	for _, p := range []string{"files list", "files *", "*", "* list", "files l*", "files [a-m]*", "files ?ist",
		"Files", "files [", "files_x", `files \\l*`, "files [!s]*", "* files"} {
		_, err := ParseManifest("m.yaml", []byte(fmt.Sprintf("hooks:\n  - {name: h, before: true, commands: [%q]}\n", p)))
		want := names.CheckPattern(p)
		if (err == nil) != (want == nil) || want != nil && !strings.Contains(err.Error(), want.Error()) {
			t.Errorf("pattern %q: manifest error %v, names.CheckPattern %v", p, err, want)
		}
	}
}

func TestParseManifestTakenNames(t *testing.T) {
	taken := func(name string) bool { return name == "version" }
	for _, tc := range []struct{ yaml, want string }{
		{"hooks:\n  - {name: version, commands: ['*'], before: true}\n", `m.yaml:2: hook "version": the name of a compiled-in command`},
		{"formatters:\n  - name: xml\n  - name: version\n", `m.yaml:3: formatter "version": the name of a compiled-in command`},
	} {
		_, err := parseManifest("m.yaml", []byte(tc.yaml), taken)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("parseManifest(%q) = %v, want %q...", tc.yaml, err, tc.want)
		}
		if _, err := ParseManifest("m.yaml", []byte(tc.yaml)); err != nil {
			t.Errorf("ParseManifest(%q) without taken names: %v", tc.yaml, err)
		}
	}
}
