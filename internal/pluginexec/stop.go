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

// Stopper catches the stop signals for one run; see [Handler.NotifyStop]
// and [Handler.GuardStartup].
type Stopper struct {
	h      *Handler
	cancel context.CancelCauseFunc
	sigs   chan os.Signal
	done   chan struct{}
	once   sync.Once
	// armed is set once the signals are caught; a guard from
	// GuardStartup is armed by Started.
	armed bool
}

// NotifyStop returns a copy of parent that StopSignals cancel, with a
// *Stopped cause naming the signal, and the function that stops catching
// them (calling it again does nothing).
func (h *Handler) NotifyStop(parent context.Context) (ctx context.Context, release func()) {
	ctx, s := h.newStopper(parent)
	s.arm()
	return ctx, s.Release
}

// GuardStartup returns the guard of one run of the app, and a copy of
// parent that it cancels. While the app starts up (reads its config or a
// manifest, finds the command) it catches nothing: SIGINT and SIGTERM keep
// their default action, which ends the process at once (it dies by the
// signal, which a shell reports as 128+N), with nothing run after it,
// whatever start-up is blocked on. Only
// a run that goes on in this process catches them, from
// [Stopper.Started] on; a plugin that replaces the process, or runs as a
// child whose signals [Handler.Run] forwards, needs no guard
// ([Stopper.HandOff]). Catching nothing costs nothing: os/signal starts
// a goroutine and a thread of its own the first time it is asked.
func (h *Handler) GuardStartup(parent context.Context) (context.Context, *Stopper) {
	return h.newStopper(parent)
}

func (h *Handler) newStopper(parent context.Context) (context.Context, *Stopper) {
	ctx, cancel := context.WithCancelCause(parent)
	return ctx, &Stopper{h: h, cancel: cancel}
}

// arm starts catching StopSignals: the first cancels the context with a
// *Stopped cause.
func (s *Stopper) arm() {
	if s.armed {
		return
	}
	s.armed = true
	s.sigs, s.done = make(chan os.Signal, 1), make(chan struct{})
	s.h.signals().Notify(s.sigs, StopSignals...)
	go func() {
		select {
		case sig := <-s.sigs:
			s.cancel(&Stopped{Signal: sig})
		case <-s.done:
		}
	}()
}

// Started marks the end of start-up for a command that runs in this
// process (a compiled-in command, hooks): from now on a stop signal
// cancels the context. It returns ctx's *Stopped cause or error when ctx
// is already done.
func (s *Stopper) Started(ctx context.Context) error {
	if err := stopped(ctx); err != nil || s == nil {
		return err
	}
	s.arm()
	return nil
}

// HandOff marks the end of start-up for a run that hands the process
// over: a plugin that replaces it, or a child that [Handler.Run] forwards
// the signals to. Nothing is caught. It returns ctx's *Stopped cause or
// error when ctx is already done.
func (s *Stopper) HandOff(ctx context.Context) error { return stopped(ctx) }

// Release stops catching the stop signals; calling it again does nothing.
func (s *Stopper) Release() {
	s.once.Do(func() {
		if s.armed {
			s.h.signals().Stop(s.sigs)
			close(s.done)
		}
		s.cancel(nil)
	})
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
