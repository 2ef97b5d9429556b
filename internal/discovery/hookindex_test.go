package discovery

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"
)

// countFS is the real file system, counting the calls that a warm hook
// index must not make: directory listings, and reads by path.
type countFS struct {
	FS
	readDirs int
	reads    map[string]int
}

func (c *countFS) ReadDir(name string) ([]fs.DirEntry, error) {
	c.readDirs++
	return c.FS.ReadDir(name)
}

func (c *countFS) ReadFile(name string) ([]byte, error) {
	c.reads[name]++
	return c.FS.ReadFile(name)
}

// long ago is the modification time of everything a test sets up, so that
// each change the test makes stamps a different time.
var longAgo = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

// hookFixture is a plugin dir with plugins, and a cache file.
type hookFixture struct {
	t     *testing.T
	dir   string
	cache string
	scans int
}

func newHookFixture(t *testing.T) *hookFixture {
	root := t.TempDir()
	x := &hookFixture{t: t, dir: filepath.Join(root, "plugins"), cache: filepath.Join(root, "cache", "demoapp", "hooks.json")}
	x.write("demoapp-audit", "#!/bin/sh\n", 0o755)
	x.write("demoapp-audit.yaml", "description: audits\nhooks:\n  - {name: audit, commands: ['files *'], before: true, flags: [{name: n, type: int, default: 10000000}]}\n", 0o644)
	x.write("demoapp-plain", "#!/bin/sh\n", 0o755)
	x.write("demoapp-plain.yaml", "description: no hooks\n", 0o644)
	x.write("demoapp-folder/plugin.yaml", "exec: run\nhooks:\n  - {name: fold, commands: ['*'], after: true}\n", 0o644)
	x.write("demoapp-folder/run", "#!/bin/sh\n", 0o755)
	x.age()
	return x
}

func (x *hookFixture) write(name, data string, mode fs.FileMode) {
	path := filepath.Join(x.dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		x.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), mode); err != nil {
		x.t.Fatal(err)
	}
}

// age sets every modification time in the plugin dir to longAgo.
func (x *hookFixture) age() {
	err := filepath.WalkDir(x.dir, func(path string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Chtimes(path, longAgo, longAgo)
	})
	if err != nil {
		x.t.Fatal(err)
	}
}

// hooks returns the hook names HookPlugins finds, through fsys.
func (x *hookFixture) hooks(fsys FS) []string {
	x.t.Helper()
	f := &Finder{App: "demoapp", Dirs: []Dir{{Path: x.dir, Source: SourceDir}}, FS: fsys}
	plugins, err := f.HookPlugins(x.cache, func() *Scan { x.scans++; return f.Scan() })
	if err != nil {
		x.t.Logf("cache: %v", err)
	}
	var names []string
	for _, p := range plugins {
		for _, h := range p.Manifest.Hooks {
			names = append(names, p.Name+"/"+h.Name)
		}
	}
	return names
}

func TestHookIndexWarmRunListsNothing(t *testing.T) {
	x := newHookFixture(t)
	want := []string{"audit/audit", "folder/fold"}
	if got := x.hooks(OS); !reflect.DeepEqual(got, want) || x.scans != 1 {
		t.Fatalf("cold: hooks %v after %d scans, want %v after 1", got, x.scans, want)
	}
	c := &countFS{FS: OS, reads: map[string]int{}}
	if got := x.hooks(c); !reflect.DeepEqual(got, want) {
		t.Fatalf("warm: hooks %v, want %v", got, want)
	}
	if x.scans != 1 || c.readDirs != 0 {
		t.Errorf("warm run scanned %d times and listed %d directories, want none", x.scans-1, c.readDirs)
	}
	// The cache, then the manifests that declare hooks, read again and
	// checked (the cache says where hooks are, never what they are); not
	// the manifest without hooks.
	hooked := []string{filepath.Join(x.dir, "demoapp-audit.yaml"), filepath.Join(x.dir, "demoapp-folder", "plugin.yaml")}
	if len(c.reads) != 3 || c.reads[x.cache] != 1 || c.reads[hooked[0]] != 1 || c.reads[hooked[1]] != 1 {
		t.Errorf("warm run read %v, want the cache %s and %v once each", c.reads, x.cache, hooked)
	}
}

