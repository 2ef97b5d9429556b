package discovery

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Warning is a problem found while scanning, for the caller to show.
type Warning struct {
	// Path is the file or directory at fault.
	Path string
	// Msg says what is wrong, lower-case.
	Msg string
}

// String is the warning as one line, escaped for a terminal: a file name
// or a manifest's text may hold control characters.
func (w Warning) String() string { return Escape(w.Path + ": " + w.Msg) }

// Scan is what a full scan of the plugin directories found.
type Scan struct {
	// Plugins are sorted by name; among plugins of the same name the one
	// that wins comes first and the others are ShadowedBy it.
	Plugins []*Plugin
	// Warnings are in the order found.
	Warnings []Warning
	// Inert are the entries with plugin names that were skipped but can
	// become plugins without their directory changing: files lacking the
	// executable bit (a chmod) and folders without a manifest (one added
	// inside).
	Inert []string
	// realDirs are the real paths of the directories scanned, so that a
	// directory reached twice (a symbolic link to it also on PATH) is
	// scanned once.
	realDirs map[string]bool
	// names are the app's names (see openDir) listed in the directory
	// being scanned, sorted, and dirErr why it is not trusted: known from
	// the listing and one stat, not asked again for each entry.
	names    []string
	dirClean bool
	dirErr   error
	// dir is the directory being scanned, open to lstat its entries
	// through; nil where the FS cannot. pre are the lstats of its
	// entries made ahead (prefetch), by the index of their names.
	dir dirStater
	pre []lstatResult
	// cur is the index in names of the entry being scanned.
	cur int
	// cache records what the scan of the directory being scanned takes
	// from the manifest cache and adds to it; nil without a cache.
	cache *mcScan
}

// Scan lists every directory and returns the plugins found, with their
// manifests, and warnings for what was skipped or looks unsafe:
// non-executables, broken symbolic links, directories, invalid names and
// files or directories refused as untrusted (see Trust). It never runs a plugin. Only
// listings (help, plugin list, completion, suggestions) scan.
func (f *Finder) Scan() *Scan { return f.Continue(nil) }

// Continue returns prev, a scan of the directories searched before f.Dirs,
// continued with f.Dirs: the same as one scan of them all, so a run that
// needs the plugin dirs first (for their hooks) and PATH later (to list
// commands) lists each directory once. prev is not changed; nil is none.
func (f *Finder) Continue(prev *Scan) *Scan {
	s := &Scan{realDirs: map[string]bool{}}
	var first map[string]*Plugin
	if prev != nil {
		first = make(map[string]*Plugin, len(prev.Plugins))
		s.Plugins = append(s.Plugins, prev.Plugins...)
		s.Warnings = append(s.Warnings, prev.Warnings...)
		s.Inert = append(s.Inert, prev.Inert...)
		for d := range prev.realDirs {
			s.realDirs[d] = true
		}
		for _, p := range prev.Plugins {
			if p.ShadowedBy == "" {
				first[p.Name] = p
			}
		}
	}
	for _, d := range f.Dirs {
		real, err := f.fs().EvalSymlinks(d.Path)
		if err != nil {
			continue // a missing directory on a search path is normal
		}
		if s.realDirs[real] {
			continue // the same directory, reached again through a link
		}
		s.realDirs[real] = true
		entries, dir, err := openDir(f.fs(), d.Path, f.App+"-")
		if err != nil {
			continue
		}
		s.dir = dir
		warnedDir := false
		s.names = entries
		if first == nil {
			// Sized for the first directory's plugins (and manifests), not
			// grown entry by entry.
			first = make(map[string]*Plugin, len(entries))
		}
		s.dirClean = filepath.Clean(d.Path) == d.Path
		s.dirErr = f.trust().checkDirAt(f.fs(), d.Path, real)
		s.cache = f.Manifests.scan(d.Path, f.now())
		s.prefetch()
		for i, e := range entries {
			s.cur = i
			p := f.scanEntry(d, e, s)
			if p == nil {
				continue
			}
			if u := p.Refused(); u != nil && u.Path == d.Path {
				// One warning for the directory, not one per plugin.
				if !warnedDir {
					s.warn(d.Path, untrustedMsg(u))
				}
				warnedDir = true
			}
			if w, ok := first[p.Name]; ok {
				if f.sameFile(w.Path, p.Path) {
					continue // the same file reached twice is one plugin
				}
				p.ShadowedBy = w.Path
				s.warn(p.Path, fmt.Sprintf("shadowed by %s", w.Path))
			} else {
				first[p.Name] = p
			}
			s.Plugins = append(s.Plugins, p)
		}
		if dir != nil {
			dir.Close()
			s.dir, s.pre = nil, nil
		}
	}
	sort.SliceStable(s.Plugins, func(i, j int) bool { return s.Plugins[i].Name < s.Plugins[j].Name })
	return s
}

