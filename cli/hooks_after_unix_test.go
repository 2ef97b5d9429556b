//go:build unix

package cli

import (
	"context"
	"syscall"
	"testing"
	"time"
)

func TestAfterContext(t *testing.T) {
	interrupted, cancel := context.WithCancel(context.Background())
	cancel()
	ctx, stop := afterContext(interrupted)
	defer stop()
	if err := ctx.Err(); err != nil {
		t.Fatalf("the interrupt of the command cancelled the after-hooks: %v", err)
	}
	// A second interrupt, while the after-hooks run, abandons them.
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ctx.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("an interrupt during the after-hooks did not cancel their context")
	}
}
