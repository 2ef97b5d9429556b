package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// completingPlugins writes, in a new plugin dir, completing plugins (a
// manifest saying "completion: true") with the given scripts.
func completingPlugins(t *testing.T, scripts map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, script := range scripts {
		if err := os.WriteFile(filepath.Join(dir, "tapp-"+name), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "tapp-"+name+".yaml"), []byte("completion: true\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestCompletionTimeoutKillsTheGroup pins the completion timeout for a
// script whose child (not exec'ed) holds its output open: the request ends
// soon after the timeout with file names (directive 0), however long the
// child would run, as the child is killed with the plugin's group.
func TestCompletionTimeoutKillsTheGroup(t *testing.T) {
	old := externalCompletionTimeout
	externalCompletionTimeout = 50 * time.Millisecond
	t.Cleanup(func() { externalCompletionTimeout = old })
	dir := completingPlugins(t, map[string]string{
		"hang": "#!/bin/sh\nsleep 30\necho late\n",
	})
	a, out, _ := testApp(t)
	a.Getenv = func(k string) string {
		return map[string]string{"TAPP_PLUGIN_PATH": dir, "HOME": t.TempDir(), "PATH": "/usr/bin:/bin"}[k]
	}
	start := time.Now()
	if code := a.Run(t.Context(), []string{"__complete", "hang", ""}); code != 0 {
		t.Fatalf("exit %d", code)
	}
	// A deadline far below the child's 30 s, far above the timeout.
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("completion took %v; the timeout did not hold", d)
	}
	if got := out.String(); strings.Contains(got, "late") || !strings.HasPrefix(got, ":0\n") {
		t.Errorf("output %q, want file names (:0)", got)
	}
}

// TestCompletionFromPluginIsEscaped pins that a plugin's candidates and
// descriptions reach the shell (and so the terminal) escaped.
func TestCompletionFromPluginIsEscaped(t *testing.T) {
	dir := completingPlugins(t, map[string]string{
		"c": "#!/bin/sh\nprintf 'ok\\033]0;x\\007\\tdesc \\033[2J\\n:4\\n'\n",
	})
	a, out, _ := testApp(t)
	a.Getenv = func(k string) string {
		return map[string]string{"TAPP_PLUGIN_PATH": dir, "HOME": t.TempDir(), "PATH": "/usr/bin:/bin"}[k]
	}
	if code := a.Run(t.Context(), []string{"__complete", "c", ""}); code != 0 {
		t.Fatalf("exit %d", code)
	}
	want := "ok\\x1b]0;x\\x07\tdesc \\x1b[2J\n:4\n"
	if got := out.String(); !strings.HasPrefix(got, want) {
		t.Errorf("output %q, want it to start with %q", got, want)
	}
}
