package cli

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/pluginexec"
)

// recordingRunner records the plugins an App runs, starting none: an
// exec "works" (returns nil), a child ends with status.
type recordingRunner struct {
	mu     sync.Mutex
	execs  []*pluginexec.Cmd
	starts []*pluginexec.Cmd
	status pluginexec.Status
}

func (r *recordingRunner) Exec(path string, argv, env []string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.execs = append(r.execs, &pluginexec.Cmd{Path: path, Args: argv, Env: env})
	return nil
}

func (r *recordingRunner) Start(c *pluginexec.Cmd) (pluginexec.Process, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.starts = append(r.starts, c)
	return endedProcess{r.status}, nil
}

type endedProcess struct{ st pluginexec.Status }

func (endedProcess) Stdout() io.ReadCloser              { return nil }
func (endedProcess) Signal(os.Signal) error             { return nil }
func (endedProcess) Kill() error                        { return nil }
func (p endedProcess) Wait() (pluginexec.Status, error) { return p.st, nil }

// pluginApp is a test App with the plugin dir dir and a recording runner.
func pluginApp(t *testing.T, dir string, rr *recordingRunner) *App {
	a, _, _ := testApp(t)
	env := map[string]string{"TAPP_PLUGIN_PATH": dir, "HOME": t.TempDir()}
	a.Getenv = func(k string) string { return env[k] }
	a.pluginExec = &pluginexec.Handler{
		Runner:     rr,
		Environ:    func() []string { return []string{"PATH=/bin", "TAPP_FORMAT=stale"} },
		Executable: func() (string, error) { return "/usr/bin/tapp", nil },
		Foreground: func() bool { return true },
	}
	return a
}

func TestExternalExecOrChild(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "tapp-hello"), []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	plugin := filepath.Join(dir, "tapp-hello")

	// Nothing runs after it: the app becomes the plugin, whose arguments
	// are its own, with the documented environment.
	rr := &recordingRunner{}
	a := pluginApp(t, dir, rr)
	if code := a.Run(t.Context(), []string{"-v", "-v", "hello", "--config", "x", "-f", "json"}); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if len(rr.execs) != 1 || len(rr.starts) != 0 {
		t.Fatalf("execs %d, starts %d; want one exec", len(rr.execs), len(rr.starts))
	}
	c := rr.execs[0]
	if want := []string{plugin, "--config", "x", "-f", "json"}; c.Path != plugin || !slices.Equal(c.Args, want) {
		t.Errorf("exec %s %q, want %q", c.Path, c.Args, want)
	}
	for _, kv := range []string{"PATH=/bin", "TAPP_PLUGIN_NAME=hello", "TAPP_EXECUTABLE=/usr/bin/tapp", "TAPP_VERBOSITY=2"} {
		if !slices.Contains(c.Env, kv) {
			t.Errorf("environment %q lacks %s", c.Env, kv)
		}
	}
	if slices.ContainsFunc(c.Env, func(kv string) bool { return strings.HasPrefix(kv, "TAPP_FORMAT=") }) {
		t.Errorf("environment %q has a TAPP_FORMAT the user did not give", c.Env)
	}

	// PluginsAsChild: a child, whose code (128+N when killed) is the app's.
	rr = &recordingRunner{status: pluginexec.Status{Code: -1, Signal: syscall.SIGTERM}}
	a = pluginApp(t, dir, rr)
	a.PluginsAsChild = true
	if code := a.Run(t.Context(), []string{"hello"}); code != 143 {
		t.Errorf("exit %d, want 143", code)
	}
	if len(rr.execs) != 0 || len(rr.starts) != 1 {
		t.Fatalf("execs %d, starts %d; want one child", len(rr.execs), len(rr.starts))
	}

	// Windows: always a child, its exit code passed through.
	rr = &recordingRunner{status: pluginexec.Status{Code: 3}}
	a = pluginApp(t, dir, rr)
	a.pluginExec.GOOS = "windows"
	if code := a.Run(t.Context(), []string{"hello"}); code != 3 {
		t.Errorf("exit %d, want 3", code)
	}
	if len(rr.execs) != 0 || len(rr.starts) != 1 {
		t.Fatalf("windows: execs %d, starts %d; want one child", len(rr.execs), len(rr.starts))
	}
}

// countingSignals catches no signal; it counts the catchers armed.
type countingSignals struct {
	mu     sync.Mutex
	notify int
}

func (s *countingSignals) Notify(chan<- os.Signal, ...os.Signal) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.notify++
}

func (*countingSignals) Stop(chan<- os.Signal) {}

// TestRunArmsOneSignalCatcher pins that a run catches the stop signals
// at most once, and only where something runs in this process: a
// compiled-in command, once it starts (App.Run's guard), not a second
// time around it. An exec'd plugin catches none: os/signal would start a
// goroutine and a thread for nothing, and during start-up a signal's
// default action already ends the process.
func TestRunArmsOneSignalCatcher(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "tapp-hello"), []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		arg  string
		want int
	}{{"hello", 0}, {"greet", 1}} {
		rr := &recordingRunner{}
		a := pluginApp(t, dir, rr)
		if err := a.AddCommand("greet", func() command.Command { return &hello{} }); err != nil {
			t.Fatal(err)
		}
		sigs := &countingSignals{}
		a.pluginExec.Signals = sigs
		if code := a.Run(t.Context(), []string{tc.arg}); code != 0 {
			t.Fatalf("%s: exit %d", tc.arg, code)
		}
		if sigs.notify != tc.want {
			t.Errorf("%s: the stop signals were caught %d times, want %d", tc.arg, sigs.notify, tc.want)
		}
	}
}
