package discovery

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"time"
)

// ManifestFile is the name of the manifest in a folder plugin.
const ManifestFile = "plugin.yaml"

// Plugin is an external plugin found in a directory.
type Plugin struct {
	// Name is its command words joined by one space: "files stat".
	Name string
	// Words are its command words.
	Words []string
	// Path is the executable to run.
	Path string
	// Folder is the plugin's own folder for a folder plugin, else "".
	Folder string
	// Dir is the directory it was found in, and Source what kind that is.
	Dir    string
	Source Source
	// ManifestPath is the manifest's file, "" when there is none.
	ManifestPath string
	// Manifest is the parsed manifest; nil when there is none or it is
	// invalid.
	Manifest *Manifest
	// Invalid says why the plugin cannot be used (a bad manifest, an
	// executable outside its folder); nil when it can.
	Invalid error
	// ShadowedBy is the path of the plugin of the same name found first;
	// a shadowed plugin is never run.
	ShadowedBy string
	// manifestInfo is the stat of ManifestPath, when found.
	manifestInfo fs.FileInfo
	// pathLinfo and manifestLinfo are the lstats of Path (the folder, for
	// a folder plugin) and of ManifestPath a scan made, for the trust
	// rules to start from; nil when not made.
	pathLinfo, manifestLinfo fs.FileInfo
	// cached is set when Manifest came from the manifest cache, not from
	// reading ManifestPath.
	cached bool
	// mayHook is set on a plugin refused or invalid whose manifest may
	// declare hooks: refused before it was read, or whose text names
	// "hooks". The hook index watches such a plugin's files (see
	// NewHookIndex).
	mayHook bool
}

// Refused returns the *UntrustedError that keeps p from loading (a file
// or directory of it writable by other users or owned by another user),
// or nil.
func (p *Plugin) Refused() *UntrustedError {
	if p.Invalid == nil {
		return nil
	}
	var u *UntrustedError
	if errors.As(p.Invalid, &u) {
		return u
	}
	return nil
}

// Description returns the manifest's description, or "".
func (p *Plugin) Description() string {
	if p.Manifest == nil {
		return ""
	}
	return p.Manifest.Description
}

// Version returns the manifest's version, or "".
func (p *Plugin) Version() string {
	if p.Manifest == nil {
		return ""
	}
	return p.Manifest.Version
}

// Finder looks plugins up in an ordered list of directories.
type Finder struct {
	// App is the app's name, the prefix of every plugin's file name.
	App string
	// Dirs are searched in order; the first directory wins.
	Dirs []Dir
	// FS is the file system; nil means [OS].
	FS FS
	// Now is the clock the hook index trusts modification times by; nil
	// means time.Now.
	Now func() time.Time
	// Taken reports whether a name belongs to a compiled-in command. Hooks,
	// formatters and commands share the names plugin enable/disable take,
	// so a manifest declaring a hook or formatter of such a name is
	// invalid. Nil means no name is taken.
	Taken func(name string) bool
	// Trust decides which files and directories may be loaded from; nil
	// means SystemTrust.
	Trust *Trust
	// Manifests, when set, is the manifest cache a scan takes parsed
	// manifests from and adds the manifests it parses to: listings set it.
	// Resolve (dispatch) never uses it.
	Manifests *ManifestCache
	// Exts, when not nil, are the file name extensions that make a file
	// executable (Windows' PATHEXT, see ExecExts): a plugin is then
	// "<app>-<name>" plus one of them, the first found in this order, its
	// mode aside. Nil means the running system's rule: the mode's execute
	// bits on Unix, PATHEXT on Windows.
	Exts []string

	// hookFile is the hook index file as f read it (see readHookFile).
	hookFile *hookFileRead
}

func (f *Finder) exts() []string {
	if f.Exts == nil {
		return platformExts()
	}
	return f.Exts
}

// executable reports whether fi, a candidate's file, may run: a regular
// file, with an execute bit where no extensions decide.
func (f *Finder) executable(fi fs.FileInfo) bool {
	return fi.Mode().IsRegular() && (f.exts() != nil || fi.Mode().Perm()&0o111 != 0)
}

// statExec finds the file of executable name base in dir: base itself, or
// where extensions decide, base plus the first of them that exists, else
// base (which is then not executable).
func (f *Finder) statExec(dir, base string) (string, fs.FileInfo, error) {
	for _, ext := range f.exts() {
		path := filepath.Join(dir, base+ext)
		if fi, err := f.fs().Stat(path); err == nil && !fi.IsDir() {
			return path, fi, nil
		}
	}
	path := filepath.Join(dir, base)
	fi, err := f.fs().Stat(path)
	if err == nil && !fi.IsDir() && f.exts() != nil {
		// "demoapp-x" with no extension: not executable there.
		return path, notExec{fi}, nil
	}
	return path, fi, err
}

