package discovery

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// The hook index caches what the manifests in the plugin dirs declare about
// hooks, so that running a command finds the external hooks that may
// attach to it without listing a directory or reading a manifest: it stats
// the few paths whose change could change the answer, and rebuilds from a
// scan when one did. It holds manifest facts only; what the config and the
// environment decide (disabled plugins, requires) is evaluated per run.

// hookIndexFormat is the layout of the cache file; a file of another
// format is rebuilt.
const hookIndexFormat = 1

// racyWindow is how recent a change may be for its modification time not
// to be trusted: a second change within one tick of the file system's
// clock (a second or two on some) would leave the same time. An index
// that recorded such a time is used but not saved.
const racyWindow = 2 * time.Second

// HookIndexPath returns the hook index's cache file:
// $XDG_CACHE_HOME/<app>/hooks.json (default ~/.cache/<app>/hooks.json),
// or "" when neither variable gives an absolute directory.
func HookIndexPath(e Env) string {
	base := e.Getenv("XDG_CACHE_HOME")
	if !filepath.IsAbs(base) {
		home := e.Getenv("HOME")
		if !filepath.IsAbs(home) {
			return ""
		}
		base = filepath.Join(home, ".cache")
	}
	return filepath.Join(base, e.App, "hooks.json")
}

// HookIndex is what the plugin dirs' manifests declare about hooks, and
// the stat signatures that tell whether it still holds.
type HookIndex struct {
	Format int `json:"format"`
	// Dirs are the plugin dirs scanned, in order.
	Dirs []string `json:"dirs"`
	// Stamps are the signatures of the paths whose change changes the
	// hooks: the dirs (plugins added, removed or renamed), the plugin
	// folders, the manifests declaring hooks and their executables (and
	// those shadowing them), and the entries skipped that a chmod or a
	// manifest inside would make plugins (Scan.Inert). A manifest without
	// hooks is not stamped, so that a warm run stats a few paths, not one
	// per plugin: hooks added to it in place are seen after the next
	// listing (RefreshHookIndex) or once the cache file is removed.
	Stamps []Stamp `json:"stamps"`
	// Plugins are the usable, unshadowed plugins whose manifests declare
	// hooks, in the scan's order.
	Plugins []HookPlugin `json:"plugins"`
	// racy is set when a stamp is too recent to be trusted (racyWindow).
	racy bool
}

// HookPlugin is a plugin with hooks, as the index records it: what running
// and checking its hooks needs, nothing else of its manifest.
type HookPlugin struct {
	Name         string     `json:"name"`
	Path         string     `json:"path"`
	Dir          string     `json:"dir"`
	Folder       string     `json:"folder,omitempty"`
	ManifestPath string     `json:"manifest"`
	Description  string     `json:"description,omitempty"`
	Requires     Requires   `json:"requires"`
	Hooks        []HookSpec `json:"hooks"`
}

// Plugin returns p as a plugin of a plugin dir, its manifest holding the
// recorded fields only.
func (p HookPlugin) Plugin() *Plugin {
	return &Plugin{Name: p.Name, Words: strings.Fields(p.Name), Path: p.Path, Folder: p.Folder, Dir: p.Dir,
		Source: SourceDir, ManifestPath: p.ManifestPath,
		Manifest: &Manifest{Description: p.Description, Requires: p.Requires, Hooks: p.Hooks}}
}

// Stamp is the stat signature of one path; a path that did not exist has
// the zero signature.
type Stamp struct {
	Path    string      `json:"p"`
	ModTime int64       `json:"t,omitempty"` // Unix nanoseconds
	Size    int64       `json:"s,omitempty"`
	Mode    fs.FileMode `json:"m,omitempty"`
}

func stamp(fsys FS, path string) Stamp {
	fi, err := fsys.Stat(path)
	if err != nil {
		return Stamp{Path: path}
	}
	return Stamp{Path: path, ModTime: fi.ModTime().UnixNano(), Size: fi.Size(), Mode: fi.Mode()}
}

// NewHookIndex builds the index of dirs from s, a scan of exactly those
// dirs, stamping the paths it depends on with fsys at time now.
func NewHookIndex(fsys FS, dirs []Dir, s *Scan, now time.Time) *HookIndex {
	x := &HookIndex{Format: hookIndexFormat}
	paths := []string{}
	for _, d := range dirs {
		x.Dirs = append(x.Dirs, d.Path)
		paths = append(paths, d.Path)
	}
	for _, p := range s.Plugins {
		if p.Folder != "" {
			paths = append(paths, p.Folder)
		}
		if p.Manifest == nil || len(p.Manifest.Hooks) == 0 || p.Invalid != nil {
			continue
		}
		paths = append(paths, p.ManifestPath, p.Path)
		if p.ShadowedBy != "" {
			paths = append(paths, p.ShadowedBy)
			continue
		}
		x.Plugins = append(x.Plugins, HookPlugin{Name: p.Name, Path: p.Path, Dir: p.Dir, Folder: p.Folder,
			ManifestPath: p.ManifestPath, Description: p.Manifest.Description, Requires: p.Manifest.Requires,
			Hooks: p.Manifest.Hooks})
	}
	paths = append(paths, s.Inert...)
	seen := map[string]bool{}
	for _, path := range paths {
		if seen[path] {
			continue
		}
		seen[path] = true
		st := stamp(fsys, path)
		if st.ModTime > now.Add(-racyWindow).UnixNano() {
			x.racy = true
		}
		x.Stamps = append(x.Stamps, st)
	}
	return x
}

