package cli

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/longshore/longshore/command"
)

// The warning about a missing config file the user named prints the
// name escaped: it is the user's text, and may hold control characters.
func TestMissingConfigWarningIsEscaped(t *testing.T) {
	dir := t.TempDir()
	a, _, _ := testApp(t)
	a.Getenv = func(k string) string {
		if k == "HOME" {
			return dir
		}
		return ""
	}
	var errOut bytes.Buffer
	openSession(a, &command.IOStreams{ErrOut: &errOut}, filepath.Join(dir, "a\x1b[2Jb.yaml"), func(string) bool { return false })
	got := errOut.String()
	if strings.Contains(got, "\x1b") || !strings.Contains(got, `a\x1b[2Jb.yaml`) {
		t.Errorf("stderr %q, want the name escaped", got)
	}
}
