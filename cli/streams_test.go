package cli

import (
	"io"
	"os"
	"testing"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
)

// TestDevNullIsNotATerminal guards issue 10's defect 5: /dev/null is a
// character device, but not a terminal.
func TestDevNullIsNotATerminal(t *testing.T) {
	f, err := os.Open(os.DevNull)
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	if isTerminal(f) {
		t.Errorf("isTerminal(%s) = true", os.DevNull)
	}
	if n := terminalSize(f); n != 0 {
		t.Errorf("terminalSize(%s) = %d, want 0", os.DevNull, n)
	}
}

func TestTerminalOptions(t *testing.T) {
	fs := pflag.NewFlagSet("demoapp", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var o terminalOptions
	o.addFlags(fs)
	if err := fs.Parse([]string{"--color=always", "--no-pager"}); err != nil {
		t.Fatal(err)
	}
	o.quiet = true
	app := &App{Name: "demoapp", Getenv: func(k string) string {
		return map[string]string{"COLUMNS": "100", "NO_COLOR": "1"}[k]
	}}
	ios, _, _, _ := command.TestIO()
	ios.LookupEnv = nil
	ios.OutIsTerminal = true
	app.applyTerminal(ios, o)
	if ios.Color != command.ColorAlways || !ios.Quiet || !ios.Pager.Disabled || ios.Pager.App != "demoapp" {
		t.Errorf("streams after applyTerminal: color %v, quiet %v, pager %+v", ios.Color, ios.Quiet, ios.Pager)
	}
	if ios.TerminalWidth != 100 {
		t.Errorf("TerminalWidth = %d, want $COLUMNS", ios.TerminalWidth)
	}
	if v, ok := ios.LookupEnv("NO_COLOR"); v != "1" || !ok {
		t.Errorf("LookupEnv(NO_COLOR) = %q, %v: the App's Getenv is not used", v, ok)
	}
}

func TestConfigPagerSetting(t *testing.T) {
	tests := []struct {
		name     string
		o        terminalOptions
		disabled bool
	}{
		{"absent", terminalOptions{}, false},
		{"empty turns it off", terminalOptions{pagerSet: true}, true},
		{"a program", terminalOptions{pager: "most", pagerSet: true}, false},
		{"--no-pager", terminalOptions{pager: "most", pagerSet: true, noPager: true}, true},
	}
	for _, tt := range tests {
		ios, _, _, _ := command.TestIO()
		(&App{Name: "demoapp"}).applyTerminal(ios, tt.o)
		if ios.Pager.Disabled != tt.disabled || ios.Pager.Configured != tt.o.pager {
			t.Errorf("%s: pager %+v", tt.name, ios.Pager)
		}
	}
}

func TestDiagnosticPrefixes(t *testing.T) {
	app := &App{Name: "demoapp"}
	ios, _, _, _ := command.TestIO()
	ios.OutIsTerminal = true // colour on stdout says nothing of stderr
	if got := errorPrefix(app.Name, ios) + "|" + warningPrefix(app.Name, ios); got != "demoapp: error: |demoapp: warning: " {
		t.Errorf("piped stderr: %q", got)
	}
	ios.ErrIsTerminal = true
	if got := errorPrefix(app.Name, ios); got != "demoapp: \x1b[31merror:\x1b[0m " {
		t.Errorf("terminal stderr: %q", got)
	}
	if got := warningPrefix(app.Name, ios); got != "demoapp: \x1b[33mwarning:\x1b[0m " {
		t.Errorf("terminal stderr: %q", got)
	}
	ios.SetEnv("NO_COLOR=1")
	if got := errorPrefix(app.Name, ios); got != "demoapp: error: " {
		t.Errorf("NO_COLOR: %q", got)
	}
}
