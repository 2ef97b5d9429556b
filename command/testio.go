package command

import (
	"bytes"
	"strings"
)

// TestIO returns streams for tests, as gh's iostreams.Test does: In, Out and
// ErrOut are buffers, no stream is a terminal, colour follows the terminal
// (auto) and the environment is empty, so that the tests do not depend on
// the machine. Make the streams a terminal with [IOStreams.SetTerminal] and
// give them variables with [IOStreams.SetEnv]. Progress on a fake terminal
// is drawn only when started, advanced and stopped, never by a timer, so
// that the buffers are read without a race.
func TestIO() (s *IOStreams, in, out, errOut *bytes.Buffer) {
	in, out, errOut = &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	s = &IOStreams{
		In:        in,
		Out:       out,
		ErrOut:    errOut,
		LookupEnv: func(string) (string, bool) { return "", false },
		term:      &termState{tickless: true},
	}
	return s, in, out, errOut
}

// SetTerminal makes the streams behave as if In, Out and ErrOut were a
// terminal width columns wide, or as if none were when width is 0.
func (s *IOStreams) SetTerminal(width int) {
	on := width > 0
	s.InIsTerminal, s.OutIsTerminal, s.ErrIsTerminal = on, on, on
	s.TerminalWidth = width
}

// SetEnv replaces the environment the streams read (see LookupEnv) by
// the given "KEY=value" pairs.
func (s *IOStreams) SetEnv(pairs ...string) {
	env := make(map[string]string, len(pairs))
	for _, kv := range pairs {
		k, v, _ := strings.Cut(kv, "=")
		env[k] = v
	}
	s.LookupEnv = func(key string) (string, bool) {
		v, ok := env[key]
		return v, ok
	}
}
