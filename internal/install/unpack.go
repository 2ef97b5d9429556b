package install

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// maxEntries caps the number of entries in an archive.
const maxEntries = 10000

// UnsafeArchiveError is the error of an archive refused because unpacking
// it would write outside its folder or past the size cap.
type UnsafeArchiveError struct {
	// Entry is the entry at fault, as named in the archive.
	Entry string
	// Reason says what is wrong with it.
	Reason string
}

// Error names the entry and why it was refused.
func (e *UnsafeArchiveError) Error() string {
	return fmt.Sprintf("unsafe archive: entry %q: %s", e.Entry, e.Reason)
}

// unpacker writes an archive's entries under one root, refusing any that
// would land outside it, and counts the bytes against the cap.
type unpacker struct {
	root    *os.Root
	rootDir string
	left    int64
	entries int
	links   []string
	modes   map[string]fs.FileMode
}

// unpack unpacks the archive file (named like name, for its format) into
// dir: no absolute names, no "..", no symbolic link that leads out, no
// devices or hard links, at most max bytes unpacked. It returns the
// permission bits each regular file has in the archive, by its clean
// slash-separated name: those written are at least 0600, at most 0755.
func unpack(file, name, dir string, max int64) (map[string]fs.FileMode, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	u := &unpacker{root: root, rootDir: dir, left: max, modes: map[string]fs.FileMode{}}
	if strings.HasSuffix(strings.ToLower(urlPath(name)), ".zip") {
		err = u.zip(file)
	} else {
		err = u.tarGz(file)
	}
	if err != nil {
		return nil, err
	}
	return u.modes, u.checkLinks()
}

func (u *unpacker) tarGz(file string) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("read archive: %w", err)
	}
	defer gz.Close()
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read archive: %w", err)
		}
		name, err := u.entryName(h.Name)
		if err != nil || name == "" {
			if err == nil && h.Typeflag != tar.TypeDir {
				err = &UnsafeArchiveError{Entry: h.Name, Reason: "no name"}
			}
			if err != nil {
				return err
			}
			continue
		}
		switch h.Typeflag {
		case tar.TypeDir:
			err = u.root.MkdirAll(name, 0o755)
		case tar.TypeReg:
			err = u.file(h.Name, name, h.FileInfo().Mode(), h.Size, tr)
		case tar.TypeSymlink:
			err = u.symlink(h.Name, name, h.Linkname)
		case tar.TypeXGlobalHeader:
		default:
			err = &UnsafeArchiveError{Entry: h.Name, Reason: fmt.Sprintf("a %s, not a file, folder or symbolic link", tarType(h.Typeflag))}
		}
		if err != nil {
			return err
		}
	}
}

func tarType(t byte) string {
	switch t {
	case tar.TypeLink:
		return "hard link"
	case tar.TypeChar, tar.TypeBlock:
		return "device"
	case tar.TypeFifo:
		return "named pipe"
	}
	return fmt.Sprintf("entry of type %q", t)
}

