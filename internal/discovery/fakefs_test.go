package discovery

import (
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"
)

// fakeFS is an in-memory FS: files by absolute path, directories implied
// by their contents or listed with a trailing "/". It counts calls, so
// tests can assert that dispatch stays lazy.
type fakeFS struct {
	files map[string]fakeFile
	calls map[string]int
}

type fakeFile struct {
	mode fs.FileMode
	data string
	link string // a symbolic link's target when set
}

func newFakeFS(files map[string]fakeFile) *fakeFS {
	return &fakeFS{files: files, calls: map[string]int{}}
}

type fakeInfo struct {
	name string
	mode fs.FileMode
}

func (i fakeInfo) Name() string       { return i.name }
func (i fakeInfo) Size() int64        { return 0 }
func (i fakeInfo) Mode() fs.FileMode  { return i.mode }
func (i fakeInfo) ModTime() time.Time { return time.Time{} }
func (i fakeInfo) IsDir() bool        { return i.mode.IsDir() }
func (i fakeInfo) Sys() any           { return nil }

func (f *fakeFS) lstat(name string) (fakeInfo, bool) {
	if ff, ok := f.files[name]; ok {
		mode := ff.mode
		if ff.link != "" {
			mode = fs.ModeSymlink | 0o777
		}
		return fakeInfo{path.Base(name), mode}, true
	}
	if ff, ok := f.files[name+"/"]; ok {
		return fakeInfo{path.Base(name), fs.ModeDir | ff.mode}, true
	}
	for p := range f.files {
		if strings.HasPrefix(p, name+"/") {
			return fakeInfo{path.Base(name), fs.ModeDir | 0o755}, true
		}
	}
	return fakeInfo{}, false
}

func (f *fakeFS) Lstat(name string) (fs.FileInfo, error) {
	f.calls["Lstat"]++
	if i, ok := f.lstat(name); ok {
		return i, nil
	}
	return nil, &fs.PathError{Op: "lstat", Path: name, Err: fs.ErrNotExist}
}

func (f *fakeFS) Stat(name string) (fs.FileInfo, error) {
	f.calls["Stat"]++
	real, err := f.EvalSymlinks(name)
	if err != nil {
		return nil, err
	}
	i, _ := f.lstat(real)
	return i, nil
}

func (f *fakeFS) EvalSymlinks(name string) (string, error) {
	for range 10 {
		ff, ok := f.files[name]
		if !ok || ff.link == "" {
			if _, ok := f.lstat(name); !ok {
				return "", &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
			}
			return name, nil
		}
		if strings.HasPrefix(ff.link, "/") {
			name = ff.link
		} else {
			name = path.Join(path.Dir(name), ff.link)
		}
	}
	return "", &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
}

func (f *fakeFS) ReadFile(name string) ([]byte, error) {
	f.calls["ReadFile"]++
	if ff, ok := f.files[name]; ok && ff.link == "" {
		return []byte(ff.data), nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

type fakeEntry struct{ fakeInfo }

func (e fakeEntry) Type() fs.FileMode          { return e.mode.Type() }
func (e fakeEntry) Info() (fs.FileInfo, error) { return e.fakeInfo, nil }

func (f *fakeFS) ReadDir(name string) ([]fs.DirEntry, error) {
	f.calls["ReadDir"]++
	seen := map[string]bool{}
	var out []fs.DirEntry
	for p := range f.files {
		rest, ok := strings.CutPrefix(p, name+"/")
		if !ok || rest == "" {
			continue
		}
		child, _, _ := strings.Cut(rest, "/")
		if !seen[child] {
			seen[child] = true
			i, _ := f.lstat(name + "/" + child)
			out = append(out, fakeEntry{i})
		}
	}
	if len(out) == 0 {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

func (f *fakeFS) Readlink(name string) (string, error) {
	f.calls["Readlink"]++
	if ff, ok := f.files[name]; ok && ff.link != "" {
		return ff.link, nil
	}
	return "", &fs.PathError{Op: "readlink", Path: name, Err: fs.ErrInvalid}
}