// sameFile reports whether two paths name one file, links followed.
func (f *Finder) sameFile(a, b string) bool {
	ra, err := f.fs().EvalSymlinks(a)
	if err != nil {
		return false
	}
	rb, err := f.fs().EvalSymlinks(b)
	return err == nil && ra == rb
}

// untrustedMsg is a refusal as a scan warning about its path.
func untrustedMsg(u *UntrustedError) string {
	if u.Fix == "" {
		return u.Why + ": refused"
	}
	return fmt.Sprintf("%s: refused (if you trust it: %s)", u.Why, u.Fix)
}

// entryPath is filepath.Join(dir, name) for a name the directory being
// scanned lists (no separator, neither "." nor ".."): without cleaning
// the path again for each entry when dir is clean.
func (s *Scan) entryPath(dir, name string) string {
	switch {
	case !s.dirClean:
		return filepath.Join(dir, name)
	case os.IsPathSeparator(dir[len(dir)-1]):
		return dir + name
	}
	return dir + string(filepath.Separator) + name
}

// inDir reports whether the directory being scanned lists name.
func (s *Scan) inDir(name string) bool { return s.index(name) >= 0 }

// index returns the index of name in the names the directory being
// scanned lists, or -1.
func (s *Scan) index(name string) int {
	if i, ok := slices.BinarySearch(s.names, name); ok {
		return i
	}
	return -1
}

func (s *Scan) warn(path, msg string) {
	s.Warnings = append(s.Warnings, Warning{Path: path, Msg: msg})
}

// lexists reports whether dir holds the executable base: that name, or
// with one of the executable extensions where they decide.
func (f *Finder) lexists(dir, base string) bool {
	if _, err := f.fs().Lstat(filepath.Join(dir, base)); err == nil {
		return true
	}
	for _, ext := range f.exts() {
		if _, err := f.fs().Lstat(filepath.Join(dir, base+ext)); err == nil {
			return true
		}
	}
	return false
}

// scanEntry returns the plugin an entry of d is, or nil with a warning
// when it is one that cannot be used.
func (f *Finder) scanEntry(d Dir, name string, s *Scan) *Plugin {
	if !strings.HasPrefix(name, f.App+"-") {
		return nil
	}
	path := s.entryPath(d.Path, name)
	if base, ok := strings.CutSuffix(name, ".yaml"); ok {
		// The listing tells, but where extensions and case are the file
		// system's business (Windows), a stat does.
		if !s.inDir(base) && (f.exts() == nil || !f.lexists(d.Path, base)) {
			s.warn(path, "manifest without an executable "+base)
		}
		return nil
	}
	// Where extensions make a file executable (Windows), the command's
	// name is the file's without it, and of "demoapp-x.exe" and
	// "demoapp-x.bat" the one dispatch runs (PATHEXT's order) is the plugin.
	stem, hasExt := name, false
	if exts := f.exts(); exts != nil {
		stem, hasExt = TrimExecExt(name, exts)
		if hasExt {
			if runs, _, _ := f.statExec(d.Path, stem); !strings.EqualFold(runs, path) {
				return nil
			}
		}
	}
	words, err := ParseFileName(f.App, stem)
	if err != nil {
		s.warn(path, "invalid plugin name: "+strings.TrimPrefix(err.Error(), fmt.Sprintf("plugin name %q: ", name)))
		return nil
	}
	// One lstat per file: unless it is a symbolic link, it is the stat,
	// and the trust rules check the chain of links from it.
	li, fi, err := f.lstatIn(s, path, name, s.cur)
	if err != nil {
		if li != nil {
			s.warn(path, "broken symbolic link")
		}
		return nil
	}
	if f.exts() != nil && !hasExt && !fi.IsDir() {
		fi = notExec{fi}
	}
	p := &Plugin{Name: strings.Join(words, " "), Words: words, Path: path, Dir: d.Path, Source: d.Source, pathLinfo: li}
	switch {
	case fi.IsDir():
		mpath := filepath.Join(path, ManifestFile)
		mli, mfi, err := f.lstatIn(s, mpath, name+string(filepath.Separator)+ManifestFile, -1)
		if err != nil || d.Source != SourceDir {
			s.warn(path, "is a directory, not a plugin (a plugin folder needs "+ManifestFile+" and must be in a plugin dir)")
			s.Inert = append(s.Inert, path)
			return nil
		}
		p.Folder, p.ManifestPath, p.manifestInfo, p.manifestLinfo = path, mpath, mfi, mli
	case !f.executable(fi):
		s.warn(path, "not executable: skipped")
		s.Inert = append(s.Inert, path)
		return nil
	default:
		mrel := stem + ".yaml"
		j := s.index(mrel)
		if f.exts() == nil && j < 0 {
			break // listed with its directory: no stat to find it missing
		}
		mpath := s.entryPath(d.Path, mrel)
		if mli, mfi, err := f.lstatIn(s, mpath, mrel, j); err == nil {
			p.ManifestPath, p.manifestInfo, p.manifestLinfo = mpath, mfi, mli
		}
	}
	f.loadIn(p, fi, s.dirErr, s.cache)
	if u := p.Refused(); u != nil && u.Path != d.Path {
		s.warn(u.Path, untrustedMsg(u))
	}
	return p
}

