package discovery

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// mcFixture is a plugin dir and a PATH dir holding every kind of plugin a
// listing shows, and a manifest cache file.
type mcFixture struct {
	t          *testing.T
	dir, path  string
	cache      string
	now        time.Time
	trust      *Trust
	lastReused int
	lastStored int
}

func newMCFixture(t *testing.T) *mcFixture {
	root := t.TempDir()
	x := &mcFixture{t: t, dir: filepath.Join(root, "plugins"), path: filepath.Join(root, "bin"),
		cache: filepath.Join(root, "cache", "demoapp", "manifests.cache"), now: time.Now()}
	exe := "#!/bin/sh\n"
	x.write(x.dir, "demoapp-a", exe, 0o755)
	x.write(x.dir, "demoapp-a.yaml", "name: a\nversion: 1.2.3\ndescription: \"Plugin A \\e[31mred\"\nlong: |\n  Two lines\n  \\tand a tab\ncompletion: true\noutput: list\nrequires: {env: [HOME], executables: [sh], app: 0.1.0}\n", 0o644)
	x.write(x.dir, "demoapp-b", exe, 0o755) // no manifest
	x.write(x.dir, "demoapp-c", exe, 0o755)
	x.write(x.dir, "demoapp-c.yaml", "description: hooks\nhooks:\n  - {name: ch, commands: ['*'], before: true}\n", 0o644)
	x.write(x.dir, "demoapp-d", exe, 0o755)
	x.write(x.dir, "demoapp-d.yaml", "description: formats\nformatters: [{name: dfmt}]\n", 0o644)
	x.write(x.dir, "demoapp-e", exe, 0o755)
	x.write(x.dir, "demoapp-e.yaml", "description: unknown key\nbogus: 1\n", 0o644)
	x.write(x.dir, "demoapp-f", exe, 0o755)
	x.write(x.dir, "demoapp-f.yaml", "name: other\n", 0o644)
	x.write(x.dir, "demoapp-g/plugin.yaml", "exec: run\ndescription: a folder\n", 0o644)
	x.write(x.dir, "demoapp-g/run", exe, 0o755)
	x.write(x.dir, "demoapp-h", exe, 0o755)
	x.write(x.dir, "demoapp-h.yaml", "description: refused\n", 0o644)
	os.Chmod(filepath.Join(x.dir, "demoapp-h"), 0o757)
	x.write(x.dir, "demoapp-i", exe, 0o755)
	x.write(x.dir, "demoapp-i.yaml", "description: empty lists\nrequires: {env: []}\n", 0o644)
	x.write(x.dir, "demoapp-j", exe, 0o644) // not executable
	x.write(x.dir, "demoapp-j.yaml", "description: inert\n", 0o644)
	x.write(x.path, "demoapp-a", exe, 0o755) // shadowed
	x.write(x.path, "demoapp-a.yaml", "description: shadowed A\n", 0o644)
	x.write(x.path, "demoapp-z", exe, 0o755)
	x.write(x.path, "demoapp-z.yaml", "description: on PATH\n", 0o644)
	x.age(x.dir, x.path)
	return x
}

func (x *mcFixture) write(dir, name, data string, mode fs.FileMode) {
	x.t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		x.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), mode); err != nil {
		x.t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		x.t.Fatal(err)
	}
}

// age sets every modification time under paths to longAgo.
func (x *mcFixture) age(paths ...string) {
	x.t.Helper()
	for _, root := range paths {
		err := filepath.WalkDir(root, func(path string, _ fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			return os.Chtimes(path, longAgo, longAgo)
		})
		if err != nil {
			x.t.Fatal(err)
		}
	}
}

func (x *mcFixture) finder(fsys FS) *Finder {
	return &Finder{App: "demoapp", Dirs: []Dir{{Path: x.dir, Source: SourceDir}, {Path: x.path, Source: SourcePATH}},
		FS: fsys, Now: func() time.Time { return x.now }, Trust: x.trust}
}

