package main

import (
	"errors"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"

	"github.com/longshore/longshore/cli/clitest"
)

// TestWriteExecutableNeverBusy execs files written by clitest.WriteExecutable
// while other goroutines fork all the time: none may fail with "text file
// busy". (Written with os.WriteFile instead, a few in a few hundred did.)
func TestWriteExecutableNeverBusy(t *testing.T) {
	if testing.Short() {
		t.Skip("forks a few hundred processes")
	}
	dir := t.TempDir()
	stop := make(chan struct{})
	var forks sync.WaitGroup
	for range 2 {
		forks.Add(1)
		go func() {
			defer forks.Done()
			for {
				select {
				case <-stop:
					return
				default:
					exec.Command("true").Run()
				}
			}
		}()
	}
	defer func() {
		close(stop)
		forks.Wait()
	}()
	path := filepath.Join(dir, "prog")
	for i := range 100 {
		if err := clitest.WriteExecutable(path, []byte("#!/bin/sh\nexit 0\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := exec.Command(path).Run(); err != nil {
			if errors.Is(err, syscall.ETXTBSY) {
				t.Fatalf("run %d: %v", i, err)
			}
			t.Fatal(err)
		}
	}
}
