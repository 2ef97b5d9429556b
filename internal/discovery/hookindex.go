package discovery

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/longshore/longshore/hooks"
)

// The hook index caches which plugins in the plugin dirs declare hooks,
// so that running a command finds the external hooks that may attach to
// it without listing a directory or reading every manifest: it stats the
// few paths whose change could change the answer, and rebuilds from a
// scan when one did. It records where those plugins are and which
// commands their hooks name, never what else their manifests say: a warm
// run reads and checks again the manifests of those whose hooks may
// attach to the command it runs, as a scan would (the trust rules, the
// name, that no plugin of an earlier dir shadows it), so the cache can
// only speed up what a scan would find, or leave out a hook until the
// next listing. What the config and the environment decide
// (disabled plugins, requires) is evaluated per run.

// hookIndexFormat is the layout of the cache file; a file of another
// format is rebuilt.
const hookIndexFormat = 5

// maxHookIndexSets is how many sets of plugin dirs the cache file holds an
// index for: switching between a few ($<APP>_PLUGIN_PATH set per project)
// rebuilds none, as a file of one index would on every switch.
const maxHookIndexSets = 4

// hookIndexFile is the cache file: the indexes of the last sets of plugin
// dirs saved, the latest first.
type hookIndexFile struct {
	Format int          `json:"format"`
	Sets   []*HookIndex `json:"sets"`
}

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
// the stat signatures that tell whether it still holds. The cache file
// holds one for each of the last few sets of dirs.
type HookIndex struct {
	// Dirs are the plugin dirs scanned, in order.
	Dirs []string `json:"dirs"`
	// Stamps are the signatures of the paths whose change changes the
	// hooks: the dirs (plugins added, removed or renamed), the plugin
	// folders with hooks, the manifests declaring hooks and their
	// executables (and those shadowing them), the files of the plugins
	// with an invalid or refused manifest (fixed, it may declare hooks),
	// and the entries skipped that a chmod or a manifest inside would make
	// plugins (Scan.Inert). A valid plugin without hooks, flat or a
	// folder, is not stamped, so that a
	// warm run stats a few paths, not one per plugin: hooks added to its
	// manifest in place are seen after the next listing (RefreshHookIndex)
	// or once the cache file is removed.
	Stamped []string `json:"stamped"`
	// Sum is the checksum of the stamped paths' signatures (their identity:
	// see signatures), in order, and of the
	// index's own entries (Dirs, Stamped, Plugins): one value to compare,
	// so that a warm run decodes little, and an entry edited or dropped
	// without the sum is a stale index.
	Sum string `json:"sum"`
	// Plugins are the usable, unshadowed plugins whose manifests declare
	// hooks, in the scan's order.
	Plugins []HookPlugin `json:"plugins"`
	// loaded are Plugins as found and loaded by the scan or, for an index
	// read from its file, as checked and loaded again (Finder.reload).
	loaded []*Plugin
	// racy is set when a stamp is too recent to be trusted (racyWindow).
	racy bool
	// dirExists is set when one of Dirs exists.
	dirExists bool
}

// HookPlugin is a plugin with hooks, as the index records it: where it
// is, and which commands its hooks name. A warm run reads its manifest
// again when one of those may be the command run, and then uses only
// what the manifest says.
type HookPlugin struct {
	// Name, Path and Folder are as in Plugin.
	Name   string `json:"name"`
	Path   string `json:"path"`
	Folder string `json:"folder,omitempty"`
	// Commands are the command names and patterns its hooks attach to,
	// each once: what a run matches to skip reading the manifest of a
	// plugin whose hooks cannot attach to its command.
	Commands []string `json:"commands"`
}

// entry returns the plugin's entry in its plugin dir: its folder for a
// folder plugin, else its executable.
func (p HookPlugin) entry() string {
	if p.Folder != "" {
		return p.Folder
	}
	return p.Path
}

