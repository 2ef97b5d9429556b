package cli

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/shell"
)

// scripted is a lineReader that replays lines, then io.EOF; a line equal
// to "^C" is read as Ctrl-C.
type scripted struct {
	lines   []string
	prompts int
	history []string
}

func (s *scripted) ReadLine(prompt string) (string, error) {
	s.prompts++
	if len(s.lines) == 0 {
		return "", io.EOF
	}
	line := s.lines[0]
	s.lines = s.lines[1:]
	if line == "^C" {
		return "", shell.ErrAborted
	}
	return line, nil
}

func (s *scripted) AddHistory(line string) { s.history = append(s.history, line) }
func (s *scripted) Close() error           { return nil }

// shellApp is a test App with a greeting, a lister and a failing command.
func shellApp(t *testing.T) (*App, *strings.Builder, *strings.Builder) {
	t.Helper()
	a, out, errOut := testApp(t)
	a.Interactive = true
	for name, newFn := range map[string]func() command.Command{
		"greet hello": func() command.Command { return &hello{} },
		"things list": func() command.Command { return &lister{} },
		"boom":        func() command.Command { return &failing{} },
		"quits":       func() command.Command { return &quitting{} },
	} {
		if err := a.AddCommand(name, newFn); err != nil {
			t.Fatal(err)
		}
	}
	o, e := &strings.Builder{}, &strings.Builder{}
	a.IO.Out, a.IO.ErrOut = io.MultiWriter(out, o), io.MultiWriter(errOut, e)
	return a, o, e
}

type failing struct{}

func (*failing) Info() command.Info { return command.Info{Short: "fail"} }
func (*failing) Run(context.Context, *command.Invocation) error {
	return io.ErrUnexpectedEOF
}

// quitting exits 4 without a message, as a plugin whose exit code is
// passed on does.
type quitting struct{}

func (*quitting) Info() command.Info { return command.Info{Short: "exit 4"} }
func (*quitting) Run(context.Context, *command.Invocation) error {
	return &command.ExitError{Code: 4}
}

