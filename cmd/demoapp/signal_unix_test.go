//go:build unix

package main

import (
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// Programs and a testscript command for the signal scenarios that need
// a process group of their own or a FIFO (plugin_signal_*.txtar,
// startup_signal.txtar).

// sendsig [-TERM|-KILL] [-group] [-fifo] [-again FILE] READY WANT-CODE PROG ARGS...
// starts PROG from the script's PATH in a session of its own, without a
// terminal (as CI, timeout or systemd run it), waits for READY to appear
// (with -fifo, READY is a FIFO and it waits for PROG to open it for
// reading, keeping it open for writing, with nothing written, until PROG
// ends), then sends SIGINT (SIGTERM with -TERM, SIGKILL with -KILL) to
// PROG, or with -group to
// its whole process group. With -again, once FILE appears it sends the
// signal a second time. It checks that PROG exits with WANT-CODE within
// 20 s; PROG's stdout and stderr become the command's.
func sendsig(ts *testscript.TestScript, neg bool, args []string) {
	sig := syscall.SIGINT
	group, fifo, again := false, false, ""
	for len(args) > 0 && strings.HasPrefix(args[0], "-") {
		switch args[0] {
		case "-TERM":
			sig = syscall.SIGTERM
		case "-KILL":
			sig = syscall.SIGKILL
		case "-group":
			group = true
		case "-fifo":
			fifo = true
		case "-again":
			if len(args) < 2 {
				ts.Fatalf("-again needs a file")
			}
			again = ts.MkAbs(args[1])
			args = args[1:]
		default:
			ts.Fatalf("unknown option %s", args[0])
		}
		args = args[1:]
	}
	if neg || len(args) < 3 {
		ts.Fatalf("usage: sendsig [-TERM|-KILL] [-group] [-fifo] [-again FILE] READY WANT-CODE PROG ARGS...")
	}
	ready := ts.MkAbs(args[0])
	want, err := strconv.Atoi(args[1])
	ts.Check(err)
	path := lookPath(ts.Getenv("PATH"), args[2])
	if path == "" {
		ts.Fatalf("%s not found on PATH", args[2])
	}
	cmd := exec.Command(path, args[3:]...)
	cmd.Dir = ts.MkAbs(".")
	cmd.Env = scriptEnv(ts)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	ts.Check(cmd.Start())
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	fail := func(format string, a ...any) {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-exited
		ts.Fatalf(format+"\nstdout: %s\nstderr: %s", append(a, stdout.String(), stderr.String())...)
	}
	deadline := time.Now().Add(20 * time.Second)
	// await waits for cond, failing if PROG ends or the deadline passes.
	await := func(what string, cond func() bool) {
		for !cond() {
			select {
			case err := <-exited:
				exited <- err
				fail("%s ended (%v) before %s", args[2], err, what)
			default:
			}
			if time.Now().After(deadline) {
				fail("timed out waiting for %s", what)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	if fifo {
		var w *os.File
		await("it opened "+args[0], func() bool {
			// Opening a FIFO for writing without blocking works only
			// once a reader has it open.
			f, err := os.OpenFile(ready, os.O_WRONLY|syscall.O_NONBLOCK, 0)
			w = f
			return err == nil
		})
		defer w.Close()
	} else {
		await(args[0]+" to appear", func() bool { _, err := os.Stat(ready); return err == nil })
	}
	send := func() {
		if group {
			ts.Check(syscall.Kill(-cmd.Process.Pid, sig))
		} else {
			ts.Check(cmd.Process.Signal(sig))
		}
	}
	send()
	if again != "" {
		await(again+" to appear", func() bool { _, err := os.Stat(again); return err == nil })
		send()
	}
	var werr error
	select {
	case werr = <-exited:
	case <-time.After(time.Until(deadline)):
		fail("%s did not exit after the signal", args[2])
	}
	code := 0
	var ee *exec.ExitError
	if errors.As(werr, &ee) {
		code = ee.ExitCode()
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			code = 128 + int(ws.Signal())
		}
	} else {
		ts.Check(werr)
	}
	ts.Stdout().Write([]byte(stdout.String()))
	ts.Stderr().Write([]byte(stderr.String()))
	if code != want {
		ts.Fatalf("%s exited with %d, want %d\nstdout: %s\nstderr: %s", args[2], code, want, stdout.String(), stderr.String())
	}
}

// scriptEnv is the test's environment with the script's own settings.
func scriptEnv(ts *testscript.TestScript) []string {
	env := os.Environ()
	for _, k := range []string{"PATH", "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "DEMOAPP_PLUGIN_PATH", "SLOWSTART"} {
		env = append(env, k+"="+ts.Getenv(k))
	}
	return env
}

// sigTally is a test plugin that counts the SIGINTs and SIGTERMs it
// receives: it prints whether it runs in its parent's process group
// ("group: parent's" or "group: own"), creates the file its first argument
// names (if any), prints "ready", waits for a first signal, counts those
// that follow within a second (a duplicate arrives within microseconds,
// though two that arrive together may be merged into one), prints
// "signals: N" and exits 128+N for the first signal.
func sigTally() {
	sigs := make(chan os.Signal, 8)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	if pg, err := syscall.Getpgid(os.Getppid()); err == nil && pg == syscall.Getpgrp() {
		os.Stdout.WriteString("group: parent's\n")
	} else {
		os.Stdout.WriteString("group: own\n")
	}
	if len(os.Args) > 1 {
		os.WriteFile(os.Args[1], nil, 0o644)
	}
	os.Stdout.WriteString("ready\n")
	var first os.Signal
	select {
	case first = <-sigs:
	case <-time.After(20 * time.Second):
		os.Stdout.WriteString("no signal\n")
		os.Exit(1)
	}
	n := 1
	deadline := time.After(time.Second)
	for done := false; !done; {
		select {
		case <-sigs:
			n++
		case <-deadline:
			done = true
		}
	}
	os.Stdout.WriteString("signals: " + strconv.Itoa(n) + "\n")
	os.Exit(128 + int(first.(syscall.Signal)))
}

// slowStart is demoapp whose start-up blocks, as on a slow file system:
// the first variable it looks up waits until the FIFO $SLOWSTART has been
// written and closed.
func slowStart() {
	app := newApp()
	var once sync.Once
	app.Getenv = func(key string) string {
		once.Do(func() {
			if f, err := os.Open(os.Getenv("SLOWSTART")); err == nil {
				io.Copy(io.Discard, f)
				f.Close()
			}
		})
		return os.Getenv(key)
	}
	os.Exit(app.Run(context.Background(), os.Args[1:]))
}