// list returns what a scan finds, as text: with the cache when cached,
// which it then saves.
func (x *mcFixture) list(fsys FS, cached bool) string {
	x.t.Helper()
	f := x.finder(fsys)
	if cached {
		c, err := f.OpenManifestCache(x.cache)
		if err != nil {
			x.t.Logf("cache: %v", err)
		}
		f.Manifests = c
		defer func() {
			x.lastReused, x.lastStored = c.Stats()
			if err := f.SaveManifestCache(c); err != nil {
				x.t.Logf("save: %v", err)
			}
		}()
	}
	return scanText(f.Scan())
}

// scanText is every field of what a scan found that a listing may show.
func scanText(s *Scan) string {
	var b strings.Builder
	for _, p := range s.Plugins {
		fmt.Fprintf(&b, "%s|%q|%s|%s|%s|%s|%s|%s|%v\n", p.Name, p.Words, p.Path, p.Folder, p.Dir, p.Source, p.ManifestPath, p.ShadowedBy, p.Invalid)
		if p.Manifest != nil {
			fmt.Fprintf(&b, "  %#v\n", *p.Manifest)
		}
	}
	for _, w := range s.Warnings {
		fmt.Fprintf(&b, "warning %s\n", w)
	}
	fmt.Fprintf(&b, "inert %q\n", s.Inert)
	return b.String()
}

// check lists with no cache, then with the cache as it is (saving it),
// then warm, and fails unless all three agree; it returns the listing and
// the manifests the warm scan read.
func (x *mcFixture) check(step string) (string, map[string]int) {
	x.t.Helper()
	want := x.list(OS, false)
	if got := x.list(OS, true); got != want {
		x.t.Fatalf("%s: with the cache as it was:\n%s\nwithout a cache:\n%s", step, got, want)
	}
	c := &countFS{FS: OS, reads: map[string]int{}}
	if got := x.list(c, true); got != want {
		x.t.Fatalf("%s: with the cache warm:\n%s\nwithout a cache:\n%s", step, got, want)
	}
	manifests := map[string]int{}
	for name, n := range c.reads {
		if strings.HasSuffix(name, ".yaml") {
			manifests[strings.TrimPrefix(name, filepath.Dir(x.dir)+string(filepath.Separator))] = n
		}
	}
	return want, manifests
}

// uncachable are the manifests a warm listing of the fixture reads: those
// that declare hooks or formatters, and those that are invalid.
var uncachable = map[string]int{"plugins/demoapp-c.yaml": 1, "plugins/demoapp-d.yaml": 1, "plugins/demoapp-e.yaml": 1, "plugins/demoapp-f.yaml": 1}