func TestShellLoop(t *testing.T) {
	tests := []struct {
		name      string
		lines     []string
		code      int
		out       []string // substrings of stdout, in order
		errOut    []string // substrings of stderr, in order
		notOut    string
		history   []string
		wantSaved string
	}{
		{
			name:    "runs each line as a command line, with quotes",
			lines:   []string{"greet hello --name 'Ada Lovelace' x", "things list"},
			out:     []string{"hello, Ada Lovelace (greet hello x)", "| n |"},
			history: []string{"greet hello --name 'Ada Lovelace' x", "things list"},
		},
		{
			name:    "errors print and the prompt comes back",
			lines:   []string{"boom", "nosuch", "greet hello --bad", "greet hello"},
			errOut:  []string{"tapp: error: unexpected EOF", `unknown command "nosuch"`, "unknown flag: --bad"},
			out:     []string{"hello, world"},
			history: []string{"boom", "nosuch", "greet hello --bad", "greet hello"},
		},
		{
			name:    "exit stops before the next line",
			lines:   []string{"greet hello", "exit", "greet hello --name never"},
			out:     []string{"hello, world"},
			notOut:  "never",
			history: []string{"greet hello"},
		},
		{
			name:   "quit stops too, with any words after it, as a usage error",
			lines:  []string{"quit now", "greet hello"},
			notOut: "hello",
			errOut: []string{`tapp: error: quit: "now" is not an exit code (0 to 255)`},
			code:   2,
		},
		{
			name:    "blank lines and Ctrl-C are skipped, not recorded",
			lines:   []string{"", "   ", "^C", "greet hello"},
			out:     []string{"hello, world"},
			history: []string{"greet hello"},
		},
		{
			name:    "an unterminated quote is an error, not a command",
			lines:   []string{"greet hello --name 'Ada", "greet hello"},
			errOut:  []string{"tapp: error: unterminated quote in line"},
			out:     []string{"hello, world"},
			history: []string{"greet hello"},
		},
		{
			name:    "help runs the help command",
			lines:   []string{"help greet"},
			out:     []string{"hello", "say hello"},
			history: []string{"help greet"},
		},
		{
			name:    "shell inside the shell does not nest",
			lines:   []string{"shell", "-v shell"},
			errOut:  []string{"tapp: already in the interactive shell", "tapp: already in the interactive shell"},
			history: []string{"shell", "-v shell"},
		},
		{
			name:    "a silent exit code is shown and the prompt comes back",
			lines:   []string{"quits", "greet hello"},
			errOut:  []string{"tapp: error: exit code 4\n"},
			out:     []string{"hello, world"},
			history: []string{"quits", "greet hello"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, out, errOut := shellApp(t)
			path := filepath.Join(t.TempDir(), "state", "tapp", "history")
			in := &scripted{lines: tt.lines}
			s := &shell.Session{Name: a.Name, App: shellHost{a}, Lines: in, ErrOut: a.IO.ErrOut, HistoryPath: path, History: []string{"old line"}}
			if code := s.Loop(context.Background()); code != tt.code {
				t.Errorf("exit code %d, want %d", code, tt.code)
			}
			assertInOrder(t, "stdout", out.String(), tt.out)
			assertInOrder(t, "stderr", errOut.String(), tt.errOut)
			if tt.notOut != "" && strings.Contains(out.String(), tt.notOut) {
				t.Errorf("stdout has %q:\n%s", tt.notOut, out.String())
			}
			if !reflect.DeepEqual(in.history, tt.history) {
				t.Errorf("history %q, want %q", in.history, tt.history)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			want := strings.Join(append([]string{"old line"}, tt.history...), "\n") + "\n"
			if string(data) != want {
				t.Errorf("history file %q, want %q", data, want)
			}
		})
	}
}

func assertInOrder(t *testing.T, what, got string, want []string) {
	t.Helper()
	rest := got
	for _, w := range want {
		i := strings.Index(rest, w)
		if i < 0 {
			t.Errorf("%s lacks %q (in order):\n%s", what, w, got)
			return
		}
		rest = rest[i+len(w):]
	}
}

func TestShellStopsWhenInterrupted(t *testing.T) {
	a, _, _ := shellApp(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	in := &scripted{lines: []string{"greet hello", "greet hello"}}
	s := &shell.Session{Name: a.Name, App: shellHost{a}, Lines: in, ErrOut: io.Discard}
	if code := s.Loop(ctx); code != exitInterrupted {
		t.Errorf("exit code %d, want %d", code, exitInterrupted)
	}
	if in.prompts != 1 {
		t.Errorf("prompted %d times, want 1", in.prompts)
	}
}

// idle is a lineReader that replays lines, then waits at the prompt
// until closed, closing waiting when it starts to. After 10 seconds it
// gives up and reads a line that the test will find in the history.
type idle struct {
	scripted
	waiting, closed chan struct{}
}

func (r *idle) ReadLine(prompt string) (string, error) {
	if len(r.lines) > 0 {
		return r.scripted.ReadLine(prompt)
	}
	select {
	case <-r.waiting:
	default:
		close(r.waiting)
	}
	select {
	case <-r.closed:
		return "", io.EOF
	case <-time.After(10 * time.Second):
		return "still at the prompt", nil
	}
}

func (r *idle) Close() error { close(r.closed); return nil }

func TestShellEndsOnStopSignalAtThePrompt(t *testing.T) {
	for _, tt := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGTERM, 143}, {syscall.SIGHUP, 129}} {
		t.Run(tt.sig.String(), func(t *testing.T) {
			a, out, errOut := shellApp(t)
			path := filepath.Join(t.TempDir(), "history")
			in := &idle{scripted: scripted{lines: []string{"greet hello", "things list"}},
				waiting: make(chan struct{}), closed: make(chan struct{})}
			defer in.Close()
			stop := make(chan os.Signal, 1)
			s := &shell.Session{Name: a.Name, App: shellHost{a}, Lines: in, ErrOut: a.IO.ErrOut, HistoryPath: path, Stop: stop}
			go func() {
				<-in.waiting
				stop <- tt.sig
			}()
			if code := s.Loop(context.Background()); code != tt.code {
				t.Errorf("exit code %d, want %d", code, tt.code)
			}
			assertInOrder(t, "stdout", out.String(), []string{"hello, world", "| n |"})
			if errOut.String() != "\n" {
				t.Errorf("stderr %q, want the prompt's line ended", errOut)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if want := "greet hello\nthings list\n"; string(data) != want {
				t.Errorf("history file %q, want %q", data, want)
			}
		})
	}
}

// signalling sends sig to the shell as it runs, then waits for its context
// to end, as a command that a signal stops does.
type signalling struct {
	stop chan<- os.Signal
	sig  os.Signal
}

func (*signalling) Info() command.Info { return command.Info{Short: "signal the shell"} }
func (c *signalling) Run(ctx context.Context, _ *command.Invocation) error {
	c.stop <- c.sig
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(10 * time.Second):
		return errors.New("not stopped by the signal")
	}
}

