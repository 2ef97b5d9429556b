package cli

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"syscall"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/discovery"
)

// exitCannotExecute is the exit code for a plugin found but not runnable.
const exitCannotExecute = 126

// forwarded are the signals a child plugin receives from the app.
var forwarded = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT}

// runExternal runs an external command between the hooks that match it:
// replacing the app's process when nothing has to run after it, else as a
// child.
func (r *run) runExternal(call *externalCall) error {
	p := call.plugin
	if err := r.checkExternal(p); err != nil {
		return err
	}
	logger, closer, err := r.opts.openLog(r.io.ErrOut)
	if err != nil {
		return err
	}
	r.logger, r.closer = logger, closer
	// The arguments are counted, never logged: they may hold secrets.
	r.logger.Debug("running external plugin", "plugin", p.Name, "path", p.Path, "nargs", len(call.args))
	hs := r.externalHooks(p)
	if kind := structuredKind(p, call.args); kind != 0 {
		return r.runStructured(call, kind, hs)
	}
	return r.runHooked(hs, r.externalInvocation(p, call.args), func() error {
		argv := append([]string{p.Path}, call.args...)
		env := r.pluginEnv(p)
		if !r.needsChild(hs) {
			r.close()
			r.closer = nil
			return execError(p.Path, syscall.Exec(p.Path, argv, env))
		}
		return r.runChild(p.Path, argv, env)
	})
}

// needsChild reports whether the plugin must run as a child process
// because something has to run after it (after-hooks, structured output)
// or the interactive shell has to get its prompt back. Otherwise the app
// replaces itself with the plugin.
func (r *run) needsChild(hs *hookSet) bool {
	return r.app.PluginsAsChild || r.inShell || hs.runsAfter()
}

// runChild runs a plugin as a child with the app's streams, forwarding
// SIGINT, SIGTERM, SIGHUP and SIGQUIT, and returns its exit code as an
// *command.ExitError (128+N when a signal N killed it). A Ctrl-C or Ctrl-\
// typed at the terminal the app runs in the foreground of is not forwarded:
// the terminal sends it to the child too.
func (r *run) runChild(path string, argv, env []string) error {
	c := &exec.Cmd{Path: path, Args: argv, Env: env, Stdin: r.io.In, Stdout: r.io.Out, Stderr: r.io.ErrOut}
	sf := catchSignals(r.controllingTTY())
	defer sf.stop()
	if err := c.Start(); err != nil {
		return execError(path, err)
	}
	sf.forwardTo(c.Process)
	return exitStatus(path, c.Wait())
}

// signalForwarder passes the signals the app catches to a child plugin.
// A Ctrl-C or Ctrl-\ typed at the terminal tty the app runs in the
// foreground of is not forwarded: the terminal sends it to the child too.
type signalForwarder struct {
	sigs chan os.Signal
	done chan struct{}
	tty  *os.File
}

// catchSignals catches SIGINT, SIGTERM, SIGHUP and SIGQUIT until stop; tty
// is the app's controlling terminal, or nil.
func catchSignals(tty *os.File) *signalForwarder {
	sf := &signalForwarder{sigs: make(chan os.Signal, 4), done: make(chan struct{}), tty: tty}
	signal.Notify(sf.sigs, forwarded...)
	return sf
}

// forwardTo sends the signals caught to p until stop.
func (sf *signalForwarder) forwardTo(p *os.Process) {
	go func() {
		for {
			select {
			case s := <-sf.sigs:
				if shouldForward(s, sf.tty) {
					p.Signal(s)
				}
			case <-sf.done:
				return
			}
		}
	}()
}

// stop stops catching and forwarding.
func (sf *signalForwarder) stop() {
	signal.Stop(sf.sigs)
	close(sf.done)
}

// exitStatus turns what Wait returned into the app's error: the plugin's
// exit code as an *command.ExitError (128+N when a signal N killed it).
func exitStatus(path string, err error) error {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code := ee.ExitCode()
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			code = 128 + int(ws.Signal())
		}
		return &command.ExitError{Code: code}
	}
	if err != nil {
		return fmt.Errorf("run %s: %w", path, err)
	}
	return nil
}

// execError turns a failure to start path into a clear error, exit 126.
func execError(path string, err error) error {
	if err == nil {
		return nil
	}
	var reason string
	switch {
	case errors.Is(err, syscall.ENOENT):
		if interp := interpreter(path); interp != "" {
			reason = fmt.Sprintf("its interpreter %s (from the #! line) was not found", interp)
		} else {
			reason = "file not found"
		}
	case errors.Is(err, syscall.EACCES):
		reason = "permission denied"
	case errors.Is(err, syscall.ENOEXEC):
		reason = "not a binary for this machine nor a script starting with #!"
	default:
		reason = err.Error()
	}
	return &command.ExitError{Code: exitCannotExecute, Err: fmt.Errorf("cannot execute %s: %s", path, reason)}
}

// interpreter returns the program named by path's "#!" line, or "".
func interpreter(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	line, _ := bufio.NewReader(f).ReadString('\n')
	rest, ok := strings.CutPrefix(line, "#!")
	if !ok {
		return ""
	}
	fields := strings.Fields(rest)
	if len(fields) == 0 {
		return ""
	}
	return fields[0]
}

// pluginEnv is the environment of an external plugin: the app's own plus
// the documented <APP>_* variables.
func (r *run) pluginEnv(p *discovery.Plugin) []string {
	prefix := r.app.envPrefix()
	exe, _ := os.Executable()
	verbosity := r.opts.verbose
	switch {
	case r.opts.debug:
		verbosity = 3
	case r.opts.quiet:
		verbosity = -1
	}
	set := map[string]string{
		prefix + "_PLUGIN_NAME": p.Name,
		prefix + "_EXECUTABLE":  exe,
		prefix + "_CONFIG":      discovery.ConfigPath(r.app.Name, prefix, r.opts.config, r.app.getenv),
		prefix + "_VERBOSITY":   strconv.Itoa(verbosity),
	}
	if f := r.root.PersistentFlags().Lookup("format"); f != nil && f.Changed {
		set[prefix+"_FORMAT"] = f.Value.String()
	}
	env := make([]string, 0, len(os.Environ())+len(set))
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		// Structured output is asked for only by runStructured.
		if _, ours := set[k]; !ours && k != prefix+"_FORMAT" && k != prefix+"_OUTPUT" && k != outputEnv {
			env = append(env, kv)
		}
	}
	for _, k := range []string{prefix + "_PLUGIN_NAME", prefix + "_EXECUTABLE", prefix + "_CONFIG", prefix + "_VERBOSITY", prefix + "_FORMAT"} {
		if v, ok := set[k]; ok {
			env = append(env, k+"="+v)
		}
	}
	return env
}

// controllingTTY returns the app's standard input when it is a terminal,
// the one whose Ctrl-C reaches the whole foreground process group.
func (r *run) controllingTTY() *os.File {
	if f, ok := r.io.In.(*os.File); ok && isTerminal(f) {
		return f
	}
	return nil
}
