package discovery

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkResolve times lazy dispatch of a miss (the cost every unknown
// word pays) over a PATH of 40 directories x 500 files, and of a hit.
func BenchmarkResolve(b *testing.B) {
	root := b.TempDir()
	var dirs []Dir
	for d := 0; d < 40; d++ {
		dir := filepath.Join(root, fmt.Sprint(d))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		for f := 0; f < 500; f++ {
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("tool-%d", f)), nil, 0o755); err != nil {
				b.Fatal(err)
			}
		}
		dirs = append(dirs, Dir{Path: dir, Source: SourcePATH})
	}
	if err := os.WriteFile(filepath.Join(root, "39", "demoapp-hello"), nil, 0o755); err != nil {
		b.Fatal(err)
	}
	f := &Finder{App: "demoapp", Dirs: dirs}
	b.Run("miss", func(b *testing.B) {
		for b.Loop() {
			f.Resolve([]string{"nothing", "here"}, 1)
		}
	})
	b.Run("hit-last-dir", func(b *testing.B) {
		for b.Loop() {
			if p, _, _ := f.Resolve([]string{"hello"}, 1); p == nil {
				b.Fatal("not found")
			}
		}
	})
}

// BenchmarkScan times a full scan of a plugin dir of n plugins, each with
// a manifest, as help and plugin list do.
func BenchmarkScan(b *testing.B) {
	for _, n := range []int{10, 100} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir := b.TempDir()
			for i := 0; i < n; i++ {
				name := filepath.Join(dir, fmt.Sprintf("demoapp-p%03d", i))
				os.WriteFile(name, []byte("#!/bin/sh\n"), 0o755)
				os.WriteFile(name+".yaml", []byte("version: 1.0.0\ndescription: a plugin\n"), 0o644)
			}
			f := &Finder{App: "demoapp", Dirs: []Dir{{Path: dir, Source: SourceDir}}}
			for b.Loop() {
				if s := f.Scan(); len(s.Plugins) != n {
					b.Fatalf("found %d plugins", len(s.Plugins))
				}
			}
		})
	}
}

// BenchmarkHookPlugins times a warm hook index (the cost every command run
// pays for manifest hooks) with 100 plugins with manifests, 10 of them
// declaring hooks, and the cold path that scans and parses them all.
func BenchmarkHookPlugins(b *testing.B) {
	root := b.TempDir()
	dir := filepath.Join(root, "plugins")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < 100; i++ {
		exe := filepath.Join(dir, fmt.Sprintf("demoapp-p%03d", i))
		manifest := fmt.Sprintf("description: plugin %d\n", i)
		if i%10 == 0 {
			manifest += fmt.Sprintf("hooks:\n  - {name: h%03d, commands: ['files show'], before: true, flags: [{name: f%03d}]}\n", i, i)
		}
		if err := os.WriteFile(exe, []byte("#!/bin/sh\n"), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(exe+".yaml", []byte(manifest), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	f := &Finder{App: "demoapp", Dirs: []Dir{{Path: dir, Source: SourceDir}},
		Now: func() time.Time { return time.Now().Add(time.Hour) }} // the files count as settled
	cache := filepath.Join(root, "cache", "hooks.json")
	b.Run("warm", func(b *testing.B) {
		if _, err := f.HookPlugins(cache, f.Scan); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if p, _ := f.HookPlugins(cache, func() *Scan { b.Fatal("scanned"); return nil }); len(p) != 10 {
				b.Fatalf("%d plugins with hooks", len(p))
			}
		}
	})
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			if p, _ := f.HookPlugins("", f.Scan); len(p) != 10 {
				b.Fatalf("%d plugins with hooks", len(p))
			}
		}
	})
}
