package install

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// entry is one entry of a test archive.
type entry struct {
	name, body, link string
	mode             int64
	typ              byte // tar type; 0 is a file, or a symlink when link is set
}

func exe(name, body string) entry {
	return entry{name: name, body: "#!/bin/sh\necho " + body + "\n", mode: 0o755}
}

func tarGz(t *testing.T, entries ...entry) []byte {
	t.Helper()
	var b bytes.Buffer
	gz := gzip.NewWriter(&b)
	tw := tar.NewWriter(gz)
	for _, e := range entries {
		h := &tar.Header{Name: e.name, Mode: e.mode, Size: int64(len(e.body)), Typeflag: e.typ, Linkname: e.link}
		switch {
		case e.typ == tar.TypeDir || strings.HasSuffix(e.name, "/") && e.typ == 0:
			h.Typeflag, h.Size, h.Mode = tar.TypeDir, 0, 0o755
		case e.link != "" && e.typ == 0:
			h.Typeflag, h.Size = tar.TypeSymlink, 0
		case e.typ == 0:
			h.Typeflag = tar.TypeReg
		case e.typ != tar.TypeReg:
			h.Size = 0
		}
		if h.Mode == 0 {
			h.Mode = 0o644
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if h.Size > 0 {
			if _, err := tw.Write([]byte(e.body)); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func zipOf(t *testing.T, entries ...entry) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		mode := os.FileMode(e.mode)
		if mode == 0 {
			mode = 0o644
		}
		body := e.body
		if e.link != "" {
			mode, body = os.ModeSymlink|0o777, e.link
		}
		if strings.HasSuffix(e.name, "/") {
			mode = os.ModeDir | 0o755
		}
		h.SetMode(mode)
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func sum(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// newTarget returns a Target installing into a fresh plugin dir.
func newTarget(t *testing.T) Target {
	t.Helper()
	return Target{App: "demoapp", Dir: filepath.Join(t.TempDir(), "plugins"), Env: os.Environ()}
}

// writeFile writes a file, making its folder.
func writeFile(t *testing.T, path, body string, mode os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), mode); err != nil {
		t.Fatal(err)
	}
}

// readFile returns a file's content, failing the test when it is missing.
func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// mustRecord reads the record of an installed plugin folder.
func mustRecord(t *testing.T, folder string) Record {
	t.Helper()
	rec, err := ReadRecord(folder)
	if err != nil || rec == nil {
		t.Fatalf("ReadRecord(%s) = %v, %v", folder, rec, err)
	}
	return *rec
}

// wantErr fails unless err is an error containing want.
func wantErr(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error = %v, want one containing %q", err, want)
	}
}

// onlyEntries fails unless dir holds exactly the names given.
func onlyEntries(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if fmt.Sprint(got) != fmt.Sprint(names) {
		t.Fatalf("%s holds %v, want %v", dir, got, names)
	}
}

// recorder is a Progress that records its calls.
type recorder struct {
	mu    sync.Mutex
	calls []string
}

func (r *recorder) Start(msg string) {
	r.mu.Lock()
	r.calls = append(r.calls, "start "+msg)
	r.mu.Unlock()
}
func (r *recorder) Stop() { r.mu.Lock(); r.calls = append(r.calls, "stop"); r.mu.Unlock() }

// needUnix skips tests that run the shell scripts they install.
func needUnix(t *testing.T) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("runs shell-script plugins")
	}
}

// runPlugin runs an installed plugin's executable and returns its output.
func runPlugin(t *testing.T, path string) string {
	t.Helper()
	needUnix(t)
	out, err := exec.Command(path).Output()
	if err != nil {
		t.Fatalf("run %s: %v", path, err)
	}
	return strings.TrimSpace(string(out))
}

func removeAll(path string) error { return os.RemoveAll(path) }