// anyDir reports whether one of the plugin dirs exists.
func (x *HookIndex) anyDir() bool {
	for _, st := range x.Stamps[:len(x.Dirs)] {
		if st.Mode != 0 {
			return true
		}
	}
	return false
}

// PluginsWithHooks returns the indexed plugins as plugins of their dirs.
func (x *HookIndex) PluginsWithHooks() []*Plugin {
	out := make([]*Plugin, 0, len(x.Plugins))
	for _, p := range x.Plugins {
		out = append(out, p.Plugin())
	}
	return out
}

// errStale reports an index that no longer describes the plugin dirs.
var errStale = errors.New("hook index is stale")

// LoadHookIndex reads the index at path and checks that it still holds
// for dirs by stat'ing its stamped paths: it lists no directory and reads
// no manifest. A missing, unreadable, corrupt or stale index is an error;
// the caller rebuilds it.
func LoadHookIndex(fsys FS, path string, dirs []Dir) (*HookIndex, error) {
	data, err := fsys.ReadFile(path)
	if err != nil {
		return nil, err
	}
	x := &HookIndex{}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber() // flag defaults keep their text: 10000000, not 1e+07
	if err := dec.Decode(x); err != nil {
		return nil, fmt.Errorf("read hook index %s: %w", path, err)
	}
	if x.Format != hookIndexFormat || len(x.Dirs) != len(dirs) {
		return nil, errStale
	}
	for i, d := range dirs {
		if x.Dirs[i] != d.Path {
			return nil, errStale
		}
	}
	for _, st := range x.Stamps {
		if stamp(fsys, st.Path) != st {
			return nil, errStale
		}
	}
	return x, nil
}

// Save writes the index to path atomically (a temporary file renamed over
// it), creating its directory. An index with a change too recent to trust
// is not saved (nil error) and any cached one is removed: the next run
// rebuilds it. Nor is one of dirs that do not exist saved: scanning them
// costs no more than checking it.
func (x *HookIndex) Save(path string) error {
	data, err := json.Marshal(x)
	if err != nil {
		return fmt.Errorf("save hook index: %w", err)
	}
	return x.save(path, data)
}

func (x *HookIndex) save(path string, data []byte) error {
	if x.racy || !x.anyDir() {
		// Not trusted to the cache, and what is there may be out of date.
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove hook index: %w", err)
		}
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("save hook index: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".hooks-*.json")
	if err != nil {
		return fmt.Errorf("save hook index: %w", err)
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("save hook index %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("save hook index %s: %w", path, err)
	}
	return nil
}

// HookPlugins returns the usable, unshadowed plugins of f.Dirs whose
// manifests declare hooks. With a cache path it first tries the index
// there (stats only); when that is missing or stale it calls scan for a
// scan of exactly f.Dirs (shared with the rest of the run), builds the
// index and saves it. A cache that cannot be read or written is not used,
// never an error: the error returned only says why the cache was not
// used or saved, for a debug log.
func (f *Finder) HookPlugins(cache string, scan func() *Scan) ([]*Plugin, error) {
	var loadErr error
	if cache != "" {
		x, err := LoadHookIndex(f.fs(), cache, f.Dirs)
		if err == nil {
			return x.PluginsWithHooks(), nil
		}
		loadErr = err
	}
	x := NewHookIndex(f.fs(), f.Dirs, scan(), f.now())
	if cache == "" {
		return x.PluginsWithHooks(), nil
	}
	if errors.Is(loadErr, fs.ErrNotExist) || errors.Is(loadErr, errStale) {
		loadErr = nil
	}
	return x.PluginsWithHooks(), errors.Join(loadErr, x.Save(cache))
}

// RefreshHookIndex saves the index built from s, a scan of exactly f.Dirs
// that a listing made anyway, when it differs from the cached one: so that
// a listing (help, plugin list, completion) picks up what a warm run
// cannot see, hooks added in place to a manifest that had none. A cache
// that cannot be read or written is not an error for the user; the error
// says why, for a debug log.
func (f *Finder) RefreshHookIndex(cache string, s *Scan) error {
	if cache == "" {
		return nil
	}
	x := NewHookIndex(f.fs(), f.Dirs, s, f.now())
	data, err := json.Marshal(x)
	if err != nil {
		return fmt.Errorf("save hook index: %w", err)
	}
	if old, err := f.fs().ReadFile(cache); err == nil && bytes.Equal(old, data) {
		return nil
	}
	return x.save(cache, data)
}
