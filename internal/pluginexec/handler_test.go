package pluginexec

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/longshore/longshore/command"
)

func testIO() *command.IOStreams {
	return &command.IOStreams{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}
}

// exitCodeOf is the code err carries: 0 for nil, an ExitError's, or -1.
func exitCodeOf(err error) int {
	var ee *command.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.Code
	}
	return -1
}

func TestRunExecOrChild(t *testing.T) {
	tests := []struct {
		name      string
		goos      string
		child     bool
		wantExec  bool
		wantGroup bool // OwnGroup of the child, when there is one
	}{
		{"unix, nothing after: exec", "linux", false, true, false},
		{"darwin, nothing after: exec", "darwin", false, true, false},
		{"unix, something after: child", "linux", true, false, true},
		{"windows, nothing after: child all the same", "windows", false, false, false},
		{"windows, something after: child", "windows", true, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fr := &fakeRunner{proc: newFakeProcess(Status{})}
			fr.proc.end()
			h := &Handler{Runner: fr, GOOS: tt.goos, Signals: newFakeSignals(), Foreground: func() bool { return false }}
			closed := false
			io := testIO()
			err := h.Run(context.Background(), Call{
				Path: "/p/demoapp-x", Args: []string{"a", "--config", "b"}, Env: []string{"K=V"}, IO: io,
				Child: tt.child, BeforeExec: func() { closed = true },
			})
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			wantArgv := []string{"/p/demoapp-x", "a", "--config", "b"}
			if tt.wantExec {
				if len(fr.execs) != 1 || len(fr.starts) != 0 {
					t.Fatalf("execs %d, starts %d; want an exec", len(fr.execs), len(fr.starts))
				}
				c := fr.execs[0]
				if c.Path != "/p/demoapp-x" || !slices.Equal(c.Args, wantArgv) || !slices.Equal(c.Env, []string{"K=V"}) {
					t.Errorf("exec %q %q %q", c.Path, c.Args, c.Env)
				}
				if !closed {
					t.Error("BeforeExec was not called before exec")
				}
				return
			}
			if len(fr.execs) != 0 || len(fr.starts) != 1 {
				t.Fatalf("execs %d, starts %d; want a child", len(fr.execs), len(fr.starts))
			}
			c := fr.starts[0]
			if c.Path != "/p/demoapp-x" || !slices.Equal(c.Args, wantArgv) || !slices.Equal(c.Env, []string{"K=V"}) {
				t.Errorf("start %q %q %q", c.Path, c.Args, c.Env)
			}
			if c.Stdin != io.In || c.Stdout != io.Out || c.Stderr != io.ErrOut || c.PipeStdout {
				t.Error("the child does not run with the app's streams")
			}
			if c.OwnGroup != tt.wantGroup {
				t.Errorf("OwnGroup %v, want %v", c.OwnGroup, tt.wantGroup)
			}
			if closed {
				t.Error("BeforeExec was called for a child")
			}
		})
	}
}

func TestRunChildExitCode(t *testing.T) {
	tests := []struct {
		name   string
		goos   string
		status Status
		want   int
	}{
		{"success", "linux", Status{Code: 0}, 0},
		{"own code", "linux", Status{Code: 42}, 42},
		{"killed by SIGINT", "linux", Status{Code: -1, Signal: syscall.SIGINT}, 130},
		{"killed by SIGTERM", "linux", Status{Code: -1, Signal: syscall.SIGTERM}, 143},
		{"killed by SIGKILL", "darwin", Status{Code: -1, Signal: syscall.SIGKILL}, 137},
		{"windows passes the code through", "windows", Status{Code: 3}, 3},
		{"windows, a large code", "windows", Status{Code: 0xC000013A}, 0xC000013A},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fr := &fakeRunner{proc: newFakeProcess(tt.status)}
			fr.proc.end()
			h := &Handler{Runner: fr, GOOS: tt.goos, Signals: newFakeSignals(), Foreground: func() bool { return true }}
			err := h.Run(context.Background(), Call{Path: "/p/x", IO: testIO(), Child: true})
			if got := exitCodeOf(err); got != tt.want {
				t.Errorf("exit code %d (%v), want %d", got, err, tt.want)
			}
			var ee *command.ExitError
			if errors.As(err, &ee) && ee.Err != nil {
				t.Errorf("a plugin's own exit prints nothing, got %q", ee.Err)
			}
		})
	}
}

func TestCannotExecute(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "demoapp-noint")
	if err := os.WriteFile(script, []byte("#!/no/such/interpreter -x\necho\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		path string
		err  error
		want string
	}{
		{"missing interpreter", script, &os.PathError{Op: "fork/exec", Path: script, Err: syscall.ENOENT},
			"cannot execute " + script + ": its interpreter /no/such/interpreter (from the #! line) was not found"},
		{"missing file", filepath.Join(dir, "gone"), &os.PathError{Op: "fork/exec", Err: syscall.ENOENT},
			"cannot execute " + filepath.Join(dir, "gone") + ": file not found"},
		{"permission", "/p/x", &os.PathError{Op: "fork/exec", Err: syscall.EACCES}, "cannot execute /p/x: permission denied"},
		{"not a binary", "/p/x", syscall.ENOEXEC, "cannot execute /p/x: not a binary for this machine nor a script starting with #!"},
		{"other", "/p/x", errors.New("too many files"), "cannot execute /p/x: too many files"},
	}
	for _, tt := range tests {
		for _, child := range []bool{false, true} {
			fr := &fakeRunner{execErr: tt.err, startErr: tt.err}
			h := &Handler{Runner: fr, GOOS: "linux", Signals: newFakeSignals(), Foreground: func() bool { return true }}
			err := h.Run(context.Background(), Call{Path: tt.path, IO: testIO(), Child: child})
			if got := exitCodeOf(err); got != 126 {
				t.Errorf("%s (child %v): exit code %d, want 126", tt.name, child, got)
			}
			if err == nil || err.Error() != tt.want {
				t.Errorf("%s (child %v): error %q, want %q", tt.name, child, err, tt.want)
			}
		}
	}
}

