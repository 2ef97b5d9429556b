//go:build unix

package discovery

import (
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// swapAfterRead is the OS's file system, but once the file it reads has
// been opened, swap runs: someone replacing the cache between its read
// and its check.
type swapAfterRead struct {
	osFS
	swap func()
}

func (s swapAfterRead) OpenRegular(name string, max int64) (io.ReaderAt, int64, func() error, error) {
	r, n, closeFile, err := s.osFS.OpenRegular(name, max)
	s.swap()
	return r, n, closeFile, err
}

func (s swapAfterRead) ReadFileCapped(name string, max int64) ([]byte, error) {
	data, err := s.osFS.ReadFileCapped(name, max)
	s.swap()
	return data, err
}

// The hook cache is checked by the stat of the file read, never by a
// stat of its path afterwards: a world-writable cache swapped for a
// trusted-looking file after its read is still refused.
func TestHookCacheCheckedAsRead(t *testing.T) {
	dir := t.TempDir()
	cache := filepath.Join(dir, "hooks.json")
	data, err := json.Marshal(&hookIndexFile{Format: hookIndexFormat})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cache, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(cache, 0o666); err != nil { // anyone could have written it
		t.Fatal(err)
	}
	good := filepath.Join(dir, "good.json")
	if err := os.WriteFile(good, data, 0o600); err != nil {
		t.Fatal(err)
	}
	fsys := swapAfterRead{swap: func() {
		if err := os.Rename(good, cache); err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Error(err)
		}
	}}
	f := &Finder{App: "demoapp", FS: fsys, Trust: &Trust{UID: os.Getuid()}}
	_, err = f.readHookFile(cache)
	var u *UntrustedError
	if !errors.As(err, &u) {
		t.Fatalf("readHookFile = %v, want the world-writable file read refused", err)
	}
}
