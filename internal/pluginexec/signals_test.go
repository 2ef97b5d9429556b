package pluginexec

import (
	"context"
	"errors"
	"io"
	"os"
	"syscall"
	"testing"
)

// runWithSignals runs a child plugin under h, sends sigs to the app one by
// one and returns the signals the plugin received, in order. The last of
// sigs must be forwarded: the child ends once it gets it.
func runWithSignals(t *testing.T, goos string, foreground bool, sigs []os.Signal) []os.Signal {
	t.Helper()
	fs := newFakeSignals()
	proc := newFakeProcess(Status{Code: 0})
	fr := &fakeRunner{proc: proc}
	h := &Handler{Runner: fr, GOOS: goos, Signals: fs, Foreground: func() bool { return foreground }}
	done := make(chan error, 1)
	go func() { done <- h.Run(context.Background(), Call{Path: "/p/x", IO: testIO(), Child: true}) }()
	within(t, fs.notified, "the signals to be caught")
	for _, s := range sigs {
		fs.send(s)
	}
	last := within(t, proc.got, "a forwarded signal")
	proc.end()
	if err := within(t, done, "Run to return"); err != nil {
		t.Fatalf("Run: %v", err)
	}
	if last != sigs[len(sigs)-1] {
		t.Errorf("first signal forwarded %v, want %v", last, sigs[len(sigs)-1])
	}
	proc.mu.Lock()
	defer proc.mu.Unlock()
	return append([]os.Signal(nil), proc.signals...)
}

func TestForwardInForeground(t *testing.T) {
	// The terminal sent Ctrl-C, Ctrl-\ and its hang-up to the plugin, in
	// the app's group, itself: forwarding them would deliver them twice.
	got := runWithSignals(t, "linux", true, []os.Signal{syscall.SIGINT, syscall.SIGQUIT, syscall.SIGHUP, syscall.SIGTERM})
	if len(got) != 1 || got[0] != syscall.SIGTERM {
		t.Errorf("forwarded %v, want [SIGTERM]", got)
	}
}

func TestForwardWithoutTerminal(t *testing.T) {
	// Without a terminal (CI, timeout, systemd) the plugin runs in a group
	// of its own: every signal reaches it only from the app, once.
	for _, s := range []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT} {
		got := runWithSignals(t, "linux", false, []os.Signal{s})
		if len(got) != 1 || got[0] != s {
			t.Errorf("%v: forwarded %v, want it once", s, got)
		}
	}
}

func TestNoForwardOnWindows(t *testing.T) {
	// The console sends Ctrl-C to every process attached to it.
	fs := newFakeSignals()
	proc := newFakeProcess(Status{Code: 130})
	h := &Handler{Runner: &fakeRunner{proc: proc}, GOOS: "windows", Signals: fs}
	done := make(chan error, 1)
	go func() { done <- h.Run(context.Background(), Call{Path: `C:\p\demoapp-x.exe`, IO: testIO()}) }()
	within(t, fs.notified, "the signals to be caught")
	fs.send(syscall.SIGINT)
	fs.send(syscall.SIGTERM)
	proc.end()
	if code := exitCodeOf(within(t, done, "Run to return")); code != 130 {
		t.Errorf("exit code %d, want the plugin's 130", code)
	}
	proc.mu.Lock()
	defer proc.mu.Unlock()
	if len(proc.signals) != 0 {
		t.Errorf("forwarded %v on Windows", proc.signals)
	}
}

func TestChildSecondSignalGivesUp(t *testing.T) {
	// A structured plugin whose output stays open (a process it left
	// behind holds it) and that ignores the first signal: the second
	// ends the app at once.
	fs := newFakeSignals()
	proc := newFakeProcess(Status{Code: 0})
	fr := &fakeRunner{proc: proc}
	h := &Handler{Runner: fr, GOOS: "linux", Signals: fs, Foreground: func() bool { return false }}
	c, err := h.Start(context.Background(), Call{Path: "/p/x", Args: []string{"a"}, Env: []string{"K=V"}, IO: testIO()})
	if err != nil {
		t.Fatal(err)
	}
	if st := fr.starts[0]; !st.PipeStdout || !st.OwnGroup || st.Args[1] != "a" {
		t.Errorf("started %+v, want piped stdout in its own group", st)
	}
	read := make(chan error, 1)
	go func() {
		_, err := io.ReadAll(c)
		read <- err
	}()
	fs.send(syscall.SIGTERM)
	if s := within(t, proc.got, "the first signal to be forwarded"); s != syscall.SIGTERM {
		t.Fatalf("forwarded %v", s)
	}
	fs.send(syscall.SIGTERM)
	err = within(t, read, "the read to end")
	var st *Stopped
	if !errors.As(err, &st) || st.Code() != 143 {
		t.Errorf("read error %v, want stopped by SIGTERM", err)
	}
	if !proc.wasKilled() {
		t.Error("the plugin was not killed")
	}
	if err := c.Wait(); !errors.As(err, &st) {
		t.Errorf("Wait = %v, want stopped", err)
	}
	proc.mu.Lock()
	defer proc.mu.Unlock()
	if len(proc.signals) != 1 {
		t.Errorf("forwarded %v, want the first signal only", proc.signals)
	}
}

func TestChildReadsOutputAndWaits(t *testing.T) {
	fs := newFakeSignals()
	proc := newFakeProcess(Status{Code: 3})
	fr := &fakeRunner{proc: proc}
	h := &Handler{Runner: fr, GOOS: "linux", Signals: fs, Foreground: func() bool { return true }}
	c, err := h.Start(context.Background(), Call{Path: "/p/x", IO: testIO()})
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		proc.outW.Write([]byte("{\"columns\":[\"a\"]}\n"))
		proc.outW.Close()
		proc.end()
	}()
	b, err := io.ReadAll(c)
	if err != nil || string(b) != "{\"columns\":[\"a\"]}\n" {
		t.Fatalf("read %q, %v", b, err)
	}
	if code := exitCodeOf(c.Wait()); code != 3 {
		t.Errorf("exit code %d, want 3", code)
	}
	if fs.caught() != 0 {
		t.Error("signals still caught after Wait")
	}
	c.Kill() // after Wait: nothing to do
	if proc.wasKilled() {
		t.Error("Kill after Wait killed")
	}
}

func TestChildStopKeepsItsCode(t *testing.T) {
	fs := newFakeSignals()
	proc := newFakeProcess(Status{Code: 4})
	h := &Handler{Runner: &fakeRunner{proc: proc}, GOOS: "linux", Signals: fs, Foreground: func() bool { return true }}
	c, err := h.Start(context.Background(), Call{Path: "/p/x", IO: testIO()})
	if err != nil {
		t.Fatal(err)
	}
	proc.end()
	if code := c.Stop(0); code != 4 {
		t.Errorf("Stop = %d, want the plugin's 4", code)
	}
}