// A listing with the cache shows exactly what it shows without one: cold,
// warm, and after each way a manifest or a plugin can change.
func TestManifestCacheListsAsAScan(t *testing.T) {
	x := newMCFixture(t)
	first, reads := x.check("cold")
	if !reflect.DeepEqual(reads, uncachable) {
		t.Errorf("a warm listing read the manifests %v, want only %v", reads, uncachable)
	}
	if x.lastReused != 5 || x.lastStored != 0 {
		t.Errorf("a warm listing took %d manifests from the cache and added %d, want 5 and 0", x.lastReused, x.lastStored)
	}
	if !strings.Contains(first, `Description:"Plugin A \\x1b[31mred"`) {
		t.Errorf("the description is not escaped:\n%s", first)
	}
	a := filepath.Join(x.dir, "demoapp-a.yaml")
	steps := []struct {
		name   string
		change func()
		shows  string
	}{
		{"touched", func() {
			os.Chtimes(a, longAgo.Add(time.Hour), longAgo.Add(time.Hour))
		}, "Plugin A"},
		{"edited in place, same size and time", func() {
			data, _ := os.ReadFile(a)
			os.WriteFile(a, []byte(strings.Replace(string(data), "Plugin A", "Plugin Q", 1)), 0o644)
			os.Chtimes(a, longAgo.Add(time.Hour), longAgo.Add(time.Hour))
		}, "Plugin Q"},
		{"replaced by rename", func() {
			tmp := filepath.Join(x.dir, ".new")
			os.WriteFile(tmp, []byte("description: empty lists, replaced\n"), 0o644)
			os.Chtimes(tmp, longAgo, longAgo)
			os.Rename(tmp, filepath.Join(x.dir, "demoapp-i.yaml"))
		}, "empty lists, replaced"},
		{"executable replaced", func() {
			exe := filepath.Join(x.path, "demoapp-z")
			os.Remove(exe)
			x.write(x.path, "demoapp-z", "#!/bin/sh\nexit 0\n", 0o755)
			os.Chtimes(exe, longAgo, longAgo)
		}, "on PATH"},
		{"hooks added in place", func() {
			p := filepath.Join(x.path, "demoapp-z.yaml")
			os.WriteFile(p, []byte("description: on PATH\nhooks:\n  - {name: zh, commands: ['*'], after: true}\n"), 0o644)
			os.Chtimes(p, longAgo, longAgo)
		}, `Name:"zh"`},
		{"manifest writable by others", func() {
			os.Chmod(a, 0o646)
		}, "demoapp-a.yaml: writable by other users"},
		{"folder's executable renamed", func() {
			os.Rename(filepath.Join(x.dir, "demoapp-g", "run"), filepath.Join(x.dir, "demoapp-g", "run2"))
		}, "executable " + filepath.Join(x.dir, "demoapp-g", "run") + " does not exist"},
		{"executable no longer executable", func() {
			os.Chmod(filepath.Join(x.dir, "demoapp-i"), 0o644)
		}, "demoapp-i: not executable"},
		{"plugin removed", func() {
			os.Remove(filepath.Join(x.dir, "demoapp-b"))
		}, ""},
		{"changed just now", func() {
			data, _ := os.ReadFile(filepath.Join(x.dir, "demoapp-j.yaml"))
			os.WriteFile(filepath.Join(x.dir, "demoapp-i.yaml"), data, 0o644)
			os.Chmod(filepath.Join(x.dir, "demoapp-i"), 0o755)
		}, "inert"},
	}
	for _, step := range steps {
		step.change()
		got, _ := x.check(step.name)
		if !strings.Contains(got, step.shows) {
			t.Errorf("%s: the listing does not show %q:\n%s", step.name, step.shows, got)
		}
	}
	// The manifest changed just now is not trusted to the cache, until its
	// change has settled.
	if x.lastStored != 0 {
		t.Errorf("a manifest changed just now was cached")
	}
	x.now = time.Now().Add(time.Minute)
	x.check("settled")
	x.list(OS, true)
	// a is refused, z declares hooks, b is gone: g (its manifest valid,
	// its executable missing), i and PATH's a are cached.
	if x.lastStored != 0 || x.lastReused != 3 {
		t.Errorf("after settling: %d manifests from the cache, %d added; want 3 and 0", x.lastReused, x.lastStored)
	}
}

// The cache saves the parse, never a check: a scan that takes a manifest
// from it checks the plugin's files by the trust rules all the same.
func TestManifestCacheChecksTrust(t *testing.T) {
	x := newMCFixture(t)
	x.check("cold")
	os.Chmod(filepath.Join(x.dir, "demoapp-a"), 0o757) // the manifest is unchanged
	got, _ := x.check("executable writable by others")
	if !strings.Contains(got, "refused "+filepath.Join(x.dir, "demoapp-a")) {
		t.Errorf("a world-writable executable is not refused:\n%s", got)
	}
}

