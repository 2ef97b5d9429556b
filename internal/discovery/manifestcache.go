package discovery

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// The manifest cache keeps the manifests a listing parsed, so that the
// next listing (help, completion, plugin list) reads one file instead of
// opening and parsing every manifest. An entry is used only while the
// stat the scan makes anyway of its manifest and of its plugin's
// executable (or folder) gives the identity recorded (device, inode,
// size, modification and change time, mode, owner) and that modification
// time is settled (racyWindow). The cache saves the parse and nothing
// else: the trust rules run on every file of every plugin each listing,
// from the same stats.
//
// It never holds what makes something run: a manifest that declares hooks
// or formatters is not cached (it is read and parsed each listing), so
// the hooks and formatters that run are always what a manifest says now.
// Resolve (dispatch) never reads it; a scan reads it only when its Finder
// has Manifests set.
//
// The file is binary: a header (with the stamp of the program that wrote
// it: another build's rules may differ), a table of sections, one per plugin
// directory (its path, its entries' count and length, and a checksum of
// them), then the sections' entries, each a manifest's path relative to
// the directory, the two identities and the manifest's fields. A listing
// reads the table and the sections of the directories it searches. A file that is not the user's own, or is
// corrupt or of another format, is not used, and is replaced.

// manifestCacheMagic starts the cache file; manifestCacheFormat is its
// layout, bumped when it changes (a file of another format is rebuilt).
const (
	manifestCacheMagic  = "longshore manifest cache\n"
	manifestCacheFormat = 1
)

// maxManifestCacheSize is the largest cache file read; a larger one is
// ignored and rebuilt.
const maxManifestCacheSize = 256 << 20

// maxManifestCacheDirs is how many directories' sections the file keeps:
// those of the last listing first, then those it did not scan (another
// $<APP>_PLUGIN_PATH or PATH), the most recent first.
const maxManifestCacheDirs = 128

// ManifestCachePath returns the manifest cache's file:
// $XDG_CACHE_HOME/<app>/manifests.cache (default
// ~/.cache/<app>/manifests.cache), or "" when neither variable gives an
// absolute directory.
func ManifestCachePath(e Env) string {
	hooks := HookIndexPath(e)
	if hooks == "" {
		return ""
	}
	return filepath.Join(filepath.Dir(hooks), "manifests.cache")
}

// ManifestCache is the manifest cache of one run: what its file held, and
// what the run's scans found. Set it as a Finder's Manifests for the
// scans of a listing, then save it (Finder.SaveManifestCache). It is not
// safe for concurrent use.
type ManifestCache struct {
	path string
	// parser is the program's stamp (parserStamp), which the file must
	// hold.
	parser string
	// sections are the file's, in its order; byDir indexes them. Only
	// the entries of the directories the Finder that opened it searches
	// are read.
	sections []*mcSection
	byDir    map[string]*mcSection
	// scans are what this run's scans found, one per directory, in scan
	// order.
	scans []*mcScan
	// replace is set when the file exists but cannot be used: it is
	// written again even if no entry changed.
	replace bool
	// reused and stored count the manifests the run took from the file,
	// and those it parsed and added.
	reused, stored int
	// err is why a section of the file was not used, found when its
	// directory was scanned.
	err error
}

// mcSection is a directory's section of the file, its entries decoded
// the first time the directory is scanned.
type mcSection struct {
	dir string
	n   int // entries
	// off and size are where the entries are in the file, sum their
	// checksum, body the entries when read.
	off, size int
	sum       uint64
	body      []byte
	// entries are decoded once; bad is set when they do not decode or
	// match sum. index finds an entry by its manifest's path relative to
	// dir, made only when one is looked up out of the order the entries
	// were saved in (the scan's order); next is where the scan is in it.
	entries []mcEntry
	decoded bool
	bad     bool
	index   map[string]int
	next    int
}

