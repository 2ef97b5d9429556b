package discovery

import "io/fs"

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
	id.dev, id.ino, id.ctime = sysID(fi)
	if uid, ok := fileOwner(fi); ok {
		id.uid = int64(uid)
	}
	return id
}
