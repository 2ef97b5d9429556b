// Package stream is the App's buffered output of one formatter run whose
// rows may come slowly: written in large blocks while rows come fast,
// flushed when they stall.
package stream

import (
	"bufio"
	"io"
	"iter"
	"sync"
	"time"
)

// Buffer is the size of a [Stream]'s buffer: the size the built-in
// formatters ask of bufio.NewWriterSize, which therefore returns the
// Stream's own buffer instead of adding one.
const Buffer = 64 << 10

// IdleFlush is how long a [Stream]'s rows may stall before what was
// written is flushed anyway.
const IdleFlush = 50 * time.Millisecond

// Stream is the buffered output of one FormatList call whose rows may come
// slowly (a lister waiting on the network, a plugin printing a row a
// second). Output is written in large blocks while rows come fast, and
// reaches the reader when they stall:
//
//   - the row source may call [Stream.Stall] just before it would block
//     (the structured plugin's reader does when it has no complete line
//     buffered): what the formatter wrote is flushed at once;
//   - otherwise a flush happens within [IdleFlush] of the stall.
//
// The formatter writes to [Stream.Writer] from its own goroutine only; the
// idle flush runs on another, so the buffer is guarded by a mutex that the
// formatting goroutine holds except while it waits for the next row (see
// [Stream.Rows]). After a write error (the reader went away: EPIPE), the
// rows stop: the formatter sees their end and returns the error from its
// final flush.
type Stream struct {
	mu      sync.Mutex
	bw      *bufio.Writer
	err     error
	onError func()
	done    chan struct{}
	ended   sync.WaitGroup
	// stalled, if set, is called (s.mu held) when the rows stall, before
	// the flush: the streaming table writes its first block then.
	stalled func()
}

// streams maps each open Stream's writer to it, so that a formatter given
// the writer can learn of stalls (see OnStall).
var streams sync.Map // *bufio.Writer -> *Stream

// OnStall makes f run whenever the rows of the Stream whose writer is w
// stall, before what was written is flushed; f runs with the Stream's
// mutex held, so never while the formatter runs. It reports false when w
// is no Stream's writer. f == nil removes it.
func OnStall(w io.Writer, f func()) bool {
	bw, ok := w.(*bufio.Writer)
	if !ok {
		return false
	}
	v, ok := streams.Load(bw)
	if !ok {
		return false
	}
	v.(*Stream).stalled = f // the formatter holds s.mu
	return true
}

// New starts a Stream writing to w. onError, if not nil, is called
// once, from any goroutine, when a flush fails (e.g. to cancel the run so
// that a stalled lister stops). Close it when the formatter returns.
func New(w io.Writer, onError func()) *Stream {
	return NewIdle(w, onError, IdleFlush)
}

// NewIdle is New with the idle flush every idle, or none when idle is 0
// (tests).
func NewIdle(w io.Writer, onError func(), idle time.Duration) *Stream {
	s := &Stream{bw: bufio.NewWriterSize(w, Buffer), onError: onError, done: make(chan struct{})}
	s.mu.Lock() // the formatting goroutine's, until it waits for a row
	streams.Store(s.bw, s)
	if idle > 0 {
		s.ended.Add(1)
		go s.idle(idle)
	}
	return s
}

// Writer is what the formatter writes to: a *bufio.Writer of
// [Buffer] bytes.
func (s *Stream) Writer() io.Writer { return s.bw }

// Rows wraps the formatter's rows: the Stream's mutex is released while
// the next row is awaited, and the rows end early after a write error.
func (s *Stream) Rows(rows iter.Seq2[[]any, error]) iter.Seq2[[]any, error] {
	return func(yield func([]any, error) bool) {
		held := true
		// A panic in the row source or the formatter passes through with
		// the mutex held, as the caller expects.
		defer func() {
			if !held {
				s.mu.Lock()
			}
		}()
		s.mu.Unlock()
		held = false
		for row, err := range rows {
			s.mu.Lock()
			held = true
			if s.err != nil || !yield(row, err) {
				return
			}
			s.mu.Unlock()
			held = false
		}
	}
}

// Stall flushes what the formatter has written, if the formatter is
// waiting for a row. The row source calls it before it blocks. It returns
// the Stream's write error, if any: the source should then stop.
func (s *Stream) Stall() error {
	if !s.mu.TryLock() {
		return nil // the formatter is writing, or an idle flush is on
	}
	defer s.mu.Unlock()
	s.flush()
	return s.err
}

// flush tells the formatter of the stall, then writes out the buffer; s.mu
// is held.
func (s *Stream) flush() {
	if s.stalled != nil && s.err == nil {
		s.stalled()
	}
	if s.err != nil || s.bw.Buffered() == 0 {
		return
	}
	if err := s.bw.Flush(); err != nil {
		s.err = err
		if s.onError != nil {
			s.onError()
		}
	}
}

// idle flushes every d while the formatter waits for a row.
func (s *Stream) idle(d time.Duration) {
	defer s.ended.Done()
	t := time.NewTicker(d)
	defer t.Stop()
	for {
		select {
		case <-s.done:
			return
		case <-t.C:
			if s.mu.TryLock() {
				s.flush()
				s.mu.Unlock()
			}
		}
	}
}

// Close stops the idle flushes, flushes the rest and returns the first
// write error. It must be called from the formatting goroutine, after the
// formatter returned.
func (s *Stream) Close() error {
	streams.Delete(s.bw)
	close(s.done)
	s.mu.Unlock()
	s.ended.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err == nil {
		s.err = s.bw.Flush()
	}
	return s.err
}