// mcEntry is one cached manifest.
type mcEntry struct {
	rel string // the manifest's path relative to the directory
	// from and to are where the entry is encoded in the section.
	from, to      int
	manifest, exe statID
	m             Manifest
}

// mcScan is what a scan of one directory found: the file's entries it
// used and the manifests it parsed, in scan order, for the file to save.
type mcScan struct {
	dir  string
	now  time.Time
	file *mcSection // nil when the file has none (usable) for dir
	refs []mcRef
	// fresh holds the entries parsed by this scan, encoded.
	fresh []byte
	hits  int
}

// mcRef is an entry a scan keeps: the file section's entry old, or when
// old is -1 fresh[from:to].
type mcRef struct{ old, from, to int }

// OpenManifestCache reads the manifest cache at path for f's listings:
// its table of sections, and the entries of f.Dirs (a cache holding
// others' costs little more than one holding only theirs). A missing,
// unreadable, untrusted (see checkCacheOpened), corrupt or outdated file gives
// an empty cache, never nil; the error then says why, for a debug log
// (nil for a missing file). An empty path is a cache never saved.
func (f *Finder) OpenManifestCache(path string) (*ManifestCache, error) {
	want := make(map[string]bool, len(f.Dirs))
	for _, d := range f.Dirs {
		want[d.Path] = true
	}
	return f.openManifestCache(path, want)
}

// openManifestCache is OpenManifestCache reading the entries of the dirs
// in want, or of every one when want is nil.
func (f *Finder) openManifestCache(path string, want map[string]bool) (*ManifestCache, error) {
	c := &ManifestCache{path: path, byDir: map[string]*mcSection{}, parser: parserStamp()}
	if c.parser == "" {
		c.path = ""
	}
	if c.path == "" {
		return c, nil
	}
	opened, err := c.read(f.fs(), path, want)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err == nil {
		err = f.checkCacheOpened(path, opened)
	}
	if err != nil {
		c.sections, c.byDir = nil, map[string]*mcSection{}
		c.replace = true
		return c, fmt.Errorf("manifest cache %s not used: %w", path, err)
	}
	return c, nil
}

// errCacheFormat reports a cache file that is not one this version
// writes; errOtherParser one another build of the program wrote.
var (
	errCacheFormat = errors.New("not a manifest cache of this format")
	errOtherParser = errors.New("written by another build of the program")
)

// parserStamp names the program that parses manifests, the running
// executable as stat gives it: a cache another build wrote (an upgrade,
// whose rules may differ) is not used, but rebuilt. "" when it cannot
// tell, and then no cache is used.
var parserStamp = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	fi, err := os.Stat(exe)
	if err != nil {
		return ""
	}
	id := idOf(fi)
	return fmt.Sprintf("%s\x00%d:%d:%d:%d:%d", exe, id.dev, id.ino, id.size, id.mtime, id.ctime)
})

// rangeOpener is an FS that opens a regular file to read parts of it,
// with the checks of readRegular.
type rangeOpener interface {
	OpenRegular(name string, max int64) (io.ReaderAt, int64, func() error, error)
}

// mcHeadSize is how much of the file the first read takes: the header
// and the table of sections of most files.
const mcHeadSize = 16 << 10

// read reads the file's table of sections and the entries of the
// directories in want (all when nil): where the FS can, the table first,
// then each section wanted, so that a listing does not read the entries
// of directories it does not search; else the whole file.
//
// It returns the stat of the file it read, taken on the open file, when
// the FS gives one (an *os.File): the trust check is then made on what was
// read, not on whatever the path names a moment later.
func (c *ManifestCache) read(fsys FS, path string, want map[string]bool) (opened fs.FileInfo, err error) {
	var (
		data []byte
		at   io.ReaderAt
		size int64
	)
	f, err := openRegularStat(fsys, path, maxManifestCacheSize)
	if err != nil {
		return nil, err
	}
	if f != nil {
		defer f.close()
		at, size, opened = f, f.size, f.info
		data = make([]byte, min(size, mcHeadSize))
		if _, err := at.ReadAt(data, 0); err != nil && err != io.EOF {
			return nil, err
		}
	} else {
		if data, err = readRegular(fsys, path, maxManifestCacheSize); err != nil {
			return nil, err
		}
		size = int64(len(data))
	}
	head, err := c.parseTable(data, size, at)
	if err != nil {
		return nil, err
	}
	for _, s := range c.sections {
		if want != nil && !want[s.dir] {
			continue
		}
		if at == nil {
			s.body = data[head+s.off : head+s.off+s.size]
			continue
		}
		s.body = make([]byte, s.size)
		if _, err := at.ReadAt(s.body, int64(head+s.off)); err != nil {
			return nil, fmt.Errorf("read %s: %w", s.dir, err)
		}
	}
	return opened, nil
}

