package install

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/longshore/longshore/internal/discovery"
)

// staging is one install's temporary folder and what its steps share.
type staging struct {
	dir      string
	t        *Target
	progress Progress
	// manifestFrom is the name the source gave the manifest that became
	// the staged plugin.yaml ("demoapp-hi.yaml"), "" when it was that.
	manifestFrom string
}

// path returns a name inside the stage.
func (st *staging) path(name string) string { return filepath.Join(st.dir, name) }

// step runs fn between progress.Start(msg) and progress.Stop().
func (st *staging) step(msg string, fn func() error) error {
	st.progress.Start(msg)
	defer st.progress.Stop()
	return fn()
}

// exeName is the file name of the executable called base on this system.
func exeName(base string) string {
	if runtime.GOOS == "windows" {
		return base + ".exe"
	}
	return base
}

// finishFolder gives the staged plugin folder a plugin.yaml when it has
// none: its <name>.yaml renamed, else what Target.Manifest gives, else an
// empty one (with the record's version when that is one a manifest
// takes). It fills rec.Version from the manifest when the source gave
// none.
func (st *staging) finishFolder(ctx context.Context, folder string, rec *Record) error {
	if err := os.Chmod(folder, 0o755); err != nil {
		return err
	}
	base := filepath.Base(folder)
	mpath := filepath.Join(folder, discovery.ManifestFile)
	if _, err := os.Lstat(mpath); errors.Is(err, fs.ErrNotExist) {
		if err := st.writeManifest(ctx, folder, base, mpath, rec.Version); err != nil {
			return err
		}
	}
	if rec.Version == "" {
		data, err := os.ReadFile(mpath)
		if err != nil {
			return err
		}
		if m, err := discovery.ParseManifest(mpath, data); err == nil {
			rec.Version = m.Version
		}
	}
	return nil
}

func (st *staging) writeManifest(ctx context.Context, folder, base, mpath, version string) error {
	own := filepath.Join(folder, base+".yaml")
	if _, err := os.Lstat(own); err == nil {
		st.manifestFrom = base + ".yaml"
		return os.Rename(own, mpath)
	}
	var data []byte
	if st.t.Manifest != nil {
		if exe := filepath.Join(folder, exeName(base)); isFile(exe) {
			d, err := st.t.Manifest(ctx, exe)
			if err != nil {
				return err
			}
			data = d
		}
	}
	if data == nil {
		data = []byte("# Written by plugin install: the plugin brought no manifest.\n")
		if version != "" {
			v := append(bytes.Clone(data), "version: "+quoteYAML(version)+"\n"...)
			if _, err := discovery.ParseManifest(mpath, v); err == nil {
				data = v
			}
		}
	}
	return os.WriteFile(mpath, data, 0o644)
}

// quoteYAML quotes s as a YAML string.
func quoteYAML(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func isFile(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}

// isExecutable reports whether path (followed) is an executable file.
func isExecutable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular() && (runtime.GOOS == "windows" || fi.Mode().Perm()&0o111 != 0)
}

// lookPath finds a program on the PATH of the target's environment.
func (st *staging) lookPath(name string) (string, error) { return st.t.lookPath(name) }

// lookPath finds the executable name on the PATH of the target's
// environment.
func (t *Target) lookPath(name string) (string, error) {
	path := ""
	for _, kv := range t.env() {
		if v, ok := strings.CutPrefix(kv, "PATH="); ok {
			path = v
		}
	}
	for _, dir := range filepath.SplitList(path) {
		if dir == "" || !filepath.IsAbs(dir) {
			continue
		}
		p := filepath.Join(dir, exeName(name))
		if isExecutable(p) {
			// Nothing runs that the user did not install: not a git
			// that anyone may have put in a PATH directory they can write.
			if err := discovery.SystemTrust().CheckTool(p); err != nil {
				return "", fmt.Errorf("%s: %w", name, err)
			}
			return p, nil
		}
	}
	return "", fmt.Errorf("%s not found on PATH", name)
}

// ErrNoToolchain is wrapped by the error of an install that needs the Go
// toolchain (a Go module, a git repository holding Go source) when no
// "go" is on PATH.
var ErrNoToolchain = errors.New("no Go toolchain (go) found on PATH")

// ErrNoGit is wrapped by the error of a git install when no "git" is on
// PATH.
var ErrNoGit = errors.New("no git found on PATH")

