package discovery

import (
	"strings"
	"testing"
)

type todoConfig struct {
	File   string `yaml:"file"`
	Limits struct {
		Priority int `yaml:"priority"`
	} `yaml:"limits"`
}

func TestDecodeApp(t *testing.T) {
	data := "plugins:\n  disabled: [x]\naliases: {}\npager: less\nfile: /tmp/todo.json\nlimits:\n  priority: 2\n"
	c, err := ParseConfig("/cfg/config.yaml", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	var tc todoConfig
	tc.File = "default"
	if err := c.DecodeApp(&tc); err != nil {
		t.Fatalf("DecodeApp: %v", err)
	}
	if tc.File != "/tmp/todo.json" || tc.Limits.Priority != 2 {
		t.Fatalf("decoded %+v", tc)
	}

	for _, tt := range []struct{ data, want string }{
		{"plugins: {}\nfiel: x\n", `config: /cfg/config.yaml:2: unknown key "fiel"`},
		{"limits:\n  priority: high\n", "config: /cfg/config.yaml:2: "},
	} {
		c, err := ParseConfig("/cfg/config.yaml", []byte(tt.data))
		if err != nil {
			t.Fatal(err)
		}
		err = c.DecodeApp(&todoConfig{})
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("DecodeApp(%q) = %v, want an error starting %q", tt.data, err, tt.want)
		}
		t.Log(err)
	}

	empty := &Config{Path: "/none"}
	tc = todoConfig{File: "kept"}
	if err := empty.DecodeApp(&tc); err != nil || tc.File != "kept" {
		t.Fatalf("no file: %v, %+v", err, tc)
	}
	if err := empty.DecodeApp(tc); err == nil {
		t.Fatal("a non-pointer should be refused")
	}
}
