package install

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// modelessZip is a zip of one file whose entry has no mode, as Python's
// zipfile.writestr of a ZipInfo writes it: made on Unix, attributes 0.
func modelessZip(t *testing.T, name, body string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, CreatorVersion: 3 << 8})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte(body)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestInstallArchiveNotExecutable: an archive whose only plugin file lost
// its executable bit is refused naming that file and its mode in the
// archive, not as an archive without a plugin.
func TestInstallArchiveNotExecutable(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("every file counts as executable on Windows")
	}
	script := "#!/bin/sh\necho nox\n"
	tests := []struct {
		name, file string
		data       []byte
		want       string
	}{
		{"zip without modes", "nox.zip", modelessZip(t, "demoapp-nox", script),
			"demoapp-nox is not executable (mode 0000): set its x bit before packing the archive"},
		{"tgz 0644", "nox.tar.gz", tarGz(t, entry{name: "demoapp-nox", body: script, mode: 0o644}, entry{name: "demoapp-nox.yaml", body: "description: x\n"}),
			"demoapp-nox is not executable (mode 0644): set its x bit before packing the archive"},
		{"tgz in a top folder", "nox.tgz", tarGz(t, entry{name: "nox-1.0/"}, entry{name: "nox-1.0/demoapp-nox", body: script, mode: 0o600}, entry{name: "nox-1.0/README", body: "x"}),
			"nox-1.0/demoapp-nox is not executable (mode 0600): set its x bit before packing the archive"},
		{"two", "two.zip", zipOf(t, entry{name: "demoapp-a", body: script, mode: 0o644}, entry{name: "demoapp-b", body: script, mode: 0o640}),
			"demoapp-a is not executable (mode 0644), demoapp-b is not executable (mode 0640): set their x bits before packing the archive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tt.file)
			writeFile(t, path, string(tt.data), 0o644)
			src, err := Parse(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			tg := newTarget(t)
			_, err = Install(context.Background(), src, tg, nil)
			if want := "install " + path + ": " + tt.want; err == nil || err.Error() != want {
				t.Fatalf("error = %v\nwant %s", err, want)
			}
			if entries, _ := os.ReadDir(tg.Dir); len(entries) != 0 {
				t.Errorf("%s holds %d entries after a failed install", tg.Dir, len(entries))
			}
		})
	}
}