// lstatResult is an lstat made ahead.
type lstatResult struct {
	li   fs.FileInfo
	err  error
	done bool
}

// prefetchMin is how many of the app's entries (plugins and manifests) a
// directory has before a scan lstats them ahead, in parallel.
const prefetchMin = 256

// prefetch lstats ahead, on every core, the entries of the directory
// being scanned (only the app's: plugins and their manifests, see
// openDir), when the FS lstats through the open directory and there are
// enough of them: those system calls are most of a large scan's time,
// and each is independent of the others (git's preload-index does the
// same for its index). The scan then takes each entry's lstat from pre.
func (s *Scan) prefetch() {
	workers := min(runtime.GOMAXPROCS(0), 4)
	if s.dir == nil || len(s.names) < prefetchMin || workers < 2 {
		return
	}
	s.pre = make([]lstatResult, len(s.names))
	work := func(lo, hi int) {
		for i := lo; i < hi; i++ {
			li, err := s.dir.Lstat(s.names[i])
			s.pre[i] = lstatResult{li: li, err: err, done: true}
		}
	}
	var wg sync.WaitGroup
	chunk := (len(s.names) + workers - 1) / workers
	for lo := chunk; lo < len(s.names); lo += chunk {
		wg.Go(func() { work(lo, min(lo+chunk, len(s.names))) })
	}
	work(0, min(chunk, len(s.names)))
	wg.Wait()
}

// prefetched returns the lstat made ahead of the entry at index i of
// names (-1: none), or nil.
func (s *Scan) prefetched(i int) *lstatResult {
	if s.pre == nil || i < 0 || !s.pre[i].done {
		return nil
	}
	return &s.pre[i]
}

// lstatIn is lstat of path, rel in the directory being scanned: made
// ahead (prefetch), or through the open directory when the FS opened it.
// i is rel's index in names, -1 when it is not a name listed (a folder's
// manifest).
func (f *Finder) lstatIn(s *Scan, path, rel string, i int) (li, fi fs.FileInfo, err error) {
	if s.dir == nil {
		return f.lstat(path)
	}
	if r := s.prefetched(i); r != nil {
		li, err = r.li, r.err
	} else {
		li, err = s.dir.Lstat(rel)
	}
	return f.followed(path, li, err)
}

// lstat returns the lstat of path and its stat: the same for a regular
// file or a directory; anything else (a symbolic link, a reparse point on
// Windows) is stat'ed, links followed. A broken link is an error with the
// link's lstat; a missing file one with none.
func (f *Finder) lstat(path string) (li, fi fs.FileInfo, err error) {
	li, err = f.fs().Lstat(path)
	return f.followed(path, li, err)
}

// followed completes an lstat of path (li, err) with its stat, as lstat
// describes.
func (f *Finder) followed(path string, li fs.FileInfo, err error) (_, fi fs.FileInfo, _ error) {
	if err != nil {
		return nil, nil, err
	}
	if li.Mode().IsRegular() || li.IsDir() {
		return li, li, nil
	}
	fi, err = f.fs().Stat(path)
	return li, fi, err
}
