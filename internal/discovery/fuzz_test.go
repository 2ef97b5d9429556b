package discovery

import (
	"fmt"
	"strings"
	"testing"
)

// FuzzParseManifest: no input panics, and every error names its file.
func FuzzParseManifest(f *testing.F) {
	for _, seed := range []string{
		"", "name: x\n", "completion: maybe\n", "hooks:\n  - name: h\n    commands: ['*']\n    after: true\n",
		"formatters: [{name: xml, kind: list}]\n", "requires: {env: [A], executables: [sh], app: 1.0}\n",
		"hooks:\n  - flags: [{name: n, type: int, default: x}]\n", "- a\n- b\n", "{", "name: !!binary aGk=\n", "&a [*a]\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseManifest("fuzz.yaml", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.yaml:") && !strings.HasPrefix(err.Error(), "fuzz.yaml: ") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if m == nil {
			t.Fatal("nil manifest without error")
		}
	})
}

// FuzzParseConfig: no input panics, and every error names its file.
func FuzzParseConfig(f *testing.F) {
	for _, seed := range []string{"", "plugins: {}\n", "plugins:\n  disabled: [a]\n  dirs: [/x]\n", "plugins: 3\n", "x: y\n", "[\n"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := ParseConfig("fuzz.yaml", data)
		if err != nil && !strings.Contains(err.Error(), "fuzz.yaml:") {
			t.Fatalf("error does not name the file: %v", err)
		}
	})
}

// FuzzNameMapping: a valid file name maps to words that map back to it,
// and any other is an error naming it.
func FuzzNameMapping(f *testing.F) {
	for _, seed := range []string{"demoapp-hello", "demoapp-files-stat", "demoapp-dir_size", "demoapp--x", "demoapp-_", "x", "demoapp-a_b-c_d"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, base string) {
		words, err := ParseFileName("demoapp", base)
		if err != nil {
			if !strings.Contains(err.Error(), fmt.Sprintf("plugin name %q", base)) {
				t.Fatalf("error does not name the file %q: %v", base, err)
			}
			return
		}
		if back := FileName("demoapp", words); back != base {
			t.Fatalf("FileName(ParseFileName(%q)) = %q", base, back)
		}
	})
}
