package discovery

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadConfig(t *testing.T) {
	tests := []struct {
		name     string
		yaml     string
		disabled []string
		wantErr  string
	}{
		{"empty", "", nil, ""},
		{"comments only", "# nothing yet\n", nil, ""},
		{"disabled", "plugins:\n  disabled: [hello, audit]\n", []string{"hello", "audit"}, ""},
		{"unknown top-level key: the app's", "plugins: {}\ncolour: red\n", nil, ""},
		{"unknown plugin key", "plugins:\n  dirs: []\n  disable: [x]\n", nil, `config.yaml:3: unknown key "disable" in plugins (valid: dirs, disabled)`},
		{"wrong type", "plugins:\n  disabled: hello\n", nil, "config.yaml:2: want a list, not a string `hello`"},
		{"bad syntax", "plugins:\n  disabled: [a\n", nil, "config.yaml:"},
		{"the app's own section", "myapp:\n  colour: red\n  n: [1, 2]\nplugins:\n  disabled: [a]\n", []string{"a"}, ""},
		{"plugins not a mapping", "plugins: 3\n", nil, "config.yaml:1: want a mapping, not an integer `3`"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config.yaml")
			if err := os.WriteFile(path, []byte(tt.yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			c, err := LoadConfig(path)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), path) {
					t.Fatalf("LoadConfig error = %v, want one naming %s and containing %q", err, path, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range tt.disabled {
				if !c.Disabled(d) {
					t.Errorf("%s not disabled", d)
				}
			}
			if c.Disabled("other") {
				t.Error("other disabled")
			}
		})
	}
}

func TestLoadConfigMissingFileIsEmpty(t *testing.T) {
	c, err := LoadConfig(filepath.Join(t.TempDir(), "none.yaml"))
	if err != nil || c.Disabled("x") {
		t.Fatalf("LoadConfig(missing) = %v, %v", c, err)
	}
}

func TestConfigPath(t *testing.T) {
	env := map[string]string{"HOME": "/home/u"}
	getenv := func(k string) string { return env[k] }
	if got := ConfigPath("demoapp", "DEMOAPP", "", getenv); got != "/home/u/.config/demoapp/config.yaml" {
		t.Errorf("default = %s", got)
	}
	env["XDG_CONFIG_HOME"] = "/xdg"
	if got := ConfigPath("demoapp", "DEMOAPP", "", getenv); got != "/xdg/demoapp/config.yaml" {
		t.Errorf("xdg = %s", got)
	}
	env["DEMOAPP_CONFIG"] = "/env.yaml"
	if got := ConfigPath("demoapp", "DEMOAPP", "", getenv); got != "/env.yaml" {
		t.Errorf("env = %s", got)
	}
	if got := ConfigPath("demoapp", "DEMOAPP", "/flag.yaml", getenv); got != "/flag.yaml" {
		t.Errorf("flag = %s", got)
	}
}

func TestLoadConfigPager(t *testing.T) {
	for _, tt := range []struct {
		name, yaml string
		pager      *string // nil: no setting
		wantErr    string
	}{
		{"absent", "plugins: {}\n", nil, ""},
		{"a program", "pager: less -S\n", ptr("less -S"), ""},
		{"empty string turns it off", "pager: \"\"\n", ptr(""), ""},
		{"no value turns it off", "pager:\n", ptr(""), ""},
		{"a list", "plugins: {}\npager: [less]\n", nil, "config.yaml:2: pager: want a program, or nothing to turn paging off"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config.yaml")
			if err := os.WriteFile(path, []byte(tt.yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			c, err := LoadConfig(path)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if (c.Pager == nil) != (tt.pager == nil) || c.Pager != nil && *c.Pager != *tt.pager {
				t.Errorf("Pager = %v, want %v", c.Pager, tt.pager)
			}
		})
	}
}

func ptr(s string) *string { return &s }
