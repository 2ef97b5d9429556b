package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// The commands here let the plugin_install_*.txtar scripts make what
// plugin install installs from, with no network: archives (hostile ones
// too), a Go module proxy in a directory, and an HTTP server on the
// loopback interface.

// installCmds are the script commands for the install scenarios.
var installCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	"mkarchive": mkarchive,
	"sha256":    sha256Cmd,
	"serve":     serve,
	"goproxy":   goproxy,
}

// archiveEntry is one entry of an archive mkarchive writes.
type archiveEntry struct {
	name, link string
	body       []byte
	mode       fs.FileMode
	dir        bool
}

// mkarchive ARCHIVE ENTRY... writes a .tar.gz, .tgz or .zip archive. An
// ENTRY is PATH (a file or folder in $WORK, stored under that name with
// its mode; a folder with what it holds), NAME=PATH (the file PATH stored
// as NAME, which may be hostile: "../x", "/abs") or NAME->TARGET (a
// symbolic link).
func mkarchive(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: mkarchive ARCHIVE ENTRY...")
	}
	var entries []archiveEntry
	add := func(name, path string) {
		ts.Check(filepath.WalkDir(ts.MkAbs(path), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(ts.MkAbs(path), p)
			n := filepath.ToSlash(filepath.Join(name, rel))
			fi, err := d.Info()
			if err != nil {
				return err
			}
			if d.IsDir() {
				entries = append(entries, archiveEntry{name: n + "/", mode: 0o755, dir: true})
				return nil
			}
			body, err := os.ReadFile(p)
			entries = append(entries, archiveEntry{name: n, body: body, mode: fi.Mode().Perm()})
			return err
		}))
	}
	for _, a := range args[1:] {
		if name, target, ok := strings.Cut(a, "->"); ok {
			entries = append(entries, archiveEntry{name: name, link: target, mode: 0o777})
		} else if name, path, ok := strings.Cut(a, "="); ok {
			add(name, path)
		} else {
			add(a, a)
		}
	}
	var data []byte
	if strings.HasSuffix(args[0], ".zip") {
		data = zipArchive(ts, entries)
	} else {
		data = tarGzArchive(ts, entries)
	}
	ts.Check(os.MkdirAll(filepath.Dir(ts.MkAbs(args[0])), 0o755))
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), data, 0o644))
}

func tarGzArchive(ts *testscript.TestScript, entries []archiveEntry) []byte {
	var b bytes.Buffer
	gz := gzip.NewWriter(&b)
	tw := tar.NewWriter(gz)
	for _, e := range entries {
		h := &tar.Header{Name: e.name, Mode: int64(e.mode), Typeflag: tar.TypeReg, Size: int64(len(e.body))}
		switch {
		case e.dir:
			h.Typeflag = tar.TypeDir
		case e.link != "":
			h.Typeflag, h.Linkname = tar.TypeSymlink, e.link
		}
		ts.Check(tw.WriteHeader(h))
		_, err := tw.Write(e.body)
		ts.Check(err)
	}
	ts.Check(tw.Close())
	ts.Check(gz.Close())
	return b.Bytes()
}

func zipArchive(ts *testscript.TestScript, entries []archiveEntry) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		body, mode := e.body, e.mode
		switch {
		case e.dir:
			mode |= fs.ModeDir
		case e.link != "":
			body, mode = []byte(e.link), fs.ModeSymlink|0o777
		}
		h.SetMode(mode)
		w, err := zw.CreateHeader(h)
		ts.Check(err)
		_, err = w.Write(body)
		ts.Check(err)
	}
	ts.Check(zw.Close())
	return b.Bytes()
}

// sha256 VAR FILE sets VAR to the SHA-256 of FILE, in hex.
func sha256Cmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: sha256 VAR FILE")
	}
	data, err := os.ReadFile(ts.MkAbs(args[1]))
	ts.Check(err)
	sum := sha256.Sum256(data)
	ts.Setenv(args[0], hex.EncodeToString(sum[:]))
}

// serve DIR serves DIR over HTTP on 127.0.0.1 until the script ends, and
// sets $SERVER to its URL. "serve -hold FILE DIR" answers each request
// only once FILE exists, so that a script sees a download in progress.
// "serve -down" sets $SERVER to a URL that nothing answers: a port that
// was just closed.
func serve(ts *testscript.TestScript, neg bool, args []string) {
	hold := ""
	if len(args) == 3 && args[0] == "-hold" {
		hold, args = ts.MkAbs(args[1]), args[2:]
	}
	if neg || len(args) != 1 {
		ts.Fatalf("usage: serve [-hold FILE] DIR | serve -down")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	ts.Check(err)
	url := "http://" + l.Addr().String()
	if args[0] == "-down" {
		ts.Check(l.Close())
		ts.Setenv("SERVER", url)
		return
	}
	files := http.FileServer(http.Dir(ts.MkAbs(args[0])))
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hold != "" && !waitFor(r.Context(), hold) {
			http.Error(w, "not released", http.StatusServiceUnavailable)
			return
		}
		files.ServeHTTP(w, r)
	})
	srv := &http.Server{Handler: handler}
	go srv.Serve(l)
	ts.Defer(func() { srv.Close() })
	ts.Setenv("SERVER", url)
}

// serveHoldFor bounds how long "serve -hold" waits for its file: a limit
// on waiting, not an assertion on speed.
const serveHoldFor = 20 * time.Second

// waitFor waits until path exists, the request is gone or serveHoldFor
// has passed, and reports whether path exists.
func waitFor(ctx context.Context, path string) bool {
	deadline := time.Now().Add(serveHoldFor)
	for {
		if _, err := os.Stat(path); err == nil {
			return true
		}
		if ctx.Err() != nil || time.Now().After(deadline) {
			return false
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// goproxy PROXY MODULE VERSION DIR publishes the files in DIR as MODULE
// at VERSION in the Go module proxy directory PROXY, for
// GOPROXY=file://$WORK/PROXY.
func goproxy(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 4 {
		ts.Fatalf("usage: goproxy PROXY MODULE VERSION DIR")
	}
	mod, version, src := args[1], args[2], ts.MkAbs(args[3])
	dir := filepath.Join(ts.MkAbs(args[0]), filepath.FromSlash(mod), "@v")
	ts.Check(os.MkdirAll(dir, 0o755))
	gomod, err := os.ReadFile(filepath.Join(src, "go.mod"))
	ts.Check(err)
	ts.Check(os.WriteFile(filepath.Join(dir, version+".mod"), gomod, 0o644))
	info := fmt.Sprintf(`{"Version":%q,"Time":"2026-01-01T00:00:00Z"}`, version)
	ts.Check(os.WriteFile(filepath.Join(dir, version+".info"), []byte(info), 0o644))
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	ts.Check(filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		w, err := zw.Create(mod + "@" + version + "/" + filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		body, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		_, err = w.Write(body)
		return err
	}))
	ts.Check(zw.Close())
	ts.Check(os.WriteFile(filepath.Join(dir, version+".zip"), b.Bytes(), 0o644))
	list, _ := os.ReadFile(filepath.Join(dir, "list"))
	ts.Check(os.WriteFile(filepath.Join(dir, "list"), append(list, version+"\n"...), 0o644))
}
