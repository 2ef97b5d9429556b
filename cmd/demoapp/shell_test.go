package main

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// The commands and conditions here let scripts drive real shells and
// terminals: bash with the bash-completion package for the generated
// completion script, and tmux for the interactive shell.

// bashCompletionScript is where Debian's bash-completion package puts its
// library.
const bashCompletionScript = "/usr/share/bash-completion/bash_completion"

// shellCondition answers [bash-completion]: whether Debian's
// bash-completion package is installed.
func shellCondition(cond string) (bool, error) {
	if cond == "bash-completion" {
		_, err := os.Stat(bashCompletionScript)
		return err == nil, nil
	}
	return false, fmt.Errorf("unknown condition %q", cond)
}

// tmuxWaitFor bounds how long tmux-wait and tmux-gone poll the screen.
// It is a limit on waiting, not an assertion on speed: long enough for a
// machine loaded by parallel tests under -race (a passing wait ends as soon
// as the screen shows what it waits for).
const tmuxWaitFor = 90 * time.Second

// tmux runs tmux on the script's own server socket with its environment.
func tmux(ts *testscript.TestScript, args ...string) (string, error) {
	cmd := exec.Command("tmux", append([]string{"-S", ts.MkAbs("tmux.sock"), "-f", "/dev/null"}, args...)...)
	cmd.Dir = ts.Getenv("WORK")
	for _, k := range []string{"PATH", "HOME", "TZ", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "DEMOAPP_WEATHER_API_KEY"} {
		cmd.Env = append(cmd.Env, k+"="+ts.Getenv(k))
	}
	// Under go test -cover or -race the programs on the screen are the
	// instrumented test binary: they get testscript's GOCOVERDIR and
	// GORACE, else coverage's warning at exit would land on the screen.
	for _, k := range []string{"GOCOVERDIR", "GORACE"} {
		if v := ts.Getenv(k); v != "" {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
	}
	cmd.Env = append(cmd.Env, "TERM=xterm-256color")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// tmuxStart COMMAND... starts COMMAND in a detached 100x30 tmux session
// named "t", in $WORK; the server is killed when the script ends.
func tmuxStart(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: tmux-start COMMAND...")
	}
	ts.Defer(func() { tmux(ts, "kill-server") })
	// A server from an earlier tmux-start in the same script may still be
	// shutting down (its last session just ended): end it, then retry a
	// start that reached it in its last moments.
	tmux(ts, "kill-server")
	var out string
	var err error
	for deadline := time.Now().Add(tmuxWaitFor); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		out, err = tmux(ts, append([]string{"new-session", "-d", "-s", "t", "-x", "100", "-y", "30", "--"}, args...)...)
		if err == nil {
			return
		}
	}
	ts.Fatalf("tmux new-session: %v\n%s", err, out)
}

// tmuxSend KEYS... types keys into the session, as tmux send-keys takes
// them ("Enter", "Tab", "C-d"; a literal text with -l).
func tmuxSend(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: tmux-send [-l] KEYS...")
	}
	out, err := tmux(ts, append([]string{"send-keys", "-t", "t"}, args...)...)
	if err != nil {
		ts.Fatalf("tmux send-keys: %v\n%s", err, out)
	}
}

// screen returns what the session's pane shows; with escapes, its
// colours and attributes as escape codes (tmux's own: bold is ESC[1m,
// green ESC[32m).
func screen(ts *testscript.TestScript, escapes ...bool) (string, error) {
	args := []string{"capture-pane", "-p", "-N", "-t", "t"}
	if len(escapes) > 0 && escapes[0] {
		args = append(args, "-e")
	}
	return tmux(ts, args...)
}