// A cache file that cannot be trusted or read is not used and is
// replaced: the listing is as without one, and no error reaches the user.
func TestManifestCacheUnusable(t *testing.T) {
	for name, spoil := range map[string]func(x *mcFixture){
		"a byte flipped": func(x *mcFixture) {
			data, _ := os.ReadFile(x.cache)
			i := strings.Index(string(data), "Plugin A")
			data[i] ^= 0x20
			os.WriteFile(x.cache, data, 0o600)
		},
		"truncated": func(x *mcFixture) {
			data, _ := os.ReadFile(x.cache)
			os.WriteFile(x.cache, data[:len(data)/2], 0o600)
		},
		"another format": func(x *mcFixture) {
			data, _ := os.ReadFile(x.cache)
			data[len(manifestCacheMagic)]++
			os.WriteFile(x.cache, data, 0o600)
		},
		"not a cache": func(x *mcFixture) {
			os.WriteFile(x.cache, []byte(`{"format": 4}`), 0o600)
		},
		"written by another build": func(x *mcFixture) {
			data, _ := os.ReadFile(x.cache)
			exe, _ := os.Executable()
			i := strings.Index(string(data), exe)
			data[i+len(exe)-1] ^= 1
			os.WriteFile(x.cache, data, 0o600)
		},
		"empty": func(x *mcFixture) {
			os.WriteFile(x.cache, nil, 0o600)
		},
		"writable by others": func(x *mcFixture) {
			os.Chmod(x.cache, 0o666)
		},
		"a directory": func(x *mcFixture) {
			os.Remove(x.cache)
			os.Mkdir(x.cache, 0o700)
		},
	} {
		t.Run(name, func(t *testing.T) {
			x := newMCFixture(t)
			want, _ := x.check("cold")
			spoil(x)
			f := x.finder(OS)
			c, err := f.OpenManifestCache(x.cache)
			f.Manifests = c
			if got := scanText(f.Scan()); got != want {
				t.Errorf("listed:\n%s\nwant:\n%s", got, want)
			}
			if err == nil && c.Err() == nil {
				t.Errorf("no error for the debug log")
			}
			// A section that does not match its checksum is not used; the
			// others (PATH's two manifests) are.
			wantReused := 0
			if name == "a byte flipped" {
				wantReused = 2
			}
			if reused, _ := c.Stats(); reused != wantReused {
				t.Errorf("%d manifests taken from it, want %d", reused, wantReused)
			}
			if name == "a directory" {
				return
			}
			if err := f.SaveManifestCache(c); err != nil {
				t.Fatal(err)
			}
			if fi, err := os.Stat(x.cache); err != nil || fi.Mode().Perm() != 0o600 {
				t.Errorf("the cache written again: %v, %v; want mode 0600", fi, err)
			}
			x.list(OS, true)
			if x.lastReused != 5 {
				t.Errorf("the cache rebuilt serves %d manifests, want 5", x.lastReused)
			}
		})
	}
}

// A cache in a directory others may write to, or owned by someone else,
// is not read, and not written to.
func TestManifestCacheNotTheUsers(t *testing.T) {
	x := newMCFixture(t)
	x.check("cold")
	x.trust = &Trust{UID: os.Getuid() + 1}
	f := x.finder(OS)
	c, err := f.OpenManifestCache(x.cache)
	if err == nil || !strings.Contains(err.Error(), "owned by another user") {
		t.Errorf("a cache of another user: %v, want refused", err)
	}
	if c.Changed() && f.SaveManifestCache(c) == nil {
		t.Errorf("saved into a directory of another user")
	}
	x.trust = nil
	os.Chmod(filepath.Dir(x.cache), 0o777)
	f = x.finder(OS)
	if _, err := f.OpenManifestCache(x.cache); err == nil {
		t.Errorf("a cache in a world-writable directory was used")
	}
	before, _ := os.ReadFile(x.cache)
	x.list(OS, true)
	if after, _ := os.ReadFile(x.cache); string(after) != string(before) {
		t.Errorf("the cache in a world-writable directory was written to")
	}
}

