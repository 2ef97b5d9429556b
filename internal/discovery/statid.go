package discovery

import (
	"io/fs"
	"time"
)

// statID is what a stat says of a file that changes when its content may
// have: the manifest cache uses an entry only while the stat of its
// manifest and of its plugin's executable (or folder) still give the
// identity recorded. Where the system gives none of device, inode,
// change time or owner, they are zero (owner -1).
type statID struct {
	dev, ino uint64
	size     int64
	mtime    int64 // nanoseconds
	ctime    int64 // nanoseconds: the inode's change time (creation time on Windows)
	mode     uint32
	uid      int64
}

// idOf returns the identity of the file whose stat is fi.
func idOf(fi fs.FileInfo) statID {
	id := statID{size: fi.Size(), mtime: fi.ModTime().UnixNano(), mode: uint32(fi.Mode()), uid: -1}
	if st, ok := fi.Sys().(*statSys); ok {
		id.dev, id.ino, id.ctime = st.dev, st.ino, st.ctime
	} else {
		id.dev, id.ino, id.ctime = sysID(fi)
	}
	if uid, ok := fileOwner(fi); ok {
		id.uid = int64(uid)
	}
	return id
}

// statInfo is a stat kept small: what a scan's lstat through an open
// directory (OpenDir) says of an entry, as os.Lstat would, with its Sys a
// *statSys. A listing keeps two of them per plugin.
type statInfo struct {
	name  string
	mode  fs.FileMode
	size  int64
	mtime int64 // nanoseconds
	sys   statSys
}

// statSys is what discovery reads of a stat beyond fs.FileInfo: the
// identity (statID) and the owner (fileOwner).
type statSys struct {
	dev, ino uint64
	ctime    int64 // nanoseconds
	uid, gid uint32
}

func (i *statInfo) Name() string       { return i.name }
func (i *statInfo) Size() int64        { return i.size }
func (i *statInfo) Mode() fs.FileMode  { return i.mode }
func (i *statInfo) ModTime() time.Time { return time.Unix(0, i.mtime) }
func (i *statInfo) IsDir() bool        { return i.mode.IsDir() }
func (i *statInfo) Sys() any           { return &i.sys }