// parseTable parses the header and the table of sections at the start of
// data, the first bytes of a file of size bytes (at reads the rest when
// the table is longer), and returns where the sections start.
func (c *ManifestCache) parseTable(data []byte, size int64, at io.ReaderAt) (int, error) {
	if len(data) < len(manifestCacheMagic) || string(data[:len(manifestCacheMagic)]) != manifestCacheMagic {
		return 0, errCacheFormat
	}
	r := &mcReader{b: data, off: len(manifestCacheMagic)}
	if r.uvarint() != manifestCacheFormat || r.err {
		return 0, errCacheFormat
	}
	if r.str() != c.parser || r.err {
		return 0, errOtherParser
	}
	tableSize := r.uvarint()
	if r.err || tableSize > uint64(size)-uint64(r.off) {
		return 0, errors.New("truncated")
	}
	head := r.off + int(tableSize)
	if head > len(data) {
		table := make([]byte, head)
		if _, err := at.ReadAt(table, 0); err != nil {
			return 0, err
		}
		r.b = table
	}
	r.b = r.b[:head]
	off := 0
	for r.off < head && !r.err {
		s := &mcSection{dir: r.str(), n: int(r.uvarint())}
		s.sum = r.u64()
		n := r.uvarint()
		if r.err || n > uint64(size)-uint64(head+off) || s.n < 0 || uint64(s.n) > n {
			r.err = true
			break
		}
		s.off, s.size = off, int(n)
		off += s.size
		if c.byDir[s.dir] != nil {
			return 0, errors.New("a directory twice")
		}
		c.sections = append(c.sections, s)
		c.byDir[s.dir] = s
	}
	if r.err || int64(head+off) != size {
		return 0, errors.New("truncated")
	}
	return head, nil
}

// scan returns where a scan of dir at time now records what it finds,
// starting it anew; nil without a cache.
func (c *ManifestCache) scan(dir string, now time.Time) *mcScan {
	if c == nil {
		return nil
	}
	var s *mcScan
	for _, o := range c.scans {
		if o.dir == dir {
			s = o
			c.reused -= s.hits
			c.stored -= len(s.refs) - s.hits
			*s = mcScan{refs: s.refs[:0], fresh: s.fresh[:0]}
		}
	}
	if s == nil {
		s = &mcScan{}
		c.scans = append(c.scans, s)
	}
	s.dir, s.now = dir, now
	if f := c.byDir[dir]; f != nil && f.body != nil && c.decode(f) {
		s.file, f.next = f, 0
	}
	return s
}

// decode decodes the section's entries, once, checking its checksum, and
// reports whether they can be used.
func (c *ManifestCache) decode(s *mcSection) bool {
	if !s.decoded {
		s.decoded = true
		if err := s.decode(c); err != nil {
			s.bad, s.entries = true, nil
			c.replace = true
			c.err = errors.Join(c.err, fmt.Errorf("manifest cache %s: the entries of %s not used: %w", c.path, s.dir, err))
		}
	}
	return !s.bad
}