func (u *unpacker) zip(file string) error {
	zr, err := zip.OpenReader(file)
	if err != nil {
		return fmt.Errorf("read archive: %w", err)
	}
	defer zr.Close()
	for _, zf := range zr.File {
		name, err := u.entryName(zf.Name)
		if err != nil {
			return err
		}
		if name == "" {
			continue
		}
		mode := zf.Mode()
		switch {
		case mode.IsDir():
			err = u.root.MkdirAll(name, 0o755)
		case mode&fs.ModeSymlink != 0:
			err = u.zipLink(zf, name)
		case mode.IsRegular():
			err = u.zipFile(zf, name, mode)
		default:
			err = &UnsafeArchiveError{Entry: zf.Name, Reason: "not a file, folder or symbolic link"}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (u *unpacker) zipFile(zf *zip.File, name string, mode fs.FileMode) error {
	rc, err := zf.Open()
	if err != nil {
		return fmt.Errorf("read archive: %w", err)
	}
	defer rc.Close()
	return u.file(zf.Name, name, mode, int64(zf.UncompressedSize64), rc)
}

func (u *unpacker) zipLink(zf *zip.File, name string) error {
	rc, err := zf.Open()
	if err != nil {
		return fmt.Errorf("read archive: %w", err)
	}
	defer rc.Close()
	target, err := io.ReadAll(io.LimitReader(rc, 4096))
	if err != nil {
		return fmt.Errorf("read archive: %w", err)
	}
	return u.symlink(zf.Name, name, string(target))
}

// entryName checks an entry's name and returns it as a clean relative
// path with forward slashes; "" is the root itself.
func (u *unpacker) entryName(raw string) (string, error) {
	u.entries++
	if u.entries > maxEntries {
		return "", &UnsafeArchiveError{Entry: raw, Reason: fmt.Sprintf("more than %d entries", maxEntries)}
	}
	name := strings.ReplaceAll(raw, `\`, "/")
	if strings.HasPrefix(name, "/") || filepath.IsAbs(raw) || filepath.VolumeName(raw) != "" || len(name) > 1 && name[1] == ':' {
		return "", &UnsafeArchiveError{Entry: raw, Reason: "an absolute path"}
	}
	for _, elem := range strings.Split(name, "/") {
		if elem == ".." {
			return "", &UnsafeArchiveError{Entry: raw, Reason: `a path with ".."`}
		}
	}
	name = path.Clean(name)
	if name == "." {
		return "", nil
	}
	return name, nil
}

// file writes one regular file of the archive, counting its bytes
// against the cap whatever its header claims.
func (u *unpacker) file(raw, name string, mode fs.FileMode, size int64, r io.Reader) error {
	if size > u.left {
		return &UnsafeArchiveError{Entry: raw, Reason: "unpacks past the size cap"}
	}
	if dir := path.Dir(name); dir != "." {
		if err := u.root.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("unpack %s: %w", raw, err)
		}
	}
	out, err := u.root.OpenFile(name, os.O_CREATE|os.O_EXCL|os.O_WRONLY, mode.Perm()&0o755|0o600)
	if err != nil {
		return fmt.Errorf("unpack %s: %w", raw, err)
	}
	n, err := io.Copy(out, io.LimitReader(r, u.left+1))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("unpack %s: %w", raw, err)
	}
	u.left -= n
	u.modes[name] = mode.Perm()
	if u.left < 0 {
		return &UnsafeArchiveError{Entry: raw, Reason: "unpacks past the size cap"}
	}
	return nil
}

// symlink makes a symbolic link whose target, read from the link's
// folder, stays inside the root. Links are checked again once all are
// made (checkLinks), as one may lead through another.
func (u *unpacker) symlink(raw, name, target string) error {
	t := strings.ReplaceAll(target, `\`, "/")
	if target == "" || strings.HasPrefix(t, "/") || filepath.IsAbs(target) || filepath.VolumeName(target) != "" {
		return &UnsafeArchiveError{Entry: raw, Reason: fmt.Sprintf("a symbolic link to %q, out of the archive", target)}
	}
	if j := path.Join(path.Dir(name), t); j == ".." || strings.HasPrefix(j, "../") {
		return &UnsafeArchiveError{Entry: raw, Reason: fmt.Sprintf("a symbolic link to %q, out of the archive", target)}
	}
	if dir := path.Dir(name); dir != "." {
		if err := u.root.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("unpack %s: %w", raw, err)
		}
	}
	if err := u.root.Symlink(target, name); err != nil {
		return fmt.Errorf("unpack %s: %w", raw, err)
	}
	u.links = append(u.links, name)
	return nil
}

// checkLinks refuses a symbolic link that, followed as the kernel
// follows it (through the others, ".." from where a link leads), leaves
// the root at any step or leads to nothing.
func (u *unpacker) checkLinks() error {
	realRoot, err := filepath.EvalSymlinks(u.rootDir)
	if err != nil {
		return err
	}
	for _, name := range u.links {
		fault, err := followLink(realRoot, name)
		if err != nil {
			return &UnsafeArchiveError{Entry: name, Reason: err.Error()}
		}
		if fault != linkOK {
			return &UnsafeArchiveError{Entry: name, Reason: fault.reason("archive")}
		}
	}
	return nil
}