// tmuxWait [-e] REGEXP waits until the screen matches REGEXP (multi-line
// mode) and fails with the screen when it does not in time; "! tmux-wait"
// asserts that the screen does not match, now. With -e the screen has its
// colours as escape codes (see screen).
func tmuxWait(ts *testscript.TestScript, neg bool, args []string) {
	escapes := len(args) == 2 && args[0] == "-e"
	if escapes {
		args = args[1:]
	}
	if len(args) != 1 {
		ts.Fatalf("usage: tmux-wait [-e] REGEXP")
	}
	re, err := regexp.Compile("(?m)" + args[0])
	ts.Check(err)
	deadline := time.Now().Add(tmuxWaitFor)
	for {
		s, err := screen(ts, escapes)
		if err != nil {
			ts.Fatalf("tmux capture-pane: %v\n%s", err, s)
		}
		switch {
		case neg && re.MatchString(s):
			ts.Fatalf("screen matches %q:\n%s", args[0], s)
		case neg:
			return
		case re.MatchString(s):
			ts.Logf("screen:\n%s", strings.TrimRight(s, "\n"))
			return
		case time.Now().After(deadline):
			if stacks := dumpGoStacks(ts); stacks != "" {
				ts.Logf("the session's processes, terminal and history after SIGQUIT to its Go programs:\n%s", stacks)
			}
			ts.Fatalf("screen does not show %q after %v:\n%s", args[0], tmuxWaitFor, s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// tmuxGone waits until the session has ended, its command having exited.
func tmuxGone(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 0 {
		ts.Fatalf("usage: tmux-gone")
	}
	deadline := time.Now().Add(tmuxWaitFor)
	for {
		if _, err := tmux(ts, "has-session", "-t", "t"); err != nil {
			return
		}
		if time.Now().After(deadline) {
			s, _ := screen(ts)
			ts.Fatalf("session still running after %v:\n%s", tmuxWaitFor, s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// dumpGoStacks tells what the session was doing when a wait failed: its
// processes and their threads (ps -L, with what each waits on in the
// kernel), the terminal's settings (stty -a), then, after SIGQUIT to the
// Go programs in it (demoapp and childapp, the test binary), the pane's
// whole history, where they print their goroutines' stacks unless they
// are blocked writing to it. It is "" where tmux or /proc cannot tell.
func dumpGoStacks(ts *testscript.TestScript) string {
	out, err := tmux(ts, "display-message", "-p", "-t", "t", "#{pane_pid}")
	if err != nil {
		return ""
	}
	root, err := strconv.Atoi(strings.TrimSpace(out))
	if err != nil {
		return ""
	}
	// Keep the pane, and its history, when its program ends.
	tmux(ts, "set-option", "-w", "-t", "t", "remain-on-exit", "on")
	var pids []string
	for _, pid := range descendants(root) {
		pids = append(pids, strconv.Itoa(pid))
	}
	ps, _ := exec.Command("ps", "-L", "-o", "pid,tid,ppid,pgid,tpgid,stat,wchan:32,args", "-p", strings.Join(pids, ",")).CombinedOutput()
	if tty, err := tmux(ts, "display-message", "-p", "-t", "t", "#{pane_tty}"); err == nil {
		st, _ := exec.Command("stty", "-a", "-F", strings.TrimSpace(tty)).CombinedOutput()
		ps = append(ps, st...)
	}
	var quit []int
	for _, pid := range descendants(root) {
		comm, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/comm")
		if name := strings.TrimSpace(string(comm)); err == nil && (name == "demoapp" || name == "childapp") {
			if p, err := os.FindProcess(pid); err == nil && p.Signal(syscall.SIGQUIT) == nil {
				quit = append(quit, pid)
			}
		}
	}
	// The dump ends the program: wait until it has.
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		alive := false // none was sent SIGQUIT: nothing to wait for
		for _, pid := range quit {
			if _, err := os.Stat("/proc/" + strconv.Itoa(pid) + "/task"); err == nil {
				stat, _ := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
				alive = alive || !strings.Contains(string(stat), ") Z")
			}
		}
		if !alive {
			break
		}
	}
	s, _ := tmux(ts, "capture-pane", "-p", "-J", "-S", "-", "-t", "t")
	return string(ps) + s
}

// descendants returns pid and the processes below it, from /proc.
func descendants(pid int) []int {
	children := map[int][]int{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		// The parent's pid is the second field after the command name.
		f := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
		if len(f) > 1 {
			if pp, err := strconv.Atoi(f[1]); err == nil {
				children[pp] = append(children[pp], p)
			}
		}
	}
	all := []int{pid}
	for i := 0; i < len(all); i++ {
		all = append(all, children[all[i]]...)
	}
	return all
}
