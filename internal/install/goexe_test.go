package install

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

// TestReadGoBuildInfoSelf reads the test binary, a real Go executable of
// this platform's object format, and finds what the runtime knows of it.
func TestReadGoBuildInfoSelf(t *testing.T) {
	want, ok := debug.ReadBuildInfo()
	if !ok {
		t.Skip("no build info")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	got, err := ReadGoBuildInfo(exe)
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("read\n%s\nwant\n%s", got, want)
	}
}

// goInfoBlock is a block as the linker writes it, for the module
// information mod (unframed).
func goInfoBlock(vers, mod string) []byte {
	b := []byte(goInfoMagic)
	b = append(b, 8, goInfoInline)
	b = append(b, make([]byte, goInfoHeader-len(b))...)
	b = binary.AppendUvarint(b, uint64(len(vers)))
	b = append(b, vers...)
	framed := strings.Repeat("\x30", goInfoFrame) + mod + strings.Repeat("\xf9", goInfoFrame)
	b = binary.AppendUvarint(b, uint64(len(framed)))
	return append(b, framed...)
}

const testModInfo = "path\texample.com/x/demoapp-hi\nmod\texample.com/x\tv1.2.3\t\ndep\tgithub.com/longshore/longshore\tv0.4.0\t\n"

func TestReadGoBuildInfoBlocks(t *testing.T) {
	decoy := append([]byte(goInfoMagic), 8, 0) // no inline strings: the magic as a constant
	badVers := goInfoBlock("1.26", testModInfo)
	file := bytes.Repeat([]byte("\x00\xffGo "), 9)
	file = append(file, decoy...)
	file = append(file, make([]byte, 20)...)
	file = append(file, badVers...)
	file = append(file, goInfoBlock("go1.26.0", testModInfo)...)
	file = append(file, "trailing"...)
	// Every chunk size puts the chunk boundaries somewhere else in the
	// magic, the header and the strings.
	for chunk := 1; chunk <= 80; chunk++ {
		bi, err := readGoBuildInfo(bytes.NewReader(file), int64(len(file)), chunk)
		if err != nil {
			t.Fatalf("chunk %d: %v", chunk, err)
		}
		if bi.GoVersion != "go1.26.0" || bi.Path != "example.com/x/demoapp-hi" || bi.Main.Version != "v1.2.3" ||
			len(bi.Deps) != 1 || bi.Deps[0].Path != "github.com/longshore/longshore" {
			t.Fatalf("chunk %d: read %+v", chunk, bi)
		}
	}
}

func TestReadGoBuildInfoNotGo(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string][]byte{
		"script":    []byte("#!/bin/sh\necho hi\n"),
		"empty":     nil,
		"magic":     []byte(goInfoMagic),
		"truncated": goInfoBlock("go1.26.0", testModInfo)[:60],
		"badmod":    append(goInfoBlock("go1.26.0", "")[:goInfoHeader+9], 0xff, 0xff, 0xff, 0xff, 0x7f),
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, content, 0o644); err != nil {
			t.Fatal(err)
		}
		if bi, err := ReadGoBuildInfo(path); !errors.Is(err, ErrNotGoExecutable) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: read %v, error %v; want ErrNotGoExecutable naming the file", name, bi, err)
		}
	}
	if _, err := ReadGoBuildInfo(filepath.Join(dir, "nosuch")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: error %v", err)
	}
}

// TestReadGoBuildInfoNoModule reads a program built outside a module: a
// Go version and no module information.
func TestReadGoBuildInfoNoModule(t *testing.T) {
	b := goInfoBlock("go1.26.0", "")
	b = append(b[:goInfoHeader+9], 0) // an empty module string
	bi, err := readGoBuildInfo(bytes.NewReader(b), int64(len(b)), 64)
	if err != nil || bi.GoVersion != "go1.26.0" || bi.Main.Path != "" {
		t.Fatalf("read %+v, error %v", bi, err)
	}
}

func FuzzReadGoBuildInfo(f *testing.F) {
	f.Add(goInfoBlock("go1.26.0", testModInfo))
	f.Add(goInfoBlock("go1.26.0", "garbage"))
	f.Add([]byte(goInfoMagic + "\x08\x02"))
	f.Fuzz(func(t *testing.T, data []byte) {
		bi, err := readGoBuildInfo(bytes.NewReader(data), int64(len(data)), 32)
		if err == nil && bi == nil {
			t.Fatal("no build information and no error")
		}
	})
}
