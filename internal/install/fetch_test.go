package install

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// body is a Fetcher's body that fails with err once data is read, and
// records that it was closed.
type body struct {
	r      io.Reader
	err    error
	closed bool
}

func (b *body) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if err == io.EOF && b.err != nil {
		return n, b.err
	}
	return n, err
}

func (b *body) Close() error { b.closed = true; return nil }

func TestFetchInjected(t *testing.T) {
	data := tarGz(t, exe("demoapp-hi", "hi"))
	url := "https://example.invalid/demoapp-hi.tar.gz"
	tg := newTarget(t)
	tg.Env = []string{"PATH=" + t.TempDir()} // no curl: the Fetcher is used alone
	var gotURL string
	var gotMax int64
	b := &body{r: bytes.NewReader(data)}
	tg.Fetch = func(ctx context.Context, url string, max int64) (io.ReadCloser, error) {
		gotURL, gotMax = url, max
		return b, nil
	}
	res, err := installArchive(t, tg, url, sum(data))
	if err != nil {
		t.Fatal(err)
	}
	if gotURL != url || gotMax != DefaultMaxSize || !b.closed {
		t.Errorf("fetch(%q, %d), closed %v", gotURL, gotMax, b.closed)
	}
	if res.Record.Source != url || res.Record.SHA256 != sum(data) {
		t.Errorf("record = %+v", res.Record)
	}

	// An error while the body streams fails the install; so does one
	// opening it.
	tg = newTarget(t)
	tg.Fetch = func(context.Context, string, int64) (io.ReadCloser, error) {
		return &body{r: bytes.NewReader(data[:10]), err: errors.New("connection reset")}, nil
	}
	_, err = installArchive(t, tg, url, sum(data))
	wantErr(t, err, "install "+url+": download: connection reset")
	tg.Fetch = func(context.Context, string, int64) (io.ReadCloser, error) { return nil, errors.New("no route") }
	_, err = installArchive(t, tg, url, sum(data))
	wantErr(t, err, "install "+url+": download: no route")
	onlyEntries(t, tg.Dir)
}

func TestFetchNoCurl(t *testing.T) {
	tg := newTarget(t)
	tg.Env = []string{"PATH=" + t.TempDir()}
	url := "https://example.invalid/demoapp-hi.tar.gz"
	_, err := installArchive(t, tg, url, strings.Repeat("0", 64))
	if !errors.Is(err, ErrNoCurl) {
		t.Fatalf("error = %v, want ErrNoCurl", err)
	}
	wantErr(t, err, "install "+url+": download: no curl found on PATH: install curl, or download the archive and install it from its path")
}

// TestFetchCurl runs a stand-in curl that records its arguments: the
// default Fetcher asks for http and https only, ignores ~/.curlrc, caps
// the size, and reports curl's failure after a partial body.
func TestFetchCurl(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the stand-in curl is a shell script")
	}
	data := tarGz(t, exe("demoapp-hi", "hi"))
	bin := t.TempDir()
	argsFile := filepath.Join(bin, "args")
	dataFile := filepath.Join(bin, "data")
	writeFile(t, dataFile, string(data), 0o644)
	writeFile(t, filepath.Join(bin, "curl"), `#!/bin/sh
PATH=/usr/bin:/bin
printf '%s\n' "$@" >"`+argsFile+`"
cat "`+dataFile+`"
if [ -n "$FAIL" ]; then echo "curl: (56) Recv failure: Connection reset by peer" >&2; exit 56; fi
`, 0o755)
	url := "https://example.invalid/demoapp-hi.tar.gz"
	tg := newTarget(t)
	tg.Env = []string{"PATH=" + bin}
	tg.MaxSize = 1 << 20
	if _, err := installArchive(t, tg, url, sum(data)); err != nil {
		t.Fatal(err)
	}
	args, err := os.ReadFile(argsFile)
	if err != nil {
		t.Fatal(err)
	}
	want := "-q --fail --silent --show-error --location --proto =https,http --proto-redir =https,http --max-filesize 1048576 --output - --url " + url
	if got := strings.Join(strings.Fields(string(args)), " "); got != want {
		t.Errorf("curl %s\nwant curl %s", got, want)
	}

	tg = newTarget(t)
	tg.Env = []string{"PATH=" + bin, "FAIL=1"}
	_, err = installArchive(t, tg, url, sum(data))
	wantErr(t, err, "install "+url+": download: curl: Recv failure: Connection reset by peer")
	onlyEntries(t, tg.Dir)
}
