package pluginexec

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"syscall"
)

// Runner is the operating-system side of running a plugin: replacing the
// app's process, and starting a child. [OS] is the real one; tests use a
// recording fake.
type Runner interface {
	// Exec replaces the current process with path, given argv (argv[0]
	// included) and env. It returns only when it failed; on a platform
	// without exec it returns [ErrNoExec].
	Exec(path string, argv, env []string) error
	// Start starts a child process as cmd describes.
	Start(cmd *Cmd) (Process, error)
}

// ErrNoExec is what Runner.Exec returns on a platform that cannot replace
// a process (Windows).
var ErrNoExec = errors.New("replacing the process is not supported on this platform")

// Cmd describes a child process to start.
type Cmd struct {
	// Path is the executable.
	Path string
	// Args is argv, Args[0] included.
	Args []string
	// Env is the complete environment.
	Env []string
	// Stdin, Stdout and Stderr are the child's streams; Stdout is ignored
	// when PipeStdout is set.
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// PipeStdout gives the child a pipe as its standard output, whose
	// read end is Process.Stdout.
	PipeStdout bool
	// OwnGroup starts the child in a process group of its own (Unix), so
	// that a signal sent to the app's group reaches it only through the
	// app.
	OwnGroup bool
}

// Process is a started child.
type Process interface {
	// Stdout is the read end of the child's standard output when
	// Cmd.PipeStdout was set, else nil.
	Stdout() io.ReadCloser
	// Signal sends sig to the child.
	Signal(sig os.Signal) error
	// Kill kills the child at once.
	Kill() error
	// Wait waits for the child to end and tells how it did. The error is
	// for a failure to wait, not for a non-zero exit.
	Wait() (Status, error)
}

// Status is how a child ended.
type Status struct {
	// Code is its exit code, when it exited.
	Code int
	// Signal is the signal that killed it, or nil.
	Signal os.Signal
}

// ExitCode is the code the app exits with for s: the child's own, or
// 128+N when signal N killed it, as a POSIX shell reports it.
func (s Status) ExitCode() int {
	if s.Signal != nil {
		return SignalCode(s.Signal)
	}
	return s.Code
}

// SignalCode is 128+N for signal N (130 for SIGINT, 143 for SIGTERM); 1
// for a signal without a number.
func SignalCode(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 1
}

// OS is the Runner of the running operating system.
var OS Runner = osRunner{}

type osRunner struct{}

func (osRunner) Exec(path string, argv, env []string) error { return execProcess(path, argv, env) }

func (osRunner) Start(c *Cmd) (Process, error) {
	cmd := &exec.Cmd{Path: c.Path, Args: c.Args, Env: c.Env, Stdin: c.Stdin, Stdout: c.Stdout, Stderr: c.Stderr}
	p := &osProcess{cmd: cmd}
	if c.PipeStdout {
		cmd.Stdout = nil
		out, err := cmd.StdoutPipe()
		if err != nil {
			return nil, err
		}
		p.out = out
	}
	if c.OwnGroup {
		ownGroup(cmd)
	}
	if err := cmd.Start(); err != nil {
		if p.out != nil {
			p.out.Close()
		}
		return nil, err
	}
	return p, nil
}

type osProcess struct {
	cmd *exec.Cmd
	out io.ReadCloser
}

func (p *osProcess) Stdout() io.ReadCloser    { return p.out }
func (p *osProcess) Signal(s os.Signal) error { return p.cmd.Process.Signal(s) }
func (p *osProcess) Kill() error              { return p.cmd.Process.Kill() }

func (p *osProcess) Wait() (Status, error) {
	err := p.cmd.Wait()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return Status{Code: ee.ExitCode(), Signal: killedBy(ee.ProcessState)}, nil
	}
	if err != nil {
		return Status{}, err
	}
	return Status{}, nil
}
