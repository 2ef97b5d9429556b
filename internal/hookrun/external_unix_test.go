//go:build unix

package hookrun

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/longshore/longshore/hooks"
)

// running reports whether process pid is alive (a zombie is not).
func running(pid int) bool {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	// The state follows the command name in parentheses.
	rest := string(stat[strings.LastIndexByte(string(stat), ')')+1:])
	return !strings.HasPrefix(strings.TrimSpace(rest), "Z")
}

func TestExternalKillsWhatItLeaves(t *testing.T) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("needs /proc")
	}
	pidFile := filepath.Join(t.TempDir(), "pid")
	exe := script(t, "sleep 30 & echo $! > "+pidFile+"\nexit 0\n")
	e := newExternal(t, hooks.Spec{Name: "h", Path: exe, Commands: []string{"*"}, Before: true})
	inv, _ := invocation(t, e)
	if err := e.Before(context.Background(), inv); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	// The kill is sent before Before returns; the process may take a
	// moment to be reaped.
	for deadline := time.Now().Add(time.Minute); running(pid) && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	if running(pid) {
		t.Errorf("the hook's background process %d still runs after it exited", pid)
	}
}

func TestExternalOutputHeldOutsideItsGroup(t *testing.T) {
	if _, err := exec.LookPath("setsid"); err != nil {
		t.Skip("needs setsid (Debian package util-linux)")
	}
	// setsid puts sleep in a session, and group, of its own, out of reach of
	// the group kill, with the hook's stdout and stderr open.
	// The sleep outlives the test unless killed: the ready file holds its
	// pid.
	ready := filepath.Join(t.TempDir(), "ready")
	t.Cleanup(func() {
		if data, err := os.ReadFile(ready); err == nil {
			if pid, err := strconv.Atoi(strings.TrimSpace(string(data))); err == nil {
				syscall.Kill(pid, syscall.SIGKILL)
			}
		}
	})
	exe := script(t, "setsid sh -c 'echo $$ > "+ready+"; exec sleep 120' &\nuntil [ -s "+ready+" ]; do sleep 0.01; done\necho done\nexit 0\n")
	e := newExternal(t, hooks.Spec{Name: "h", Path: exe, Commands: []string{"*"}, Before: true})
	inv, errOut := invocation(t, e)
	var log bytes.Buffer
	inv.Logger = slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelDebug}))
	if err := e.Before(context.Background(), inv); err != nil {
		t.Fatalf("a clean exit failed: %v", err)
	}
	if !strings.Contains(log.String(), "hook exited leaving its output open") {
		t.Errorf("not logged at debug level: %q", log.String())
	}
	if got := errOut.String(); got != "done\n" {
		t.Errorf("hook stdout shown as %q", got)
	}
}
