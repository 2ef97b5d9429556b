package discovery

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// installTemp starts the names of CopyAtomic's temporary copies.
const installTemp = ".tmp-"

// LockPluginDir takes the lock that installs into the plugin dir dir
// hold (the hidden file ".<dir's name>.lock" beside dir, so that dir
// holds plugins only), waiting while another process holds it, and
// removes what an install killed half-way left (temporary copies,
// ".tmp-*"). Under it,
// an install checks that the plugin is not there yet (another install of
// the same name may have won), copies the manifest, then the executable
// last, so that the plugin is whole when it can be found. Call unlock
// when done.
func LockPluginDir(dir string) (unlock func(), err error) {
	unlock, err = lockFile(lockPath(dir))
	if err != nil {
		return nil, err
	}
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), installTemp) {
				os.RemoveAll(filepath.Join(dir, e.Name()))
			}
		}
	}
	return unlock, nil
}

// CopyAtomic copies src (a file, or a plugin folder with its tree; file
// modes and symbolic links inside are kept) to dest through a temporary
// copy of a unique name beside it, renamed into place: dest is either
// absent or whole. A file dest is replaced; a folder dest that exists is
// an error.
func CopyAtomic(src, dest string) error {
	tmp, err := os.MkdirTemp(filepath.Dir(dest), installTemp+filepath.Base(dest)+"-")
	if err != nil {
		return fmt.Errorf("copy %s: %w", Escape(src), err)
	}
	defer os.RemoveAll(tmp)
	staged := filepath.Join(tmp, filepath.Base(dest))
	if err := copyTree(src, staged); err != nil {
		return fmt.Errorf("copy %s: %w", Escape(src), err)
	}
	if err := os.Rename(staged, dest); err != nil {
		return fmt.Errorf("copy %s: %w", Escape(src), err)
	}
	return nil
}

// copyTree copies src (a file, a folder or a symbolic link) to dest,
// keeping permissions and links inside a folder.
func copyTree(src, dest string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dest, rel)
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			return os.MkdirAll(target, info.Mode().Perm())
		case info.Mode()&fs.ModeSymlink != 0 && path != src:
			link, err := os.Readlink(path)
			if err != nil {
				return err
			}
			return os.Symlink(link, target)
		}
		return copyFile(path, target)
	})
}

// copyFile copies one file, its mode kept, to dest, which must not exist.
func copyFile(src, dest string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	fi, err := in.Stat()
	if err != nil {
		return err
	}
	out, err := os.OpenFile(dest, os.O_CREATE|os.O_EXCL|os.O_WRONLY, fi.Mode().Perm())
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