func TestHookIndexKeepsFlagDefaults(t *testing.T) {
	x := newHookFixture(t)
	x.hooks(OS)
	f := &Finder{App: "demoapp", Dirs: []Dir{{Path: x.dir, Source: SourceDir}}}
	plugins, err := f.HookPlugins(x.cache, func() *Scan { t.Fatal("warm run scanned"); return nil })
	if err != nil || len(plugins) == 0 {
		t.Fatalf("plugins %v, err %v", plugins, err)
	}
	p := plugins[0]
	if p.Name != "audit" || p.Description() != "audits" || len(p.Words) != 1 || p.Source != SourceDir ||
		p.Dir != x.dir || p.ManifestPath != filepath.Join(x.dir, "demoapp-audit.yaml") {
		t.Errorf("plugin from the index = %+v", p)
	}
	if f := plugins[1]; f.Folder != filepath.Join(x.dir, "demoapp-folder") || f.Dir != x.dir ||
		f.Path != filepath.Join(f.Folder, "run") || f.ManifestPath != filepath.Join(f.Folder, "plugin.yaml") {
		t.Errorf("folder plugin from the index = %+v", f)
	}
	if d := p.Manifest.Hooks[0].Flags[0].Default; fmt.Sprint(d) != "10000000" {
		t.Errorf("flag default from the index = %v (%T), want 10000000", d, d)
	}
}

func TestHookIndexInvalidates(t *testing.T) {
	tests := []struct {
		name   string
		change func(x *hookFixture)
		want   []string
	}{
		{"plugin added", func(x *hookFixture) {
			x.write("demoapp-extra", "#!/bin/sh\n", 0o755)
			x.write("demoapp-extra.yaml", "hooks:\n  - {name: extra, commands: ['*'], before: true}\n", 0o644)
		}, []string{"audit/audit", "extra/extra", "folder/fold"}},
		{"plugin removed", func(x *hookFixture) {
			os.Remove(filepath.Join(x.dir, "demoapp-audit"))
			os.Remove(filepath.Join(x.dir, "demoapp-audit.yaml"))
		}, []string{"folder/fold"}},
		{"hook removed from a manifest in place", func(x *hookFixture) {
			x.write("demoapp-audit.yaml", "description: audits\n", 0o644)
		}, []string{"folder/fold"}},
		{"manifest of a folder edited", func(x *hookFixture) {
			x.write("demoapp-folder/plugin.yaml", "exec: run\n", 0o644)
		}, []string{"audit/audit"}},
		{"executable no longer executable", func(x *hookFixture) {
			os.Chmod(filepath.Join(x.dir, "demoapp-audit"), 0o644)
		}, []string{"folder/fold"}},
		{"file made executable", func(x *hookFixture) {
			x.write("demoapp-late", "#!/bin/sh\n", 0o644)
			x.write("demoapp-late.yaml", "hooks:\n  - {name: late, commands: ['*'], before: true}\n", 0o644)
			x.age()
			os.Remove(x.cache)
			x.hooks(OS) // the index now records it as not executable
			os.Chmod(filepath.Join(x.dir, "demoapp-late"), 0o755)
		}, []string{"audit/audit", "folder/fold", "late/late"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := newHookFixture(t)
			x.hooks(OS)
			tt.change(x)
			scans := x.scans
			if got := x.hooks(OS); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("after the change: hooks %v, want %v", got, tt.want)
			}
			if x.scans != scans+1 {
				t.Errorf("the change caused %d scans, want 1", x.scans-scans)
			}
		})
	}
}

