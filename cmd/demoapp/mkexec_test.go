package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// mkexec [-m MODE] FILE... makes files executable (mode 0755 unless
// given in octal), replacing each with a fresh copy written by
// writeExecutable. Scripts make files executable with mkexec only, never
// with chmod (TestScriptsUseMkexec checks): a file that testscript
// extracted or that cp wrote may have a writer descriptor in a child
// forked meanwhile by another script, and exec'ing it then fails with
// "text file busy".
func mkexec(ts *testscript.TestScript, neg bool, args []string) {
	mode := os.FileMode(0o755)
	if len(args) > 1 && args[0] == "-m" {
		m, err := strconv.ParseUint(args[1], 8, 32)
		if err != nil || m > 0o777 {
			ts.Fatalf("mkexec: bad mode %q", args[1])
		}
		mode, args = os.FileMode(m), args[2:]
	}
	if neg || len(args) == 0 {
		ts.Fatalf("usage: mkexec [-m MODE] FILE...")
	}
	for _, f := range args {
		ts.Check(rewriteExecutable(ts.MkAbs(f), mode))
	}
}

// rewriteExecutable replaces the regular file at path with a new file of
// the same content and times and the given mode, written by
// writeExecutable.
func rewriteExecutable(path string, mode os.FileMode) error {
	fi, err := os.Lstat(path)
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("mkexec %s: not a regular file", path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := writeExecutable(path, data, mode); err != nil {
		return err
	}
	return os.Chtimes(path, fi.ModTime(), fi.ModTime())
}

// writeExecutable writes data to a new file that replaces path, so that
// no file descriptor open for writing refers to what path names, here or
// in any child (golang/go#22315). The file is written under a temporary
// name while holding syscall.ForkLock for reading, which keeps this
// process from forking while the descriptor is open, then renamed into
// place; a descriptor that leaked into a child when path was written
// before refers to the old file, which exec no longer finds.
func writeExecutable(path string, data []byte, mode os.FileMode) error {
	syscall.ForkLock.RLock()
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".mkexec-*")
	if err != nil {
		syscall.ForkLock.RUnlock()
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	syscall.ForkLock.RUnlock()
	if err == nil {
		err = os.Chmod(f.Name(), mode)
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("write executable %s: %w", path, err)
	}
	return nil
}

// TestWriteExecutableNeverBusy execs files written by writeExecutable
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
		if err := writeExecutable(path, []byte("#!/bin/sh\nexit 0\n"), 0o755); err != nil {
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
