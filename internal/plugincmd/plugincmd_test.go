package plugincmd

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/hooks"
	"github.com/longshore/longshore/internal/discovery"
	"github.com/longshore/longshore/internal/hookrun"
)

// fakeCatalog is a Catalog of fixed answers.
type fakeCatalog struct {
	inv      *Inventory
	invErr   error
	found    map[string]*discovery.Plugin // by name
	shadow   map[string]string            // words → compiled-in command
	reserved map[string]bool
	lookups  int
}

func (c *fakeCatalog) Inventory() (*Inventory, error) {
	if c.inv == nil {
		return &Inventory{}, c.invErr
	}
	return c.inv, c.invErr
}

func (c *fakeCatalog) Lookup(words []string) *discovery.Plugin {
	c.lookups++
	return c.found[strings.Join(words, " ")]
}

func (c *fakeCatalog) Shadow(words []string) string { return c.shadow[strings.Join(words, " ")] }
func (c *fakeCatalog) Reserved(word string) bool    { return c.reserved[word] }
func (c *fakeCatalog) Taken(name string) bool       { return c.shadow[name] != "" }

// inventory is a small app: two compiled-in commands (one unavailable),
// a hook, a formatter and two external plugins, one with a manifest that
// declares a hook and a formatter, one a formatter by convention.
func inventory(disabled ...string) *Inventory {
	hello := &discovery.Plugin{Name: "hello", Words: []string{"hello"}, Path: "/p/tapp-hello", Dir: "/p", Source: discovery.SourcePATH,
		Manifest: &discovery.Manifest{Version: "2.0", Description: "say hello",
			Hooks:      []hooks.Spec{{Name: "audit", Commands: []string{"files *"}, Before: true, After: true, Required: true}},
			Formatters: []discovery.FormatterSpec{{Name: "toml", Kind: "list"}}}}
	xml := &discovery.Plugin{Name: "format xml", Words: []string{"format", "xml"}, Path: "/p/tapp-format-xml", Dir: "/p", Source: discovery.SourcePATH}
	return &Inventory{
		Version: "1.0",
		Commands: []Builtin{
			{Name: "version", Description: "print the version"},
			{Name: "weather", Description: "the weather", Unmet: errors.New("no\nAPI key")},
		},
		Hooks: []hookrun.Description{{Name: "timing", Kind: "hook", Commands: []string{"*"}, Phases: "after", Priority: -3,
			Description: "times commands"}},
		Formatters: []Builtin{{Name: "csv", Description: "comma-separated values"}},
		External: []External{
			{Plugin: hello, Status: "enabled"},
			{Plugin: xml, Status: "enabled", Formatter: "xml"},
		},
		Disabled: func(name string) bool { return contains(disabled, name) },
		Warnings: []string{"/p/tapp-x is not executable"},
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestRows(t *testing.T) {
	rows := Rows("tapp", inventory("toml", "version"))
	var got []string
	for _, r := range rows {
		got = append(got, strings.Join([]string{r.Name, r.Kind, r.Source, r.Version, r.Status, r.Path, r.Description}, "|"))
	}
	want := []string{
		"audit|hook|PATH|2.0|not loaded: on PATH (move the plugin to a plugin dir)|/p/tapp-hello|hooks files *",
		"csv|formatter|builtin|1.0|enabled||comma-separated values",
		"hello|command|PATH|2.0|enabled|/p/tapp-hello|say hello",
		"timing|hook|builtin|1.0|enabled||hooks *: times commands",
		"toml|formatter|PATH|2.0|disabled|/p/tapp-hello|formats list",
		"version|command|builtin|1.0|disabled||print the version",
		"weather|command|builtin|1.0|unavailable: no API key||the weather",
		"xml|formatter|PATH||enabled|/p/tapp-format-xml|formats by the tapp-format-<name> convention",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestRowsShareAPluginsStatus(t *testing.T) {
	inv := inventory()
	inv.External[0].Status = "shadowed by /q/tapp-hello"
	for _, r := range Rows("tapp", inv) {
		if r.Plugin == inv.External[0].Plugin && r.Status != "shadowed by /q/tapp-hello" {
			t.Errorf("%s %s: status %q, want its plugin's", r.Kind, r.Name, r.Status)
		}
	}
}

// TestRowsOfHooksOnPATH: hooks load only from the plugin dirs, so the
// hooks of a plugin on PATH are listed as not loaded, saying where to move
// it, while its command and formatters stay enabled.
func TestRowsOfHooksOnPATH(t *testing.T) {
	const notLoaded = "not loaded: on PATH (move the plugin to a plugin dir: /home/u/plugins)"
	for _, tt := range []struct {
		name     string
		source   discovery.Source
		status   string   // the plugin's
		disabled []string // by the config
		want     map[string]string
		show     string // plugin show hello's hooks field
	}{
		{"in a plugin dir", discovery.SourceDir, "enabled", nil,
			map[string]string{"hello": "enabled", "audit": "enabled", "toml": "enabled"}, "audit"},
		{"on PATH", discovery.SourcePATH, "enabled", nil,
			map[string]string{"hello": "enabled", "audit": notLoaded, "toml": "enabled"}, "audit; " + notLoaded},
		{"hook disabled", discovery.SourcePATH, "enabled", []string{"audit"},
			map[string]string{"hello": "enabled", "audit": "disabled"}, "audit; " + notLoaded},
		{"plugin shadowed", discovery.SourcePATH, "shadowed by /q/tapp-hello", nil,
			map[string]string{"hello": "shadowed by /q/tapp-hello", "audit": "shadowed by /q/tapp-hello"}, "audit; " + notLoaded},
		{"plugin unavailable", discovery.SourcePATH, "unavailable: needs docker", nil,
			map[string]string{"audit": "unavailable: needs docker"}, "audit; " + notLoaded},
	} {
		t.Run(tt.name, func(t *testing.T) {
			inv := inventory(tt.disabled...)
			inv.UserDir = "/home/u/plugins"
			inv.External[0].Plugin.Source, inv.External[0].Status = tt.source, tt.status
			got := map[string]string{}
			for _, r := range Rows("tapp", inv) {
				if r.Plugin == inv.External[0].Plugin {
					got[r.Name] = r.Status
				}
			}
			for name, want := range tt.want {
				if got[name] != want {
					t.Errorf("%s: status %q, want %q", name, got[name], want)
				}
			}
			rec, err := showRun(&ShowOptions{App: "tapp", Catalog: &fakeCatalog{inv: inv}, Name: "hello"})
			if err != nil {
				t.Fatal(err)
			}
			if i := slices.Index(rec.Fields, "hooks"); rec.Values[i] != tt.show {
				t.Errorf("plugin show hello: hooks %q, want %q", rec.Values[i], tt.show)
			}
		})
	}
}

func TestListRun(t *testing.T) {
	var warned []string
	opts := &ListOptions{App: "tapp", Catalog: &fakeCatalog{inv: inventory()}, Warn: func(w string) { warned = append(warned, w) }}
	table, err := listRun(opts)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(table.Columns, Columns) {
		t.Errorf("columns %q", table.Columns)
	}
	n := 0
	for row, err := range table.Rows {
		if err != nil {
			t.Fatal(err)
		}
		if len(row) != len(Columns) {
			t.Errorf("row %v has %d values", row, len(row))
		}
		n++
	}
	if n != 8 {
		t.Errorf("%d rows, want 8", n)
	}
	if !reflect.DeepEqual(warned, []string{"/p/tapp-x is not executable"}) {
		t.Errorf("warned %q", warned)
	}

	opts.Catalog = &fakeCatalog{invErr: errors.New("load config: bad")}
	if _, err := listRun(opts); err == nil || err.Error() != "load config: bad" {
		t.Errorf("error %v, want the catalog's", err)
	}
}

func TestShowRun(t *testing.T) {
	cat := &fakeCatalog{inv: inventory()}
	for _, tt := range []struct {
		name string
		want map[string]any
	}{
		{"hello", map[string]any{"name": "hello", "version": "2.0", "status": "enabled",
			"hooks": "audit; not loaded: on PATH (move the plugin to a plugin dir)", "formatters": "toml",
			"manifest": "", "commands": nil, "phases": nil, "required": nil, "priority": nil}},
		// A compiled-in hook and a manifest's show what they attach to,
		// their phases, whether they are required and their priority.
		{"timing", map[string]any{"kind": "hook", "source": "builtin", "hooks": "", "commands": "*", "phases": "after",
			"required": false, "priority": -3}},
		{"audit", map[string]any{"kind": "hook", "source": "PATH", "commands": "files *",
			"phases": "before, after", "required": true, "priority": 0}},
	} {
		rec, err := showRun(&ShowOptions{App: "tapp", Catalog: cat, Name: tt.name})
		if err != nil {
			t.Fatal(err)
		}
		if len(rec.Values) != len(rec.Fields) {
			t.Errorf("%s: %d values for %d fields", tt.name, len(rec.Values), len(rec.Fields))
		}
		got := map[string]any{}
		for i, f := range rec.Fields {
			got[f] = rec.Values[i]
		}
		if s, ok := got["status"].(status); ok {
			got["status"] = string(s)
		}
		for f, want := range tt.want {
			if got[f] != want {
				t.Errorf("%s: %s = %#v, want %#v", tt.name, f, got[f], want)
			}
		}
	}
	_, err := showRun(&ShowOptions{App: "tapp", Catalog: cat, Name: "helo"})
	var ue *command.UsageError
	if !errors.As(err, &ue) || err.Error() != `no plugin called "helo"; did you mean "hello"?` {
		t.Errorf("error %v, want a usage error with a suggestion", err)
	}
}

func TestEnableRun(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte("# mine\nplugins:\n  disabled: [gone]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cat := &fakeCatalog{inv: inventory()}
	run := func(name string, disable bool) (string, error) {
		t.Helper()
		cfg, err := discovery.LoadConfig(path)
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		err = enableRun(&EnableOptions{Out: &out, App: "tapp", Catalog: cat, Name: name, Disable: disable,
			Config: func() (*discovery.Config, error) { return cfg, nil }})
		return out.String(), err
	}
	steps := []struct {
		name    string
		disable bool
		out     string
		err     string
		file    string
	}{
		{"hello", true, "disabled hello (in " + path + ")\n", "", "# mine\nplugins:\n  disabled: [gone, hello]\n"},
		{"hello", true, "hello is already disabled\n", "", "# mine\nplugins:\n  disabled: [gone, hello]\n"},
		{"hello", false, "enabled hello (in " + path + ")\n", "", "# mine\nplugins:\n  disabled: [gone]\n"},
		{"hello", false, "hello is already enabled\n", "", "# mine\nplugins:\n  disabled: [gone]\n"},
		// A name only the config knows can still be enabled.
		{"gone", false, "enabled gone (in " + path + ")\n", "", "# mine\nplugins:\n  disabled: []\n"},
		{"nosuch", true, "", `no plugin called "nosuch"`, "# mine\nplugins:\n  disabled: []\n"},
		{"plugin enable", true, "", `"plugin enable" cannot be disabled: the plugin commands are how plugins are enabled again`, "# mine\nplugins:\n  disabled: []\n"},
	}
	for _, s := range steps {
		out, err := run(s.name, s.disable)
		if out != s.out || (err == nil) != (s.err == "") || err != nil && err.Error() != s.err {
			t.Errorf("%s (disable %v): out %q error %v; want %q, %q", s.name, s.disable, out, err, s.out, s.err)
		}
		if data, _ := os.ReadFile(path); string(data) != s.file {
			t.Errorf("%s (disable %v): config %q, want %q", s.name, s.disable, data, s.file)
		}
	}
}

// writeExec writes an executable shell script, closing it before anything
// can run it.
func writeExec(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+text), 0o755); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestRemoveRun(t *testing.T) {
	user := t.TempDir()
	writeExec(t, filepath.Join(user, "tapp-hello"), "")
	writeFile(t, filepath.Join(user, "tapp-hello.yaml"), "description: x\n")
	writeFile(t, filepath.Join(user, "tapp-files-stat", "plugin.yaml"), "description: x\n")
	cat := &fakeCatalog{found: map[string]*discovery.Plugin{"bye": {Name: "bye", Path: "/usr/bin/tapp-bye"}}}
	remove := func(name string) (string, error) {
		var out bytes.Buffer
		err := removeRun(&RemoveOptions{Out: &out, App: "tapp", UserDir: user, Catalog: cat, Name: name})
		return out.String(), err
	}
	for _, tt := range []struct{ name, out, err string }{
		{"hello", "removed hello from " + user + "\n", ""},
		{"files stat", "removed files stat from " + user + "\n", ""},
		{"hello", "", `no plugin "hello" installed in ` + user},
		{"bye", "", "bye is not installed in " + user + " but found at /usr/bin/tapp-bye: remove that yourself"},
		{"../x", "", "plugin remove: "},
	} {
		out, err := remove(tt.name)
		if out != tt.out || (err == nil) != (tt.err == "") || err != nil && !strings.HasPrefix(err.Error(), tt.err) {
			t.Errorf("remove %q: out %q error %v; want %q, %q", tt.name, out, err, tt.out, tt.err)
		}
	}
	if entries, _ := os.ReadDir(user); len(entries) != 0 {
		t.Errorf("user dir still holds %v", entries)
	}
}

func TestCreateRun(t *testing.T) {
	for _, lang := range []string{"sh", "go"} {
		t.Run(lang, func(t *testing.T) {
			dir := t.TempDir()
			var out bytes.Buffer
			opts := &CreateOptions{Out: &out, App: "tapp", EnvPrefix: "TAPP", Catalog: &fakeCatalog{}, WorkDir: dir, Name: "dir-size", Lang: lang}
			if err := createRun(opts); err != nil {
				t.Fatal(err)
			}
			base := filepath.Join(dir, "tapp-dir_size")
			want := "created tapp-dir_size/\nnext: tapp plugin install tapp-dir_size && tapp dir-size\n"
			if lang == "go" {
				want = "created tapp-dir_size/\nnext: (cd tapp-dir_size && go build) && tapp plugin install tapp-dir_size && tapp dir-size\n"
			}
			if out.String() != want {
				t.Errorf("out %q, want %q", out.String(), want)
			}
			m, err := os.ReadFile(filepath.Join(base, "plugin.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := discovery.ParseManifest("plugin.yaml", m); err != nil {
				t.Errorf("the scaffold's manifest is invalid: %v", err)
			}
			if strings.Contains(string(m), "{{") {
				t.Errorf("manifest keeps a placeholder:\n%s", m)
			}
			if lang == "sh" {
				fi, err := os.Stat(filepath.Join(base, "tapp-dir_size"))
				if err != nil || fi.Mode().Perm() != 0o755 {
					t.Errorf("script: %v, %v", fi, err)
				}
			}
			if err := createRun(opts); err == nil || err.Error() != "create tapp-dir_size: it already exists" {
				t.Errorf("second create: %v", err)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Errorf("work dir holds %v, want the folder alone", entries)
			}
		})
	}
	dir := t.TempDir()
	var ue *command.UsageError
	err := createRun(&CreateOptions{Out: &bytes.Buffer{}, App: "tapp", Catalog: &fakeCatalog{}, WorkDir: dir, Name: "x", Lang: "rust"})
	if !errors.As(err, &ue) {
		t.Errorf("--lang rust: %v, want a usage error", err)
	}
	err = createRun(&CreateOptions{Out: &bytes.Buffer{}, App: "tapp", Catalog: &fakeCatalog{shadow: map[string]string{"files": "files"}}, WorkDir: dir, Name: "files", Lang: "sh"})
	if err == nil || !strings.Contains(err.Error(), "would be shadowed by the compiled-in command") {
		t.Errorf("create files: %v", err)
	}
}

func TestRemoveRunAsks(t *testing.T) {
	user := t.TempDir()
	hello := filepath.Join(user, "tapp-hello")
	for _, tt := range []struct {
		name     string
		terminal bool
		yes      bool
		answer   string
		prompt   string
		out      string
		usage    string // the start of a usage error
		removed  bool
	}{
		{name: "yes on a terminal", terminal: true, answer: "y\n",
			prompt: "Remove hello from " + user + "? [y/N] ", out: "removed hello from " + user + "\n", removed: true},
		{name: "no on a terminal", terminal: true, answer: "n\n",
			prompt: "Remove hello from " + user + "? [y/N] ", out: "kept hello in " + user + "\n"},
		{name: "empty answer", terminal: true, answer: "\n",
			prompt: "Remove hello from " + user + "? [y/N] ", out: "kept hello in " + user + "\n"},
		{name: "--yes on a terminal", terminal: true, yes: true, out: "removed hello from " + user + "\n", removed: true},
		{name: "--yes piped", yes: true, out: "removed hello from " + user + "\n", removed: true},
		{name: "piped", usage: "plugin remove: not removing hello without asking, and there is no terminal to ask on: pass --yes to remove it"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			writeExec(t, hello, "")
			io, in, out, errOut := command.TestIO()
			if tt.terminal {
				io.SetTerminal(80)
			}
			in.WriteString(tt.answer)
			err := removeRun(&RemoveOptions{Out: out, IO: io, Yes: tt.yes, App: "tapp", UserDir: user, Catalog: &fakeCatalog{}, Name: "hello"})
			switch {
			case tt.usage != "" && (!command.IsUsage(err) || err.Error() != tt.usage):
				t.Errorf("error %v, want the usage error %q", err, tt.usage)
			case tt.usage == "" && err != nil:
				t.Errorf("error %v", err)
			}
			if errOut.String() != tt.prompt {
				t.Errorf("stderr %q, want %q", errOut, tt.prompt)
			}
			if out.String() != tt.out {
				t.Errorf("stdout %q, want %q", out, tt.out)
			}
			_, statErr := os.Stat(hello)
			if removed := errors.Is(statErr, fs.ErrNotExist); removed != tt.removed {
				t.Errorf("removed: %v, want %v", removed, tt.removed)
			}
		})
	}
}

func TestStatusColors(t *testing.T) {
	cs := command.NewColorScheme(true)
	for text, want := range map[string]string{
		"enabled":                     cs.Green("enabled"),
		"disabled":                    cs.Dim("disabled"),
		"unavailable: needs docker":   cs.Yellow("unavailable: needs docker"),
		"not loaded: on PATH (move)":  cs.Yellow("not loaded: on PATH (move)"),
		"shadowed by /bin/tapp-hello": cs.Red("shadowed by /bin/tapp-hello"),
		"invalid: bad manifest":       cs.Red("invalid: bad manifest"),
		"refused: writable by others": cs.Red("refused: writable by others"),
		"something else":              "something else",
	} {
		if got := status(text).Colorize(cs, text); got != want {
			t.Errorf("%q: %q, want %q", text, got, want)
		}
		if got := status(text).Colorize(command.NewColorScheme(false), text); got != text {
			t.Errorf("%q without colour: %q", text, got)
		}
	}
}
