package discovery

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Source says where an external plugin was found.
type Source string

// The sources of plugins, in order of precedence.
const (
	// SourceBuiltin is a compiled-in plugin (used by the cli's listing).
	SourceBuiltin Source = "builtin"
	// SourceDir is a plugin directory: $<APP>_PLUGIN_PATH, the config's
	// plugins.dirs or $XDG_DATA_HOME/<app>/plugins.
	SourceDir Source = "dir"
	// SourcePATH is a directory on $PATH.
	SourcePATH Source = "PATH"
)

// Dir is one directory searched for plugins.
type Dir struct {
	// Path is the directory, absolute.
	Path string
	// Source says where it came from: a plugin dir or PATH.
	Source Source
}

// SearchPath is the ordered list of directories searched for plugins and
// the entries that were ignored (relative ones), for warnings.
type SearchPath struct {
	// Dirs are the directories to search, first winning.
	Dirs []Dir
	// Ignored are the relative entries left out, as given.
	Ignored []string
}

// Env is what discovery reads from the environment, injected for tests.
type Env struct {
	// App is the app's name, e.g. "demoapp".
	App string
	// EnvPrefix is the app's environment prefix, e.g. "DEMOAPP".
	EnvPrefix string
	// Getenv reads an environment variable.
	Getenv func(string) string
}

// UserDir returns the plugin directory of the user, where plugin install
// copies to: $XDG_DATA_HOME/<app>/plugins (default
// ~/.local/share/<app>/plugins, also when $XDG_DATA_HOME is relative).
func UserDir(e Env) string {
	return filepath.Join(xdgBase(e.Getenv, "XDG_DATA_HOME", ".local", "share"), e.App, "plugins")
}

// Search returns the directories searched for plugins, in order:
// $<APP>_PLUGIN_PATH, configDirs, the user's plugin dir, then $PATH. Empty
// and relative entries are ignored (a relative one is reported); a
// directory listed twice counts once, at its first place. "~/" at the
// start of a config dir is the home directory.
func Search(e Env, configDirs []string) SearchPath {
	return SearchDirs(e, configDirs).WithPATH(e)
}

// SearchDirs returns the plugin directories of Search, without $PATH's:
// those that may hold manifests with hooks, which a run of a compiled-in
// command reads without looking at $PATH.
func SearchDirs(e Env, configDirs []string) SearchPath {
	var sp SearchPath
	seen := map[string]bool{}
	for _, p := range filepath.SplitList(e.Getenv(e.EnvPrefix + "_PLUGIN_PATH")) {
		sp.add(p, SourceDir, seen)
	}
	for _, p := range configDirs {
		if rest, ok := strings.CutPrefix(p, "~/"); ok {
			p = filepath.Join(homeDir(e.Getenv), rest)
		}
		sp.add(p, SourceDir, seen)
	}
	sp.add(UserDir(e), SourceDir, seen)
	return sp
}

// WithPATH returns sp followed by the directories of $PATH, as Search
// does; sp is left as it was.
func (sp SearchPath) WithPATH(e Env) SearchPath {
	out := SearchPath{Dirs: sp.Dirs[:len(sp.Dirs):len(sp.Dirs)], Ignored: sp.Ignored[:len(sp.Ignored):len(sp.Ignored)]}
	seen := make(map[string]bool, len(sp.Dirs))
	for _, d := range sp.Dirs {
		seen[d.Path] = true
	}
	for _, p := range filepath.SplitList(e.Getenv("PATH")) {
		out.add(p, SourcePATH, seen)
	}
	return out
}

// add appends the directory p found in src, unless it is empty, relative
// (then it is recorded in Ignored) or already there (in seen).
func (sp *SearchPath) add(p string, src Source, seen map[string]bool) {
	if p == "" {
		return
	}
	if !filepath.IsAbs(p) {
		sp.Ignored = append(sp.Ignored, p)
		return
	}
	p = filepath.Clean(p)
	if !seen[p] {
		seen[p] = true
		sp.Dirs = append(sp.Dirs, Dir{Path: p, Source: src})
	}
}

// FS is the view of the file system discovery needs, injected so that
// resolution can be tested with a fake. [OS] is the real one.
type FS interface {
	Stat(name string) (fs.FileInfo, error)
	Lstat(name string) (fs.FileInfo, error)
	ReadDir(name string) ([]fs.DirEntry, error)
	ReadFile(name string) ([]byte, error)
	EvalSymlinks(name string) (string, error)
}

// OS is the operating system's file system.
var OS FS = osFS{}

type osFS struct{}

func (osFS) Stat(name string) (fs.FileInfo, error)      { return os.Stat(name) }
func (osFS) Lstat(name string) (fs.FileInfo, error)     { return os.Lstat(name) }
func (osFS) ReadDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(name) }
func (osFS) ReadFile(name string) ([]byte, error)       { return os.ReadFile(name) }
func (osFS) EvalSymlinks(name string) (string, error)   { return filepath.EvalSymlinks(name) }

// dirNamer is an FS that lists a directory's names alone, sorted: a scan
// needs nothing else of its entries, and the OS's listing costs half
// when it makes no entry of each.
type dirNamer interface {
	ReadDirNames(name string) ([]string, error)
}

// ReadDirNames returns the names in the directory name, sorted.
func (osFS) ReadDirNames(name string) ([]string, error) {
	d, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	names, err := d.Readdirnames(-1)
	if err != nil {
		return nil, err
	}
	sortNames(names)
	return names, nil
}

// sortNames sorts a directory's names as os.ReadDir does.
func sortNames(names []string) { slices.Sort(names) }

// dirOpener is an FS that opens a directory for a scan: its names that
// begin with prefix, sorted, and the directory open, to lstat its entries
// through.
type dirOpener interface {
	OpenDir(name, prefix string) ([]string, dirStater, error)
}

// dirStater is a directory open for a scan.
type dirStater interface {
	// Lstat lstats rel, a path relative to the directory.
	Lstat(rel string) (fs.FileInfo, error)
	Close() error
}

// openDir returns the names in the directory name that begin with prefix
// (the app's plugins: "demoapp-"), sorted, as fsys lists them, and the
// directory open for lstats when fsys can (nil when not). A directory on
// PATH holds mostly other programs, which are dropped before sorting.
func openDir(fsys FS, name, prefix string) ([]string, dirStater, error) {
	if o, ok := fsys.(dirOpener); ok {
		return o.OpenDir(name, prefix)
	}
	names, err := readDirNames(fsys, name)
	return keepPrefixed(names, prefix), nil, err
}

// keepPrefixed drops, in place, the names that do not begin with prefix.
func keepPrefixed(names []string, prefix string) []string {
	return slices.DeleteFunc(names, func(n string) bool { return !strings.HasPrefix(n, prefix) })
}

// readDirNames returns the names in the directory name, sorted, as fsys
// lists them.
func readDirNames(fsys FS, name string) ([]string, error) {
	if n, ok := fsys.(dirNamer); ok {
		return n.ReadDirNames(name)
	}
	entries, err := fsys.ReadDir(name)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = e.Name()
	}
	return names, nil
}
