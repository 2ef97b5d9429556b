package install

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestToolsOnPATHAreTrustChecked pins that the programs install runs (git,
// curl, go) are held to the rules a plugin on PATH is: one in a directory
// anyone may write to is refused, naming it and the fix, never run.
func TestToolsOnPATHAreTrustChecked(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("modes say nothing of other users on Windows")
	}
	open, safe := t.TempDir(), t.TempDir()
	for _, d := range []string{open, safe} {
		if err := os.WriteFile(filepath.Join(d, "git"), []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(open, 0o777); err != nil {
		t.Fatal(err)
	}
	tg := &Target{Env: []string{"PATH=" + open + string(os.PathListSeparator) + safe}}
	_, err := tg.lookPath("git")
	if err == nil || !strings.Contains(err.Error(), "refused "+open+": writable by other users") {
		t.Fatalf("lookPath in a world-writable dir = %v, want it refused", err)
	}
	tg.Env = []string{"PATH=" + safe}
	if p, err := tg.lookPath("git"); err != nil || p != filepath.Join(safe, "git") {
		t.Errorf("lookPath in a safe dir = %q, %v", p, err)
	}
}
