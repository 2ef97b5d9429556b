package discovery

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"
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
	hook := []HookSpec{{Name: "evil", Commands: []string{"*"}, Before: true}}
	want := []string{"audit/audit", "folder/fold"}
	for name, forge := range map[string]func(x *hookFixture, ix *HookIndex){
		"outside the dirs, nothing stamped": func(x *hookFixture, ix *HookIndex) {
			ix.Stamped = []string{}
			ix.Sum, _ = signatures(OS, nil, time.Time{})
			ix.Plugins = []HookPlugin{{Name: "evil", Path: evil, Hooks: hook}}
		},
		"outside the dirs, stamped": func(x *hookFixture, ix *HookIndex) {
			ix.Stamped = append(ix.Stamped, evil, evil+".yaml")
			ix.Sum, _ = signatures(OS, ix.Stamped, time.Time{})
			ix.Plugins = append(ix.Plugins, HookPlugin{Name: "evil", Path: evil, Hooks: hook})
		},
		"in a dir, not a plugin name": func(x *hookFixture, ix *HookIndex) {
			p := filepath.Join(x.dir, "demoapp-plain")
			ix.Plugins = append(ix.Plugins, HookPlugin{Name: "evil", Path: p, Hooks: hook})
		},
		"folder executable outside its folder": func(x *hookFixture, ix *HookIndex) {
			for i := range ix.Plugins {
				if ix.Plugins[i].Folder != "" {
					ix.Plugins[i].Path = evil
				}
			}
			ix.Stamped = append(ix.Stamped, evil)
			ix.Sum, _ = signatures(OS, ix.Stamped, time.Time{})
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
	if err := f.validateIndex(ix); err != nil {
		t.Fatalf("a true index: %v", err)
	}
	os.Chmod(filepath.Join(x.dir, "demoapp-audit"), 0o757)
	if err := f.validateIndex(ix); err == nil {
		t.Errorf("a world-writable recorded plugin was accepted")
	}
	if got := x.hooks(OS); slices.Contains(got, "audit/audit") {
		t.Errorf("hooks %v: the world-writable plugin's hook is still there", got)
	}
}
