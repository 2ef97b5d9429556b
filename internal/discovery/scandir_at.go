//go:build linux || darwin

package discovery

import (
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// OpenDir opens the directory name for a scan: its names that begin with
// prefix, sorted, and the open directory, which lstats its entries relative to itself
// (fstatat): a scan lstats every entry, and a lookup from the open
// directory skips walking the directory's path again for each.
func (osFS) OpenDir(name, prefix string) ([]string, dirStater, error) {
	d, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	names, err := d.Readdirnames(-1)
	if err != nil {
		d.Close()
		return nil, nil, err
	}
	names = keepPrefixed(names, prefix)
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
	var st unix.Stat_t
	for {
		err := unix.Fstatat(d.fd, rel, &st, unix.AT_SYMLINK_NOFOLLOW)
		if err == nil {
			break
		}
		if err != unix.EINTR {
			return nil, &fs.PathError{Op: "lstat", Path: filepath.Join(d.path, rel), Err: err}
		}
	}
	mode := fs.FileMode(st.Mode & 0o777)
	switch uint32(st.Mode) & unix.S_IFMT {
	case unix.S_IFBLK:
		mode |= fs.ModeDevice
	case unix.S_IFCHR:
		mode |= fs.ModeDevice | fs.ModeCharDevice
	case unix.S_IFDIR:
		mode |= fs.ModeDir
	case unix.S_IFIFO:
		mode |= fs.ModeNamedPipe
	case unix.S_IFLNK:
		mode |= fs.ModeSymlink
	case unix.S_IFSOCK:
		mode |= fs.ModeSocket
	}
	if uint32(st.Mode)&unix.S_ISGID != 0 {
		mode |= fs.ModeSetgid
	}
	if uint32(st.Mode)&unix.S_ISUID != 0 {
		mode |= fs.ModeSetuid
	}
	if uint32(st.Mode)&unix.S_ISVTX != 0 {
		mode |= fs.ModeSticky
	}
	return &statInfo{name: filepath.Base(rel), mode: mode, size: st.Size, mtime: st.Mtim.Nano(),
		sys: statSys{dev: uint64(st.Dev), ino: uint64(st.Ino), ctime: st.Ctim.Nano(), uid: st.Uid, gid: st.Gid}}, nil
}

// Close closes the directory.
func (d *atDir) Close() error { return d.f.Close() }
