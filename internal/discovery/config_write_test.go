package discovery

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
)

// Concurrent read-modify-writes of the config lose nothing: each holds
// the lock from its read to its rename.
func TestSetDisabledConcurrentEditsLoseNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte("# mine\nplugins:\n  disabled: []\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	const n = 50
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := SetDisabled(path, fmt.Sprintf("p%d", i), true); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	cfg, err := LoadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if !cfg.Disabled(fmt.Sprintf("p%d", i)) {
			t.Errorf("p%d lost: disabled = %v", i, cfg.Plugins.Disabled)
		}
	}
	if len(cfg.Plugins.Disabled) != n {
		t.Errorf("%d entries, want %d", len(cfg.Plugins.Disabled), n)
	}
}

// A rewrite keeps the file's mode and group, and removes the temporary
// files a killed writer left; a file holding only a comment keeps it.
func TestSetDisabledKeepsModeGroupAndCleansUp(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte("# my precious comment\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	os.Chmod(path, 0o640)
	gid := -1
	if groups, _ := os.Getgroups(); os.Getuid() == 0 {
		gid = 4242 // root may give any group
	} else if len(groups) > 1 {
		gid = groups[1]
	}
	if gid >= 0 {
		if err := os.Chown(path, -1, gid); err != nil {
			t.Fatal(err)
		}
	}
	for _, stale := range []string{".config.yaml.123456", ".config.yaml.9"} {
		if err := os.WriteFile(filepath.Join(dir, stale), []byte("half"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, ".config.yaml.keep"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := SetDisabled(path, "x", true); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if want := "# my precious comment\nplugins:\n  disabled:\n    - x\n"; string(data) != want {
		t.Errorf("file =\n%s\nwant\n%s", data, want)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640", fi.Mode().Perm())
	}
	if g, ok := fileGroup(fi); ok && gid >= 0 && g != gid {
		t.Errorf("group %d, want %d", g, gid)
	}
	var names []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{".config.yaml.keep", ".config.yaml.lock", "config.yaml"}; !slices.Equal(names, want) {
		t.Errorf("directory holds %v, want %v", names, want)
	}
}