// TestHookIndexRefresh pins the trade-off of not stamping manifests
// without hooks: hooks added to one in place are not seen by a warm run,
// and are after a listing refreshes the index from its scan.
func TestHookIndexRefresh(t *testing.T) {
	x := newHookFixture(t)
	x.hooks(OS)
	x.write("demoapp-plain.yaml", "hooks:\n  - {name: p, commands: ['*'], before: true}\n", 0o644)
	// Settled, so that the refreshed index is saved; only the file edited
	// is touched (a stamped file's change time would make the index stale).
	if err := os.Chtimes(filepath.Join(x.dir, "demoapp-plain.yaml"), longAgo, longAgo); err != nil {
		t.Fatal(err)
	}
	old := []string{"audit/audit", "folder/fold"}
	if got := x.hooks(OS); !reflect.DeepEqual(got, old) || x.scans != 1 {
		t.Fatalf("warm run after an in-place edit: hooks %v after %d scans, want %v after 1", got, x.scans, old)
	}
	f := &Finder{App: "demoapp", Dirs: []Dir{{Path: x.dir, Source: SourceDir}}}
	if err := f.RefreshHookIndex(x.cache, f.Scan()); err != nil {
		t.Fatal(err)
	}
	want := []string{"audit/audit", "folder/fold", "plain/p"}
	if got := x.hooks(OS); !reflect.DeepEqual(got, want) || x.scans != 1 {
		t.Errorf("after a refresh: hooks %v after %d scans, want %v after 1", got, x.scans, want)
	}
	before, _ := os.Stat(x.cache)
	if err := f.RefreshHookIndex(x.cache, f.Scan()); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.Stat(x.cache); !after.ModTime().Equal(before.ModTime()) {
		t.Error("an unchanged index was written again")
	}
}

func TestHookIndexUnusableCache(t *testing.T) {
	x := newHookFixture(t)
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	x.cache = filepath.Join(file, "demoapp", "hooks.json") // under a file: never writable
	want := []string{"audit/audit", "folder/fold"}
	for run := 1; run <= 2; run++ {
		if got := x.hooks(OS); !reflect.DeepEqual(got, want) {
			t.Fatalf("run %d: hooks %v, want %v", run, got, want)
		}
	}
	if x.scans != 2 {
		t.Errorf("scans = %d, want 2 (no cache, every run scans)", x.scans)
	}
	x.cache = "" // no cache at all: the same
	if got := x.hooks(OS); !reflect.DeepEqual(got, want) {
		t.Errorf("no cache: hooks %v, want %v", got, want)
	}
}

func TestHookIndexCorruptIsRebuilt(t *testing.T) {
	for _, data := range []string{"", "{not json", `{"format": 999}`, `{"format": 2, "dirs": ["/elsewhere"]}`} {
		x := newHookFixture(t)
		if err := os.MkdirAll(filepath.Dir(x.cache), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(x.cache, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		want := []string{"audit/audit", "folder/fold"}
		if got := x.hooks(OS); !reflect.DeepEqual(got, want) {
			t.Errorf("cache %q: hooks %v, want %v", data, got, want)
		}
		if _, err := LoadHookIndex(OS, x.cache, []Dir{{Path: x.dir}}); err != nil {
			t.Errorf("cache %q was not rebuilt: %v", data, err)
		}
	}
}

func TestHookIndexRacy(t *testing.T) {
	x := newHookFixture(t)
	x.write("demoapp-new", "#!/bin/sh\n", 0o755) // changed just now
	dirs := []Dir{{Path: x.dir, Source: SourceDir}}
	f := &Finder{App: "demoapp", Dirs: dirs}
	if err := NewHookIndex(OS, dirs, f.Scan(), time.Now()).Save(x.cache); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(x.cache); err == nil {
		t.Error("an index with a change from just now was saved")
	}
	if err := NewHookIndex(OS, dirs, f.Scan(), time.Now().Add(time.Minute)).Save(x.cache); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadHookIndex(OS, x.cache, dirs); err != nil {
		t.Errorf("an index of settled files was not saved: %v", err)
	}
}

func TestHookIndexPath(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"XDG_CACHE_HOME": "/c", "HOME": "/h"}, "/c/demoapp/hooks.json"},
		{map[string]string{"HOME": "/h"}, "/h/.cache/demoapp/hooks.json"},
		{map[string]string{"XDG_CACHE_HOME": "rel", "HOME": "/h"}, "/h/.cache/demoapp/hooks.json"},
		{map[string]string{}, ""},
	}
	for _, tt := range tests {
		e := Env{App: "demoapp", Getenv: func(k string) string { return tt.env[k] }}
		if got := HookIndexPath(e); got != tt.want {
			t.Errorf("HookIndexPath(%v) = %q, want %q", tt.env, got, tt.want)
		}
	}
}

