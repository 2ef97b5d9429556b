package cli

import (
	"os"

	"github.com/longshore/longshore/command"
)

// systemStreams returns the process's standard streams.
func systemStreams() *command.IOStreams {
	return &command.IOStreams{
		In:            os.Stdin,
		Out:           os.Stdout,
		ErrOut:        os.Stderr,
		OutIsTerminal: isTerminal(os.Stdout),
	}
}

// isTerminal reports whether f is a character device, as a terminal is.
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
