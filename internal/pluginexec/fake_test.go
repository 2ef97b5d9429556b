package pluginexec

import (
	"io"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeRunner records what the Handler asks of the operating system and
// answers as told, starting no process.
type fakeRunner struct {
	mu       sync.Mutex
	execs    []*Cmd
	starts   []*Cmd
	execErr  error
	startErr error
	proc     *fakeProcess
}

func (f *fakeRunner) Exec(path string, argv, env []string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.execs = append(f.execs, &Cmd{Path: path, Args: argv, Env: env})
	// A real exec that works never returns; nil stands for that.
	return f.execErr
}

func (f *fakeRunner) Start(c *Cmd) (Process, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.starts = append(f.starts, c)
	if f.startErr != nil {
		return nil, f.startErr
	}
	if f.proc == nil {
		f.proc = newFakeProcess(Status{})
	}
	if c.PipeStdout {
		f.proc.out, f.proc.outW = io.Pipe()
	}
	return f.proc, nil
}

// fakeProcess is a child that ends with status once released (end).
type fakeProcess struct {
	status   Status
	ended    chan struct{}
	endOnce  sync.Once
	mu       sync.Mutex
	signals  []os.Signal
	got      chan os.Signal
	killed   bool
	out      *io.PipeReader
	outW     *io.PipeWriter
	waitErr  error
	waitDone bool
}

func newFakeProcess(st Status) *fakeProcess {
	return &fakeProcess{status: st, ended: make(chan struct{}), got: make(chan os.Signal, 16)}
}

func (p *fakeProcess) end() { p.endOnce.Do(func() { close(p.ended) }) }

func (p *fakeProcess) Stdout() io.ReadCloser {
	if p.out == nil {
		return nil
	}
	return p.out
}

func (p *fakeProcess) Signal(s os.Signal) error {
	p.mu.Lock()
	p.signals = append(p.signals, s)
	p.mu.Unlock()
	p.got <- s
	return nil
}

func (p *fakeProcess) Kill() error {
	p.mu.Lock()
	p.killed = true
	p.mu.Unlock()
	p.end()
	return nil
}

func (p *fakeProcess) Wait() (Status, error) {
	<-p.ended
	return p.status, p.waitErr
}

func (p *fakeProcess) wasKilled() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.killed
}

// fakeSignals lets a test deliver signals to what the Handler caught.
type fakeSignals struct {
	mu       sync.Mutex
	chans    map[chan<- os.Signal][]os.Signal
	notified chan struct{}
}

func newFakeSignals() *fakeSignals {
	return &fakeSignals{chans: map[chan<- os.Signal][]os.Signal{}, notified: make(chan struct{}, 16)}
}

func (f *fakeSignals) Notify(c chan<- os.Signal, sig ...os.Signal) {
	f.mu.Lock()
	f.chans[c] = sig
	f.mu.Unlock()
	f.notified <- struct{}{}
}

func (f *fakeSignals) Stop(c chan<- os.Signal) {
	f.mu.Lock()
	delete(f.chans, c)
	f.mu.Unlock()
}

// send delivers s to every channel that asked for it, as os/signal does.
func (f *fakeSignals) send(s os.Signal) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for c, sigs := range f.chans {
		for _, want := range sigs {
			if want == s {
				c <- s
			}
		}
	}
}

func (f *fakeSignals) caught() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.chans)
}

// within fails the test unless ch yields before the deadline.
func within[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(10 * time.Second):
		t.Fatalf("timed out waiting for %s", what)
		panic("unreachable")
	}
}

func envOf(env []string, key string) (string, bool) {
	for _, kv := range env {
		if k, v, ok := strings.Cut(kv, "="); ok && k == key {
			return v, true
		}
	}
	return "", false
}
