package stream_test

import (
	"errors"
	"io"
	"syscall"
	"testing"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/formatters"
	"github.com/longshore/longshore/internal/handoff"
	"github.com/longshore/longshore/internal/stream"
)

// TestStreamFlushesWhenRowsStall: the first row reaches the output before
// the second is produced, by Stall (with no idle flush to help) or by the
// idle flush; the test's producer waits for it.
func TestStreamFlushesWhenRowsStall(t *testing.T) {
	for _, stall := range []bool{true, false} {
		h := handoff.New(`"first"`)
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
				case <-h.Seen():
				default:
					t.Error("Stall did not flush the first row")
				}
			}
			h.Await(t)
			yield([]any{"second"}, nil)
		}
		err := (&formatters.CSV{}).FormatList(st.Writer(), []string{"row"}, st.Rows(rows))
		if cerr := st.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			t.Fatal(err)
		}
		if want := "\"row\"\n\"first\"\n\"second\"\n"; h.String() != want {
			t.Errorf("stall=%v: got %q, want %q", stall, h.String(), want)
		}
	}
}

// TestStreamStopsOnWriteError: once a flush fails, Stall returns the
// error, the rows end, onError is called and Close returns the error.
func TestStreamStopsOnWriteError(t *testing.T) {
	h := handoff.New("")
	h.FailWith(syscall.EPIPE)
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