func (s *mcSection) decode(c *ManifestCache) error {
	h := fnv.New64a()
	h.Write(s.body)
	if h.Sum64() != s.sum {
		return errors.New("checksum mismatch")
	}
	// The entries' strings are substrings of one copy of the section,
	// made only for a directory scanned.
	r := &mcReader{b: s.body, s: string(s.body)}
	s.entries = make([]mcEntry, s.n)
	for i := range s.entries {
		e := &s.entries[i]
		e.from = r.off
		e.rel = r.str()
		e.manifest = r.id()
		e.exe = r.id()
		r.manifest(&e.m)
		e.to = r.off
		if r.err {
			return errors.New("truncated entry")
		}
	}
	if r.off != len(r.b) {
		return errors.New("trailing bytes")
	}
	return nil
}

// find returns the index of the entry of the manifest at rel, or -1: the
// next one in order, as the scan goes, or else the one the index finds.
func (s *mcSection) find(rel string) int {
	if s.next < len(s.entries) && s.entries[s.next].rel == rel {
		s.next++
		return s.next - 1
	}
	if s.index == nil {
		s.index = make(map[string]int, len(s.entries))
		for i := range s.entries {
			s.index[s.entries[i].rel] = i
		}
	}
	i, ok := s.index[rel]
	if !ok {
		return -1
	}
	s.next = i + 1
	return i
}

// get returns the cached manifest of p, as parsed before escaping, when
// the file's entry for it still holds: fi is the stat the scan made of
// p.Path (its executable, or its folder), p.manifestInfo that of its
// manifest, both settled (racyWindow). The entry is kept for the file the
// run saves. nil when there is none.
func (c *ManifestCache) get(s *mcScan, p *Plugin, fi fs.FileInfo) *Manifest {
	if s == nil || s.file == nil || p.manifestInfo == nil {
		return nil
	}
	rel, ok := relIn(s.dir, p.ManifestPath)
	if !ok {
		return nil
	}
	i := s.file.find(rel)
	if i < 0 {
		return nil
	}
	e := &s.file.entries[i]
	if s.racy(p.manifestInfo) || s.racy(fi) || e.manifest != idOf(p.manifestInfo) || e.exe != idOf(fi) ||
		!manifestFits(p, &e.m) {
		return nil
	}
	s.refs = append(s.refs, mcRef{old: i})
	s.hits++
	c.reused++
	// Each entry is one plugin's, found once per scan: its manifest is
	// that plugin's own.
	return &e.m
}

// put adds m, p's manifest as parsed (before escaping), to what the scan
// found, unless it declares hooks or formatters (never taken from a
// cache) or one of its files changed too recently to be trusted.
func (c *ManifestCache) put(s *mcScan, p *Plugin, fi fs.FileInfo, m *Manifest) {
	if s == nil || p.manifestInfo == nil || len(m.Hooks) > 0 || len(m.Formatters) > 0 ||
		s.racy(p.manifestInfo) || s.racy(fi) {
		return
	}
	rel, ok := relIn(s.dir, p.ManifestPath)
	if !ok {
		return
	}
	from := len(s.fresh)
	s.fresh = appendEntry(s.fresh, rel, idOf(p.manifestInfo), idOf(fi), m)
	s.refs = append(s.refs, mcRef{old: -1, from: from, to: len(s.fresh)})
	c.stored++
}

// racy reports whether fi's modification time is too recent for its
// identity to be trusted (see racyWindow).
func (s *mcScan) racy(fi fs.FileInfo) bool {
	return s.now.IsZero() || fi.ModTime().After(s.now.Add(-racyWindow))
}

// relIn returns path relative to dir, when it is inside it.
func relIn(dir, path string) (string, bool) {
	if len(path) <= len(dir)+1 || path[:len(dir)] != dir || !os.IsPathSeparator(path[len(dir)]) {
		return "", false
	}
	return path[len(dir)+1:], true
}

