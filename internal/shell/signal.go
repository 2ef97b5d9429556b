package shell

import (
	"context"
	"fmt"
	"os"
	"syscall"
)

// How the interactive shell ends on a request to stop. At the prompt the
// loop goroutine would be blocked in the line editor when the signal
// comes, so the line is read in a goroutine of its own and the loop waits
// for whichever comes first, the line or the signal: the history and the
// terminal stay the loop's alone, and the loop returns as from exit
// (history saved, terminal restored) with the code of the signal.

// stopSignals end the shell: a request to stop (SIGTERM, from kill) or the
// terminal gone (SIGHUP, its window closed). Unlike Ctrl-C, which stops a
// command only, they end the session, after the running command if any.
var stopSignals = []os.Signal{syscall.SIGTERM, syscall.SIGHUP}

// signalCode is the exit code of a process ended by sig, 128+N as a POSIX
// shell reports it: 143 for SIGTERM, 129 for SIGHUP.
func signalCode(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return exitFailure
}

// stoppedError is what readLine returns when a stop signal ends the shell;
// atPrompt tells that it came while the prompt was shown.
type stoppedError struct {
	sig      os.Signal
	atPrompt bool
}

func (e *stoppedError) Error() string { return fmt.Sprintf("stopped by %s", e.sig) }

// readLine reads a line as s.Lines.ReadLine does, unless a stop signal
// came during the last command or comes while the prompt waits: then it
// returns a *stoppedError, leaving the read blocked in its goroutine (the
// process is about to end; closing the reader gives the terminal back).
func (s *Session) readLine(prompt string) (string, error) {
	if sig := s.pendingStop(); sig != nil {
		return "", &stoppedError{sig: sig}
	}
	type read struct {
		line string
		err  error
	}
	done := make(chan read, 1)
	go func() {
		line, err := s.Lines.ReadLine(prompt)
		done <- read{line, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			// A terminal that hangs up ends the input as it sends SIGHUP:
			// the signal, if it is already there, tells how.
			if sig := s.pendingStop(); sig != nil {
				return "", &stoppedError{sig, true}
			}
		}
		return r.line, r.err
	case sig := <-s.Stop:
		return "", &stoppedError{sig, true}
	}
}

// pendingStop returns a stop signal received and not yet handled, or nil.
func (s *Session) pendingStop() os.Signal {
	select {
	case sig := <-s.Stop:
		return sig
	default:
		return nil
	}
}

// runWatched runs the words of a line with runLine and returns its exit
// code and the stop signal that came while it ran, or nil. Such a signal stops the command
// as an interrupt does: SIGTERM reaches the run's own handler too, SIGHUP
// (which the shell catches, so it no longer kills the process) this way
// only. The shell ends once the command has returned.
func (s *Session) runWatched(ctx context.Context, words []string) (int, os.Signal) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	got := make(chan os.Signal, 1)
	done := make(chan struct{})
	go func() {
		defer close(got)
		select {
		case sig := <-s.Stop:
			cancel()
			got <- sig
		case <-done:
		}
	}()
	code := s.runLine(ctx, words)
	close(done)
	return code, <-got
}
