//go:build linux || darwin

package discovery

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// A scan's lstat through the open directory says what os.Lstat says of
// every kind of entry: name, size, mode (type and special bits), time,
// and, to the trust rules and the manifest cache, owner and identity.
func TestOpenDirLstatIsLstat(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, mode os.FileMode) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("data"), mode); err != nil {
			t.Fatal(err)
		}
		os.Chmod(filepath.Join(dir, name), mode)
	}
	write("file", 0o644)
	write("exe", 0o755)
	write("setuid", 0o4755|os.ModeSetuid)
	os.Chmod(filepath.Join(dir, "setuid"), 0o755|os.ModeSetuid|os.ModeSetgid)
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	os.Chmod(filepath.Join(dir, "sub"), 0o777|os.ModeSticky)
	write("sub/plugin.yaml", 0o600)
	os.Symlink("file", filepath.Join(dir, "link"))
	os.Symlink("nowhere", filepath.Join(dir, "broken"))
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Only the names with the prefix are kept, sorted.
	fnames, fd, err := osFS{}.OpenDir(dir, "f")
	if err != nil {
		t.Fatal(err)
	}
	fd.Close()
	if !slices.Equal(fnames, []string{"fifo", "file"}) {
		t.Errorf("names with prefix f: %q, want fifo, file", fnames)
	}
	names, d, err := osFS{}.OpenDir(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	want := []string{"broken", "exe", "fifo", "file", "link", "setuid", "sub"}
	if len(names) != len(want) {
		t.Fatalf("names %q, want %q", names, want)
	}
	for i := range names {
		if names[i] != want[i] {
			t.Fatalf("names %q, want %q", names, want)
		}
	}
	for _, rel := range append(names, "sub/plugin.yaml") {
		got, err := d.Lstat(rel)
		if err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		fi, err := os.Lstat(filepath.Join(dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		if got.Name() != fi.Name() || got.Size() != fi.Size() || got.Mode() != fi.Mode() ||
			!got.ModTime().Equal(fi.ModTime()) || got.IsDir() != fi.IsDir() {
			t.Errorf("%s: %s %d %v %v %v, os.Lstat: %s %d %v %v %v", rel, got.Name(), got.Size(), got.Mode(), got.ModTime(), got.IsDir(),
				fi.Name(), fi.Size(), fi.Mode(), fi.ModTime(), fi.IsDir())
		}
		if idOf(got) != idOf(fi) {
			t.Errorf("%s: identity %+v, os.Lstat's %+v", rel, idOf(got), idOf(fi))
		}
		uid, ok := fileOwner(got)
		wantUID, wantOK := fileOwner(fi)
		gid, _ := fileGroup(got)
		wantGID, _ := fileGroup(fi)
		if uid != wantUID || ok != wantOK || !ok || gid != wantGID {
			t.Errorf("%s: owner %d %v group %d, os.Lstat's %d %v %d", rel, uid, ok, gid, wantUID, wantOK, wantGID)
		}
	}
	if _, err := d.Lstat("missing"); !os.IsNotExist(err) {
		t.Errorf("a missing entry: %v, want not found", err)
	}
}

// A scan of a large directory, its entries lstat'ed ahead on every core
// through the open directory, finds what a scan through os.Lstat does.
func TestScanPrefetchIsAScan(t *testing.T) {
	dir := t.TempDir()
	for i := range prefetchMin + 44 {
		name := filepath.Join(dir, fmt.Sprintf("demoapp-p%03d", i))
		mode := os.FileMode(0o755)
		switch i % 7 {
		case 1:
			mode = 0o644 // not executable
		case 2:
			os.Symlink("nowhere", name) // broken
			continue
		case 3:
			os.Symlink(filepath.Join(dir, "demoapp-p000"), name)
			continue
		case 4:
			os.WriteFile(name+".yaml", []byte("bogus: 1\n"), 0o644)
		case 5:
			os.Mkdir(name, 0o755)
			os.WriteFile(filepath.Join(name, ManifestFile), []byte("exec: run\n"), 0o644)
			os.WriteFile(filepath.Join(name, "run"), []byte("#!/bin/sh\n"), 0o755)
			continue
		}
		os.WriteFile(name, []byte("#!/bin/sh\n"), mode)
		os.Chmod(name, mode)
		if i%2 == 0 && i%7 != 4 {
			os.WriteFile(name+".yaml", []byte(fmt.Sprintf("description: plugin %d\n", i)), 0o644)
		}
	}
	os.WriteFile(filepath.Join(dir, "other-tool"), nil, 0o755)
	scan := func(fsys FS) string {
		f := &Finder{App: "demoapp", Dirs: []Dir{{Path: dir, Source: SourceDir}}, FS: fsys}
		return scanText(f.Scan())
	}
	ahead := scan(OS)
	if plain := scan(&countFS{FS: OS, reads: map[string]int{}}); ahead != plain {
		t.Errorf("lstat'ed ahead:\n%s\nwith os.Lstat:\n%s", ahead, plain)
	}
	if !strings.Contains(ahead, "broken symbolic link") || !strings.Contains(ahead, "not executable") {
		t.Errorf("the scan misses kinds of entries:\n%s", ahead)
	}
}
