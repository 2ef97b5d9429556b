package install

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// ModuleSource is a Go package path at a version, built and installed by
// "go install PATH@VERSION" with GOBIN set to the stage. The package's
// last element (before a /vN major version suffix) must be the plugin's
// file name, <app>-<name>.
type ModuleSource struct {
	// Path is the main package's import path: example.com/x/demoapp-foo.
	Path string
	// Version is a module version or query: v1.2.3, latest, a commit.
	Version string
}

// Kind returns KindModule.
func (s *ModuleSource) Kind() Kind { return KindModule }

// String returns "PATH@VERSION", as go install takes it.
func (s *ModuleSource) String() string { return s.Path + "@" + s.Version }

// binaryName returns the name go install gives the package's executable:
// its last element, or the one before a major version suffix "v2".
func (s *ModuleSource) binaryName() string {
	elem := path.Base(s.Path)
	if dir := path.Dir(s.Path); dir != "." && len(elem) > 1 && elem[0] == 'v' && strings.Trim(elem[1:], "0123456789") == "" {
		elem = path.Base(dir)
	}
	return elem
}

func (s *ModuleSource) stage(ctx context.Context, st *staging) (string, Record, error) {
	rec := Record{Kind: KindModule, Source: s.Path, Requested: s.Version}
	if strings.HasPrefix(s.Path, "-") {
		// A record edited by hand: go would take it for an option.
		return "", rec, fmt.Errorf("bad package path %q", s.Path)
	}
	base := s.binaryName()
	if _, err := st.t.checkName(base); err != nil {
		return "", rec, fmt.Errorf("the package's executable would be %s: %w", base, err)
	}
	if _, err := st.lookPath("go"); err != nil {
		return "", rec, fmt.Errorf("%w: install Go (https://go.dev/dl) or install a released archive of the plugin instead", ErrNoToolchain)
	}
	bin := st.path("bin")
	err := st.step("Building "+s.String(), func() error {
		_, err := st.command(ctx, st.dir, []string{"GOBIN=" + bin}, "go", "install", "--", s.String())
		return err
	})
	if err != nil {
		return "", rec, err
	}
	exe := filepath.Join(bin, exeName(base))
	if !isFile(exe) {
		return "", rec, fmt.Errorf("go install wrote no %s", exeName(base))
	}
	if bi, err := ReadGoBuildInfo(exe); err == nil && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		rec.Version = bi.Main.Version
	} else if !strings.ContainsAny(s.Version, "<>=") && s.Version != "latest" {
		rec.Version = s.Version
	}
	folder := st.path(base)
	if err := os.Mkdir(folder, 0o755); err != nil {
		return "", rec, err
	}
	if err := os.Rename(exe, filepath.Join(folder, exeName(base))); err != nil {
		return "", rec, fmt.Errorf("move the built executable: %w", err)
	}
	return folder, rec, nil
}

func (s *ModuleSource) baseName() string { return s.binaryName() }
