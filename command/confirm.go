package command

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// NoTerminalError is returned by [IOStreams.Confirm] when there is no
// terminal to ask on. A command that asks before a destructive operation
// turns it into a usage error (exit 2) that names its flag to proceed
// without asking, e.g. --yes.
type NoTerminalError struct {
	// Question is the prompt that could not be asked.
	Question string
}

// Error says what could not be asked and why.
func (e *NoTerminalError) Error() string {
	return fmt.Sprintf("cannot ask %q: standard input or error is not a terminal", e.Question)
}

// Confirm asks prompt on ErrOut followed by " [y/N] " and reads the answer
// from In: "y" or "yes" (any case) is true; an empty answer, "n", "no" or
// the end of input is false; anything else asks again. When In or ErrOut is
// not a terminal it asks nothing and returns a [*NoTerminalError]. A
// progress indicator is stopped first. Control characters in prompt, as
// from a plugin's name, are shown as "?".
func (s *IOStreams) Confirm(prompt string) (bool, error) {
	if !s.InIsTerminal || !s.ErrIsTerminal {
		return false, &NoTerminalError{Question: prompt}
	}
	s.StopProgress()
	for {
		if _, err := fmt.Fprintf(s.ErrOut, "%s [y/N] ", printable(prompt)); err != nil {
			return false, fmt.Errorf("ask %q: %w", prompt, err)
		}
		line, err := readLine(s.In)
		if err != nil && !errors.Is(err, io.EOF) {
			return false, fmt.Errorf("read answer to %q: %w", prompt, err)
		}
		switch strings.ToLower(strings.TrimSpace(line)) {
		case "y", "yes":
			return true, nil
		case "", "n", "no":
			if errors.Is(err, io.EOF) {
				fmt.Fprintln(s.ErrOut)
			}
			return false, nil
		}
		if errors.Is(err, io.EOF) {
			fmt.Fprintln(s.ErrOut)
			return false, nil
		}
	}
}

// readLine reads one line a byte at a time, so that nothing after it is
// taken from r.
func readLine(r io.Reader) (string, error) {
	var b strings.Builder
	buf := make([]byte, 1)
	for {
		n, err := r.Read(buf)
		if n == 1 {
			if buf[0] == '\n' {
				return b.String(), nil
			}
			b.WriteByte(buf[0])
		}
		if err != nil {
			return b.String(), err
		}
	}
}
