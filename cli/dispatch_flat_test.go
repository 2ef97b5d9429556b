package cli

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/longshore/longshore/internal/discovery"
)

// statCountingFS counts stats besides what countingFS counts.
type statCountingFS struct {
	*countingFS
	stats int
}

func (c *statCountingFS) Stat(name string) (fs.FileInfo, error) {
	c.stats++
	return c.countingFS.Stat(name)
}

func (c *statCountingFS) Lstat(name string) (fs.FileInfo, error) {
	c.stats++
	return c.countingFS.Lstat(name)
}

// flatApp is an App whose plugin dir holds n plugins with manifests, n
// folder plugins, one of them with a hook on hello, and a plugin with a
// hook on another command only, and whose PATH holds n plugins and
// tapp-hello; everything settled, as installed plugins are.
func flatApp(t *testing.T, n int) *App {
	app, _, errOut := testApp(t)
	root := t.TempDir()
	pluginDir, pathDir := filepath.Join(root, "plugins"), filepath.Join(root, "bin")
	app.Getenv = func(k string) string {
		switch k {
		case "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "HOME":
			return root
		case "TAPP_PLUGIN_PATH":
			return pluginDir
		case "PATH":
			return pathDir
		}
		return ""
	}
	app.PluginsAsChild = true
	t.Cleanup(func() {
		if strings.Contains(errOut.String(), "error") {
			t.Errorf("stderr: %s", errOut)
		}
	})
	write := func(path, data string, mode os.FileMode) {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), mode); err != nil {
			t.Fatal(err)
		}
	}
	never := "#!/bin/sh\nexit 3\n"
	for i := range n {
		flat := filepath.Join(pluginDir, fmt.Sprintf("tapp-p%03d", i))
		write(flat, never, 0o755)
		write(flat+".yaml", "description: flat\n", 0o644)
		folder := filepath.Join(pluginDir, fmt.Sprintf("tapp-f%03d", i))
		manifest := "exec: run\ndescription: folder\n"
		if i == 0 {
			manifest += "hooks:\n  - {name: h, commands: ['other', 'hello'], before: true}\n"
		}
		write(filepath.Join(folder, "plugin.yaml"), manifest, 0o644)
		run := never
		if i == 0 {
			run = "#!/bin/sh\ncat >/dev/null\n" // the hook on hello
		}
		write(filepath.Join(folder, "run"), run, 0o755)
		write(filepath.Join(pathDir, fmt.Sprintf("tapp-q%03d", i)), never, 0o755)
	}
	write(filepath.Join(pluginDir, "tapp-elsewhere"), never, 0o755)
	write(filepath.Join(pluginDir, "tapp-elsewhere.yaml"), "hooks:\n  - {name: e, commands: ['other'], before: true}\n", 0o644)
	write(filepath.Join(pathDir, "tapp-hello"), "#!/bin/sh\n", 0o755)
	settle(t, root)
	return app
}

// TestDispatchIsFlatInPlugins pins that running an external plugin, warm,
// lists no directory, reads no manifest but that of the one plugin whose
// hooks name it (nor the manifest cache listings keep): the hook cache
// records where hook plugins are and which commands their hooks name,
// and only the manifests of those that may attach are read again (see
// internal/discovery/hookindex.go). It makes as many stats with 60 other
// plugins as with 3: the cost of a dispatch does not depend on how many
// plugins are installed.
func TestDispatchIsFlatInPlugins(t *testing.T) {
	counts := map[int]*statCountingFS{}
	for _, n := range []int{1, 20} {
		app := flatApp(t, n)
		countedRun(t, app, "hello")          // cold: the hook cache is built
		countedRun(t, app, "plugin", "list") // and the manifest cache, which dispatch never reads
		c := &statCountingFS{countingFS: &countingFS{FS: discovery.OS, listed: map[string]int{}, manifests: map[string]int{}, other: map[string]int{}}}
		app.fsys = c
		r := newRun(app)
		if code := r.exitCode(r.execute(context.Background(), []string{"hello"})); code != 0 {
			t.Fatalf("%d plugins: exit %d", n, code)
		}
		hookManifest := filepath.Join(app.Getenv("TAPP_PLUGIN_PATH"), "tapp-f000", "plugin.yaml")
		if len(c.listed) != 0 || len(c.manifests) != 1 || c.manifests[hookManifest] != 1 {
			t.Errorf("%d plugins: a warm dispatch listed %v and read the manifests %v, want none listed and %s read once", n, c.listed, c.manifests, hookManifest)
		}
		if c.other["manifests.cache"] != 0 {
			t.Errorf("%d plugins: a warm dispatch read the manifest cache", n)
		}
		counts[n] = c
	}
	if a, b := counts[1].stats, counts[20].stats; a != b {
		t.Errorf("a warm dispatch made %d stats with 3 plugins and %d with 60, want as many", a, b)
	}
}
