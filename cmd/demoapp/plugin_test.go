package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// childApp is demoapp running external plugins as children, as it does
// when something has to run after them, for the signal scenarios.
func childApp() {
	app := newApp()
	app.PluginsAsChild = true
	os.Exit(app.Run(context.Background(), os.Args[1:]))
}

var (
	examplesOnce sync.Once
	examplesBin  string
	examplesErr  error
	goCache      string
)

// buildExamples builds the Go example plugin once per test binary, into a
// directory the scripts find as $EXAMPLEBIN; $EXAMPLES is examples/plugins.
func buildExamples(t *testing.T) (bin, src string) {
	src, err := filepath.Abs("../../examples/plugins")
	if err != nil {
		t.Fatal(err)
	}
	examplesOnce.Do(func() {
		examplesBin, examplesErr = os.MkdirTemp("", "demoapp-examples")
		if examplesErr != nil {
			return
		}
		out, err := exec.Command("go", "env", "GOCACHE").Output()
		if err != nil {
			examplesErr = errors.New("go env GOCACHE: " + err.Error())
			return
		}
		goCache = strings.TrimSpace(string(out))
		cmd := exec.Command("go", "build", "-o", examplesBin, "./go/demoapp-hello", "./structured/demoapp-lines")
		cmd.Dir = src
		out, err = cmd.CombinedOutput()
		if err != nil {
			examplesErr = errors.New("build examples/plugins/go: " + err.Error() + "\n" + string(out))
		}
	})
	if examplesErr != nil {
		t.Fatal(examplesErr)
	}
	return examplesBin, src
}

// interrupt [-TERM] READY WANT-CODE PROG ARGS... starts PROG from the
// script's PATH with the script's directories, waits until it is ready —
// READY is a file that appears (the plugin is running), or "stdout" for a
// first line on its standard output — sends SIGINT (SIGTERM with -TERM)
// to PROG only (not to its process group) and checks that it exits with
// WANT-CODE. Its stdout and stderr become the command's.
func interrupt(ts *testscript.TestScript, neg bool, args []string) {
	sig := syscall.SIGINT
	if len(args) > 0 && args[0] == "-TERM" {
		sig, args = syscall.SIGTERM, args[1:]
	}
	if neg || len(args) < 3 {
		ts.Fatalf("usage: interrupt [-TERM] READY-FILE|stdout WANT-CODE PROG ARGS...")
	}
	want, err := strconv.Atoi(args[1])
	ts.Check(err)
	path := lookPath(ts.Getenv("PATH"), args[2])
	if path == "" {
		ts.Fatalf("%s not found on PATH", args[2])
	}
	cmd := exec.Command(path, args[3:]...)
	cmd.Dir = ts.MkAbs(".")
	env := os.Environ()
	for _, k := range []string{"PATH", "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "DEMOAPP_PLUGIN_PATH"} {
		env = append(env, k+"="+ts.Getenv(k))
	}
	cmd.Env = env
	stdout := &lineWatcher{}
	var stderr strings.Builder
	cmd.Stdout, cmd.Stderr = stdout, &stderr
	isReady := func() bool { return stdout.hasLine() }
	if args[0] != "stdout" {
		ready := ts.MkAbs(args[0])
		isReady = func() bool {
			_, err := os.Stat(ready)
			return err == nil
		}
	}
	ts.Check(cmd.Start())
	deadline := time.Now().Add(tmuxWaitFor) // a limit on waiting, as in tmux-wait
	for {
		if isReady() {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			ts.Fatalf("%s did not appear", args[0])
		}
		time.Sleep(10 * time.Millisecond)
	}
	ts.Check(cmd.Process.Signal(sig))
	err = cmd.Wait()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			code = 128 + int(ws.Signal())
		}
	} else {
		ts.Check(err)
	}
	ts.Stdout().Write([]byte(stdout.String()))
	ts.Stderr().Write([]byte(stderr.String()))
	if code != want {
		ts.Fatalf("%s exited with %d, want %d\nstdout: %s\nstderr: %s", args[2], code, want, stdout.String(), stderr.String())
	}
}

// lineWatcher is a program's standard output, kept, that tells whether a
// whole line has come.
type lineWatcher struct {
	mu   sync.Mutex
	buf  strings.Builder
	line bool
}

func (w *lineWatcher) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.line = w.line || strings.IndexByte(string(p), '\n') >= 0
	return w.buf.Write(p)
}

func (w *lineWatcher) hasLine() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.line
}

func (w *lineWatcher) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

func lookPath(pathList, name string) string {
	for _, dir := range filepath.SplitList(pathList) {
		p := filepath.Join(dir, name)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
			return p
		}
	}
	return ""
}

// sigCount is a test plugin that counts the SIGINTs it receives: it prints
// "ready", waits for a first SIGINT, counts those that follow within a
// second, prints "interrupts: N" and exits 130. Go's handler sees each
// delivery, where a shell's trap would merge two that arrive together.
// The wait for the first is bounded by sigCountWait only so that a failing
// run ends; a loaded machine may take long to send it.
func sigCount() {
	sigs := make(chan os.Signal, 8)
	signal.Notify(sigs, syscall.SIGINT)
	os.Stdout.WriteString("ready\n")
	n := 0
	select {
	case <-sigs:
		n++
	case <-time.After(sigCountWait):
	}
	deadline := time.After(time.Second)
	for done := false; !done; {
		select {
		case <-sigs:
			n++
		case <-deadline:
			done = true
		}
	}
	os.Stdout.WriteString("interrupts: " + strconv.Itoa(n) + "\n")
	os.Exit(130)
}

// sigCountWait bounds how long sigCount waits for the first SIGINT. It is
// far longer than tmux-wait's limit, so that the script, not the plugin,
// reports a Ctrl-C that never came.
const sigCountWait = 5 * time.Minute