// Listings of other directories keep each other's sections; a directory
// scanned again replaces its own.
func TestManifestCacheKeepsOtherDirs(t *testing.T) {
	x := newMCFixture(t)
	x.check("cold")
	other := &Finder{App: "demoapp", Dirs: []Dir{{Path: x.path, Source: SourcePATH}}}
	c, _ := other.OpenManifestCache(x.cache)
	if s := c.byDir[x.dir]; s == nil || s.body != nil {
		t.Errorf("a listing of PATH alone read the plugin dir's entries (section %+v)", s)
	}
	other.Manifests = c
	other.Scan()
	if reused, stored := c.Stats(); reused != 2 || stored != 0 || c.Changed() {
		t.Errorf("PATH alone: %d reused, %d stored, changed %v; want 2, 0, false", reused, stored, c.Changed())
	}
	os.Remove(filepath.Join(x.path, "demoapp-z"))
	c, _ = other.OpenManifestCache(x.cache)
	other.Manifests = c
	other.Scan()
	if !c.Changed() {
		t.Fatal("a plugin removed is no change")
	}
	if err := other.SaveManifestCache(c); err != nil {
		t.Fatal(err)
	}
	x.list(OS, true)
	if x.lastReused != 4 || x.lastStored != 0 {
		t.Errorf("both dirs again: %d reused, %d stored; want 4 (the plugin dir's kept) and 0", x.lastReused, x.lastStored)
	}
}

// What a manifest makes run is read from the file: Fresh reloads a
// plugin whose manifest came from the cache.
func TestManifestCacheFresh(t *testing.T) {
	x := newMCFixture(t)
	x.check("cold")
	// Forge the entry of demoapp-z: completion, which the file does not say.
	f := x.finder(OS)
	c, _ := f.OpenManifestCache(x.cache)
	f.Manifests = c
	for _, s := range c.sections {
		c.decode(s)
		for i := range s.entries {
			s.entries[i].m.Completion = true
		}
	}
	s := f.Scan()
	for _, p := range s.Plugins {
		if p.Name != "z" {
			continue
		}
		if !p.FromCache() || !p.Manifest.Completion {
			t.Fatalf("the forged entry was not used: from cache %v", p.FromCache())
		}
		q := f.Fresh(p)
		if q.FromCache() || q.Manifest == nil || q.Manifest.Completion || q.Manifest.Description != "on PATH" {
			t.Errorf("Fresh: %+v", q.Manifest)
		}
	}
	for _, p := range s.Plugins {
		if !p.FromCache() && f.Fresh(p) != p {
			t.Errorf("Fresh(%s) of a plugin read from its file is not itself", p.Name)
		}
	}
}

// Every field of a Manifest but hooks and formatters, never cached, goes
// through the cache as parsed, nil lists apart from empty ones. When
// Manifest gains a field this fails until the cache's encoding has it.
func TestManifestCacheCodec(t *testing.T) {
	var fields []string
	mt := reflect.TypeFor[Manifest]()
	for i := range mt.NumField() {
		fields = append(fields, mt.Field(i).Name)
	}
	known := []string{"Name", "Version", "Description", "Long", "Exec", "Completion", "Output", "Requires", "Hooks", "Formatters"}
	if !slices.Equal(fields, known) {
		t.Fatalf("Manifest's fields are %v, the cache encodes %v: update appendEntry and mcReader.manifest, and manifestCacheFormat", fields, known)
	}
	for n := range 3 {
		var m Manifest
		fill(reflect.ValueOf(&m).Elem(), n)
		m.Hooks, m.Formatters = nil, nil
		id := statID{dev: 1, ino: 2, size: 3, mtime: -4, ctime: 5, mode: uint32(fs.ModeSymlink | 0o755), uid: -1}
		data := appendEntry(nil, "demoapp-x.yaml", id, id, &m)
		r := &mcReader{b: data, s: string(data)}
		if rel := r.str(); rel != "demoapp-x.yaml" {
			t.Errorf("rel = %q", rel)
		}
		if got := r.id(); got != id {
			t.Errorf("id = %+v, want %+v", got, id)
		}
		r.id()
		var got Manifest
		r.manifest(&got)
		if r.err || r.off != len(data) || !reflect.DeepEqual(got, m) {
			t.Errorf("decoded %#v (err %v, %d of %d bytes), want %#v", got, r.err, r.off, len(data), m)
		}
	}
}

