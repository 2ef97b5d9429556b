package install

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// TestCommandInterrupted checks that a go or git command killed because
// the run was stopped (Ctrl-C) fails with the context's error, which the
// app reports as the interruption alone, not as "git clone: signal:
// killed".
func TestCommandInterrupted(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs sh")
	}
	marker := filepath.Join(t.TempDir(), "started")
	st := &staging{dir: t.TempDir(), t: &Target{Env: []string{"PATH=/bin:/usr/bin"}}}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := st.command(ctx, st.dir, nil, "sh", "-c", `: > "$0"; exec sleep 1000`, marker)
		done <- err
	}()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, err := os.Stat(marker); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the command did not start")
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	err := <-done
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted command: %v, want one wrapping context.Canceled", err)
	}
}
