package install

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// Fetcher opens the archive at url, an http or https URL, for reading.
// It may stop with an error once more than max bytes come; the caller
// caps what it reads too. An error met while the body streams (a status
// known only at the end, a dropped connection) is returned by Read, in
// place of io.EOF. Close releases what the fetch holds, even when the
// body was not read to its end.
type Fetcher func(ctx context.Context, url string, max int64) (io.ReadCloser, error)

// ErrNoCurl is wrapped by the error of an install of an archive by URL
// when no "curl" is on PATH and Target.Fetch is nil.
var ErrNoCurl = errors.New("no curl found on PATH: install curl, or download the archive and install it from its path")

// curlFetch is the default Fetcher: it runs curl, found on the target's
// PATH, writing the body to its stdout. Downloads go to curl, as builds
// go to go and clones to git, so that no app links an HTTP and TLS client
// (about a millisecond of every run's start-up, and megabytes of binary)
// for a command seldom run.
func (t *Target) curlFetch(ctx context.Context, url string, max int64) (io.ReadCloser, error) {
	exe, err := t.lookPath("curl")
	if err != nil {
		return nil, ErrNoCurl
	}
	ctx, cancel := context.WithCancel(ctx)
	// -q first: no ~/.curlrc changes what is fetched. Only http and
	// https, for the URL and any redirect; no progress meter; a
	// status of 400 or more fails with no body written.
	cmd := exec.CommandContext(ctx, exe, "-q", "--fail", "--silent", "--show-error", "--location",
		"--proto", "=https,http", "--proto-redir", "=https,http",
		"--max-filesize", strconv.FormatInt(max, 10), "--output", "-", "--url", url)
	cmd.Env = t.env()
	cmd.Stderr = &limitedBuffer{max: 4096}
	out, err := cmd.StdoutPipe()
	if err != nil {
		cancel()
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		cancel()
		if ctx.Err() != nil {
			return nil, context.Cause(ctx)
		}
		return nil, fmt.Errorf("curl: %w", err)
	}
	return &curlBody{ctx: ctx, cmd: cmd, out: out, cancel: cancel, max: max}, nil
}

// curlBody is the body curl writes; its Read returns curl's failure,
// once the body has ended, in place of io.EOF.
type curlBody struct {
	ctx    context.Context
	cmd    *exec.Cmd
	out    io.ReadCloser
	cancel context.CancelFunc
	max    int64

	once    sync.Once
	waitErr error
}

// Read reads the body; at its end, it waits for curl and returns the
// error curl exited with.
func (b *curlBody) Read(p []byte) (int, error) {
	n, err := b.out.Read(p)
	if err == io.EOF {
		if werr := b.wait(); werr != nil {
			return n, werr
		}
	}
	return n, err
}

// Close stops curl if it still runs and waits for it.
func (b *curlBody) Close() error {
	b.cancel()
	b.wait()
	return nil
}

func (b *curlBody) wait() error {
	b.once.Do(func() {
		err := b.cmd.Wait()
		if err != nil {
			b.waitErr = b.curlError(err)
		}
		b.cancel()
	})
	return b.waitErr
}

// httpStatus finds the status in curl's message for --fail.
var httpStatus = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`returned error: (\d{3})`) })

// statusText names the statuses a download most often meets.
var statusText = map[string]string{
	"400": "Bad Request", "401": "Unauthorized", "403": "Forbidden", "404": "Not Found",
	"410": "Gone", "429": "Too Many Requests", "500": "Internal Server Error",
	"502": "Bad Gateway", "503": "Service Unavailable", "504": "Gateway Timeout",
}

// curlError turns curl's exit into one line: the HTTP status for a
// failing status ("404 Not Found"), the size cap for one too large, and
// curl's own message (without its "(N)" exit code) for the rest.
func (b *curlBody) curlError(err error) error {
	if b.ctx.Err() != nil {
		// Killed because the run was stopped: that is the error.
		return context.Cause(b.ctx)
	}
	msg := lastLines(b.cmd.Stderr.(*limitedBuffer).String(), 1)
	var ee *exec.ExitError
	code := -1
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	}
	switch code {
	case 22: // --fail: a status of 400 or more
		if m := httpStatus().FindStringSubmatch(msg); m != nil {
			if text := statusText[m[1]]; text != "" {
				return fmt.Errorf("%s %s", m[1], text)
			}
			return fmt.Errorf("HTTP status %s", m[1])
		}
	case 63: // --max-filesize
		return fmt.Errorf("the archive is larger than the size cap (%d bytes)", b.max)
	}
	msg = strings.TrimPrefix(msg, "curl: ")
	if len(msg) > 0 && msg[0] == '(' {
		if i := strings.Index(msg, ") "); i > 0 {
			msg = msg[i+2:]
		}
	}
	if msg == "" {
		return fmt.Errorf("curl: %w", err)
	}
	return fmt.Errorf("curl: %s", msg)
}

// limitedBuffer keeps the first max bytes written to it and drops the
// rest, so that a chatty program cannot fill memory.
type limitedBuffer struct {
	buf bytes.Buffer
	max int
}

func (w *limitedBuffer) Write(p []byte) (int, error) {
	if room := w.max - w.buf.Len(); room > 0 {
		w.buf.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

func (w *limitedBuffer) String() string { return w.buf.String() }
