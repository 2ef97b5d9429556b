package install

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// followLink follows links as the kernel does: ".." after a link climbs
// from where the link leads, not lexically.
func TestFollowLink(t *testing.T) {
	needUnix(t)
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(root, "a/b/f"), "x", 0o644)
	for name, target := range map[string]string{
		"a/b/up":    "..",          // a
		"a/b/self":  ".",           // a/b
		"a/b/deep":  "../../a/b/f", // f, climbing to root and back
		"top":       "a/b/up",      // a, through a link
		"loop1":     "loop2",
		"loop2":     "loop1",
		"abs":       "/etc",
		"dangle":    "a/nothere",
		"throughf":  "a/b/f/x",
		"outdirect": "../x",
	} {
		if err := os.Symlink(target, filepath.Join(root, name)); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		rel  string
		want linkFault
	}{
		{"a/b/up", linkOK},
		{"a/b/self", linkOK},
		{"a/b/deep", linkOK},
		{"top", linkOK},
		{"a/b/up/b/f", linkOK},
		{"top/b/up/..", linkOK},   // root
		{"a/b/up/../..", linkOut}, // lexically "a", really above root
		{"top/../..", linkOut},    // top is a, so a/../.. is above root
		{"a/b/self/../../..", linkOut},
		{"loop1", linkLoop},
		{"abs", linkOut},
		{"dangle", linkNothing},
		{"throughf", linkNothing},
		{"outdirect", linkOut},
		{"..", linkOut},
	} {
		got, err := followLink(root, tc.rel)
		if err != nil || got != tc.want {
			t.Errorf("followLink(%q) = %v, %v; want %v", tc.rel, got, err, tc.want)
		}
	}
}

// A plugin folder linked out of itself is refused whatever the source,
// naming the link; one whose links stay inside installs.
func TestInstallRefusesLinksOut(t *testing.T) {
	needUnix(t)
	ctx := context.Background()

	// A local folder: a link by absolute path, even to a file of the
	// folder itself (the copy would lead to the original), and one up.
	dir := t.TempDir()
	folder := filepath.Join(dir, "demoapp-hi")
	writeFile(t, filepath.Join(folder, "plugin.yaml"), "exec: run.sh\n", 0o644)
	writeFile(t, filepath.Join(folder, "run.sh"), script("hi"), 0o755)
	if err := os.Symlink("run.sh", filepath.Join(folder, "inside")); err != nil {
		t.Fatal(err)
	}
	tg := newTarget(t)
	if _, err := Reinstall(ctx, &LocalSource{Path: folder}, tg, nil); err != nil {
		t.Fatalf("links inside: %v", err)
	}
	for _, target := range []string{filepath.Join(folder, "run.sh"), "../secret"} {
		os.Remove(filepath.Join(folder, "out"))
		if err := os.Symlink(target, filepath.Join(folder, "out")); err != nil {
			t.Fatal(err)
		}
		_, err := Reinstall(ctx, &LocalSource{Path: folder}, tg, nil)
		wantErr(t, err, `unsafe folder: entry "`+filepath.Join(folder, "out")+`": a symbolic link that leads out of the folder`)
	}

	// A git repository holding an absolute link.
	repo := newGitRepo(t, "demoapp-gt.git")
	repo.commit("v1.0.0", map[string]string{"demoapp-gt": script("gt")})
	if err := os.Symlink("/etc/passwd", filepath.Join(repo.work, "lib")); err != nil {
		t.Fatal(err)
	}
	repo.commit("v1.1.0", nil)
	gtg := gitTarget(t)
	src, err := Parse(repo.bare, Options{Git: true})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Install(ctx, src, gtg, nil)
	wantErr(t, err, `unsafe repository: entry "lib": a symbolic link that leads out of the repository`)
	onlyEntries(t, gtg.Dir)

	// An archive whose plugin folder links to a file beside it: inside
	// the archive, but not once the folder is the plugin.
	path := filepath.Join(t.TempDir(), "hi.tar.gz")
	writeFile(t, path, string(tarGz(t,
		exe("demoapp-hi/demoapp-hi", "hi"),
		entry{name: "demoapp-hi/plugin.yaml", body: "description: hi\n"},
		entry{name: "README", body: "read me\n"},
		entry{name: "demoapp-hi/README", link: "../README"},
	)), 0o644)
	src, err = Parse(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Install(ctx, src, newTarget(t), nil)
	var ue *UnsafeArchiveError
	if !errors.As(err, &ue) || ue.Entry != "demoapp-hi/README" || ue.Reason != "a symbolic link that leads out of the plugin's folder" {
		t.Fatalf("archive linking beside its plugin: %v", err)
	}
}
