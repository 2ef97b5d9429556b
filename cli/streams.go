package cli

import (
	"os"

	"golang.org/x/term"

	"github.com/longshore/longshore/command"
)

// systemStreams returns the process's standard streams and what is known
// of the terminal each is on.
func systemStreams() *command.IOStreams {
	return &command.IOStreams{
		In:            os.Stdin,
		Out:           os.Stdout,
		ErrOut:        os.Stderr,
		InIsTerminal:  isTerminal(os.Stdin),
		OutIsTerminal: isTerminal(os.Stdout),
		ErrIsTerminal: isTerminal(os.Stderr),
	}
}

// isTerminal reports whether f is a terminal, as isatty does: a character
// device such as /dev/null is not one.
func isTerminal(f *os.File) bool {
	return term.IsTerminal(int(f.Fd()))
}

// terminalSize returns the number of columns of the terminal f is on, or 0.
func terminalSize(f *os.File) int {
	w, _, err := term.GetSize(int(f.Fd()))
	if err != nil || w < 0 {
		return 0
	}
	return w
}
