package command_test

import (
	"errors"
	"testing"

	"github.com/longshore/longshore/command"
)

func TestConfirmOnTerminal(t *testing.T) {
	tests := []struct {
		input, want string
		ok          bool
		rest        string
	}{
		{"y\n", "Remove x? [y/N] ", true, ""},
		{"YES\nmore\n", "Remove x? [y/N] ", true, "more\n"},
		{"\n", "Remove x? [y/N] ", false, ""},
		{"no\n", "Remove x? [y/N] ", false, ""},
		{"maybe\ny\n", "Remove x? [y/N] Remove x? [y/N] ", true, ""},
		{"", "Remove x? [y/N] \n", false, ""},
		{"maybe", "Remove x? [y/N] \n", false, ""},
	}
	for _, tt := range tests {
		ios, in, _, errOut := command.TestIO()
		ios.SetTerminal(80)
		in.WriteString(tt.input)
		ok, err := ios.Confirm("Remove x?")
		if err != nil || ok != tt.ok {
			t.Errorf("input %q: Confirm() = %v, %v; want %v, nil", tt.input, ok, err, tt.ok)
		}
		if errOut.String() != tt.want {
			t.Errorf("input %q: stderr %q, want %q", tt.input, errOut.String(), tt.want)
		}
		if in.String() != tt.rest {
			t.Errorf("input %q: left %q unread, want %q", tt.input, in.String(), tt.rest)
		}
	}
}

func TestConfirmWithoutTerminal(t *testing.T) {
	for _, name := range []string{"none", "stdin", "stderr"} {
		ios, in, out, errOut := command.TestIO()
		switch name {
		case "stdin":
			ios.InIsTerminal = true
		case "stderr":
			ios.ErrIsTerminal = true
		}
		in.WriteString("y\n")
		ok, err := ios.Confirm("Remove x?")
		var nt *command.NoTerminalError
		if ok || !errors.As(err, &nt) || nt.Question != "Remove x?" {
			t.Errorf("%s a terminal: Confirm() = %v, %v; want false, *NoTerminalError", name, ok, err)
		}
		if out.Len()+errOut.Len() != 0 || in.String() != "y\n" {
			t.Errorf("%s a terminal: wrote %q %q, read %q; want nothing", name, out, errOut, in)
		}
	}
}

func TestConfirmEscapesPrompt(t *testing.T) {
	ios, in, _, errOut := command.TestIO()
	ios.SetTerminal(80)
	in.WriteString("n\n")
	if _, err := ios.Confirm("Remove demoapp-\x1b]0;x\x07?"); err != nil {
		t.Fatal(err)
	}
	if got := errOut.String(); got != "Remove demoapp-?]0;x?? [y/N] " {
		t.Errorf("prompt %q, want control characters shown as ?", got)
	}
}
