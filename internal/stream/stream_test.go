package stream_test

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/formatters"
	"github.com/longshore/longshore/internal/stream"
)

// handoff is an output that records what reaches it and signals when a
// write holds want.
type handoff struct {
	mu   sync.Mutex
	got  bytes.Buffer
	want string
	seen chan struct{}
	err  error
}

func newHandoff(want string) *handoff { return &handoff{want: want, seen: make(chan struct{})} }

func (h *handoff) Write(p []byte) (int, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.err != nil {
		return 0, h.err
	}
	h.got.Write(p)
	if h.want != "" && strings.Contains(h.got.String(), h.want) {
		close(h.seen)
		h.want = ""
	}
	return len(p), nil
}

// await fails the test unless the handoff saw its text; the bound only
// ends a failing test, a passing one does not wait for it.
func (h *handoff) await(t *testing.T) {
	select {
	case <-h.seen:
	case <-time.After(30 * time.Second):
		t.Error("the first row never reached the output")
	}
}

// TestStreamFlushesWhenRowsStall: the first row reaches the output before
// the second is produced, by Stall (with no idle flush to help) or by the
// idle flush; the test's producer waits for it.
func TestStreamFlushesWhenRowsStall(t *testing.T) {
	for _, stall := range []bool{true, false} {
		h := newHandoff(`"first"`)
		st := stream.New(h, nil)
		if stall {
			st = stream.NewIdle(h, nil, 0)
		}
		rows := func(yield func([]any, error) bool) {
			if !yield([]any{"first"}, nil) {
				return
			}
			if stall {
				if err := st.Stall(); err != nil {
					t.Fatal(err)
				}
				select {
				case <-h.seen:
				default:
					t.Error("Stall did not flush the first row")
				}
			}
			h.await(t)
			yield([]any{"second"}, nil)
		}
		err := (&formatters.CSV{}).FormatList(st.Writer(), []string{"row"}, st.Rows(rows))
		if cerr := st.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			t.Fatal(err)
		}
		if want := "\"row\"\n\"first\"\n\"second\"\n"; h.got.String() != want {
			t.Errorf("stall=%v: got %q, want %q", stall, h.got.String(), want)
		}
	}
}

// TestStreamStopsOnWriteError: once a flush fails, Stall returns the
// error, the rows end, onError is called and Close returns the error.
func TestStreamStopsOnWriteError(t *testing.T) {
	h := newHandoff("")
	h.err = syscall.EPIPE
	stopped := false
	st := stream.New(h, func() { stopped = true })
	produced := 0
	rows := func(yield func([]any, error) bool) {
		for i := 0; i < 100; i++ {
			produced++
			if !yield([]any{i}, nil) {
				return
			}
			if st.Stall() != nil {
				return
			}
		}
	}
	err := (&formatters.JSONL{}).FormatList(st.Writer(), []string{"n"}, st.Rows(rows))
	if cerr := st.Close(); !errors.Is(cerr, syscall.EPIPE) {
		t.Errorf("Close: got %v, want EPIPE", cerr)
	}
	if !errors.Is(err, syscall.EPIPE) {
		t.Errorf("FormatList: got %v, want EPIPE", err)
	}
	if produced != 1 || !stopped {
		t.Errorf("produced %d rows (want 1), onError called: %v", produced, stopped)
	}
}

// TestStreamPanic: a panic in the formatter leaves the Stream closable.
func TestStreamPanic(t *testing.T) {
	st := stream.New(io.Discard, nil)
	func() {
		defer func() { recover() }()
		for range st.Rows(command.RowsOf([]any{1}, []any{2}, []any{3})) {
			panic("formatter")
		}
	}()
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
}
