package discovery

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/longshore/longshore/internal/names"
)

// writeIndex writes ix to the fixture's cache as is, its only index.
func (x *hookFixture) writeIndex(ix *HookIndex, dirMode fs.FileMode) {
	x.t.Helper()
	if err := os.MkdirAll(filepath.Dir(x.cache), 0o700); err != nil {
		x.t.Fatal(err)
	}
	data, err := json.Marshal(&hookIndexFile{Format: hookIndexFormat, Sets: []*HookIndex{ix}})
	if err != nil {
		x.t.Fatal(err)
	}
	if err := os.WriteFile(x.cache, data, 0o600); err != nil {
		x.t.Fatal(err)
	}
	if err := os.Chmod(filepath.Dir(x.cache), dirMode); err != nil {
		x.t.Fatal(err)
	}
}

// A cache only speeds up what a scan would find: a hand-made one naming
// an executable outside the plugin dirs, with nothing stamped and the
// checksum of nothing, is ignored and rebuilt.
func TestHookIndexForgedIsIgnored(t *testing.T) {
	evil := filepath.Join(t.TempDir(), "evil")
	if err := os.WriteFile(evil, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	want := []string{"audit/audit", "folder/fold"}
	for name, forge := range map[string]func(x *hookFixture, ix *HookIndex){
		"outside the dirs, nothing stamped": func(x *hookFixture, ix *HookIndex) {
			ix.Stamped = []string{}
			ix.Plugins = []HookPlugin{{Name: "evil", Path: evil}}
		},
		"outside the dirs, stamped": func(x *hookFixture, ix *HookIndex) {
			ix.Stamped = append(ix.Stamped, evil, evil+".yaml")
			ix.Plugins = append(ix.Plugins, HookPlugin{Name: "evil", Path: evil})
		},
		"in a dir, not a plugin name": func(x *hookFixture, ix *HookIndex) {
			p := filepath.Join(x.dir, "demoapp-plain")
			ix.Plugins = append(ix.Plugins, HookPlugin{Name: "evil", Path: p})
		},
		"folder executable outside its folder": func(x *hookFixture, ix *HookIndex) {
			for i := range ix.Plugins {
				if ix.Plugins[i].Folder != "" {
					ix.Plugins[i].Path = evil
				}
			}
			ix.Stamped = append(ix.Stamped, evil)
		},
		"a plugin without hooks": func(x *hookFixture, ix *HookIndex) {
			p := filepath.Join(x.dir, "demoapp-plain")
			ix.Stamped = append(ix.Stamped, p, p+".yaml")
			ix.Plugins = append(ix.Plugins, HookPlugin{Name: "plain", Path: p})
		},
	} {
		t.Run(name, func(t *testing.T) {
			x := newHookFixture(t)
			x.hooks(OS) // a true cache to start from
			ix, err := LoadHookIndex(OS, x.cache, []Dir{{Path: x.dir}})
			if err != nil {
				t.Fatal(err)
			}
			forge(x, ix)
			// The forger recomputes the checksum: it is no secret.
			ix.Sum, _ = ix.sum(OS, time.Time{})
			x.writeIndex(ix, 0o700)
			if got := x.hooks(OS); !reflect.DeepEqual(got, want) || x.scans != 2 {
				t.Errorf("hooks %v after %d scans, want %v after 2 (forged cache rebuilt)", got, x.scans, want)
			}
		})
	}
}

// A cache in a directory others may write to, or a cache file others may
// write to, is ignored: anyone could have written it. Nor is one saved
// there.
func TestHookIndexUntrustedCacheIsIgnored(t *testing.T) {
	x := newHookFixture(t)
	x.hooks(OS)
	ix, err := LoadHookIndex(OS, x.cache, []Dir{{Path: x.dir}})
	if err != nil {
		t.Fatal(err)
	}
	x.writeIndex(ix, 0o777)
	t.Cleanup(func() { os.Chmod(filepath.Dir(x.cache), 0o700) })
	x.hooks(OS)
	if x.scans != 2 {
		t.Errorf("a cache in a world-writable dir was used (%d scans, want 2)", x.scans)
	}
	os.Chmod(filepath.Dir(x.cache), 0o700)
	os.Chmod(x.cache, 0o666)
	x.hooks(OS)
	if x.scans != 3 {
		t.Errorf("a world-writable cache was used (%d scans, want 3)", x.scans)
	}
	// A cache owned by another user is ignored too.
	other := &Trust{UID: os.Getuid() + 1}
	f := &Finder{App: "demoapp", Dirs: []Dir{{Path: x.dir, Source: SourceDir}}, Trust: other}
	scans := 0
	if _, err := f.HookPlugins(x.cache, func() *Scan { scans++; return f.Scan() }); err == nil || scans != 1 {
		t.Errorf("a cache of another user: err %v after %d scans, want an error after 1", err, scans)
	}
}

// Every plugin the cache records is checked by the trust rules, as a scan
// would check it: a recorded plugin made world-writable is refused.
func TestHookIndexRecordedFilesAreChecked(t *testing.T) {
	x := newHookFixture(t)
	x.hooks(OS)
	ix, err := LoadHookIndex(OS, x.cache, []Dir{{Path: x.dir}})
	if err != nil {
		t.Fatal(err)
	}
	f := &Finder{App: "demoapp", Dirs: []Dir{{Path: x.dir, Source: SourceDir}}}
	if err := f.reload(ix, nil); err != nil {
		t.Fatalf("a true index: %v", err)
	}
	os.Chmod(filepath.Join(x.dir, "demoapp-audit"), 0o757)
	if err := f.reload(ix, nil); err == nil {
		t.Errorf("a world-writable recorded plugin was accepted")
	}
	if got := x.hooks(OS); slices.Contains(got, "audit/audit") {
		t.Errorf("hooks %v: the world-writable plugin's hook is still there", got)
	}
}

// The cache says which plugins have hooks, never what the hooks are: a
// cache whose entries are rewritten, even with the checksum made to
// match, cannot attach a hook to a command its manifest does not name or
// give it a flag it does not declare. A dropped entry, or any edit that
// leaves the checksum as it was, is a stale cache, rebuilt.
func TestHookIndexContentsAreNotTrusted(t *testing.T) {
	x := newHookFixture(t)
	x.hooks(OS)
	raw, err := os.ReadFile(x.cache)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	// The attack on a cache that recorded the hooks themselves: commands
	// ["*"] and a new flag, written where the old format kept them.
	for _, set := range doc["sets"].([]any) {
		for _, p := range set.(map[string]any)["plugins"].([]any) {
			p.(map[string]any)["hooks"] = []any{map[string]any{"name": "audit", "commands": []any{"*"}, "before": true,
				"flags": []any{map[string]any{"name": "x", "type": "string"}}}}
		}
	}
	data, _ := json.Marshal(doc)
	if err := os.WriteFile(x.cache, data, 0o600); err != nil {
		t.Fatal(err)
	}
	f := &Finder{App: "demoapp", Dirs: []Dir{{Path: x.dir, Source: SourceDir}}}
	plugins, _ := f.HookPlugins(x.cache, func() *Scan { x.scans++; return f.Scan() })
	for _, p := range plugins {
		for _, h := range p.Manifest.Hooks {
			if slices.Contains(h.Commands, "*") && p.Name == "audit" || len(h.Flags) > 0 && h.Flags[0].Name == "x" {
				t.Errorf("hook %s/%s from a forged cache: commands %v, flags %v", p.Name, h.Name, h.Commands, h.Flags)
			}
		}
	}
	want := []string{"audit/audit", "folder/fold"}
	// Dropped entries, the checksum left as it was: stale, rebuilt.
	ix, err := LoadHookIndex(OS, x.cache, []Dir{{Path: x.dir}})
	if err != nil {
		t.Fatal(err)
	}
	scans := x.scans
	ix.Plugins = []HookPlugin{}
	x.writeIndex(ix, 0o700)
	if got := x.hooks(OS); !reflect.DeepEqual(got, want) || x.scans != scans+1 {
		t.Errorf("entries dropped: hooks %v after %d scans, want %v after a rescan", got, x.scans-scans, want)
	}
	// Entries rewritten with the checksum made to match: what runs is
	// still what the manifests say.
	ix, err = LoadHookIndex(OS, x.cache, []Dir{{Path: x.dir}})
	if err != nil {
		t.Fatal(err)
	}
	ix.Plugins[0], ix.Plugins[1] = ix.Plugins[1], ix.Plugins[0]
	ix.Plugins[0].Name = "audit"
	ix.Sum, _ = ix.sum(OS, time.Time{})
	x.writeIndex(ix, 0o700)
	if got := x.hooks(OS); !reflect.DeepEqual(got, want) {
		t.Errorf("entries rewritten: hooks %v, want %v", got, want)
	}
}

// A warm run reads the manifests of only the plugins whose hooks, as the
// index recorded them, may attach to its command; what attaches is what
// those manifests say. A record that names more commands than the
// manifest does (forged, the checksum recomputed) costs a read and
// attaches nothing: the hooks come from the manifest.
func TestHookIndexReadsOnlyTheHooksThatMayAttach(t *testing.T) {
	x := newHookFixture(t)
	x.hooks(OS) // cold: the index is built
	audit := filepath.Join(x.dir, "demoapp-audit.yaml")
	folder := filepath.Join(x.dir, "demoapp-folder", "plugin.yaml")
	// warm returns the hooks found for command, as plugin/hook/patterns,
	// and the files read.
	warm := func(command string) ([]string, map[string]int) {
		t.Helper()
		c := &countFS{FS: OS, reads: map[string]int{}}
		f := &Finder{App: "demoapp", Dirs: []Dir{{Path: x.dir, Source: SourceDir}}, FS: c}
		mayAttach := func(commands []string) bool {
			return slices.ContainsFunc(commands, func(p string) bool { return names.MatchPattern(p, command) })
		}
		plugins, err := f.HookPluginsFor(x.cache, func() *Scan { t.Fatal("warm run scanned"); return nil }, mayAttach)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range plugins {
			for _, h := range p.Manifest.Hooks {
				got = append(got, p.Name+"/"+h.Name+"/"+strings.Join(h.Commands, ","))
			}
		}
		return got, c.reads
	}
	for _, tc := range []struct {
		command string
		hooks   []string
		read    []string
	}{
		{"files list", []string{"audit/audit/files *", "folder/fold/*"}, []string{audit, folder}},
		{"version", []string{"folder/fold/*"}, []string{folder}},
	} {
		got, reads := warm(tc.command)
		if !reflect.DeepEqual(got, tc.hooks) {
			t.Errorf("%s: hooks %v, want %v", tc.command, got, tc.hooks)
		}
		want := map[string]int{x.cache: 1}
		for _, m := range tc.read {
			want[m] = 1
		}
		if !reflect.DeepEqual(reads, want) {
			t.Errorf("%s: read %v, want %v", tc.command, reads, want)
		}
	}

	ix, err := LoadHookIndex(OS, x.cache, []Dir{{Path: x.dir}})
	if err != nil {
		t.Fatal(err)
	}
	for i := range ix.Plugins {
		if ix.Plugins[i].Name == "audit" {
			ix.Plugins[i].Commands = append(ix.Plugins[i].Commands, "version")
		}
	}
	ix.Sum, _ = ix.sum(OS, time.Time{})
	x.writeIndex(ix, 0o700)
	got, reads := warm("version")
	if want := []string{"audit/audit/files *", "folder/fold/*"}; !reflect.DeepEqual(got, want) || reads[audit] != 1 {
		t.Errorf("forged record: hooks %v (read %v), want %v, audit's manifest read", got, reads, want)
	}
}