func TestShellEndsAfterTheCommandOnStopSignal(t *testing.T) {
	// SIGHUP, which the run's own handler does not watch: the shell stops
	// the command, then ends, without prompting again.
	a, _, errOut := shellApp(t)
	stop := make(chan os.Signal, 1)
	if err := a.AddCommand("hangup", func() command.Command {
		return &signalling{stop: stop, sig: syscall.SIGHUP}
	}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "history")
	in := &scripted{lines: []string{"hangup", "greet hello"}}
	s := &shell.Session{Name: a.Name, App: shellHost{a}, Lines: in, ErrOut: a.IO.ErrOut, HistoryPath: path, Stop: stop}
	if code := s.Loop(context.Background()); code != 129 {
		t.Errorf("exit code %d, want 129", code)
	}
	if in.prompts != 1 {
		t.Errorf("prompted %d times, want 1", in.prompts)
	}
	if strings.Contains(errOut.String(), "not stopped") {
		t.Errorf("the command was not stopped: %s", errOut)
	}
	if data, err := os.ReadFile(path); err != nil || string(data) != "hangup\n" {
		t.Errorf("history file %q (%v), want the line run", data, err)
	}
}

func TestShellCommandStartsTheShellAfterTheRun(t *testing.T) {
	a, out, errOut := shellApp(t)
	a.IO.In = strings.NewReader("greet hello --name shell\n")
	state := filepath.Join(t.TempDir(), "state")
	a.Getenv = func(k string) string {
		if k == "XDG_STATE_HOME" {
			return state
		}
		return ""
	}
	if code := a.Run(context.Background(), []string{"shell"}); code != exitOK {
		t.Fatalf("exit code %d, stderr %s", code, errOut)
	}
	if !strings.Contains(out.String(), "hello, shell") {
		t.Errorf("stdout %q lacks the greeting", out)
	}
	if _, err := os.Stat(filepath.Join(state, "tapp", "history")); !os.IsNotExist(err) {
		t.Errorf("input that is not a terminal was saved as history (stat: %v)", err)
	}
	if code := a.Run(context.Background(), []string{"shell", "extra"}); code != exitUsage {
		t.Errorf("shell with an argument: exit code %d, want %d", code, exitUsage)
	}
}

func TestHistoryPath(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"XDG_STATE_HOME": "/st", "HOME": "/h"}, "/st/tapp/history"},
		{map[string]string{"HOME": "/h"}, "/h/.local/state/tapp/history"},
		{map[string]string{"XDG_STATE_HOME": "relative", "HOME": "/h"}, "/h/.local/state/tapp/history"},
		{map[string]string{}, ""},
	}
	for _, tt := range tests {
		a := New("tapp", "1", "")
		a.Getenv = func(k string) string { return tt.env[k] }
		if got := a.historyPath(); got != tt.want {
			t.Errorf("historyPath with %v = %q, want %q", tt.env, got, tt.want)
		}
	}
}