// notExec is a file that extensions say is not executable: no regular
// file for executable.
type notExec struct{ fs.FileInfo }

func (notExec) Mode() fs.FileMode { return fs.ModeIrregular }

func (f *Finder) trust() Trust {
	if f.Trust == nil {
		return SystemTrust()
	}
	return *f.Trust
}

func (f *Finder) now() time.Time {
	if f.Now == nil {
		return time.Now()
	}
	return f.Now()
}

func (f *Finder) fs() FS {
	if f.FS == nil {
		return OS
	}
	return f.FS
}

// NotExecutableError reports a plugin that exists but cannot be executed.
type NotExecutableError struct {
	// Path is the file that is not executable.
	Path string
}

func (e *NotExecutableError) Error() string {
	return fmt.Sprintf("%s is not executable", e.Path)
}

// Resolve finds the external command for the longest prefix of words of at
// least min words (the words a compiled-in command already took, plus
// one). It stats only candidate names and reads only the found plugin's
// manifest: it never lists a directory or runs anything. It returns the
// plugin and the number of words it took, or nil when none matches. A
// candidate that exists but is not executable, when nothing else matches,
// is a *NotExecutableError.
func (f *Finder) Resolve(words []string, min int) (*Plugin, int, error) {
	var notExec error
	for _, cand := range candidateBases(f.App, words, min) {
		base := FileName(f.App, cand)
		for _, d := range f.Dirs {
			p, err := f.look(d, base, cand)
			if err != nil && notExec == nil {
				notExec = err
			}
			if p != nil {
				return p, len(cand), nil
			}
		}
	}
	return nil, 0, notExec
}

// look checks one candidate name in one directory.
func (f *Finder) look(d Dir, base string, words []string) (*Plugin, error) {
	path, fi, err := f.statExec(d.Path, base)
	if err != nil {
		return nil, nil
	}
	p := &Plugin{Name: strings.Join(words, " "), Words: words, Path: path, Dir: d.Path, Source: d.Source}
	switch {
	case fi.IsDir():
		if d.Source != SourceDir {
			return nil, nil
		}
		mpath := filepath.Join(path, ManifestFile)
		mfi, err := f.fs().Stat(mpath)
		if err != nil {
			return nil, nil
		}
		p.Folder, p.ManifestPath, p.manifestInfo = path, mpath, mfi
	case !f.executable(fi):
		return nil, &NotExecutableError{Path: path}
	default:
		mpath := filepath.Join(d.Path, base) + ".yaml"
		if mfi, err := f.fs().Stat(mpath); err == nil {
			p.ManifestPath, p.manifestInfo = mpath, mfi
		}
	}
	f.load(p, fi)
	return p, nil
}

// load checks that p's files and directory may be trusted, then reads
// its manifest; fi is the stat of p.Path (its folder for a folder plugin).
func (f *Finder) load(p *Plugin, fi fs.FileInfo) {
	f.loadIn(p, fi, f.trust().checkDirAndParents(f.fs(), p.Dir), nil)
}

// loadIn is load, knowing dirErr, why p's directory is not trusted (nil
// when it is): a scan checks a directory once for all its entries. cache,
// when not nil, records the manifest cache's use by the scan of p's
// directory: p's manifest is taken from the cache when its entry still
// holds, and added to it when parsed. The trust rules run all the same.
func (f *Finder) loadIn(p *Plugin, fi fs.FileInfo, dirErr error, cache *mcScan) {
	t := f.trust()
	if dirErr != nil {
		p.Invalid = dirErr
		return
	}
	if err := t.checkPathFrom(f.fs(), p.Path, p.pathLinfo); err != nil {
		p.Invalid, p.mayHook = err, p.ManifestPath != ""
		return
	}
	if p.manifestInfo != nil {
		if err := t.checkPathFrom(f.fs(), p.ManifestPath, p.manifestLinfo); err != nil {
			p.Invalid, p.mayHook = err, true
			return
		}
	}
	f.loadManifest(p, fi, cache)
	if p.Folder != "" && p.Invalid == nil {
		p.Invalid = t.checkPath(f.fs(), p.Path)
	}
}

