package install

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
)

// ErrNotGoExecutable is the error of ReadGoBuildInfo on a file that holds
// no Go build information.
var ErrNotGoExecutable = errors.New("not a Go executable with build information")

// goInfoMagic opens the block of build information the Go linker writes
// into every executable (Go 1.18 and later): the magic, a pointer size, a
// flags byte and padding to 32 bytes, then two strings each prefixed by
// its length as a varint: the Go version and the module information.
const goInfoMagic = "\xff Go buildinf:"

const (
	goInfoHeader  = 32        // bytes from the magic to the first string
	goInfoInline  = 0x2       // flag: the strings follow the header
	goInfoMaxVers = 1 << 10   // longest Go version string taken
	goInfoMaxMod  = 4 << 20   // longest module information taken
	goInfoFrame   = 16        // sentinel bytes around the module information
	goInfoChunk   = 256 << 10 // bytes read at a time while searching
)

// ReadGoBuildInfo returns the build information (main module, dependencies,
// Go version) that the Go toolchain records in an executable, without
// running it. It finds the block by its magic, so it reads any object
// format (ELF, Mach-O, PE) without a parser for each: debug/buildinfo
// links them all, with zstd and zlib, 600 KB that every run of the app
// would load. A file that is not a Go executable is read to its end and
// gives ErrNotGoExecutable.
func ReadGoBuildInfo(path string) (*debug.BuildInfo, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	bi, err := readGoBuildInfo(f, fi.Size(), goInfoChunk)
	if err != nil {
		return nil, fmt.Errorf("read build information of %s: %w", path, err)
	}
	return bi, nil
}

// readGoBuildInfo searches r, size bytes long, for the first magic
// followed by a well-formed block; other occurrences (debug/buildinfo's
// own copy of the magic, in a program that links it) are skipped. It
// reads chunk bytes at a time, each read overlapping the next by a
// magic's length less one, so that no magic is split.
func readGoBuildInfo(r io.ReaderAt, size int64, chunk int) (*debug.BuildInfo, error) {
	buf := make([]byte, chunk+len(goInfoMagic)-1)
	for start := int64(0); start < size; start += int64(chunk) {
		n, err := r.ReadAt(buf, start)
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, err
		}
		data := buf[:n]
		for i := 0; ; {
			j := bytes.Index(data[i:], []byte(goInfoMagic))
			if j < 0 {
				break
			}
			i += j
			if vers, mod, ok := goInfoAt(r, start+int64(i)); ok {
				bi, err := debug.ParseBuildInfo(mod)
				if err != nil {
					return nil, err
				}
				bi.GoVersion = vers
				return bi, nil
			}
			i++
		}
		if n < len(buf) {
			break
		}
	}
	return nil, ErrNotGoExecutable
}

// goInfoAt decodes the block whose magic is at off, reporting false when
// it is not one the linker wrote.
func goInfoAt(r io.ReaderAt, off int64) (vers, mod string, ok bool) {
	var head [goInfoHeader]byte
	if _, err := r.ReadAt(head[:], off); err != nil || head[len(goInfoMagic)+1]&goInfoInline == 0 {
		return "", "", false
	}
	vers, next, ok := goInfoString(r, off+goInfoHeader, goInfoMaxVers)
	if !ok || !strings.HasPrefix(vers, "go") && !strings.HasPrefix(vers, "devel") {
		return "", "", false
	}
	mod, _, ok = goInfoString(r, next, goInfoMaxMod)
	if !ok {
		return "", "", false
	}
	// The module information sits between two 16-byte sentinels, the last
	// after a newline; a program built outside a module has none.
	if len(mod) >= 2*goInfoFrame+1 && mod[len(mod)-goInfoFrame-1] == '\n' {
		mod = mod[goInfoFrame : len(mod)-goInfoFrame]
	} else {
		mod = ""
	}
	return vers, mod, true
}

// goInfoString reads a string of at most max bytes prefixed by its length
// as a varint at off, and returns the offset after it.
func goInfoString(r io.ReaderAt, off int64, max uint64) (string, int64, bool) {
	var lb [binary.MaxVarintLen64]byte
	n, err := r.ReadAt(lb[:], off)
	if err != nil && !errors.Is(err, io.EOF) {
		return "", 0, false
	}
	length, w := binary.Uvarint(lb[:n])
	if w <= 0 || length > max {
		return "", 0, false
	}
	s := make([]byte, length)
	if length > 0 {
		if _, err := r.ReadAt(s, off+int64(w)); err != nil {
			return "", 0, false
		}
	}
	return string(s), off + int64(w) + int64(length), true
}