func TestContinueIsOneScan(t *testing.T) {
	root := t.TempDir()
	a, b := filepath.Join(root, "a"), filepath.Join(root, "b")
	for _, p := range []string{a + "/demoapp-x", a + "/demoapp-y", b + "/demoapp-x", b + "/demoapp-z", b + "/demoapp-w"} {
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(b+"/demoapp-n", nil, 0o644)
	dirA, dirB := Dir{Path: a, Source: SourceDir}, Dir{Path: b, Source: SourcePATH}
	whole := (&Finder{App: "demoapp", Dirs: []Dir{dirA, dirB}}).Scan()
	parts := (&Finder{App: "demoapp", Dirs: []Dir{dirB}}).Continue((&Finder{App: "demoapp", Dirs: []Dir{dirA}}).Scan())
	if !reflect.DeepEqual(whole, parts) {
		t.Errorf("scan in two parts differs from one scan:\n%+v\n%+v", parts, whole)
	}
}

// TestHookIndexKeepsOtherDirSets pins that switching between sets of
// plugin dirs ($DEMOAPP_PLUGIN_PATH per project) rebuilds each index
// once, not on every switch: the cache file keeps the last
// maxHookIndexSets of them.
func TestHookIndexKeepsOtherDirSets(t *testing.T) {
	x := newHookFixture(t)
	root := t.TempDir()
	var dirs [][]Dir
	for i := range maxHookIndexSets + 1 {
		d := filepath.Join(root, fmt.Sprint(i))
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(d, longAgo, longAgo); err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, []Dir{{Path: x.dir, Source: SourceDir}, {Path: d, Source: SourceDir}})
	}
	scans := 0
	run := func(set []Dir) {
		t.Helper()
		f := &Finder{App: "demoapp", Dirs: set}
		plugins, err := f.HookPlugins(x.cache, func() *Scan { scans++; return f.Scan() })
		if err != nil || len(plugins) != 2 {
			t.Fatalf("%v: %d plugins with hooks, %v; want 2", set, len(plugins), err)
		}
	}
	for round := range 3 {
		for _, set := range dirs[:maxHookIndexSets] {
			run(set)
		}
		if want := maxHookIndexSets; scans != want {
			t.Errorf("round %d: %d scans, want %d (one per set of dirs)", round, scans, want)
		}
	}
	// One set too many: the oldest is dropped, the others kept.
	run(dirs[maxHookIndexSets])
	run(dirs[1])
	if want := maxHookIndexSets + 1; scans != want {
		t.Errorf("%d scans, want %d", scans, want)
	}
	run(dirs[0])
	if want := maxHookIndexSets + 2; scans != want {
		t.Errorf("%d scans, want %d (the oldest set rebuilt)", scans, want)
	}
}

// TestHookIndexStampsOnlyPluginsWithHooks pins that a warm run stats a
// number of paths that does not grow with the plugins: folder plugins
// without hooks are no more stamped than flat ones.
func TestHookIndexStampsOnlyPluginsWithHooks(t *testing.T) {
	x := newHookFixture(t)
	stamped := func() []string {
		t.Helper()
		f := &Finder{App: "demoapp", Dirs: []Dir{{Path: x.dir, Source: SourceDir}}}
		return NewHookIndex(OS, f.Dirs, f.Scan(), time.Now()).Stamped
	}
	before := stamped()
	for i := range 20 {
		x.write(fmt.Sprintf("demoapp-f%02d/plugin.yaml", i), "exec: run\ndescription: no hooks\n", 0o644)
		x.write(fmt.Sprintf("demoapp-f%02d/run", i), "#!/bin/sh\n", 0o755)
		x.write(fmt.Sprintf("demoapp-p%02d", i), "#!/bin/sh\n", 0o755)
		x.write(fmt.Sprintf("demoapp-p%02d.yaml", i), "description: no hooks\n", 0o644)
	}
	if after := stamped(); !reflect.DeepEqual(after, before) {
		t.Errorf("40 plugins without hooks changed the stamped paths from %v to %v", before, after)
	}
	// The folder with hooks is stamped: its manifest replaced by a rename
	// changes only the folder.
	if !slices.Contains(before, filepath.Join(x.dir, "demoapp-folder")) {
		t.Errorf("stamped %v: the folder with hooks is missing", before)
	}
}