// loadManifest reads and checks p's manifest, if it has one, and for a
// folder plugin finds its executable; fi is the stat of p.Path, and cache
// as for loadIn.
func (f *Finder) loadManifest(p *Plugin, fi fs.FileInfo, cache *mcScan) {
	if p.ManifestPath == "" {
		return
	}
	if m := f.Manifests.get(cache, p, fi); m != nil {
		p.cached = true
		f.useManifest(p, m)
		return
	}
	data, err := readRegular(f.fs(), p.ManifestPath, MaxManifestSize)
	if err != nil {
		p.Invalid, p.mayHook = fmt.Errorf("read manifest: %w", err), true
		return
	}
	m, err := parseManifest(p.ManifestPath, data, f.Taken)
	if err != nil {
		// What it declares is unknown: a manifest with hooks names them.
		p.Invalid, p.mayHook = err, bytes.Contains(data, []byte("hooks"))
		return
	}
	if m.Name != "" && strings.Join(strings.Fields(m.Name), " ") != p.Name {
		p.Invalid = fmt.Errorf("%s:%d: name %q does not match the plugin's file name (%q)", p.ManifestPath, keyLine(data, "name"), m.Name, p.Name)
		p.mayHook = len(m.Hooks) > 0
		return
	}
	if p.Folder == "" && m.Exec != "" {
		p.Invalid = fmt.Errorf("%s: exec is only for plugin.yaml in a plugin's own folder", p.ManifestPath)
		p.mayHook = len(m.Hooks) > 0
		return
	}
	f.Manifests.put(cache, p, fi, m)
	f.useManifest(p, m)
}

// manifestFits reports whether m, a manifest taken from the cache, passes
// what loadManifest checks of one read against the plugin: a cached one
// that does not is read again, for the error to name its line.
func manifestFits(p *Plugin, m *Manifest) bool {
	return (m.Name == "" || m.Name == p.Name || strings.Join(strings.Fields(m.Name), " ") == p.Name) &&
		(p.Folder != "" || m.Exec == "")
}

// useManifest makes m, parsed and checked, p's manifest, escaped for the
// terminal, and for a folder plugin finds its executable.
func (f *Finder) useManifest(p *Plugin, m *Manifest) {
	m.escape()
	p.Manifest = m
	if p.Folder != "" {
		p.Path, p.Invalid = f.folderExec(p.Folder, m.Exec)
	}
}

// Fresh returns p, found by a scan, with its manifest as read now: p
// itself unless its manifest came from the manifest cache, else p found
// and loaded again in its directory as dispatch would (the trust rules,
// its manifest read and checked), or, when it is no longer there as the
// scan found it, a plugin that is invalid. Whatever a manifest makes run
// is taken from a fresh one.
func (f *Finder) Fresh(p *Plugin) *Plugin {
	if !p.cached {
		return p
	}
	q, _ := f.look(Dir{Path: p.Dir, Source: p.Source}, FileName(f.App, p.Words), p.Words)
	if q == nil || q.Path != p.Path || q.Folder != p.Folder {
		return &Plugin{Name: p.Name, Words: p.Words, Path: p.Path, Folder: p.Folder, Dir: p.Dir, Source: p.Source,
			ShadowedBy: p.ShadowedBy, Invalid: fmt.Errorf("%s changed since it was listed", p.Path)}
	}
	q.ShadowedBy = p.ShadowedBy
	return q
}

// FromCache reports whether p's manifest came from the manifest cache
// (see Fresh).
func (p *Plugin) FromCache() bool { return p.cached }

// folderExec returns the executable of a folder plugin, which must resolve
// (symbolic links followed) to a path inside the folder, through
// sub-folders the trust rules accept.
func (f *Finder) folderExec(folder, exec string) (string, error) {
	var path string
	if exec == "" {
		path, _, _ = f.statExec(folder, filepath.Base(folder))
	} else {
		path = filepath.Join(folder, exec)
	}
	realFolder, err := f.fs().EvalSymlinks(folder)
	if err != nil {
		return path, fmt.Errorf("resolve %s: %w", folder, err)
	}
	real, err := f.fs().EvalSymlinks(path)
	if errors.Is(err, fs.ErrNotExist) {
		return path, fmt.Errorf("executable %s does not exist", path)
	}
	if err != nil {
		return path, fmt.Errorf("resolve %s: %w", path, err)
	}
	if rel, err := filepath.Rel(realFolder, real); err != nil || rel == ".." || strings.HasPrefix(rel, "../") {
		return path, fmt.Errorf("executable %s resolves to %s, outside the plugin's folder", path, real)
	}
	// Each sub-folder on the way to the executable is checked as the
	// folder is: in one that others may write to, the executable could be
	// swapped between this check and its run.
	if rel, err := filepath.Rel(folder, path); err == nil {
		dir := folder
		for _, name := range strings.Split(filepath.Dir(rel), string(filepath.Separator)) {
			if name == "." {
				continue
			}
			dir = filepath.Join(dir, name)
			if err := f.trust().checkPath(f.fs(), dir); err != nil {
				return path, err
			}
		}
	}
	return path, nil
}
