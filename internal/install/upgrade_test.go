package install

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func TestUpgradeArchive(t *testing.T) {
	srv := newArchiveServer(t)
	v1 := tarGz(t, exe("demoapp-hi", "hi 1"), entry{name: "demoapp-hi.yaml", body: "version: 1.0.0\n"})
	url := srv.put("/hi.tar.gz", v1)
	tg := newTarget(t)
	ctx := context.Background()
	if _, err := installArchive(t, tg, url, sum(v1)); err != nil {
		t.Fatal(err)
	}
	// The same archive: nothing to do.
	res, err := Upgrade(ctx, tg, "hi", "", nil)
	if err != nil || !res.Unchanged {
		t.Fatalf("upgrade = %+v, %v", res, err)
	}
	// The archive at the URL changed: the recorded checksum refuses it,
	// and the old version stays.
	srv.put("/hi.tar.gz", tarGz(t, exe("demoapp-hi", "hi 2")))
	_, err = Upgrade(ctx, tg, "hi", "", nil)
	var ce *ChecksumError
	if !errors.As(err, &ce) || ce.Want != sum(v1) {
		t.Fatalf("changed archive: %v", err)
	}
	exePath := filepath.Join(tg.Dir, "demoapp-hi", "demoapp-hi")
	if got := runPlugin(t, exePath); got != "hi 1" {
		t.Errorf("after a refused upgrade the plugin prints %q", got)
	}
	// An archive has no versions to pin.
	_, err = Upgrade(ctx, tg, "hi", "v2", nil)
	wantErr(t, err, "upgrade hi: an archive has no versions to choose from: install the one you want with --force")
	// Moving to the new archive is a reinstall with its checksum.
	v2 := tarGz(t, exe("demoapp-hi", "hi 2"))
	res, err = installArchiveAgain(t, tg, srv.put("/hi-2.tar.gz", v2), sum(v2))
	if err != nil || res.Previous == nil || res.Previous.SHA256 != sum(v1) || runPlugin(t, exePath) != "hi 2" {
		t.Fatalf("reinstall = %+v, %v", res, err)
	}
}

func installArchiveAgain(t *testing.T, tg Target, url, sha string) (Result, error) {
	t.Helper()
	src, err := Parse(url, Options{SHA256: sha})
	if err != nil {
		return Result{}, err
	}
	return Reinstall(context.Background(), src, tg, nil)
}

func TestReinstallReplacesAFilePlugin(t *testing.T) {
	// A plugin installed the old way: an executable and its manifest.
	tg := newTarget(t)
	writeFile(t, filepath.Join(tg.Dir, "demoapp-hi"), script("old"), 0o755)
	writeFile(t, filepath.Join(tg.Dir, "demoapp-hi.yaml"), "version: 0.1.0\n", 0o644)
	src := filepath.Join(t.TempDir(), "demoapp-hi")
	writeFile(t, src, script("new"), 0o755)
	_, err := Install(context.Background(), &LocalSource{Path: src}, tg, nil)
	wantErr(t, err, "hi is already installed at "+filepath.Join(tg.Dir, "demoapp-hi"))
	res, err := Reinstall(context.Background(), &LocalSource{Path: src}, tg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Previous != nil {
		t.Errorf("previous = %+v, want none", res.Previous)
	}
	onlyEntries(t, tg.Dir, "demoapp-hi")
	if got := runPlugin(t, filepath.Join(tg.Dir, "demoapp-hi", "demoapp-hi")); got != "new" {
		t.Errorf("plugin prints %q", got)
	}
}

func TestUpgradeErrors(t *testing.T) {
	tg := newTarget(t)
	ctx := context.Background()
	_, err := Upgrade(ctx, tg, "hi", "", nil)
	wantErr(t, err, "upgrade hi: not installed in "+tg.Dir)
	writeFile(t, filepath.Join(tg.Dir, "demoapp-hi"), script("hi"), 0o755)
	_, err = Upgrade(ctx, tg, "hi", "", nil)
	if !errors.Is(err, ErrNoRecord) {
		t.Fatalf("no record: %v", err)
	}
	wantErr(t, err, "upgrade hi: no record of where it was installed from")
	_, err = Upgrade(ctx, tg, "Hi!", "", nil)
	wantErr(t, err, "upgrade Hi!: ")
	if name, version := SplitVersion("files stat@v1.2.0"); name != "files stat" || version != "v1.2.0" {
		t.Errorf("SplitVersion = %q, %q", name, version)
	}
}

func TestUpgradeAll(t *testing.T) {
	needUnix(t)
	tg := newTarget(t)
	ctx := context.Background()
	dir := t.TempDir()
	// Two local plugins (reinstalled from their paths), one whose source
	// has gone, one copied by hand (no record: left alone), and a file
	// that is no plugin.
	for _, name := range []string{"demoapp-a", "demoapp-b", "demoapp-gone"} {
		writeFile(t, filepath.Join(dir, name), script(name+" 1"), 0o755)
		if _, err := Install(ctx, &LocalSource{Path: filepath.Join(dir, name)}, tg, nil); err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, name), script(name+" 2"), 0o755)
	}
	if err := removeAll(filepath.Join(dir, "demoapp-gone")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(tg.Dir, "demoapp-byhand"), script("by hand"), 0o755)
	writeFile(t, filepath.Join(tg.Dir, "notes.txt"), "x", 0o644)
	results, err := UpgradeAll(ctx, tg, nil)
	wantErr(t, err, "upgrade gone: install "+filepath.Join(dir, "demoapp-gone")+": no such file or directory")
	var names []string
	for _, r := range results {
		names = append(names, r.Name)
	}
	if strings.Join(names, ",") != "a,b" {
		t.Errorf("upgraded %v", names)
	}
	for name, want := range map[string]string{"demoapp-a": "demoapp-a 2", "demoapp-b": "demoapp-b 2", "demoapp-gone": "demoapp-gone 1"} {
		if got := runPlugin(t, filepath.Join(tg.Dir, name, name)); got != want {
			t.Errorf("%s prints %q, want %q", name, got, want)
		}
	}
	onlyEntries(t, tg.Dir, "demoapp-a", "demoapp-b", "demoapp-byhand", "demoapp-gone", "notes.txt")
}
