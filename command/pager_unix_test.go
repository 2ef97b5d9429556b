//go:build unix

package command_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/longshore/longshore/command"
)

// fakePagers writes shell scripts standing for pagers into a directory put
// first on PATH: each prints its name, arguments and $LESS, then copies its
// input; "quitter" exits at once without reading, as less does on q. The
// files are written and closed before any process starts.
func fakePagers(t *testing.T) {
	t.Helper()
	dir := t.TempDir()
	page := "#!/bin/sh\necho \"[$(basename \"$0\") $*] LESS=$LESS\"\nexec cat\n"
	for _, name := range []string{"less", "apppager", "confpager", "envpager"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(page), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "quitter"), []byte("#!/bin/sh\nexit 3\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
}

func TestPagerOrder(t *testing.T) {
	fakePagers(t)
	tests := []struct {
		name       string
		env        []string
		configured string
		disabled   bool
		piped      bool
		want       string // the first line the pager printed, "" for no pager
	}{
		{name: "default less", want: "[less ] LESS=FRX"},
		{name: "LESS kept", env: []string{"LESS=-R"}, want: "[less ] LESS=-R"},
		{name: "PAGER", env: []string{"PAGER=envpager -x"}, want: "[envpager -x] LESS=FRX"},
		{name: "config beats PAGER", env: []string{"PAGER=envpager"}, configured: "confpager", want: "[confpager ] LESS=FRX"},
		{name: "app variable beats config", env: []string{"PAGER=envpager", "DEMO_APP_PAGER=apppager"}, configured: "confpager", want: "[apppager ] LESS=FRX"},
		{name: "empty app variable turns it off", env: []string{"DEMO_APP_PAGER="}, configured: "confpager"},
		{name: "empty PAGER turns it off", env: []string{"PAGER="}},
		{name: "cat turns it off", env: []string{"PAGER=cat"}},
		{name: "disabled", env: []string{"DEMO_APP_PAGER=apppager"}, disabled: true},
		{name: "piped", env: []string{"DEMO_APP_PAGER=apppager"}, piped: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, out, errOut := command.TestIO()
			if !tt.piped {
				ios.SetTerminal(80)
			}
			ios.SetEnv(tt.env...)
			ios.Pager = command.PagerConfig{App: "demo-app", Configured: tt.configured, Disabled: tt.disabled}
			if err := ios.StartPager(); err != nil {
				t.Fatal(err)
			}
			if _, err := ios.Out.Write([]byte("hello\n")); err != nil {
				t.Fatal(err)
			}
			ios.StopPager()
			want := "hello\n"
			if tt.want != "" {
				want = tt.want + "\n" + want
			}
			if out.String() != want {
				t.Errorf("stdout %q, want %q", out, want)
			}
			if errOut.Len() != 0 {
				t.Errorf("stderr %q", errOut)
			}
			if tt.want == "" && ios.PagerCommand() != nil {
				t.Errorf("PagerCommand() = %q, want nil", ios.PagerCommand())
			}
		})
	}
}

func TestPagerMissing(t *testing.T) {
	fakePagers(t)
	ios, _, out, errOut := command.TestIO()
	ios.SetTerminal(80)
	ios.SetEnv("PAGER=nosuchpager -x", "NO_COLOR=1")
	ios.Pager.App = "demoapp"
	for range 2 {
		if err := ios.StartPager(); err != nil {
			t.Fatal(err)
		}
		ios.Out.Write([]byte("hello\n"))
		ios.StopPager()
	}
	if out.String() != "hello\nhello\n" {
		t.Errorf("stdout %q, want the output written directly", out)
	}
	if want := "demoapp: warning: pager \"nosuchpager\" not found; output is not paged\n"; errOut.String() != want {
		t.Errorf("stderr %q, want one warning %q", errOut, want)
	}

	// On a terminal that may be coloured, "warning:" is yellow.
	ios, _, _, errOut = command.TestIO()
	ios.SetTerminal(80)
	ios.SetEnv("PAGER=nosuchpager")
	ios.Pager.App = "demoapp"
	ios.StartPager()
	ios.StopPager()
	if want := "demoapp: \x1b[33mwarning:\x1b[0m pager \"nosuchpager\" not found; output is not paged\n"; errOut.String() != want {
		t.Errorf("stderr %q, want %q", errOut, want)
	}
}

func TestPagerQuitEarly(t *testing.T) {
	fakePagers(t)
	ios, _, out, _ := command.TestIO()
	ios.SetTerminal(80)
	ios.SetEnv("PAGER=quitter")
	if err := ios.StartPager(); err != nil {
		t.Fatal(err)
	}
	// The pager reads nothing and exits: once the pipe's buffer is full,
	// a write fails with ErrPagerClosed. 4 MiB is far past any pipe buffer.
	chunk := []byte(strings.Repeat("x", 4096) + "\n")
	var err error
	for i := 0; i < 1024 && err == nil; i++ {
		_, err = ios.Out.Write(chunk)
	}
	if !errors.Is(err, command.ErrPagerClosed) {
		t.Errorf("write after the pager quit: %v, want ErrPagerClosed", err)
	}
	ios.StopPager()
	if ios.Out != any(out) {
		t.Errorf("Out after StopPager is %T, want the original stream", ios.Out)
	}
}
