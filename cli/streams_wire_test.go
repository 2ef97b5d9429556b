package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/longshore/longshore/command"
)

// worker draws a counted progress bar, then says it is done.
type worker struct{}

func (worker) Info() command.Info { return command.Info{Short: "work"} }
func (worker) Run(ctx context.Context, inv *command.Invocation) error {
	bar := inv.IO.StartProgressBar("Working", 2)
	bar.Add(1)
	bar.Add(1)
	inv.IO.StopProgress()
	fmt.Fprintln(inv.IO.Out, "done")
	return nil
}

// terminalApp returns a test App whose streams are a fake terminal with
// the given environment.
func terminalApp(t *testing.T, env ...string) (*App, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	a, _, _ := testApp(t)
	ios, _, out, errOut := command.TestIO()
	ios.SetTerminal(80)
	ios.SetEnv(env...)
	a.IO = ios
	a.Getenv = func(string) string { return "" }
	if err := a.AddCommand("work", func() command.Command { return worker{} }); err != nil {
		t.Fatal(err)
	}
	if err := a.AddCommand("things", func() command.Command { return &lister{} }); err != nil {
		t.Fatal(err)
	}
	return a, out, errOut
}

// TestQuietHidesProgress checks that -q reaches the streams: no progress
// is drawn on a terminal with it, and one is without.
func TestQuietHidesProgress(t *testing.T) {
	a, _, errOut := terminalApp(t)
	if code := a.Run(context.Background(), []string{"work"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut.String(), "Working") {
		t.Errorf("no progress on a terminal: stderr %q", errOut)
	}
	a, out, errOut := terminalApp(t)
	if code := a.Run(context.Background(), []string{"-q", "work"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if errOut.String() != "" || out.String() != "done\n" {
		t.Errorf("with -q: stdout %q, stderr %q; want no progress", out, errOut)
	}
}

// TestColorReachesTheTable checks that the table's header is bold on a
// terminal, and that --color=never and NO_COLOR turn it off.
func TestColorReachesTheTable(t *testing.T) {
	for _, tt := range []struct {
		env  []string
		args []string
		bold bool
	}{
		{nil, []string{"things"}, true},
		{nil, []string{"--color=never", "things"}, false},
		{[]string{"NO_COLOR=1"}, []string{"things"}, false},
		{[]string{"NO_COLOR=1"}, []string{"things", "--color", "always"}, true},
		{nil, []string{"things", "-f", "csv"}, false},
	} {
		a, out, errOut := terminalApp(t, tt.env...)
		if code := a.Run(context.Background(), tt.args); code != 0 {
			t.Fatalf("%v %q: exit %d: %s", tt.env, tt.args, code, errOut)
		}
		if bold := strings.Contains(out.String(), "\x1b[1mn\x1b[0m"); bold != tt.bold {
			t.Errorf("%v %q: bold header %v, want %v:\n%q", tt.env, tt.args, bold, tt.bold, out)
		}
		if !tt.bold && strings.Contains(out.String(), "\x1b") {
			t.Errorf("%v %q: an escape code in %q", tt.env, tt.args, out)
		}
	}
}

// TestErrorPrefixColor checks that error: is red on a terminal's stderr
// and plain with --color=never, even for an error found before the
// command runs.
func TestErrorPrefixColor(t *testing.T) {
	a, _, errOut := terminalApp(t)
	a.Run(context.Background(), []string{"nosuch"})
	if !strings.HasPrefix(errOut.String(), "tapp: \x1b[31merror:\x1b[0m unknown command") {
		t.Errorf("stderr %q, want a red error:", errOut)
	}
	a, _, errOut = terminalApp(t)
	a.Run(context.Background(), []string{"--color=never", "nosuch"})
	if !strings.HasPrefix(errOut.String(), "tapp: error: unknown command") {
		t.Errorf("with --color=never: stderr %q", errOut)
	}
}

// pagerCloser fails as a command writing to a pager the user left does.
type pagerCloser struct{}

func (pagerCloser) Info() command.Info { return command.Info{Short: "quit"} }
func (pagerCloser) Run(ctx context.Context, inv *command.Invocation) error {
	return fmt.Errorf("write the list: %w", command.ErrPagerClosed)
}

// TestPagerClosedIsSuccess checks that a command returning ErrPagerClosed
// (wrapped or not) exits 0 and reports nothing.
func TestPagerClosedIsSuccess(t *testing.T) {
	a, _, errOut := testApp(t)
	if err := a.AddCommand("quit", func() command.Command { return pagerCloser{} }); err != nil {
		t.Fatal(err)
	}
	if code := a.Run(context.Background(), []string{"quit"}); code != 0 || errOut.String() != "" {
		t.Errorf("exit %d, stderr %q; want 0 and nothing", code, errOut)
	}
}

// TestExternalDispatchLeavesTheTerminalAlone checks that running an
// external plugin sets up no colour, pager or width: --color and
// --no-pager are parsed away, and the streams are as the App was given
// them.
func TestExternalDispatchLeavesTheTerminalAlone(t *testing.T) {
	dir := t.TempDir()
	writeScript(t, filepath.Join(dir, "tapp-ext"), "#!/bin/sh\necho \"ext ran $*\"\n")
	a, out, errOut := terminalApp(t, "PAGER=nosuchpager")
	a.Getenv = func(k string) string {
		switch k {
		case "PATH":
			return dir
		case "HOME":
			return t.TempDir()
		}
		return ""
	}
	a.PluginsAsChild = true
	if code := a.Run(context.Background(), []string{"--color=always", "ext", "a"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if out.String() != "ext ran a\n" || errOut.String() != "" {
		t.Errorf("stdout %q, stderr %q", out, errOut)
	}
	if a.IO.Color != command.ColorAuto || a.IO.Pager != (command.PagerConfig{}) || a.IO.TerminalWidth != 80 {
		t.Errorf("the streams were set up for the terminal: color %v, pager %+v, width %d", a.IO.Color, a.IO.Pager, a.IO.TerminalWidth)
	}
}

// writeScript writes an executable so that no descriptor open for writing
// to it survives into a fork ("text file busy", golang/go#22315): written
// and closed under a temporary name while syscall.ForkLock is held, then
// renamed into place.
func writeScript(t *testing.T, path, content string) {
	t.Helper()
	syscall.ForkLock.RLock()
	err := os.WriteFile(path+".tmp", []byte(content), 0o755)
	syscall.ForkLock.RUnlock()
	if err == nil {
		err = os.Rename(path+".tmp", path)
	}
	if err != nil {
		t.Fatal(err)
	}
}