// Changed reports whether the run's scans found something the file does
// not hold as it is: a manifest parsed and added, one of its entries no
// longer used (a plugin changed or removed), or a file that could not be
// used. Only then does the file need saving.
func (c *ManifestCache) Changed() bool {
	if c.replace || c.stored > 0 {
		return true
	}
	for _, s := range c.scans {
		if f := c.byDir[s.dir]; f != nil && f.body != nil && f.n != s.hits {
			return true
		}
	}
	return false
}

// Stats returns how many manifests the run's scans took from the cache
// and how many they parsed and added to it.
func (c *ManifestCache) Stats() (reused, stored int) { return c.reused, c.stored }

// Err returns why a part of the file the run's scans looked at could not
// be used (a section that does not match its checksum), for a debug log;
// nil when all could.
func (c *ManifestCache) Err() error { return c.err }

// Save writes the cache file when the run's scans changed it (Changed):
// the sections of the directories scanned, then those of other
// directories the file holds, atomically (a temporary file renamed over
// it) and under the lock beside it, so that a listing saving at the same
// time with other directories loses none of them. The directory is
// created 0700, the file 0600; a directory that is not the user's own is
// not written to. An error only says why the cache was not saved, for a
// debug log.
func (f *Finder) SaveManifestCache(c *ManifestCache) error {
	if c == nil || c.path == "" || !c.Changed() {
		return nil
	}
	dir := filepath.Dir(c.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("save manifest cache: %w", err)
	}
	if !f.cacheDirOwn(dir) {
		return fmt.Errorf("manifest cache not saved: %s is not the user's own", dir)
	}
	unlock, err := lockFile(lockPath(c.path))
	if err != nil {
		return fmt.Errorf("save manifest cache: %w", err)
	}
	defer unlock()
	// Another listing may have saved since this one read the file: keep
	// the directories it holds that this run did not scan.
	latest, _ := f.openManifestCache(c.path, nil)
	if err := replaceCacheFile(c.path, ".manifests-*.cache", c.encode(latest)); err != nil {
		return fmt.Errorf("save manifest cache %s: %w", c.path, err)
	}
	return nil
}

// encode returns the file to write: the sections of the directories
// scanned, then those of others (of latest, the file as it is now, read
// whole) for directories not scanned. The file is the header, the table
// of sections (each one's directory, entries' count, checksum and size),
// then the sections' entries in the same order.
func (c *ManifestCache) encode(latest *ManifestCache) []byte {
	var table, bodies, body []byte
	done := map[string]bool{}
	n := 0
	add := func(dir string, count int, sum uint64, body []byte) {
		table = appendStr(table, dir)
		table = binary.AppendUvarint(table, uint64(count))
		table = binary.LittleEndian.AppendUint64(table, sum)
		table = binary.AppendUvarint(table, uint64(len(body)))
		bodies = append(bodies, body...)
		n++
	}
	for _, s := range c.scans {
		done[s.dir] = true
		if len(s.refs) == 0 || n == maxManifestCacheDirs {
			continue
		}
		body = body[:0]
		for _, r := range s.refs {
			if r.old >= 0 {
				e := &s.file.entries[r.old]
				body = append(body, s.file.body[e.from:e.to]...)
			} else {
				body = append(body, s.fresh[r.from:r.to]...)
			}
		}
		h := fnv.New64a()
		h.Write(body)
		add(s.dir, len(s.refs), h.Sum64(), body)
	}
	for _, s := range latest.sections {
		if done[s.dir] || s.body == nil || n == maxManifestCacheDirs {
			continue
		}
		done[s.dir] = true
		add(s.dir, s.n, s.sum, s.body)
	}
	out := make([]byte, 0, len(manifestCacheMagic)+20+len(table)+len(bodies))
	out = append(out, manifestCacheMagic...)
	out = binary.AppendUvarint(out, manifestCacheFormat)
	out = appendStr(out, c.parser)
	out = binary.AppendUvarint(out, uint64(len(table)))
	out = append(out, table...)
	return append(out, bodies...)
}

