package discovery

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSetDisabledKeepsLayout(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
		plugin         string
		disabled       bool
	}{{
		name:   "four-space indentation is kept",
		in:     "plugins:\n    dirs: [/opt/x] # extra\n    disabled:\n        - a\n",
		plugin: "b", disabled: true,
		want: "plugins:\n    dirs: [/opt/x] # extra\n    disabled:\n        - a\n        - b\n",
	}, {
		name:   "the comment of a removed entry moves to the next",
		in:     "plugins:\n  disabled:\n    - a # noisy, see #12\n    - b\n",
		plugin: "a",
		want:   "plugins:\n  disabled:\n    # noisy, see #12\n    - b\n",
	}, {
		name:   "the comment of a removed last entry moves to the one before",
		in:     "plugins:\n  disabled:\n    - a\n    - b # why\n",
		plugin: "b",
		want:   "plugins:\n  disabled:\n    - a\n    # why\n",
	}, {
		name:   "a new file",
		plugin: "a", disabled: true,
		want: "plugins:\n  disabled:\n    - a\n",
	}} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config.yaml")
			if tc.in != "" {
				if err := os.WriteFile(path, []byte(tc.in), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := SetDisabled(path, tc.plugin, tc.disabled); err != nil {
				t.Fatal(err)
			}
			got, _ := os.ReadFile(path)
			if string(got) != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

// A config that is a symbolic link (say into a dotfiles repository) stays
// a link; the file it points to is replaced, keeping its permissions. A
// link to a file not created yet creates that file.
func TestSetDisabledFollowsSymlinks(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "dotfiles", "config.yaml")
	os.Mkdir(filepath.Dir(real), 0o755)
	if err := os.WriteFile(real, []byte("plugins: {}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "config.yaml")
	if err := os.Symlink("dotfiles/config.yaml", link); err != nil {
		t.Fatal(err)
	}
	if _, err := SetDisabled(link, "a", true); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("config is no longer a link: %v %v", fi.Mode(), err)
	}
	fi, _ := os.Stat(real)
	if got, _ := os.ReadFile(real); string(got) != "plugins: {disabled: [a]}\n" || fi.Mode().Perm() != 0o600 {
		t.Errorf("target = %q, mode %v", got, fi.Mode().Perm())
	}

	dangling := filepath.Join(dir, "new.yaml")
	os.Symlink("dotfiles/new.yaml", dangling)
	if _, err := SetDisabled(dangling, "a", true); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "dotfiles", "new.yaml")); err != nil {
		t.Errorf("the link's target was not created: %v", err)
	}
}

// An edit of a configuration that does not load is refused with path:line,
// and the file is left as it was; one that changes nothing writes nothing.
func TestSetDisabledRefusesAndSkips(t *testing.T) {
	for _, tc := range []struct {
		name, in, plugin string
		disabled         bool
		wantErr          string
		wantChanged      bool
	}{
		{name: "a config that does not load", in: "plugins:\n  dirs: 3\n", plugin: "a", disabled: true, wantErr: "config.yaml:2"},
		{name: "a top level that is no mapping", in: "- a\n", plugin: "a", disabled: true, wantErr: "config.yaml:1"},
		{name: "already disabled", in: "plugins:\n  disabled: [a]\n", plugin: "a", disabled: true},
		{name: "enabling one never disabled", in: "# mine\n", plugin: "a"},
		{name: "a null list", in: "plugins:\n  disabled:\n", plugin: "a", disabled: true, wantChanged: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config.yaml")
			if err := os.WriteFile(path, []byte(tc.in), 0o600); err != nil {
				t.Fatal(err)
			}
			changed, err := SetDisabled(path, tc.plugin, tc.disabled)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one naming %s", err, tc.wantErr)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if changed != tc.wantChanged {
				t.Errorf("changed = %v, want %v", changed, tc.wantChanged)
			}
			if got, _ := os.ReadFile(path); !tc.wantChanged && string(got) != tc.in {
				t.Errorf("the file changed:\n%s", got)
			}
		})
	}
}
