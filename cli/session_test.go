package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/longshore/longshore/command"
)

func TestOpenSessionReadsTheConfigOnce(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("plugins:\n  bogus: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	a, _, _ := testApp(t)
	a.Getenv = func(k string) string {
		if k == "HOME" {
			return dir
		}
		return ""
	}
	tests := []struct {
		name, flag, warn string
		bad              bool
	}{
		{"default, missing", "", "", false},
		{"named, missing", filepath.Join(dir, "none.yaml"), "config file " + filepath.Join(dir, "none.yaml") + " (from --config) does not exist", false},
		{"named, bad", bad, "", true},
	}
	for _, tt := range tests {
		var errOut bytes.Buffer
		s := openSession(a, &command.IOStreams{ErrOut: &errOut}, tt.flag, func(string) bool { return false })
		if got := strings.TrimSpace(errOut.String()); !strings.Contains(got, tt.warn) || tt.warn == "" && got != "" {
			t.Errorf("%s: stderr %q, want %q", tt.name, got, tt.warn)
		}
		_, findErr := s.find()
		if (s.checkConfig(false) != nil) != tt.bad || (findErr != nil) != tt.bad {
			t.Errorf("%s: checkConfig %v, find %v; want errors %v", tt.name, s.checkConfig(false), findErr, tt.bad)
		}
		if err := s.checkConfig(true); err != nil {
			t.Errorf("%s: a listing fails with %v", tt.name, err)
		}
		if s.cfg == nil {
			t.Errorf("%s: no config at all", tt.name)
		}
	}
}

// TestCompiledInRunReadsNoPATH pins the lazy search path: a run of a
// compiled-in command reads the plugin dirs (for hooks) but never splits
// $PATH, which only finding or listing external plugins needs.
func TestCompiledInRunReadsNoPATH(t *testing.T) {
	a, out, errOut := testApp(t)
	home := t.TempDir()
	var pathReads int
	a.Getenv = func(k string) string {
		switch k {
		case "HOME":
			return home
		case "PATH":
			pathReads++
			return t.TempDir()
		}
		return ""
	}
	if err := a.AddCommand("hello", func() command.Command { return &hello{} }); err != nil {
		t.Fatal(err)
	}
	if code := a.Run(context.Background(), []string{"hello", "--name", "x"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.HasPrefix(out.String(), "hello, x") {
		t.Errorf("stdout %q", out)
	}
	if pathReads != 0 {
		t.Errorf("a compiled-in command's run read $PATH %d times", pathReads)
	}
	// Help lists the external plugins: it reads it.
	if code := a.Run(context.Background(), []string{"--help"}); code != 0 || pathReads == 0 {
		t.Errorf("help: exit %d, $PATH read %d times", code, pathReads)
	}
}
