package cli

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

// afterContext returns the context after-hooks run with. An interrupt of
// the command (SIGINT, SIGTERM) has cancelled the run's context, but the
// after-hooks must still see how the command ended: theirs is not
// cancelled by it, only by an interrupt that arrives while they run, so
// that a second Ctrl-C abandons them. An external hook keeps its own
// timeout. stop releases the signal handler.
func afterContext(parent context.Context) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancel(context.WithoutCancel(parent))
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case <-sigs:
			cancel()
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(sigs)
		close(done)
		cancel()
	}
}
