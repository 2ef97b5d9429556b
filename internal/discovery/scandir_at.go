//go:build linux || darwin

package discovery

import (
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/sys/unix"
)

// OpenDir opens the directory name for a scan: its names, sorted, and
// the open directory, which lstats its entries relative to itself
// (fstatat): a scan lstats every entry, and a lookup from the open
// directory skips walking the directory's path again for each.
func (osFS) OpenDir(name string) ([]string, dirStater, error) {
	d, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	names, err := d.Readdirnames(-1)
	if err != nil {
		d.Close()
		return nil, nil, err
	}
	sortNames(names)
	return names, &atDir{f: d, fd: int(d.Fd()), path: name}, nil
}

// atDir is a directory open for a scan.
type atDir struct {
	f    *os.File
	fd   int
	path string
}

// Lstat lstats rel, a path relative to the directory.
func (d *atDir) Lstat(rel string) (fs.FileInfo, error) {
	i := &atInfo{name: filepath.Base(rel)}
	for {
		err := unix.Fstatat(d.fd, rel, &i.st, unix.AT_SYMLINK_NOFOLLOW)
		if err == nil {
			break
		}
		if err != unix.EINTR {
			return nil, &fs.PathError{Op: "lstat", Path: filepath.Join(d.path, rel), Err: err}
		}
	}
	i.mode = fs.FileMode(i.st.Mode & 0o777)
	switch uint32(i.st.Mode) & unix.S_IFMT {
	case unix.S_IFBLK:
		i.mode |= fs.ModeDevice
	case unix.S_IFCHR:
		i.mode |= fs.ModeDevice | fs.ModeCharDevice
	case unix.S_IFDIR:
		i.mode |= fs.ModeDir
	case unix.S_IFIFO:
		i.mode |= fs.ModeNamedPipe
	case unix.S_IFLNK:
		i.mode |= fs.ModeSymlink
	case unix.S_IFSOCK:
		i.mode |= fs.ModeSocket
	}
	if uint32(i.st.Mode)&unix.S_ISGID != 0 {
		i.mode |= fs.ModeSetgid
	}
	if uint32(i.st.Mode)&unix.S_ISUID != 0 {
		i.mode |= fs.ModeSetuid
	}
	if uint32(i.st.Mode)&unix.S_ISVTX != 0 {
		i.mode |= fs.ModeSticky
	}
	return i, nil
}

// Close closes the directory.
func (d *atDir) Close() error { return d.f.Close() }

// atInfo is what an atDir's lstat gives: what os.Lstat would, its Sys
// the *unix.Stat_t.
type atInfo struct {
	name string
	mode fs.FileMode
	st   unix.Stat_t
}

func (i *atInfo) Name() string       { return i.name }
func (i *atInfo) Size() int64        { return i.st.Size }
func (i *atInfo) Mode() fs.FileMode  { return i.mode }
func (i *atInfo) ModTime() time.Time { return time.Unix(i.st.Mtim.Unix()) }
func (i *atInfo) IsDir() bool        { return i.mode.IsDir() }
func (i *atInfo) Sys() any           { return &i.st }