// A listing refreshes the index of its set of dirs without writing the
// file when it holds that index as is, though another set was saved
// since: a user switching between two sets writes nothing.
func TestHookIndexRefreshSwitchingSets(t *testing.T) {
	x := newHookFixture(t)
	other := filepath.Join(t.TempDir(), "other")
	if err := os.MkdirAll(other, 0o755); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(other, longAgo, longAgo)
	one := &Finder{App: "demoapp", Dirs: []Dir{{Path: x.dir, Source: SourceDir}}}
	two := &Finder{App: "demoapp", Dirs: []Dir{{Path: x.dir, Source: SourceDir}, {Path: other, Source: SourceDir}}}
	for _, f := range []*Finder{one, two} {
		if err := f.RefreshHookIndex(x.cache, f.Scan()); err != nil {
			t.Fatal(err)
		}
	}
	before, err := os.Stat(x.cache)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []*Finder{one, two, one} {
		if err := f.RefreshHookIndex(x.cache, f.Scan()); err != nil {
			t.Fatal(err)
		}
	}
	if after, _ := os.Stat(x.cache); !os.SameFile(before, after) {
		t.Error("the hook index was written again, unchanged")
	}
}

// TestHookIndexSeesAFixedManifest pins that a plugin whose manifest is
// invalid is stamped: what it declares is unknown, and once the manifest
// is fixed in place its hooks attach on the next run, not after the next
// listing.
func TestHookIndexSeesAFixedManifest(t *testing.T) {
	x := newHookFixture(t)
	x.write("demoapp-typo", "#!/bin/sh\n", 0o755)
	x.write("demoapp-typo.yaml", "hooks:\n  - {name: typo, commands: ['Files list'], before: true}\n", 0o644)
	x.age()
	want := []string{"audit/audit", "folder/fold"}
	if got := x.hooks(OS); !reflect.DeepEqual(got, want) || x.scans != 1 {
		t.Fatalf("cold, a manifest invalid: hooks %v after %d scans, want %v after 1", got, x.scans, want)
	}
	x.write("demoapp-typo.yaml", "hooks:\n  - {name: typo, commands: ['files list'], before: true}\n", 0o644)
	if err := os.Chtimes(filepath.Join(x.dir, "demoapp-typo.yaml"), longAgo, longAgo); err != nil {
		t.Fatal(err)
	}
	want = []string{"audit/audit", "folder/fold", "typo/typo"}
	if got := x.hooks(OS); !reflect.DeepEqual(got, want) || x.scans != 2 {
		t.Errorf("after the fix: hooks %v after %d scans, want %v after 2", got, x.scans, want)
	}
}

// TestHookIndexWatchesOnlyInvalidPluginsThatMayHook pins the cost side of
// TestHookIndexSeesAFixedManifest: a refused or invalid plugin is stamped
// only when its manifest may declare hooks (it names them, or it could
// not be read), so that plugins left invalid cost a warm run nothing.
func TestHookIndexWatchesOnlyInvalidPluginsThatMayHook(t *testing.T) {
	x := newHookFixture(t)
	x.write("demoapp-mismatch", "#!/bin/sh\n", 0o755)
	x.write("demoapp-mismatch.yaml", "name: other\n", 0o644)
	x.write("demoapp-unknownkey", "#!/bin/sh\n", 0o755)
	x.write("demoapp-unknownkey.yaml", "descriptoin: x\n", 0o644)
	x.write("demoapp-typo", "#!/bin/sh\n", 0o755)
	x.write("demoapp-typo.yaml", "hooks:\n  - {name: typo, commands: ['Files list'], before: true}\n", 0o644)
	x.write("demoapp-hookmismatch", "#!/bin/sh\n", 0o755)
	x.write("demoapp-hookmismatch.yaml", "name: other\nhooks:\n  - {name: hm, commands: ['files list'], before: true}\n", 0o644)
	x.age()
	f := &Finder{App: "demoapp", Dirs: []Dir{{Path: x.dir, Source: SourceDir}}}
	ix := NewHookIndex(OS, f.Dirs, f.Scan(), time.Now())
	stamped := func(name string) bool { return slices.Contains(ix.Stamped, filepath.Join(x.dir, name)) }
	for _, name := range []string{"demoapp-typo.yaml", "demoapp-typo", "demoapp-hookmismatch.yaml"} {
		if !stamped(name) {
			t.Errorf("%s, invalid and naming hooks, is not stamped", name)
		}
	}
	for _, name := range []string{"demoapp-mismatch.yaml", "demoapp-unknownkey.yaml", "demoapp-plain.yaml"} {
		if stamped(name) {
			t.Errorf("%s, without hooks, is stamped", name)
		}
	}
}
