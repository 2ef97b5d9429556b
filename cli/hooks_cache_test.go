package cli

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/discovery"
)

// countingFS is the real file system, counting directory listings and
// reads of manifests, and of other files by their base name.
type countingFS struct {
	discovery.FS
	listed, manifests, other map[string]int
}

func (c *countingFS) ReadDir(name string) ([]fs.DirEntry, error) {
	c.listed[name]++
	return c.FS.ReadDir(name)
}

func (c *countingFS) ReadFile(name string) ([]byte, error) {
	if strings.HasSuffix(name, ".yaml") {
		c.manifests[name]++
	} else if c.other != nil {
		c.other[filepath.Base(name)]++
	}
	return c.FS.ReadFile(name)
}

// cacheApp is an App with a plugin dir of three plugins with manifests,
// one declaring a hook on every command, and a cache dir.
func cacheApp(t *testing.T) (app *App, pluginDir string) {
	app, _, _ = testApp(t)
	root := t.TempDir()
	pluginDir = filepath.Join(root, "plugins")
	app.Getenv = func(k string) string {
		switch k {
		case "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME":
			return root
		case "TAPP_PLUGIN_PATH":
			return pluginDir
		}
		return ""
	}
	app.AddCommand("noop", func() command.Command { return noop{} })
	os.MkdirAll(pluginDir, 0o755)
	for _, name := range []string{"a", "b", "c"} {
		exe := filepath.Join(pluginDir, "tapp-"+name)
		manifest := "description: " + name + "\n"
		if name == "b" {
			manifest += "hooks:\n  - {name: hb, commands: ['*'], after: true}\n"
		}
		os.WriteFile(exe, []byte("#!/bin/sh\ncat >/dev/null\n"), 0o755)
		os.WriteFile(exe+".yaml", []byte(manifest), 0o644)
	}
	old := time.Now().Add(-time.Hour) // settled: trusted to the cache
	for _, p := range []string{"", "tapp-a", "tapp-a.yaml", "tapp-b", "tapp-b.yaml", "tapp-c", "tapp-c.yaml"} {
		os.Chtimes(filepath.Join(pluginDir, p), old, old)
	}
	return app, pluginDir
}

// countedRun runs args with the file system counted.
func countedRun(t *testing.T, app *App, args ...string) *countingFS {
	t.Helper()
	c := &countingFS{FS: discovery.OS, listed: map[string]int{}, manifests: map[string]int{}, other: map[string]int{}}
	app.fsys = c
	defer func() { app.fsys = nil }()
	r := newRun(app)
	if code := r.exitCode(r.execute(context.Background(), args)); code != 0 {
		t.Fatalf("%v: exit %d", args, code)
	}
	return c
}

func TestCommandRunWithWarmHookCache(t *testing.T) {
	app, dir := cacheApp(t)
	cold := countedRun(t, app, "noop")
	if cold.listed[dir] != 1 || cold.manifests[filepath.Join(dir, "tapp-a.yaml")] != 1 {
		t.Errorf("cold run: listed %v, read %v: want the plugin dir listed and each manifest read once", cold.listed, cold.manifests)
	}
	warm := countedRun(t, app, "noop")
	// The cache says where hooks are, never what they are: the one
	// manifest declaring hooks is read again, the others are not.
	if len(warm.listed) != 0 || len(warm.manifests) != 1 || warm.manifests[filepath.Join(dir, "tapp-b.yaml")] != 1 {
		t.Errorf("warm run listed %v and read manifests %v, want no listing and only tapp-b.yaml read", warm.listed, warm.manifests)
	}
}

func TestPluginListScansOnce(t *testing.T) {
	app, dir := cacheApp(t)
	c := countedRun(t, app, "plugin", "list") // cold: the hooks need a scan too
	if c.listed[dir] != 1 {
		t.Errorf("plugin list listed the plugin dir %d times, want 1", c.listed[dir])
	}
	for _, n := range []string{"a", "b", "c"} {
		if m := filepath.Join(dir, "tapp-"+n+".yaml"); c.manifests[m] != 1 {
			t.Errorf("plugin list read %s %d times, want 1", m, c.manifests[m])
		}
	}
}
