package plugincmd

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// plugin remove takes the plugin dir's install lock, as install does, so
// that a remove never races an install of the same plugin. Taking the
// lock also clears what an install killed half-way left (".tmp-*"): that
// is how this test sees the lock was taken.
func TestRemoveRunTakesTheInstallLock(t *testing.T) {
	user := filepath.Join(t.TempDir(), "plugins")
	writeExec(t, filepath.Join(user, "tapp-hello"), "")
	leftover := filepath.Join(user, ".tmp-tapp-hello-123")
	writeFile(t, filepath.Join(leftover, "tapp-hello"), "")
	var out bytes.Buffer
	if err := removeRun(&RemoveOptions{Out: &out, App: "tapp", UserDir: user, Catalog: &fakeCatalog{}, Name: "hello"}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(leftover); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%s is still there (err %v): remove did not take the install lock", leftover, err)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(user), ".plugins.lock")); err != nil {
		t.Errorf("no lock file beside the plugin dir: %v", err)
	}
}
