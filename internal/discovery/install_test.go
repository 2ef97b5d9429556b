package discovery

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// install is what plugin install does under the lock: check, manifest,
// then executable.
func install(dir, src string) (bool, error) {
	unlock, err := LockPluginDir(dir)
	if err != nil {
		return false, err
	}
	defer unlock()
	dest := filepath.Join(dir, filepath.Base(src))
	if _, err := os.Lstat(dest); err == nil {
		return false, nil // another won
	}
	if err := CopyAtomic(src+".yaml", dest+".yaml"); err != nil {
		return false, err
	}
	return true, CopyAtomic(src, dest)
}

// Concurrent installs of one name: exactly one wins, none fails with a
// temporary name's error, and the plugin is left whole.
func TestConcurrentInstallsOfOneName(t *testing.T) {
	src := filepath.Join(t.TempDir(), "demoapp-x")
	body := "#!/bin/sh\n" + strings.Repeat("echo x\n", 10000)
	if err := os.WriteFile(src, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(src+".yaml", []byte("description: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "plugins")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	// What an install killed half-way left.
	os.WriteFile(filepath.Join(dir, ".tmp-demoapp-x.yaml"), []byte("half"), 0o644)
	const n = 20
	var wg sync.WaitGroup
	var mu sync.Mutex
	won := 0
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, err := install(dir, src)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				t.Error(err)
			}
			if ok {
				won++
			}
		}()
	}
	wg.Wait()
	if won != 1 {
		t.Errorf("%d installs won, want 1", won)
	}
	got, err := os.ReadFile(filepath.Join(dir, "demoapp-x"))
	if err != nil || string(got) != body {
		t.Errorf("installed executable is not whole (%d bytes, %v)", len(got), err)
	}
	fi, err := os.Stat(filepath.Join(dir, "demoapp-x"))
	if err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("installed mode %v, %v", fi.Mode(), err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".tmp-") {
			t.Errorf("temporary %s left behind", e.Name())
		}
	}
}

// A folder plugin is copied whole, links inside kept; a folder already in
// place is not overwritten.
func TestCopyAtomicFolder(t *testing.T) {
	src := filepath.Join(t.TempDir(), "demoapp-f")
	os.MkdirAll(filepath.Join(src, "bin"), 0o755)
	os.WriteFile(filepath.Join(src, "plugin.yaml"), []byte("exec: run\n"), 0o644)
	os.WriteFile(filepath.Join(src, "bin", "real"), []byte("#!/bin/sh\n"), 0o755)
	os.Symlink("bin/real", filepath.Join(src, "run"))
	dest := filepath.Join(t.TempDir(), "demoapp-f")
	if err := CopyAtomic(src, dest); err != nil {
		t.Fatal(err)
	}
	if link, err := os.Readlink(filepath.Join(dest, "run")); err != nil || link != "bin/real" {
		t.Errorf("link = %q, %v", link, err)
	}
	if err := CopyAtomic(src, dest); err == nil || !errors.Is(err, fs.ErrExist) && !strings.Contains(err.Error(), "not empty") {
		t.Errorf("second copy over a folder = %v, want an error", err)
	}
}
