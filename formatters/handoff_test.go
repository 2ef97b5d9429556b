package formatters

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"
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