// command runs a program found on the target's PATH in dir, with extra
// environment variables, and returns its stdout. Its stderr, trimmed to
// its last lines, is in the error.
func (st *staging) command(ctx context.Context, dir string, extraEnv []string, name string, args ...string) (string, error) {
	exe, err := st.lookPath(name)
	if err != nil {
		return "", err
	}
	cmd := exec.CommandContext(ctx, exe, args...)
	cmd.Dir = dir
	cmd.Env = append(append([]string(nil), st.t.env()...), extraEnv...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			// Killed because the run was stopped: that is the error, and
			// the app reports it as the interruption it is.
			return "", fmt.Errorf("%s %s: %w", name, args[0], context.Cause(ctx))
		}
		msg := lastLines(stderr.String(), 6)
		if msg == "" {
			return "", fmt.Errorf("%s %s: %w", name, args[0], err)
		}
		return "", fmt.Errorf("%s %s: %w: %s", name, args[0], err, msg)
	}
	return stdout.String(), nil
}

// lastLines returns the last n non-empty lines of s, joined by "; ".
func lastLines(s string, n int) string {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "; ")
}

// LocalSource is an executable file (with its <app>-<name>.yaml manifest
// beside it, if any) or a plugin folder holding plugin.yaml.
type LocalSource struct {
	// Path is the file or folder, absolute.
	Path string
}

// Kind returns KindLocal.
func (s *LocalSource) Kind() Kind { return KindLocal }

// String returns the path.
func (s *LocalSource) String() string { return s.Path }

func (s *LocalSource) stage(ctx context.Context, st *staging) (string, Record, error) {
	rec := Record{Kind: KindLocal, Source: s.Path}
	fi, err := os.Stat(s.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", rec, errors.New("no such file or directory")
	} else if err != nil {
		return "", rec, err
	}
	base := filepath.Base(s.Path)
	words, err := st.t.checkName(base)
	if err != nil {
		return "", rec, err
	}
	if err := checkInPlace(st.t, s.Path, words); err != nil {
		return "", rec, err
	}
	folder := st.path(base)
	var budget = st.t.maxSize()
	if fi.IsDir() {
		if _, err := os.Stat(filepath.Join(s.Path, discovery.ManifestFile)); err != nil {
			return "", rec, fmt.Errorf("not a plugin: a folder needs %s", discovery.ManifestFile)
		}
		if err := copyTree(s.Path, folder, &budget); err != nil {
			return "", rec, err
		}
		// Checked in the copy: a link to a file of the folder by its
		// absolute path leads out of the copy.
		return folder, rec, checkLinks(folder, "folder", s.Path)
	}
	if !fi.Mode().IsRegular() || fi.Mode().Perm()&0o111 == 0 && runtime.GOOS != "windows" {
		return "", rec, errors.New("not a plugin: not an executable file")
	}
	if err := os.Mkdir(folder, 0o755); err != nil {
		return "", rec, err
	}
	if err := copyTree(s.Path, filepath.Join(folder, base), &budget); err != nil {
		return "", rec, err
	}
	if m := s.Path + ".yaml"; isFile(m) {
		if err := copyTree(m, filepath.Join(folder, discovery.ManifestFile), &budget); err != nil {
			return "", rec, err
		}
	}
	return folder, rec, nil
}

// checkInPlace refuses the local plugin at path when discovery finds it
// invalid where it is (its manifest, hooks or formatters), so that the
// error names the user's own file ("demoapp-hi.yaml:3"), not the staged
// copy. The staged copy is validated again before it is put in place.
func checkInPlace(t *Target, path string, words []string) error {
	f := &discovery.Finder{App: t.App, Dirs: []discovery.Dir{{Path: filepath.Dir(path), Source: discovery.SourceDir}}, Taken: t.Taken}
	p, _, err := f.Resolve(words, len(words))
	if err != nil || p == nil || p.Invalid == nil || p.Path != path && p.Folder != path {
		return nil
	}
	return fmt.Errorf("invalid plugin: %w", p.Invalid)
}

// copyTree copies src (a file, or a folder with its files, folders and
// symbolic links) to dest, keeping permissions other than write by
// others, and fails once more than *budget bytes were copied.
func copyTree(src, dest string, budget *int64) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dest, rel)
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		case info.Mode()&fs.ModeSymlink != 0:
			link, err := os.Readlink(path)
			if err != nil {
				return err
			}
			return os.Symlink(link, target)
		case !info.Mode().IsRegular():
			return fmt.Errorf("%s: not a regular file", path)
		}
		*budget -= info.Size()
		if *budget < 0 {
			return fmt.Errorf("%s: the plugin is larger than the size cap", path)
		}
		return copyFile(path, target, info.Mode().Perm()&0o755|0o600)
	})
}

// copyFile copies src to a new file dest with mode perm. The file is
// closed before copyFile returns, so that no writer survives into a fork.
func copyFile(src, dest string, perm fs.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dest, os.O_CREATE|os.O_EXCL|os.O_WRONLY, perm)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func (s *LocalSource) baseName() string { return filepath.Base(s.Path) }
