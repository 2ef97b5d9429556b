package install

import (
	"archive/tar"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// needCurl skips a test that downloads when no curl is on PATH: archives
// by URL are fetched with curl.
func needCurl(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("curl is not on PATH: archive downloads run curl; install it to run this test")
	}
}

// archiveServer serves archives by path; set them with put. A path under
// /chunked/ is sent in pieces with no Content-Length; one under
// /redirect/ redirects to a file:// URL.
type archiveServer struct {
	*httptest.Server
	mu    sync.Mutex
	files map[string][]byte
}

func newArchiveServer(t *testing.T) *archiveServer {
	needCurl(t)
	s := &archiveServer{files: map[string][]byte{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/redirect/") {
			http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
			return
		}
		s.mu.Lock()
		data, ok := s.files[r.URL.Path]
		s.mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		if strings.HasPrefix(r.URL.Path, "/chunked/") {
			for len(data) > 0 {
				n := min(len(data), 100)
				w.Write(data[:n])
				w.(http.Flusher).Flush()
				data = data[n:]
			}
			return
		}
		w.Write(data)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *archiveServer) put(path string, data []byte) string {
	s.mu.Lock()
	s.files[path] = data
	s.mu.Unlock()
	return s.URL + path
}

func installArchive(t *testing.T, tg Target, url, sha string) (Result, error) {
	t.Helper()
	src, err := Parse(url, Options{SHA256: sha})
	if err != nil {
		return Result{}, err
	}
	return Install(context.Background(), src, tg, nil)
}

func TestInstallArchive(t *testing.T) {
	srv := newArchiveServer(t)
	layouts := map[string][]byte{
		// An executable and its manifest at the root, with a README.
		"/flat.tar.gz": tarGz(t, exe("demoapp-hi", "hi"), entry{name: "demoapp-hi.yaml", body: "version: 1.0.0\n"}, entry{name: "README", body: "x"}),
		// A plugin folder at the root.
		"/folder.zip": zipOf(t, entry{name: "demoapp-hi/"}, entry{name: "demoapp-hi/plugin.yaml", body: "version: 1.0.0\nexec: bin/hi\n"}, exe("demoapp-hi/bin/hi", "hi"), entry{name: "LICENSE", body: "x"}),
		// An executable in the archive's one top folder, linked to.
		"/top.tgz": tarGz(t, entry{name: "hi-1.0.0/"}, exe("hi-1.0.0/real", "hi"), entry{name: "hi-1.0.0/demoapp-hi", link: "real"}, entry{name: "hi-1.0.0/plugin.yaml", body: "version: 1.0.0\nexec: real\n"}),
		// The same in a zip, with a symbolic link.
		"/top.zip": zipOf(t, exe("hi-1.0.0/real", "hi"), entry{name: "hi-1.0.0/demoapp-hi", link: "real"}, entry{name: "hi-1.0.0/plugin.yaml", body: "version: 1.0.0\nexec: real\n"}),
	}
	for path, data := range layouts {
		t.Run(strings.TrimPrefix(path, "/"), func(t *testing.T) {
			tg := newTarget(t)
			url := srv.put(path, data)
			res, err := installArchive(t, tg, url, sum(data))
			if err != nil {
				t.Fatal(err)
			}
			want := Record{Kind: KindArchive, Source: url, Version: "1.0.0", SHA256: sum(data), Installed: res.Record.Installed}
			if got := mustRecord(t, res.Path); got != want {
				t.Errorf("record = %+v, want %+v", got, want)
			}
			onlyEntries(t, tg.Dir, "demoapp-hi")
			exe := filepath.Join(res.Path, "demoapp-hi")
			if strings.HasPrefix(path, "/folder") {
				exe = filepath.Join(res.Path, "bin", "hi")
			} else if strings.HasPrefix(path, "/top") {
				exe = filepath.Join(res.Path, "real")
			}
			if runPlugin(t, exe) != "hi" {
				t.Error("installed plugin does not run")
			}
		})
	}
}

func TestInstallArchiveByPath(t *testing.T) {
	data := tarGz(t, exe("demoapp-hi", "hi"))
	path := filepath.Join(t.TempDir(), "hi.tar.gz")
	writeFile(t, path, string(data), 0o644)
	tg := newTarget(t)
	src, err := Parse(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	res, err := Install(context.Background(), src, tg, rec)
	if err != nil {
		t.Fatal(err)
	}
	if res.Record.SHA256 != sum(data) {
		t.Errorf("record = %+v", res.Record)
	}
	if got := strings.Join(rec.calls, "|"); got != "start Reading "+path+"|stop" {
		t.Errorf("progress = %q", got)
	}
	// A path with a wrong --sha256 is checked too.
	src, _ = Parse(path, Options{SHA256: strings.Repeat("0", 64)})
	_, err = Reinstall(context.Background(), src, tg, nil)
	var ce *ChecksumError
	if !errors.As(err, &ce) || ce.Got != sum(data) {
		t.Fatalf("wrong checksum: %v", err)
	}
}

func TestArchiveFailures(t *testing.T) {
	srv := newArchiveServer(t)
	good := tarGz(t, exe("demoapp-hi", "hi"))
	closed := httptest.NewServer(http.NotFoundHandler())
	closedURL := closed.URL + "/demoapp-hi.tar.gz"
	closed.Close()
	big := strings.Repeat("x", 2000)
	tests := []struct {
		name, path string
		data       []byte
		sha        string
		url        string
		want       string
	}{
		{name: "bad checksum", path: "/a.tar.gz", data: good, sha: strings.Repeat("0", 64), want: "checksum mismatch: --sha256 says 0000"},
		{name: "not found", path: "/b.tar.gz", url: srv.URL + "/nothere.tar.gz", want: "download: 404 Not Found"},
		{name: "unreachable", url: closedURL, want: "download: curl: Failed to connect to 127.0.0.1 port "},
		{name: "redirect to file", url: srv.URL + "/redirect/a.tar.gz", want: `download: curl: Protocol "file" not supported`},
		{name: "dotdot", path: "/c.tar.gz", data: tarGz(t, exe("../demoapp-hi", "hi")), want: `unsafe archive: entry "../demoapp-hi": a path with ".."`},
		{name: "dotdot inside", path: "/c2.tar.gz", data: tarGz(t, exe("x/../../demoapp-hi", "hi")), want: `a path with ".."`},
		{name: "dotdot zip", path: "/d.zip", data: zipOf(t, exe("a/../../demoapp-hi", "hi")), want: `a path with ".."`},
		{name: "absolute", path: "/e.tar.gz", data: tarGz(t, exe("/tmp/demoapp-hi", "hi")), want: `entry "/tmp/demoapp-hi": an absolute path`},
		{name: "absolute zip", path: "/e.zip", data: zipOf(t, exe("/tmp/demoapp-hi", "hi")), want: "an absolute path"},
		{name: "symlink out", path: "/f.tar.gz", data: tarGz(t, entry{name: "demoapp-hi", link: "/bin/sh"}), want: `a symbolic link to "/bin/sh", out of the archive`},
		{name: "symlink up", path: "/g.tar.gz", data: tarGz(t, entry{name: "d/demoapp-hi", link: "../../x"}), want: `a symbolic link to "../../x", out of the archive`},
		{name: "symlink up zip", path: "/g.zip", data: zipOf(t, entry{name: "demoapp-hi", link: "../x"}), want: "out of the archive"},
		// Each link looks inside on its own; followed through the other, it leads out.
		{name: "symlink chain", path: "/h.tar.gz", data: tarGz(t, entry{name: "d", link: "."}, entry{name: "z", link: "d"}, entry{name: "z/w", link: ".."}, exe("demoapp-hi", "hi")), want: `entry "z/w": a symbolic link that leads out`},
		{name: "dangling chain", path: "/h2.tar.gz", data: tarGz(t, entry{name: "d", link: "."}, entry{name: "z", link: "d"}, entry{name: "z/w", link: "../nothere"}, exe("demoapp-hi", "hi")), want: `entry "z/w": a symbolic link that leads out`},
		// A file written through a link that leads out.
		{name: "write through link", path: "/i.tar.gz", data: tarGz(t, entry{name: "d", link: "."}, entry{name: "e/"}, entry{name: "e/x", link: "../d/.."}, exe("e/x/demoapp-hi", "hi")), want: "unpack e/x/demoapp-hi"},
		{name: "hard link", path: "/j.tar.gz", data: tarGz(t, entry{name: "demoapp-hi", link: "/etc/passwd", typ: tar.TypeLink}), want: "a hard link, not a file"},
		{name: "device", path: "/k.tar.gz", data: tarGz(t, entry{name: "demoapp-hi", typ: tar.TypeChar}), want: "a device"},
		{name: "too large unpacked", path: "/l.tar.gz", data: tarGz(t, entry{name: "demoapp-hi", body: big, mode: 0o755}), want: "unpacks past the size cap"},
		{name: "too large zip", path: "/l.zip", data: zipOf(t, entry{name: "demoapp-hi", body: big, mode: 0o755}), want: "unpacks past the size cap"},
		{name: "too large packed", path: "/m.tar.gz", data: append(tarGz(t, exe("demoapp-hi", "hi")), make([]byte, 2000)...), want: "the archive is larger than the size cap (1500 bytes)"},
		// Its Content-Length says it is too large: curl stops before the body.
		{name: "too large by its length", path: "/m2.tar.gz", data: []byte(strings.Repeat("x", 1800)), want: "download: the archive is larger than the size cap (1500 bytes)"},
		{name: "too large chunked", path: "/chunked/m.tar.gz", data: append(tarGz(t, exe("demoapp-hi", "hi")), make([]byte, 2000)...), want: "the archive is larger than the size cap (1500 bytes)"},
		{name: "not gzip", path: "/n.tar.gz", data: []byte("plain text"), want: "read archive: gzip: invalid header"},
		{name: "no plugin", path: "/o.tar.gz", data: tarGz(t, entry{name: "README", body: "x"}), want: "the archive holds no plugin: want an executable demoapp-<name>"},
		{name: "two plugins", path: "/p.tar.gz", data: tarGz(t, exe("demoapp-a", "a"), exe("demoapp-b", "b")), want: "more than one plugin: demoapp-a, demoapp-b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tg := newTarget(t)
			tg.MaxSize = 1500
			url := tt.url
			if url == "" {
				url = srv.put(tt.path, tt.data)
			}
			sha := tt.sha
			if sha == "" {
				sha = sum(tt.data)
			}
			_, err := installArchive(t, tg, url, sha)
			wantErr(t, err, tt.want)
			entries, _ := os.ReadDir(tg.Dir)
			if len(entries) != 0 {
				t.Errorf("%s holds %d entries after a failed install", tg.Dir, len(entries))
			}
		})
	}
}
