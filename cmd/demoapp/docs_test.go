package main

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/longshore/longshore/cli"
)

// referenceDir holds demoapp's generated command reference.
const referenceDir = "../../docs/reference"

// TestReferenceDocs fails when docs/reference is not what the command tree
// renders; `go test ./cmd/demoapp -run TestReferenceDocs -update`
// regenerates it.
func TestReferenceDocs(t *testing.T) {
	// Availability depends on the machine; the reference shows every
	// command as available.
	t.Setenv("DEMOAPP_WEATHER_API_KEY", "reference")
	// External plugins on this machine are not part of demoapp.
	empty := t.TempDir()
	for _, k := range []string{"PATH", "DEMOAPP_PLUGIN_PATH", "DEMOAPP_CONFIG"} {
		t.Setenv(k, "")
	}
	for _, k := range []string{"HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"} {
		t.Setenv(k, empty)
	}
	dir := t.TempDir()
	if err := newApp().WriteDocs(dir, cli.DocOptions{Format: cli.DocMarkdown}); err != nil {
		t.Fatal(err)
	}
	got := readPages(t, dir)
	if updating() {
		old, _ := filepath.Glob(filepath.Join(referenceDir, "*.md"))
		for _, f := range old {
			if filepath.Base(f) != "README.md" {
				os.Remove(f)
			}
		}
		for name, data := range got {
			if err := os.WriteFile(filepath.Join(referenceDir, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	want := readPages(t, referenceDir)
	for _, name := range keys(got, want) {
		switch {
		case want[name] == nil:
			t.Errorf("docs/reference lacks %s", name)
		case got[name] == nil:
			t.Errorf("docs/reference has %s, which no command renders", name)
		case !bytes.Equal(got[name], want[name]):
			t.Errorf("docs/reference/%s is stale", name)
		}
	}
	if t.Failed() {
		t.Log("regenerate it with: go test ./cmd/demoapp -run TestReferenceDocs -update")
	}
}

// readPages returns the Markdown pages of dir but its README, by name.
func readPages(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	pages := map[string][]byte{}
	for _, f := range files {
		if filepath.Base(f) == "README.md" {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		pages[filepath.Base(f)] = data
	}
	return pages
}

// keys returns the names in either map, sorted.
func keys(a, b map[string][]byte) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range []map[string][]byte{a, b} {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	sort.Strings(out)
	return out
}
