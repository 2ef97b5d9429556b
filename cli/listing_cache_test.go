package cli

import (
	"bytes"
	"context"
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/discovery"
)

// listingOutput runs args and returns what it printed, stdout then
// stderr.
func listingOutput(t *testing.T, app *App, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	app.IO = &command.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}
	r := newRun(app)
	defer r.close()
	if code := r.exitCode(r.execute(context.Background(), args)); code != 0 {
		t.Fatalf("%v: exit %d: %s", args, code, errOut.String())
	}
	return out.String() + "\n--- stderr\n" + errOut.String()
}

// The listings a user sees are the same with the manifest cache cold,
// warm, or unusable, and after a manifest is edited in place.
func TestListingsWithManifestCache(t *testing.T) {
	app, dir := cacheApp(t)
	getenv := app.Getenv
	noCache := filepath.Join(t.TempDir(), "a-file")
	os.WriteFile(noCache, nil, 0o600)
	withoutCache := func(k string) string {
		if k == "XDG_CACHE_HOME" {
			return noCache // not a directory: no cache read or written
		}
		return getenv(k)
	}
	listings := [][]string{{"plugin", "list"}, {"help"}, {"__complete", ""}, {"plugin", "show", "a"}}
	compare := func(step string) {
		t.Helper()
		for _, args := range listings {
			app.Getenv = withoutCache
			want := listingOutput(t, app, args...)
			app.Getenv = getenv
			for _, state := range []string{"as it was", "warm"} {
				if got := listingOutput(t, app, args...); got != want {
					t.Errorf("%s, %v with the cache %s:\n%s\nwithout a cache:\n%s", step, args, state, got, want)
				}
			}
		}
	}
	compare("cold")
	if _, err := os.Stat(discovery.ManifestCachePath(discovery.Env{App: "tapp", Getenv: getenv})); err != nil {
		t.Fatalf("no cache after a listing: %v", err)
	}
	a := filepath.Join(dir, "tapp-a.yaml")
	fi, _ := os.Stat(a)
	os.WriteFile(a, []byte("description: A\n"), 0o644) // as long as "description: a\n"
	os.Chtimes(a, fi.ModTime(), fi.ModTime())
	compare("edited in place")
	if out := listingOutput(t, app, "plugin", "show", "a"); !strings.Contains(out, "A") {
		t.Errorf("the edit is not shown:\n%s", out)
	}
}

// A warm listing opens no manifest but those that declare hooks or
// formatters, which are never cached, and reads each cache file once; a
// dispatch never reads the manifest cache.
func TestWarmListingReadsNoManifest(t *testing.T) {
	app, dir := cacheApp(t)
	countedRun(t, app, "plugin", "list") // cold: the caches are written
	hooked := filepath.Join(dir, "tapp-b.yaml")
	for _, args := range [][]string{{"plugin", "list"}, {"help"}, {"__complete", ""}} {
		c := countedRun(t, app, args...)
		// plugin list reads it for the hooks of its own run too (the hook
		// cache says where hooks are, never what they are).
		want := 1
		if args[0] == "plugin" {
			want = 2
		}
		if len(c.manifests) != 1 || c.manifests[hooked] != want {
			t.Errorf("%v, warm, read the manifests %v, want only %s (it declares hooks), %d times", args, c.manifests, hooked, want)
		}
		if n := c.other["manifests.cache"]; n != 1 {
			t.Errorf("%v, warm, read the manifest cache %d times, want 1", args, n)
		}
		if n := c.other["hooks.json"]; n != 1 {
			t.Errorf("%v, warm, read the hook cache %d times, want 1", args, n)
		}
	}
	c := countedRun(t, app, "noop")
	if n := c.other["manifests.cache"]; n != 0 {
		t.Errorf("a command run read the manifest cache %d times", n)
	}
	// A plugin added: the next listing reads its manifest, and no other
	// but the one with hooks, though the hook cache is rebuilt too.
	added := filepath.Join(dir, "tapp-d")
	os.WriteFile(added, []byte("#!/bin/sh\n"), 0o755)
	os.WriteFile(added+".yaml", []byte("description: d\n"), 0o644)
	old := time.Now().Add(-time.Hour)
	for _, p := range []string{dir, added, added + ".yaml"} {
		os.Chtimes(p, old, old)
	}
	c = countedRun(t, app, "plugin", "list")
	if want := map[string]int{hooked: 1, added + ".yaml": 1}; !maps.Equal(c.manifests, want) {
		t.Errorf("the listing after a plugin was added read %v, want %v", c.manifests, want)
	}
	c = countedRun(t, app, "help")
	if want := map[string]int{hooked: 1}; !maps.Equal(c.manifests, want) {
		t.Errorf("the listing after that read %v, want %v", c.manifests, want)
	}
}

// A listing raises the collector's setting for its run and restores it
// when the run closes.
func TestListingRestoresGCPercent(t *testing.T) {
	app, _ := cacheApp(t)
	old := debug.SetGCPercent(90)
	defer debug.SetGCPercent(old)
	listingOutput(t, app, "plugin", "list")
	if got := debug.SetGCPercent(90); got != 90 {
		t.Errorf("after a listing GOGC is %d, want 90 again", got)
	}
}
