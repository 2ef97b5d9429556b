package discovery

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
)

// The size caps of the files discovery reads. A manifest or config past
// its cap is an error naming the file and the cap, not a slow start or an
// out-of-memory crash.
const (
	// MaxManifestSize is the largest manifest read, in bytes.
	MaxManifestSize = 1 << 20
	// MaxConfigSize is the largest configuration file read, in bytes.
	MaxConfigSize = 4 << 20
	// maxHookIndexSize is the largest hook index read; a bigger one is
	// rebuilt.
	maxHookIndexSize = 16 << 20
)

// TooLargeError reports a file larger than the cap discovery reads.
type TooLargeError struct {
	// Path is the file, Max the cap in bytes.
	Path string
	Max  int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s: larger than the %s limit", Escape(e.Path), sizeText(e.Max))
}

// NotRegularError reports a path that is not a regular file (a FIFO, a
// device, a directory) where discovery reads one.
type NotRegularError struct {
	// Path is the file, Mode its type.
	Path string
	Mode fs.FileMode
}

func (e *NotRegularError) Error() string {
	return fmt.Sprintf("%s: not a regular file (%s)", Escape(e.Path), typeName(e.Mode))
}

func typeName(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "mode " + m.Type().String()
}

func sizeText(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// cappedReader is an FS that reads a regular file with a size cap itself,
// so that what it checks is the file it reads.
type cappedReader interface {
	ReadFileCapped(name string, max int64) ([]byte, error)
}

// readRegular reads the regular file name (links followed), at most max
// bytes: anything else (a FIFO, which would block, a device, which may
// never end) is a *NotRegularError, a larger file a *TooLargeError.
func readRegular(fsys FS, name string, max int64) ([]byte, error) {
	if c, ok := fsys.(cappedReader); ok {
		return c.ReadFileCapped(name, max)
	}
	fi, err := fsys.Stat(name)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &NotRegularError{Path: name, Mode: fi.Mode()}
	}
	if fi.Size() > max {
		return nil, &TooLargeError{Path: name, Max: max}
	}
	data, err := fsys.ReadFile(name)
	if err == nil && int64(len(data)) > max {
		return nil, &TooLargeError{Path: name, Max: max}
	}
	return data, err
}

// openedRegular is a regular file opened for reading in parts (see
// rangeOpener), with the stat taken on the open file: a cache's trust
// check is made on what was read, not on whatever its path names a moment
// later.
type openedRegular struct {
	io.ReaderAt
	size int64
	// info is the open file's stat; nil when the file gives none.
	info  fs.FileInfo
	close func() error
}

// openRegularStat opens name as rangeOpener's OpenRegular does, and stats
// the open file; nil and no error when fsys cannot open files so.
func openRegularStat(fsys FS, name string, max int64) (*openedRegular, error) {
	o, ok := fsys.(rangeOpener)
	if !ok {
		return nil, nil
	}
	r, n, closeFile, err := o.OpenRegular(name, max)
	if err != nil {
		return nil, err
	}
	f := &openedRegular{ReaderAt: r, size: n, close: closeFile}
	if st, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if f.info, err = st.Stat(); err != nil {
			closeFile()
			return nil, err
		}
	}
	return f, nil
}

// readRegularOpened is readRegular, also returning the stat of the file
// it read, taken on the open file, when fsys can give it (nil when not).
func readRegularOpened(fsys FS, name string, max int64) ([]byte, fs.FileInfo, error) {
	f, err := openRegularStat(fsys, name, max)
	if err != nil {
		return nil, nil, err
	}
	if f == nil {
		data, err := readRegular(fsys, name, max)
		return data, nil, err
	}
	defer f.close()
	data := make([]byte, f.size)
	k, err := f.ReadAt(data, 0)
	if err != nil && err != io.EOF {
		return nil, nil, err
	}
	return data[:k], f.info, nil
}

// OpenRegular opens a regular file of at most max bytes to read parts of
// it, with ReadFileCapped's checks; it returns the file, its size and
// what closes it.
func (osFS) OpenRegular(name string, max int64) (io.ReaderAt, int64, func() error, error) {
	f, fi, err := openRegular(name, max)
	if err != nil {
		return nil, 0, nil, err
	}
	return f, fi.Size(), f.Close, nil
}

// openRegular opens the regular file name, of at most max bytes: it stats
// before opening, so a FIFO is never opened (which would wait for a
// writer), opens without blocking, and checks the opened file again.
func openRegular(name string, max int64) (*os.File, fs.FileInfo, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return nil, nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, nil, &NotRegularError{Path: name, Mode: fi.Mode()}
	}
	f, err := os.OpenFile(name, os.O_RDONLY|openNonblock, 0)
	if err != nil {
		return nil, nil, err
	}
	if fi, err = f.Stat(); err != nil {
		f.Close()
		return nil, nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, nil, &NotRegularError{Path: name, Mode: fi.Mode()}
	}
	if fi.Size() > max {
		f.Close()
		return nil, nil, &TooLargeError{Path: name, Max: max}
	}
	return f, fi, nil
}

// ReadFileCapped reads a regular file of at most max bytes. It stats
// before opening, so a FIFO is never opened (which would wait for a
// writer), opens without blocking, and checks the opened file again.
func (osFS) ReadFileCapped(name string, max int64) ([]byte, error) {
	f, fi, err := openRegular(name, max)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Read into a buffer of the size stat gave, one byte more to see the
	// file grown past it: no buffer grown and copied on the way.
	data := make([]byte, 0, fi.Size()+1)
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if int64(len(data)) > max {
			return nil, &TooLargeError{Path: name, Max: max}
		}
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
		if len(data) == cap(data) {
			data = slices.Grow(data, int(min(max+1-int64(len(data)), int64(len(data))+512)))
		}
	}
}
