package discovery

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// A config or manifest is read only from a regular file, with a cap: a
// huge one, a device or a FIFO is a clear error naming the file, never a
// hang or an out-of-memory crash.
func TestReadsAreCappedAndRegular(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, []byte("# "+strings.Repeat("x", MaxConfigSize)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ path, want string }{
		{big, "big.yaml: larger than the 4 MiB limit"},
	}
	if runtime.GOOS != "windows" {
		zero := filepath.Join(dir, "zero.yaml")
		if err := os.Symlink("/dev/zero", zero); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, struct{ path, want string }{zero, "zero.yaml: not a regular file (a device)"})
	}
	fifo := filepath.Join(dir, "fifo.yaml")
	if err := mkfifo(fifo); err == nil {
		cases = append(cases, struct{ path, want string }{fifo, "fifo.yaml: not a regular file (a named pipe)"})
	} else if runtime.GOOS != "windows" {
		t.Fatal(err)
	}
	for _, c := range cases {
		_, err := LoadConfig(c.path) // returns at once: the FIFO is never opened
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("LoadConfig(%s) = %v, want %q", filepath.Base(c.path), err, c.want)
		}
		if _, err := SetDisabled(c.path, "x", true); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("SetDisabled(%s) = %v, want %q", filepath.Base(c.path), err, c.want)
		}
	}
	var tl *TooLargeError
	if _, err := readRegular(OS, big, 10); !errors.As(err, &tl) {
		t.Errorf("readRegular over the cap = %v, want a *TooLargeError", err)
	}
}

func TestManifestIsCapped(t *testing.T) {
	dir := t.TempDir()
	exe := filepath.Join(dir, "demoapp-big")
	if err := os.WriteFile(exe, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(exe+".yaml", []byte("description: "+strings.Repeat("x", MaxManifestSize)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f := &Finder{App: "demoapp", Dirs: []Dir{{Path: dir, Source: SourceDir}}}
	p, _, err := f.Resolve([]string{"big"}, 1)
	if err != nil || p == nil || p.Invalid == nil || !strings.Contains(p.Invalid.Error(), "demoapp-big.yaml: larger than the 1 MiB limit") {
		t.Errorf("Resolve = %v, %v; want invalid: larger than the 1 MiB limit", p, err)
	}
}

// A second YAML document is an error naming the file and the line of its
// "---", in a manifest and a config alike.
func TestMultiDocumentIsAnError(t *testing.T) {
	data := []byte("description: ok\n---\nhooks: [{name: x, commands: ['*'], bogus: 1}]\n")
	if _, err := ParseManifest("m.yaml", data); err == nil || !strings.HasPrefix(err.Error(), "m.yaml:2: a second YAML document") {
		t.Errorf("ParseManifest = %v, want m.yaml:2: a second YAML document", err)
	}
	data = []byte("plugins:\n  disabled: [a]\n---\nplugins: {bogus: 1}\n")
	if _, err := ParseConfig("c.yaml", data); err == nil || !strings.Contains(err.Error(), "c.yaml:3: a second YAML document") {
		t.Errorf("ParseConfig = %v, want c.yaml:3: a second YAML document", err)
	}
	// One document, with or without its "---" and "...", is fine.
	for _, ok := range []string{"---\ndescription: ok\n", "description: ok\n...\n", "", "# only a comment\n"} {
		if _, err := ParseManifest("m.yaml", []byte(ok)); err != nil {
			t.Errorf("ParseManifest(%q) = %v", ok, err)
		}
	}
}