// fill sets every field of v: strings and lists of n elements (nil for
// n 0, empty for n 1), true booleans.
func fill(v reflect.Value, n int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("%s-%d\x1b", v.Type().Name(), n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), n)
		}
	case reflect.Slice:
		if n == 0 {
			return
		}
		s := reflect.MakeSlice(v.Type(), n-1, n-1)
		if s.Type().Elem().Kind() == reflect.String {
			for i := range n - 1 {
				s.Index(i).SetString(fmt.Sprint("item", i))
			}
		}
		v.Set(s)
	default:
		panic("fill: a field of kind " + v.Kind().String() + ": teach the manifest cache's encoding about it")
	}
}

// TestScanCostsPerPluginWarm pins what a listing with the manifest cache
// warm asks of the file system: the scan's lstats (TestScanCostsPerPlugin)
// and one read of the cache with its checks, and no manifest opened.
func TestScanCostsPerPluginWarm(t *testing.T) {
	for _, n := range []int{10, 100} {
		tree := map[string]fakeFile{"/c/demoapp/": {mode: fs.ModeDir | 0o700}}
		for i := range n {
			name := fmt.Sprintf("/p/demoapp-p%03d", i)
			tree[name] = fakeFile{mode: exe}
			if i%2 == 0 {
				tree[name+".yaml"] = fakeFile{mode: 0o644, data: "description: x\n"}
			}
		}
		fsys := newFakeFS(tree)
		f := &Finder{App: "demoapp", Dirs: []Dir{{Path: "/p", Source: SourceDir}}, FS: fsys}
		const cache = "/c/demoapp/manifests.cache"
		cold, _ := f.OpenManifestCache(cache)
		f.Manifests = cold
		f.Scan()
		if _, stored := cold.Stats(); stored != n/2 {
			t.Fatalf("%d manifests cached, want %d", stored, n/2)
		}
		tree[cache] = fakeFile{mode: 0o600, data: string(cold.encode(&ManifestCache{}))}
		fsys.calls = map[string]int{}
		warm, err := f.OpenManifestCache(cache)
		if err != nil {
			t.Fatal(err)
		}
		f.Manifests = warm
		s := f.Scan()
		if len(s.Plugins) != n || len(s.Warnings) != 0 {
			t.Fatalf("%d plugins, warnings %v; want %d and none", len(s.Plugins), s.Warnings, n)
		}
		if reused, stored := warm.Stats(); reused != n/2 || stored != 0 || warm.Changed() {
			t.Errorf("warm: %d reused, %d stored, changed %v; want %d, 0, false", reused, stored, warm.Changed(), n/2)
		}
		// The cache: a stat for its size cap, and one each of it and its
		// directory for the trust rule; and the plugin dir's parent (/)
		// for the trust rule.
		stats := fsys.calls["Stat"] + fsys.calls["Lstat"]
		if want := n + n/2 + 1 + 3 + 1; stats != want {
			t.Errorf("%d plugins, %d with manifests, warm: %d stats, want %d", n, n/2, stats, want)
		}
		if got := fsys.calls["ReadFile"]; got != 1 {
			t.Errorf("%d plugins, warm: %d files read, want 1 (the cache)", n, got)
		}
	}
}

// swappingFS opens swapped whenever the cache is opened, while the path
// (and so a stat of it) still names the cache: a file put in place of the
// cache between its read and its trust check.
type swappingFS struct {
	osFS
	cache, swapped string
}

func (s swappingFS) OpenRegular(name string, max int64) (io.ReaderAt, int64, func() error, error) {
	if name == s.cache {
		name = s.swapped
	}
	return s.osFS.OpenRegular(name, max)
}

// The trust check is made on the cache file as it was opened and read, not
// on whatever its path names when it is checked.
func TestManifestCacheChecksTheFileItRead(t *testing.T) {
	x := newMCFixture(t)
	x.check("cold")
	swapped := filepath.Join(t.TempDir(), "forged.cache")
	data, err := os.ReadFile(x.cache)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(swapped, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(swapped, 0o666); err != nil {
		t.Fatal(err)
	}
	f := x.finder(swappingFS{cache: x.cache, swapped: swapped})
	if _, err := f.OpenManifestCache(x.cache); err == nil || !strings.Contains(err.Error(), x.cache) {
		t.Errorf("a cache read from a file writable by others: %v, want refused naming %s", err, x.cache)
	}
}
