package command_test

import (
	"io"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
)

func TestColorEnabled(t *testing.T) {
	tests := []struct {
		name     string
		terminal bool
		mode     command.ColorMode
		env      []string
		want     bool
	}{
		{"terminal", true, command.ColorAuto, nil, true},
		{"piped", false, command.ColorAuto, nil, false},
		{"NO_COLOR on a terminal", true, command.ColorAuto, []string{"NO_COLOR=1"}, false},
		{"empty NO_COLOR is unset", true, command.ColorAuto, []string{"NO_COLOR="}, true},
		{"CLICOLOR=0", true, command.ColorAuto, []string{"CLICOLOR=0"}, false},
		{"CLICOLOR=1 piped", false, command.ColorAuto, []string{"CLICOLOR=1"}, false},
		{"CLICOLOR_FORCE piped", false, command.ColorAuto, []string{"CLICOLOR_FORCE=1"}, true},
		{"CLICOLOR_FORCE=0 piped", false, command.ColorAuto, []string{"CLICOLOR_FORCE=0"}, false},
		{"CLICOLOR_FORCE beats CLICOLOR=0", false, command.ColorAuto, []string{"CLICOLOR_FORCE=1", "CLICOLOR=0"}, true},
		{"NO_COLOR beats CLICOLOR_FORCE", false, command.ColorAuto, []string{"NO_COLOR=1", "CLICOLOR_FORCE=1"}, false},
		{"TERM=dumb", true, command.ColorAuto, []string{"TERM=dumb"}, false},
		{"CLICOLOR_FORCE beats TERM=dumb", true, command.ColorAuto, []string{"TERM=dumb", "CLICOLOR_FORCE=1"}, true},
		{"always piped", false, command.ColorAlways, nil, true},
		{"always beats NO_COLOR", false, command.ColorAlways, []string{"NO_COLOR=1", "TERM=dumb", "CLICOLOR=0"}, true},
		{"never on a terminal", true, command.ColorNever, nil, false},
		{"never beats CLICOLOR_FORCE", true, command.ColorNever, []string{"CLICOLOR_FORCE=1"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := command.TestIO()
			ios.OutIsTerminal = tt.terminal
			ios.Color = tt.mode
			ios.SetEnv(tt.env...)
			if got := ios.ColorEnabled(); got != tt.want {
				t.Errorf("ColorEnabled() = %v, want %v", got, tt.want)
			}
			if got := ios.ColorScheme().Enabled(); got != tt.want {
				t.Errorf("ColorScheme().Enabled() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestErrColorFollowsStderr(t *testing.T) {
	ios, _, _, _ := command.TestIO()
	ios.OutIsTerminal = true
	if ios.ErrColorEnabled() {
		t.Error("ErrColorEnabled() with stderr piped = true, want false")
	}
	ios.OutIsTerminal, ios.ErrIsTerminal = false, true
	if !ios.ErrColorEnabled() || ios.ColorEnabled() {
		t.Errorf("stderr terminal, stdout piped: ErrColorEnabled() = %v, ColorEnabled() = %v; want true, false", ios.ErrColorEnabled(), ios.ColorEnabled())
	}
}

func TestColorScheme(t *testing.T) {
	on, off := command.NewColorScheme(true), command.NewColorScheme(false)
	for name, f := range map[string][2]func(string) string{
		"bold":   {on.Bold, off.Bold},
		"dim":    {on.Dim, off.Dim},
		"red":    {on.Red, off.Red},
		"green":  {on.Green, off.Green},
		"yellow": {on.Yellow, off.Yellow},
		"cyan":   {on.Cyan, off.Cyan},
	} {
		if got := f[1]("text"); got != "text" {
			t.Errorf("%s off = %q, want plain text", name, got)
		}
		got := f[0]("text")
		if !strings.HasPrefix(got, "\x1b[") || !strings.HasSuffix(got, "text\x1b[0m") {
			t.Errorf("%s on = %q, want text in escape codes", name, got)
		}
	}
	if got := on.Bold(""); got != "" {
		t.Errorf("Bold(\"\") = %q, want nothing", got)
	}
	if got := command.NewColorScheme(true).Red("x"); got != "\x1b[31mx\x1b[0m" {
		t.Errorf("Red(x) = %q", got)
	}
}

func TestParseColorMode(t *testing.T) {
	for _, s := range []string{"auto", "always", "never"} {
		m, err := command.ParseColorMode(s)
		if err != nil || m.String() != s {
			t.Errorf("ParseColorMode(%q) = %v, %v", s, m, err)
		}
	}
	if _, err := command.ParseColorMode("sometimes"); err == nil || !strings.Contains(err.Error(), `"sometimes"`) {
		t.Errorf("ParseColorMode(sometimes) error = %v, want one naming the value", err)
	}
}

func TestColorModeFlag(t *testing.T) {
	fs := pflag.NewFlagSet("app", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var mode command.ColorMode
	fs.Var(&mode, "color", "colour the output: auto, always or never")
	if err := fs.Parse([]string{"--color=never"}); err != nil || mode != command.ColorNever {
		t.Errorf("--color=never: %v, %v", mode, err)
	}
	if err := fs.Parse([]string{"--color", "sometimes"}); err == nil {
		t.Error("--color sometimes: no error")
	}
	if got := fs.Lookup("color").Value.Type(); got != "when" {
		t.Errorf("Type() = %q", got)
	}
}
