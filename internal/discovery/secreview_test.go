//go:build unix

package discovery

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// mkdirMode makes dir with exactly mode, whatever the umask.
func mkdirMode(t *testing.T, dir string, mode os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, mode); err != nil {
		t.Fatal(err)
	}
}

func writeExe(t *testing.T, path string) {
	t.Helper()
	if err := os.WriteFile(path, []byte("#!/bin/sh\necho hi\n"), 0o755); err != nil {
		t.Fatal(err)
	}
}

func resolveOne(t *testing.T, dir, name string) *Plugin {
	t.Helper()
	f := &Finder{App: "demoapp", Dirs: []Dir{{Path: dir, Source: SourceDir}}, Trust: &Trust{UID: os.Getuid()}}
	p, _, err := f.Resolve([]string{name}, 1)
	if err != nil || p == nil {
		t.Fatalf("resolve %s: %v, %v", name, p, err)
	}
	return p
}

// A relative link whose target goes through a linked directory and then
// "..": the kernel follows the link first (tool/bin/.. is shared/tool),
// the trust check joins the target lexically (tool/bin/.. is tool), finds
// nothing there and lets the plugin through. The file run is in a
// directory anyone may write to.
func TestSecReviewRelativeLinkDotDotThroughLinkedDir(t *testing.T) {
	root := t.TempDir()
	mkdirMode(t, filepath.Join(root, "pd"), 0o755)
	mkdirMode(t, filepath.Join(root, "shared", "tool", "bin"), 0o755)
	mkdirMode(t, filepath.Join(root, "shared", "libexec"), 0o777)
	writeExe(t, filepath.Join(root, "shared", "libexec", "demoapp-y"))
	if err := os.Symlink(filepath.Join(root, "shared", "tool"), filepath.Join(root, "tool")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../tool/bin/../../libexec/demoapp-y", filepath.Join(root, "pd", "demoapp-y")); err != nil {
		t.Fatal(err)
	}
	p := resolveOne(t, filepath.Join(root, "pd"), "y")
	real, _ := filepath.EvalSymlinks(p.Path)
	var u *UntrustedError
	if !errors.As(p.Invalid, &u) {
		t.Fatalf("plugin y runs %s (in a world-writable directory); Invalid = %v, want refused", real, p.Invalid)
	}
}

// A folder plugin's exec in a sub-folder that anyone may write to: anyone
// can swap the executable between the check and the exec.
func TestSecReviewFolderExecInWorldWritableSubdir(t *testing.T) {
	pd := t.TempDir()
	folder := filepath.Join(pd, "demoapp-fold")
	mkdirMode(t, filepath.Join(folder, "bin"), 0o777)
	if err := os.Chmod(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	writeExe(t, filepath.Join(folder, "bin", "run"))
	if err := os.WriteFile(filepath.Join(folder, ManifestFile), []byte("exec: bin/run\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p := resolveOne(t, pd, "fold")
	var u *UntrustedError
	if !errors.As(p.Invalid, &u) {
		t.Fatalf("plugin fold runs %s from a world-writable folder; Invalid = %v, want refused", p.Path, p.Invalid)
	}
}

// A relative $XDG_CONFIG_HOME or $XDG_DATA_HOME is invalid (the XDG spec:
// "consider the path invalid and ignore it"), as HookIndexPath does: taken
// as it is, the config that decides what runs is read from the current
// directory (a cloned repository's "cfg/demoapp/config.yaml" adds its
// plugin dirs).
func TestSecReviewRelativeXDGIgnored(t *testing.T) {
	env := map[string]string{"HOME": "/h", "XDG_CONFIG_HOME": "cfg", "XDG_DATA_HOME": "data"}
	getenv := func(k string) string { return env[k] }
	if got := ConfigPath("demoapp", "DEMOAPP", "", getenv); got != "/h/.config/demoapp/config.yaml" {
		t.Errorf("ConfigPath = %q, want /h/.config/demoapp/config.yaml", got)
	}
	if got := UserDir(Env{App: "demoapp", EnvPrefix: "DEMOAPP", Getenv: getenv}); got != "/h/.local/share/demoapp/plugins" {
		t.Errorf("UserDir = %q, want /h/.local/share/demoapp/plugins", got)
	}
}

// With no HOME (or a relative one: a cron job, a service) the config and
// the user's plugin dir are never relative to the current directory, whose
// files would then decide what runs: they are under the account's home,
// else /nonexistent.
func TestNoHomeIsNeverTheCurrentDirectory(t *testing.T) {
	for _, home := range []string{"", "rel"} {
		getenv := func(k string) string {
			if k == "HOME" {
				return home
			}
			return ""
		}
		if got := ConfigPath("demoapp", "DEMOAPP", "", getenv); !filepath.IsAbs(got) {
			t.Errorf("HOME=%q: ConfigPath = %q, want an absolute path", home, got)
		}
		if got := UserDir(Env{App: "demoapp", EnvPrefix: "DEMOAPP", Getenv: getenv}); !filepath.IsAbs(got) {
			t.Errorf("HOME=%q: UserDir = %q, want an absolute path", home, got)
		}
	}
}
