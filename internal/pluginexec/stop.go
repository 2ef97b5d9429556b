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

	mu sync.Mutex
	// startingUp is set while the app starts up (GuardStartup, until
	// Started): a stop signal then ends the process.
	startingUp bool
}

// NotifyStop returns a copy of parent that StopSignals cancel, with a
// *Stopped cause naming the signal, and the function that stops catching
// them (calling it again does nothing).
func (h *Handler) NotifyStop(parent context.Context) (ctx context.Context, release func()) {
	ctx, s := h.notifyStop(parent, false)
	return ctx, s.Release
}

// GuardStartup catches StopSignals from the very start of a run: until
// [Stopper.Started], a stop signal ends the process at once with 128+N
// (Handler.Exit), as nothing has started that needs cleaning up and
// start-up may be blocked (reading a config or manifest from a slow file
// system); from then on it cancels the returned context with a *Stopped
// cause, as NotifyStop does.
func (h *Handler) GuardStartup(parent context.Context) (context.Context, *Stopper) {
	return h.notifyStop(parent, true)
}

func (h *Handler) notifyStop(parent context.Context, guard bool) (context.Context, *Stopper) {
	ctx, cancel := context.WithCancelCause(parent)
	s := &Stopper{h: h, cancel: cancel, sigs: make(chan os.Signal, 1), done: make(chan struct{}), startingUp: guard}
	h.signals().Notify(s.sigs, StopSignals...)
	go func() {
		select {
		case sig := <-s.sigs:
			s.mu.Lock()
			if s.startingUp {
				h.exit(SignalCode(sig))
			}
			s.cancel(&Stopped{Signal: sig})
			s.mu.Unlock()
		case <-s.done:
		}
	}()
	return ctx, s
}

// Started marks the end of start-up: the command or plugin is about to
// run. It returns the *Stopped error when a stop signal came before.
func (s *Stopper) Started(ctx context.Context) error {
	if s == nil {
		return stopped(ctx)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.startingUp = false
	return stopped(ctx)
}

// Release stops catching the stop signals; calling it again does nothing.
func (s *Stopper) Release() {
	s.once.Do(func() {
		s.h.signals().Stop(s.sigs)
		close(s.done)
		s.cancel(nil)
	})
}

func (h *Handler) exit(code int) {
	if h.Exit != nil {
		h.Exit(code)
		return
	}
	os.Exit(code)
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