// sum returns the index's checksum (see Sum) as the files are now, and
// whether one of them changed within racyWindow before now (the zero
// time: never).
func (x *HookIndex) sum(fsys FS, now time.Time) (string, bool) {
	h := fnv.New64a()
	for _, list := range [][]string{x.Dirs, x.Stamped} {
		for _, s := range list {
			h.Write([]byte(s))
			h.Write([]byte{0})
		}
		h.Write([]byte{1})
	}
	for _, p := range x.Plugins {
		for _, s := range append([]string{p.Name, p.Path, p.Folder}, p.Commands...) {
			h.Write([]byte(s))
			h.Write([]byte{0})
		}
		h.Write([]byte{2})
	}
	h.Write([]byte{1})
	return signatures(fsys, x.Stamped, now, h.Sum64())
}

// signatures returns the checksum of the stat signatures of paths, in
// order, continuing the checksum seed, and whether one was modified
// within racyWindow before now (the zero time: never). A signature is
// the file's identity as the manifest cache keeps it (statID: device,
// inode, size, modification and change times, mode, owner), so that a
// file replaced by one of the same size and modification time (tar -x,
// cp -p, rsync -a), or chown'd, is a change. A missing path has a
// signature of its own.
func signatures(fsys FS, paths []string, now time.Time, seed uint64) (sum string, racy bool) {
	h := fnv.New64a()
	binary.Write(h, binary.LittleEndian, seed)
	var buf [8 * 7]byte
	for _, path := range paths {
		var id statID
		exists := byte(0)
		if fi, err := fsys.Stat(path); err == nil {
			id, exists = idOf(fi), 1
			if !now.IsZero() && id.mtime > now.Add(-racyWindow).UnixNano() {
				racy = true
			}
		}
		for i, v := range []uint64{id.dev, id.ino, uint64(id.size), uint64(id.mtime), uint64(id.ctime), uint64(id.mode), uint64(id.uid)} {
			binary.LittleEndian.PutUint64(buf[8*i:], v)
		}
		h.Write([]byte(path))
		h.Write([]byte{0, exists})
		h.Write(buf[:])
	}
	return strconv.FormatUint(h.Sum64(), 16), racy
}

// NewHookIndex builds the index of dirs from s, a scan of exactly those
// dirs, stamping the paths it depends on with fsys at time now.
func NewHookIndex(fsys FS, dirs []Dir, s *Scan, now time.Time) *HookIndex {
	x := &HookIndex{}
	paths := []string{}
	for _, d := range dirs {
		x.Dirs = append(x.Dirs, d.Path)
		paths = append(paths, d.Path)
	}
	for _, p := range s.Plugins {
		if p.Invalid != nil && (p.mayHook || p.Manifest != nil && len(p.Manifest.Hooks) > 0) {
			// Refused or invalid, it may declare hooks: once fixed (or its
			// files made trusted) they must attach on the next run. One
			// whose manifest says it has none is not watched, so that
			// plugins left invalid cost a dispatch nothing.
			paths = append(paths, p.Folder, p.ManifestPath, p.Path)
			continue
		}
		if p.Manifest == nil || len(p.Manifest.Hooks) == 0 || p.Invalid != nil {
			continue
		}
		if p.Folder != "" {
			paths = append(paths, p.Folder)
		}
		paths = append(paths, p.ManifestPath, p.Path)
		if p.ShadowedBy != "" {
			paths = append(paths, p.ShadowedBy)
			continue
		}
		x.Plugins = append(x.Plugins, HookPlugin{Name: p.Name, Path: p.Path, Folder: p.Folder, Commands: hookCommands(p.Manifest.Hooks)})
		x.loaded = append(x.loaded, p)
	}
	paths = append(paths, s.Inert...)
	seen := map[string]bool{"": true}
	for _, path := range paths {
		if !seen[path] {
			seen[path] = true
			x.Stamped = append(x.Stamped, path)
		}
	}
	x.Sum, x.racy = x.sum(fsys, now)
	x.dirExists = anyExists(fsys, x.Dirs)
	return x
}

