package pluginexec

import (
	"context"
	"io"
	"os"
	"sync"
	"time"
)

// Child is a plugin running as a child process whose standard output the
// app reads (a structured plugin). Its stdin and stderr are the app's.
//
// The signals the app receives are forwarded to it as [Handler.Run] does,
// except that a second one makes the app give up: the child is killed,
// and its output reads a *Stopped error at once, even when a process the
// plugin left behind still holds the pipe open.
type Child struct {
	path string
	p    Process
	out  io.ReadCloser
	fw   *forwarder

	mu      sync.Mutex
	stopped *Stopped
	waited  bool
	status  error
}

// Start starts the plugin c describes as a child whose standard output is
// read through the returned Child (c.IO.Out is not used, c.Child is
// implied). Errors are as [Handler.Run]'s: 126 when it cannot be
// executed, ctx's cause when ctx is already done.
func (h *Handler) Start(ctx context.Context, c Call) (*Child, error) {
	if err := stopped(ctx); err != nil {
		return nil, err
	}
	fg := h.foreground()
	fw := h.catch(fg)
	p, err := h.runner().Start(&Cmd{
		Path: c.Path, Args: c.argv(), Env: c.Env,
		Stdin: c.IO.In, Stderr: c.IO.ErrOut, PipeStdout: true,
		OwnGroup: h.ownGroup(fg),
	})
	if err != nil {
		fw.stop()
		return nil, startError(c.Path, err)
	}
	ch := &Child{path: c.Path, p: p, out: p.Stdout(), fw: fw}
	fw.forwardTo(p, ch.giveUp)
	return ch, nil
}

// giveUp ends the child at a second signal: kill it, and close the read
// end of its output so that a read blocked on it returns.
func (c *Child) giveUp(s os.Signal) {
	c.mu.Lock()
	c.stopped = &Stopped{Signal: s}
	c.mu.Unlock()
	c.p.Kill()
	c.out.Close()
}

// Read reads the child's standard output. After a second signal it
// returns a *Stopped error.
func (c *Child) Read(b []byte) (int, error) {
	n, err := c.out.Read(b)
	if err != nil {
		c.mu.Lock()
		if c.stopped != nil {
			err = c.stopped
		}
		c.mu.Unlock()
	}
	return n, err
}

// Wait waits for the child to exit on its own once its output is read to
// the end, and returns its status as [Handler.Run] does.
func (c *Child) Wait() error {
	if c.waited {
		return c.status
	}
	st, err := c.p.Wait()
	c.fw.stop()
	c.waited = true
	c.status = exitError(c.path, st, err)
	c.mu.Lock()
	if c.stopped != nil {
		c.status = c.stopped
	}
	c.mu.Unlock()
	return c.status
}

// Stop stops reading the child's output and waits for it, giving it grace
// to exit on its own before it is killed. It returns the exit code the
// child chose when it exited with one other than 0, else 0.
func (c *Child) Stop(grace time.Duration) int {
	if c.waited {
		return 0
	}
	c.out.Close()
	done := make(chan Status, 1)
	go func() {
		st, _ := c.p.Wait()
		done <- st
	}()
	var st Status
	select {
	case st = <-done:
	case <-time.After(grace):
		c.p.Kill()
		st = <-done
	}
	c.fw.stop()
	c.waited = true
	if st.Signal == nil && st.Code > 0 {
		return st.Code
	}
	return 0
}

// Kill kills the child if it still runs (its output was not read to the
// end: a usage error, or the formatter stopped early) and waits for it.
func (c *Child) Kill() {
	if c.waited {
		return
	}
	c.out.Close()
	c.p.Kill()
	c.p.Wait()
	c.fw.stop()
	c.waited = true
}