// appendEntry encodes one entry. Every field of Manifest but Hooks and
// Formatters (never cached) is written; TestManifestCacheCodec fails when
// Manifest gains one this does not.
func appendEntry(out []byte, rel string, manifest, exe statID, m *Manifest) []byte {
	out = appendStr(out, rel)
	out = appendID(out, manifest)
	out = appendID(out, exe)
	for _, s := range []string{m.Name, m.Version, m.Description, m.Long, m.Exec, m.Output} {
		out = appendStr(out, s)
	}
	if m.Completion {
		out = append(out, 1)
	} else {
		out = append(out, 0)
	}
	out = appendStrs(out, m.Requires.Env)
	out = appendStrs(out, m.Requires.Executables)
	return appendStr(out, m.Requires.App)
}

func appendID(out []byte, id statID) []byte {
	out = binary.AppendUvarint(out, id.dev)
	out = binary.AppendUvarint(out, id.ino)
	out = binary.AppendVarint(out, id.size)
	out = binary.AppendVarint(out, id.mtime)
	out = binary.AppendVarint(out, id.ctime)
	out = binary.AppendUvarint(out, uint64(id.mode))
	return binary.AppendVarint(out, id.uid)
}

func appendStr(out []byte, s string) []byte {
	out = binary.AppendUvarint(out, uint64(len(s)))
	return append(out, s...)
}

// appendStrs writes a list: its length plus one, 0 for nil, so that a
// decoded list is nil exactly when the parsed one was.
func appendStrs(out []byte, list []string) []byte {
	if list == nil {
		return binary.AppendUvarint(out, 0)
	}
	out = binary.AppendUvarint(out, uint64(len(list))+1)
	for _, s := range list {
		out = appendStr(out, s)
	}
	return out
}

// mcReader decodes the cache file: b are the bytes, and s, when not "",
// the same as a string, for the strings decoded to be substrings of it
// instead of copies.
type mcReader struct {
	b   []byte
	s   string
	off int
	err bool
}

func (r *mcReader) uvarint() uint64 {
	if r.err {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 {
		r.err = true
		return 0
	}
	r.off += n
	return v
}

func (r *mcReader) varint() int64 {
	if r.err {
		return 0
	}
	v, n := binary.Varint(r.b[r.off:])
	if n <= 0 {
		r.err = true
		return 0
	}
	r.off += n
	return v
}

func (r *mcReader) u64() uint64 {
	if r.err || len(r.b)-r.off < 8 {
		r.err = true
		return 0
	}
	v := binary.LittleEndian.Uint64(r.b[r.off:])
	r.off += 8
	return v
}

func (r *mcReader) str() string {
	n := r.uvarint()
	if r.err || n > uint64(len(r.b)-r.off) {
		r.err = true
		return ""
	}
	var s string
	if r.s == "" {
		s = string(r.b[r.off : r.off+int(n)])
	} else {
		s = r.s[r.off : r.off+int(n)]
	}
	r.off += int(n)
	return s
}

func (r *mcReader) strs() []string {
	n := r.uvarint()
	if r.err || n == 0 {
		return nil
	}
	n--
	if n > uint64(len(r.b)-r.off) { // each string takes a byte at least
		r.err = true
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = r.str()
	}
	return out
}

func (r *mcReader) id() statID {
	return statID{dev: r.uvarint(), ino: r.uvarint(), size: r.varint(), mtime: r.varint(),
		ctime: r.varint(), mode: uint32(r.uvarint()), uid: r.varint()}
}

// manifest decodes what appendEntry wrote of a manifest.
func (r *mcReader) manifest(m *Manifest) {
	m.Name, m.Version, m.Description, m.Long, m.Exec, m.Output = r.str(), r.str(), r.str(), r.str(), r.str(), r.str()
	if r.off >= len(r.b) {
		r.err = true
		return
	}
	switch r.b[r.off] {
	case 0:
	case 1:
		m.Completion = true
	default:
		r.err = true
	}
	r.off++
	m.Requires.Env = r.strs()
	m.Requires.Executables = r.strs()
	m.Requires.App = r.str()
}
