package pluginexec

import (
	"context"
	"errors"
	"os"
	"sync"
	"syscall"
)

// Stopped is the error of a run that a signal stopped: the cause of the
// context [Handler.NotifyStop] returns, and what a plugin's output reads
// once a second signal made the app give up on it. It counts as a
// cancellation: errors.Is(err, context.Canceled) holds.
type Stopped struct {
	// Signal is the signal received.
	Signal os.Signal
}

func (e *Stopped) Error() string { return "stopped by " + e.Signal.String() }

// Is reports that a stop is a cancellation.
func (e *Stopped) Is(target error) bool { return target == context.Canceled }

// Code is the exit code of a run stopped by e.Signal: 128+N.
func (e *Stopped) Code() int { return SignalCode(e.Signal) }

// StopSignals are the signals that stop a run: SIGINT and SIGTERM.
var StopSignals = []os.Signal{os.Interrupt, syscall.SIGTERM}

// NotifyStop returns a copy of parent that StopSignals cancel, with a
// *Stopped cause naming the signal: the app catches them from this point
// on, so that a signal at any moment of start-up ends the run with 128+N
// instead of being lost or killing it half-way. release stops catching
// them; calling it again does nothing.
func (h *Handler) NotifyStop(parent context.Context) (ctx context.Context, release func()) {
	ctx, cancel := context.WithCancelCause(parent)
	sigs := make(chan os.Signal, 1)
	h.signals().Notify(sigs, StopSignals...)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-sigs:
			cancel(&Stopped{Signal: s})
		case <-done:
		}
	}()
	var once sync.Once
	return ctx, func() {
		once.Do(func() {
			h.signals().Stop(sigs)
			close(done)
			cancel(nil)
		})
	}
}

// stopped returns why ctx is done, or nil while it is not: its cause when
// a signal stopped it (a *Stopped), else its error.
func stopped(ctx context.Context) error {
	if ctx.Err() == nil {
		return nil
	}
	return context.Cause(ctx)
}

// StopSignal returns the signal that stopped the run err or ctx tells of,
// or nil.
func StopSignal(ctx context.Context, err error) os.Signal {
	var s *Stopped
	if errors.As(err, &s) || errors.As(context.Cause(ctx), &s) {
		return s.Signal
	}
	return nil
}
