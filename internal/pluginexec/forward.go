package pluginexec

import (
	"os"
	"sync"
	"syscall"
)

// Forwarded are the signals a child plugin receives from the app.
var Forwarded = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT}

// terminalSignals are those the terminal sends to its whole foreground
// process group: Ctrl-C, Ctrl-\ and the hang-up of the terminal.
var terminalSignals = map[os.Signal]bool{syscall.SIGINT: true, syscall.SIGQUIT: true, syscall.SIGHUP: true}

// forwarder passes the signals the app catches to a child plugin, each
// once: those the plugin already received are not sent again.
type forwarder struct {
	h          *Handler
	sigs       chan os.Signal
	done       chan struct{}
	foreground bool
	once       sync.Once
}

// catch starts catching the forwarded signals, until stop; foreground is
// whether the app is in the foreground group of its terminal.
func (h *Handler) catch(foreground bool) *forwarder {
	fw := &forwarder{h: h, sigs: make(chan os.Signal, len(Forwarded)), done: make(chan struct{}), foreground: foreground}
	h.signals().Notify(fw.sigs, Forwarded...)
	return fw
}

// shouldForward reports whether signal s, received by the app while a
// child runs, must be sent on to it. On Windows never: the console sends
// Ctrl-C to every process attached to it, and no other signal can be
// sent. On Unix always, except a terminal signal while the app (and so the
// child, in its group) is in the terminal's foreground: the terminal sent
// it to the child too. A child not in the foreground runs in a group of
// its own (see ownGroup), so a signal sent to the app's group reaches it
// only from here.
func (fw *forwarder) shouldForward(s os.Signal) bool {
	if fw.h.goos() == "windows" {
		return false
	}
	return !fw.foreground || !terminalSignals[s]
}

// forwardTo sends the signals caught to p until stop. When second is not
// nil, a second signal is not forwarded: second is called with it instead
// (the app gives up on the child).
func (fw *forwarder) forwardTo(p Process, second func(os.Signal)) {
	go func() {
		n := 0
		for {
			select {
			case s := <-fw.sigs:
				n++
				if n > 1 && second != nil {
					second(s)
					return
				}
				if fw.shouldForward(s) {
					p.Signal(s)
				}
			case <-fw.done:
				return
			}
		}
	}()
}

// stop stops catching and forwarding; it may be called more than once.
func (fw *forwarder) stop() {
	fw.once.Do(func() {
		fw.h.signals().Stop(fw.sigs)
		close(fw.done)
	})
}