// hookCommands returns the command names and patterns hs attach to, each
// once, in order.
func hookCommands(hs []hooks.Spec) []string {
	var out []string
	for _, h := range hs {
		for _, c := range h.Commands {
			if !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	return out
}

// anyExists reports whether one of paths exists.
func anyExists(fsys FS, paths []string) bool {
	for _, p := range paths {
		if _, err := fsys.Stat(p); err == nil {
			return true
		}
	}
	return false
}

// PluginsWithHooks returns the indexed plugins as the scan found them or,
// for an index read from its file, as they were checked and loaded again;
// nil for an index read but not yet checked. Each is a copy, so a caller
// may change its manifest's hooks.
func (x *HookIndex) PluginsWithHooks() []*Plugin {
	out := make([]*Plugin, 0, len(x.loaded))
	for _, p := range x.loaded {
		c, m := *p, *p.Manifest
		m.Hooks = append([]hooks.Spec(nil), m.Hooks...)
		c.Manifest = &m
		out = append(out, &c)
	}
	return out
}

// errStale reports an index that no longer describes the plugin dirs.
var errStale = errors.New("hook index is stale")

// LoadHookIndex reads the index of dirs in the cache file at path and
// checks that it still holds by stat'ing its stamped paths: it lists no
// directory and reads no manifest. A missing, unreadable, corrupt or stale
// index, or none for dirs, is an error; the caller rebuilds it.
func LoadHookIndex(fsys FS, path string, dirs []Dir) (*HookIndex, error) {
	file, _, err := readHookIndexFile(fsys, path)
	if err != nil {
		return nil, err
	}
	return file.load(fsys, dirs)
}

// load returns the file's index of dirs, checked as LoadHookIndex does.
func (file *hookIndexFile) load(fsys FS, dirs []Dir) (*HookIndex, error) {
	x := file.find(dirs)
	if x == nil {
		return nil, errStale
	}
	if err := x.checkEntries(); err != nil {
		return nil, err
	}
	if sum, _ := x.sum(fsys, time.Time{}); sum != x.Sum {
		return nil, errStale
	}
	return x, nil
}

// hookFileRead is the hook index file as a Finder read it.
type hookFileRead struct {
	path string
	file *hookIndexFile
	err  error
}

// readHookFile reads the hook index file at path once for f: a run reads
// it for its hooks, and a listing again to refresh it. A save forgets it.
// It returns the file checked by checkCacheOpened with the stat of the
// file it read, so that a file swapped in after the read is not the one
// checked.
func (f *Finder) readHookFile(path string) (*hookIndexFile, error) {
	if r := f.hookFile; r != nil && r.path == path {
		return r.file, r.err
	}
	file, opened, err := readHookIndexFile(f.fs(), path)
	if err == nil {
		err = f.checkCacheOpened(path, opened)
	}
	if err != nil {
		file = nil
	}
	f.hookFile = &hookFileRead{path: path, file: file, err: err}
	return file, err
}

// readHookIndexFile reads and decodes the cache file at path, and returns
// the stat of the file it read (nil when fsys cannot give it); a file of
// another format is stale.
func readHookIndexFile(fsys FS, path string) (*hookIndexFile, fs.FileInfo, error) {
	data, opened, err := readRegularOpened(fsys, path, maxHookIndexSize)
	if err != nil {
		return nil, nil, err
	}
	file := &hookIndexFile{}
	if err := json.Unmarshal(data, file); err != nil {
		return nil, opened, fmt.Errorf("read hook index %s: %w", path, err)
	}
	if file.Format != hookIndexFormat {
		return nil, opened, errStale
	}
	return file, opened, nil
}

// find returns the file's index of exactly dirs, in order, or nil.
func (file *hookIndexFile) find(dirs []Dir) *HookIndex {
	for _, x := range file.Sets {
		if x != nil && x.sameDirs(dirs) {
			return x
		}
	}
	return nil
}

// sameDirs reports whether x is the index of exactly dirs, in order.
func (x *HookIndex) sameDirs(dirs []Dir) bool {
	if len(x.Dirs) != len(dirs) {
		return false
	}
	for i, d := range dirs {
		if x.Dirs[i] != d.Path {
			return false
		}
	}
	return true
}

// errForged reports an index naming something a scan of its dirs would
// not have found: it is ignored and rebuilt.
var errForged = errors.New("hook index names files outside its plugin dirs or unstamped")

// checkEntries checks that the index only names what a scan of its dirs
// could have found: every dir stamped, and every plugin an entry of one
// of them (a folder plugin's executable inside its folder) whose files
// are stamped, so that the checksum covers them.
func (x *HookIndex) checkEntries() error {
	stamped := make(map[string]bool, len(x.Stamped))
	for _, p := range x.Stamped {
		stamped[p] = true
	}
	dirs := make(map[string]bool, len(x.Dirs))
	for _, d := range x.Dirs {
		if !stamped[d] {
			return errForged
		}
		dirs[d] = true
	}
	for _, p := range x.Plugins {
		entry, manifest := p.Path, p.Path+".yaml"
		if p.Path == "" {
			return errForged
		}
		if p.Folder != "" {
			entry, manifest = p.Folder, filepath.Join(p.Folder, ManifestFile)
			if filepath.Dir(p.Path) != filepath.Clean(p.Folder) && !inside(p.Folder, p.Path) {
				return errForged
			}
		}
		if entry != filepath.Clean(entry) || !dirs[filepath.Dir(entry)] ||
			!stamped[entry] || !stamped[manifest] || !stamped[p.Path] {
			return errForged
		}
	}
	return nil
}

// inside reports whether path is below dir, lexically.
func inside(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// checkCacheOpened returns an *UntrustedError when the cache file at
// path or its directory is not the current user's own, or others may
// write to them: then anyone could have written what it says. The file's
// stat is opened, taken on the file as it was opened and read, when not
// nil: a file swapped in at path after the read is not the one checked.
func (f *Finder) checkCacheOpened(path string, opened fs.FileInfo) error {
	for _, p := range []string{filepath.Dir(path), path} {
		fi := opened
		if p != path || fi == nil {
			var err error
			if fi, err = f.fs().Stat(p); err != nil {
				return err
			}
		}
		if err := f.checkCacheItem(p, fi); err != nil {
			return err
		}
	}
	return nil
}

// checkCacheItem applies the trust rule to p, a cache file or its
// directory, as fi gives it; a cache must also be the user's own.
func (f *Finder) checkCacheItem(p string, fi fs.FileInfo) error {
	t := f.trust()
	if err := t.Check(p, fi); err != nil {
		return err
	}
	if uid, ok := t.owner()(fi); ok && uid != t.UID {
		return &UntrustedError{Path: p, Why: fmt.Sprintf("a cache owned by another user (uid %d)", uid), Fix: "rm -r " + p}
	}
	return nil
}

// cacheDirOwn reports whether a cache may be written into dir: it passes
// checkCacheItem, or does not exist yet.
func (f *Finder) cacheDirOwn(dir string) bool {
	fi, err := f.fs().Stat(dir)
	return err != nil || f.checkCacheItem(dir, fi) == nil
}

// reload finds and loads each of the index's plugins again, as dispatch
// would find it (f.look, dir by dir, so that a plugin an earlier dir's
// shadows is not one): its name from its file name, the trust rules
// (links followed), its manifest read and validated. The index only says
// where to look: anything not as it records (another file found first,
// no hooks any more, refused, invalid) makes it stale. A plugin whose
// recorded commands want rejects (nil wants all) is left out, unread.
func (f *Finder) reload(x *HookIndex, wants func(commands []string) bool) error {
	x.loaded = x.loaded[:0]
	for _, rec := range x.Plugins {
		if wants != nil && !wants(rec.Commands) {
			continue
		}
		stem := filepath.Base(rec.entry())
		if exts := f.exts(); exts != nil && rec.Folder == "" {
			stem, _ = TrimExecExt(stem, exts)
		}
		words, err := ParseFileName(f.App, stem)
		if err != nil || strings.Join(words, " ") != rec.Name {
			return errForged
		}
		var p *Plugin
		for _, d := range f.Dirs {
			if p, _ = f.look(d, FileName(f.App, words), words); p != nil {
				break
			}
		}
		switch {
		case p == nil || p.Path != rec.Path || p.Folder != rec.Folder:
			return errStale
		case p.Invalid != nil:
			return p.Invalid
		case p.Manifest == nil || len(p.Manifest.Hooks) == 0:
			return errStale
		}
		x.loaded = append(x.loaded, p)
	}
	return nil
}

// Save writes the index to path as the only one of the cache file,
// atomically (a temporary file renamed over it), creating its directory.
// An index with a change too recent to trust is not saved (nil error) and
// any cached one is removed: the next run rebuilds it. Nor is one of dirs
// that do not exist saved: scanning them costs no more than checking it.
func (x *HookIndex) Save(path string) error {
	return x.saveWith(path, nil)
}

// saveWith saves x, the latest index, with others, the other indexes the
// file is to keep (any of x's dirs among them is dropped).
func (x *HookIndex) saveWith(path string, others []*HookIndex) error {
	file := &hookIndexFile{Format: hookIndexFormat}
	if !x.racy && x.dirExists {
		file.Sets = append(file.Sets, x)
	}
	for _, o := range others {
		if o != nil && !slices.Equal(o.Dirs, x.Dirs) && len(file.Sets) < maxHookIndexSets {
			file.Sets = append(file.Sets, o)
		}
	}
	if len(file.Sets) == 0 {
		// Not trusted to the cache, and what is there may be out of date.
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove hook index: %w", err)
		}
		return nil
	}
	data, err := json.Marshal(file)
	if err != nil {
		return fmt.Errorf("save hook index: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("save hook index: %w", err)
	}
	if err := replaceCacheFile(path, ".hooks-*.json", data); err != nil {
		return fmt.Errorf("save hook index %s: %w", path, err)
	}
	return nil
}

// replaceCacheFile replaces the cache file path with data: written to a
// temporary file named by pattern (os.CreateTemp's, so mode 0600) beside
// it, then renamed over it, so that a reader sees the old file or the new
// one whole. A cache is not worth an fsync: a file lost in a crash is
// rebuilt. The temporary file is removed when anything fails.
func replaceCacheFile(path, pattern string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), pattern)
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return err
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
	return f.HookPluginsFor(cache, scan, nil)
}

// HookPluginsFor is HookPlugins for a run that needs only the hooks that
// may attach to some commands: wants reports, from the command names and
// patterns a plugin's hooks name (as the index recorded them), whether its
// hooks may attach; nil wants every plugin. From a warm index, the
// manifests of the plugins wants rejects are not read, and those plugins
// are not returned; a scan returns every plugin with hooks. The caller
// still matches each hook of the plugins returned: wants only saves reads.
func (f *Finder) HookPluginsFor(cache string, scan func() *Scan, wants func(commands []string) bool) ([]*Plugin, error) {
	var loadErr error
	if cache != "" {
		file, err := f.readHookFile(cache) // checked as read
		var x *HookIndex
		if err == nil {
			x, err = file.load(f.fs(), f.Dirs)
		}
		if err == nil {
			err = f.reload(x, wants)
		}
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
	return x.PluginsWithHooks(), errors.Join(loadErr, f.saveIndex(x, cache))
}

// saveIndex saves x to the cache, keeping the indexes of other sets of
// dirs it holds if it is the user's own, unless the cache's directory is
// not the user's own: a cache nobody would trust is not written to.
func (f *Finder) saveIndex(x *HookIndex, cache string) error {
	var others []*HookIndex
	if file, err := f.readHookFile(cache); err == nil {
		others = file.Sets
	}
	return f.saveIndexWith(x, cache, others)
}

// saveIndexWith is saveIndex knowing others, the indexes of the cache
// file as read (nil when it is not the user's own).
func (f *Finder) saveIndexWith(x *HookIndex, cache string, others []*HookIndex) error {
	if !f.cacheDirOwn(filepath.Dir(cache)) {
		return fmt.Errorf("hook index not saved: %s is not the user's own", filepath.Dir(cache))
	}
	f.hookFile = nil
	return x.saveWith(cache, others)
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
	// The file is read once (with the run's hooks, if f found them): to
	// compare, and for the other sets of dirs it keeps.
	var others []*HookIndex
	if file, err := f.readHookFile(cache); err == nil {
		others = file.Sets
		if old := file.find(f.Dirs); old != nil && !x.racy && x.dirExists {
			// Unchanged: not written again, whether or not its set of dirs
			// is the one saved last (a user switching between two).
			saved, _ := json.Marshal(old)
			data, _ := json.Marshal(x)
			if bytes.Equal(saved, data) {
				return nil
			}
		}
	}
	return f.saveIndexWith(x, cache, others)
}