func TestRunStoppedBeforeStart(t *testing.T) {
	for _, child := range []bool{false, true} {
		fr := &fakeRunner{}
		h := &Handler{Runner: fr, GOOS: "linux", Signals: newFakeSignals(), Foreground: func() bool { return true }}
		ctx, cancel := context.WithCancelCause(context.Background())
		cancel(&Stopped{Signal: syscall.SIGTERM})
		err := h.Run(ctx, Call{Path: "/p/x", IO: testIO(), Child: child})
		var st *Stopped
		if !errors.As(err, &st) || st.Code() != 143 || !errors.Is(err, context.Canceled) {
			t.Errorf("child %v: err %v, want stopped by SIGTERM (143)", child, err)
		}
		if len(fr.execs)+len(fr.starts) != 0 {
			t.Errorf("child %v: the plugin ran after the app was stopped", child)
		}
		if _, err := h.Start(ctx, Call{Path: "/p/x", IO: testIO()}); !errors.As(err, &st) || len(fr.starts) != 0 {
			t.Errorf("Start: err %v, starts %d; want stopped, none", err, len(fr.starts))
		}
	}
}

func TestNotifyStop(t *testing.T) {
	fs := newFakeSignals()
	h := &Handler{Signals: fs}
	ctx, release := h.NotifyStop(context.Background())
	defer release()
	within(t, fs.notified, "Notify")
	fs.send(syscall.SIGTERM)
	within(t, ctx.Done(), "the context to be cancelled")
	if s := StopSignal(ctx, nil); s != syscall.SIGTERM {
		t.Errorf("StopSignal = %v, want SIGTERM", s)
	}
	if code := exitCodeOf(nil); code != 0 {
		t.Fatal(code)
	}
	var st *Stopped
	if !errors.As(context.Cause(ctx), &st) || st.Code() != 143 {
		t.Errorf("cause %v, want stopped by SIGTERM", context.Cause(ctx))
	}
	release()
	if fs.caught() != 0 {
		t.Error("release did not stop catching")
	}
	// A context released without a signal tells of none.
	ctx2, release2 := h.NotifyStop(context.Background())
	release2()
	if s := StopSignal(ctx2, context.Canceled); s != nil {
		t.Errorf("StopSignal after release = %v, want nil", s)
	}
}

func TestLookPathInjected(t *testing.T) {
	h := &Handler{LookPath: func(f string) (string, error) { return "/fake/" + f, nil }}
	if p, _ := h.Look("du"); p != "/fake/du" {
		t.Errorf("Look = %q", p)
	}
}

var _ io.Reader = (*Child)(nil)

func TestGuardStartup(t *testing.T) {
	fs := newFakeSignals()
	h := &Handler{Signals: fs}

	// During start-up nothing is caught: a stop signal takes its default
	// action and ends the process at once.
	ctx, g := h.GuardStartup(context.Background())
	if n := fs.caught(); n != 0 {
		t.Fatalf("start-up catches %d signal sets, want none", n)
	}
	// Handing the process over (exec, a child the signals are forwarded
	// to) catches nothing either.
	if err := g.HandOff(ctx); err != nil {
		t.Fatalf("HandOff = %v, want nil", err)
	}
	if n := fs.caught(); n != 0 {
		t.Fatalf("HandOff catches %d signal sets, want none", n)
	}
	g.Release()
	if ctx.Err() == nil {
		t.Error("Release leaves the context live")
	}

	// A command that runs in this process catches them once started: a
	// stop signal cancels the context, with the signal as its cause.
	ctx, g = h.GuardStartup(context.Background())
	if err := g.Started(ctx); err != nil {
		t.Fatalf("Started = %v, want nil", err)
	}
	within(t, fs.notified, "Notify")
	fs.send(os.Interrupt)
	within(t, ctx.Done(), "the context to be cancelled")
	if s := StopSignal(ctx, nil); s != os.Interrupt {
		t.Errorf("StopSignal = %v, want SIGINT", s)
	}
	g.Release()
	g.Release() // again: nothing
	if n := fs.caught(); n != 0 {
		t.Errorf("after Release %d signal sets are caught, want none", n)
	}

	// A context already done (the caller's) stops the run at either end.
	done, cancel := context.WithCancelCause(context.Background())
	cancel(&Stopped{Signal: syscall.SIGTERM})
	ctx, g = h.GuardStartup(done)
	defer g.Release()
	if err := g.Started(ctx); StopSignal(ctx, err) != syscall.SIGTERM {
		t.Errorf("Started = %v, want stopped by SIGTERM", err)
	}
	if err := g.HandOff(ctx); StopSignal(ctx, err) != syscall.SIGTERM {
		t.Errorf("HandOff = %v, want stopped by SIGTERM", err)
	}
	var nilGuard *Stopper
	if err := nilGuard.Started(ctx); err == nil {
		t.Error("a nil Stopper's Started ignores a done context")
	}
	if err := nilGuard.HandOff(ctx); err == nil {
		t.Error("a nil Stopper's HandOff ignores a done context")
	}
}
