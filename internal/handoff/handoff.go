// Package handoff is a writer for tests of streaming output: it records
// what reaches it and signals when a given text has, so that a test's
// producer can wait for a row to be flushed before it makes the next one
// (a condition with a deadline, never a sleep).
package handoff

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"
)

// Writer records what is written to it.
type Writer struct {
	mu   sync.Mutex
	got  bytes.Buffer
	want string
	seen chan struct{}
	err  error
}

// New returns a Writer that signals Seen once what it was written holds
// want ("" never signals).
func New(want string) *Writer { return &Writer{want: want, seen: make(chan struct{})} }

// Write records p, or fails with the error given to FailWith.
func (h *Writer) Write(p []byte) (int, error) {
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

// FailWith makes every later write fail with err.
func (h *Writer) FailWith(err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.err = err
}

// String returns what was written.
func (h *Writer) String() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.got.String()
}

// Seen is closed once the text New was given has been written.
func (h *Writer) Seen() <-chan struct{} { return h.seen }

// Await fails the test unless the writer saw its text; the bound only
// ends a failing test, a passing one does not wait for it.
func (h *Writer) Await(t testing.TB) {
	t.Helper()
	select {
	case <-h.seen:
	case <-time.After(30 * time.Second):
		t.Error("the first row never reached the output")
	}
}
