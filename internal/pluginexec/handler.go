package pluginexec

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"runtime"

	"github.com/longshore/longshore/command"
)

// Handler runs plugins. Its zero value runs them on the real operating
// system; each field, when set, replaces one thing it asks of it.
type Handler struct {
	// Runner replaces or starts processes; nil means [OS].
	Runner Runner
	// Environ is the app's environment; nil means os.Environ.
	Environ func() []string
	// Executable is the app's binary path; nil means os.Executable.
	Executable func() (string, error)
	// LookPath finds a command on PATH; nil means exec.LookPath.
	LookPath func(file string) (string, error)
	// Signals is how signals are caught; nil means os/signal.
	Signals Signals
	// Foreground reports whether the app's process group is the
	// foreground group of its controlling terminal; nil asks the terminal
	// (/dev/tty) on Unix.
	Foreground func() bool
	// GOOS is the platform whose rules apply; "" means runtime.GOOS.
	GOOS string
}

// Signals catches signals, as os/signal's Notify and Stop do.
type Signals interface {
	// Notify relays the signals sig to c.
	Notify(c chan<- os.Signal, sig ...os.Signal)
	// Stop stops relaying to c.
	Stop(c chan<- os.Signal)
}

type osSignals struct{}

func (osSignals) Notify(c chan<- os.Signal, sig ...os.Signal) { signal.Notify(c, sig...) }
func (osSignals) Stop(c chan<- os.Signal)                     { signal.Stop(c) }

func (h *Handler) runner() Runner {
	if h.Runner == nil {
		return OS
	}
	return h.Runner
}

func (h *Handler) environ() []string {
	if h.Environ == nil {
		return os.Environ()
	}
	return h.Environ()
}

func (h *Handler) executable() (string, error) {
	if h.Executable == nil {
		return os.Executable()
	}
	return h.Executable()
}

// Look finds file on PATH as the Handler's LookPath does (exec.LookPath by
// default), for the commands a plugin's manifest requires.
func (h *Handler) Look(file string) (string, error) {
	if h.LookPath == nil {
		return exec.LookPath(file)
	}
	return h.LookPath(file)
}

func (h *Handler) signals() Signals {
	if h.Signals == nil {
		return osSignals{}
	}
	return h.Signals
}

func (h *Handler) goos() string {
	if h.GOOS == "" {
		return runtime.GOOS
	}
	return h.GOOS
}

func (h *Handler) foreground() bool {
	if h.Foreground == nil {
		return inForeground()
	}
	return h.Foreground()
}

// CanExec reports whether the platform lets the app replace its process
// with a plugin: every Unix, not Windows.
func (h *Handler) CanExec() bool { return h.goos() != "windows" }

// Call is one run of a plugin.
type Call struct {
	// Path is the plugin's executable.
	Path string
	// Args are its arguments, after argv[0] (which is Path).
	Args []string
	// Env is its complete environment, as [Handler.Env] builds it.
	Env []string
	// IO are the streams it runs with: the app's own.
	IO *command.IOStreams
	// Child runs it as a child process even where the app could replace
	// itself with it: something runs after it (after-hooks), or the
	// interactive shell needs its prompt back.
	Child bool
	// BeforeExec, when set, runs just before the app's process is
	// replaced (close the log file); not before a child starts.
	BeforeExec func()
}

func (c *Call) argv() []string { return append([]string{c.Path}, c.Args...) }

// Run runs the plugin c describes and returns how it ended: nil for exit
// 0, a *command.ExitError with its code otherwise (128+N when signal N
// killed it, 126 when it cannot be executed). Where the platform allows
// and c.Child is not set, the app's process becomes the plugin and Run
// returns only when that failed. When ctx is already done (a signal
// stopped the app during start-up), the plugin does not run and the error
// is ctx's cause.
func (h *Handler) Run(ctx context.Context, c Call) error {
	if err := stopped(ctx); err != nil {
		return err
	}
	if !c.Child && h.CanExec() {
		if c.BeforeExec != nil {
			c.BeforeExec()
		}
		return startError(c.Path, h.runner().Exec(c.Path, c.argv(), c.Env))
	}
	fg := h.foreground()
	fw := h.catch(fg)
	defer fw.stop()
	p, err := h.runner().Start(&Cmd{
		Path: c.Path, Args: c.argv(), Env: c.Env,
		Stdin: c.IO.In, Stdout: c.IO.Out, Stderr: c.IO.ErrOut,
		OwnGroup: h.ownGroup(fg),
	})
	if err != nil {
		return startError(c.Path, err)
	}
	fw.forwardTo(p, nil)
	st, err := p.Wait()
	return exitError(c.Path, st, err)
}

// ownGroup reports whether a child starts in a process group of its own:
// on Unix when the app is not in the foreground of a terminal. A signal
// sent to the app's whole group (by timeout, a CI runner or a process
// manager) then reaches the plugin once, forwarded by the app. In the
// foreground the plugin stays in the app's group, the terminal's, which
// it may read and which sends it Ctrl-C itself.
func (h *Handler) ownGroup(foreground bool) bool {
	return h.goos() != "windows" && !foreground
}

// exitError turns how a child ended into the app's error.
func exitError(path string, st Status, err error) error {
	if err != nil {
		return fmt.Errorf("run %s: %w", path, err)
	}
	if code := st.ExitCode(); code != 0 {
		return &command.ExitError{Code: code}
	}
	return nil
}
