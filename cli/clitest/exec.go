package clitest

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"syscall"

	"github.com/rogpeppe/go-internal/testscript"
)

// WriteExecutable writes data to a new file of the given mode that
// replaces path, so that no file descriptor open for writing refers to
// what path names, here or in any child process (golang/go#22315):
// exec'ing it cannot fail with "text file busy" (ETXTBSY) because another
// test forked while it was being written. The file is written under a
// temporary name while holding syscall.ForkLock for reading, which keeps
// this process from forking while the descriptor is open, then renamed
// into place; a descriptor that leaked into a child when path was
// written before refers to the old file, which exec no longer finds.
// Write a test's plugins and scripts with it, not os.WriteFile.
func WriteExecutable(path string, data []byte, mode os.FileMode) error {
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

// Mkexec is the testscript command `mkexec [-m MODE] FILE...`, which
// [Params] adds: it makes files executable (mode 0755 unless given in
// octal), replacing each with a fresh copy written by [WriteExecutable]
// with the same content and modification time. Make a script's plugins
// executable with it, never with chmod: a file that testscript extracted
// or that cp wrote may have a writer descriptor in a child another script
// forked meanwhile, and exec'ing it then fails with "text file busy".
func Mkexec(ts *testscript.TestScript, neg bool, args []string) {
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
// the same content and modification time and the given mode, written by
// WriteExecutable.
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
	if err := WriteExecutable(path, data, mode); err != nil {
		return err
	}
	return os.Chtimes(path, fi.ModTime(), fi.ModTime())
}
