package shell

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"

	"github.com/spf13/cobra"

	"github.com/longshore/longshore/command"
)

// fakeApp records the lines it runs and answers each with results[line].
type fakeApp struct {
	ran     [][]string
	results map[string]Result
	// cands and directive answer Complete; asked records its arguments.
	cands     []string
	directive cobra.ShellCompDirective
	asked     []string
}

func (f *fakeApp) RunLine(ctx context.Context, words []string) Result {
	f.ran = append(f.ran, words)
	return f.results[strings.Join(words, " ")]
}

func (f *fakeApp) Complete(ctx context.Context, words []string, partial string) ([]string, cobra.ShellCompDirective) {
	f.asked = append(append([]string{}, words...), partial)
	return f.cands, f.directive
}

// lines is a LineReader that replays lines, then io.EOF, or err when set.
type lines struct {
	lines   []string
	history []string
	err     error
}

func (l *lines) ReadLine(string) (string, error) {
	if len(l.lines) == 0 {
		if l.err != nil {
			return "", l.err
		}
		return "", io.EOF
	}
	line := l.lines[0]
	l.lines = l.lines[1:]
	return line, nil
}

func (l *lines) AddHistory(line string) { l.history = append(l.history, line) }
func (l *lines) Close() error           { return nil }

func TestLoop(t *testing.T) {
	app := &fakeApp{results: map[string]Result{
		"plugin fails": {Code: 3, Silent: true},
		"says why":     {Code: 1},
		"ctrl c":       {Code: 130, Silent: true, Interrupted: true},
		"-v shell":     {WantsShell: true},
	}}
	in := &lines{lines: []string{"a 'b c'", "plugin fails", "says why", "ctrl c", "-v shell", "shell", "exit", "never"}}
	var errOut bytes.Buffer
	path := filepath.Join(t.TempDir(), "history")
	s := &Session{Name: "tapp", App: app, Lines: in, ErrOut: &errOut, HistoryPath: path}
	if code := s.Loop(context.Background()); code != 0 {
		t.Errorf("exit code %d, want 0", code)
	}
	want := [][]string{{"a", "b c"}, {"plugin", "fails"}, {"says", "why"}, {"ctrl", "c"}, {"-v", "shell"}}
	if !reflect.DeepEqual(app.ran, want) {
		t.Errorf("ran %q, want %q", app.ran, want)
	}
	wantErr := "tapp: error: exit code 3\n\ntapp: already in the interactive shell\ntapp: already in the interactive shell\n"
	if errOut.String() != wantErr {
		t.Errorf("stderr %q, want %q", errOut.String(), wantErr)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := "a 'b c'\nplugin fails\nsays why\nctrl c\n-v shell\nshell\n"; string(data) != want {
		t.Errorf("history %q, want %q", data, want)
	}
}

func TestLoopEnds(t *testing.T) {
	for _, tt := range []struct {
		name   string
		in     *lines
		stop   os.Signal
		code   int
		errOut string
	}{
		{"input that cannot be read", &lines{err: errors.New("bad\ninput")}, nil, 1, "tapp: error: read input: bad input\n"},
		{"a stop signal pending at the prompt", &lines{lines: []string{"x", "y"}}, syscall.SIGTERM, 143, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var errOut bytes.Buffer
			stop := make(chan os.Signal, 1)
			app := &fakeApp{}
			s := &Session{Name: "tapp", App: app, Lines: tt.in, ErrOut: &errOut, Stop: stop}
			if tt.stop != nil {
				stop <- tt.stop
			}
			if code := s.Loop(context.Background()); code != tt.code || errOut.String() != tt.errOut {
				t.Errorf("exit code %d stderr %q, want %d %q", code, errOut.String(), tt.code, tt.errOut)
			}
			if tt.stop != nil && len(app.ran) != 0 {
				t.Errorf("ran %q after the stop signal", app.ran)
			}
		})
	}
}

// TestLoopExitCode checks that a session ends as sh does: with the exit
// code of the last line run, at the end of input or on exit, or with the
// code exit is given.
func TestLoopExitCode(t *testing.T) {
	results := map[string]Result{
		"nosuch":  {Code: 2},
		"fails":   {Code: 1},
		"plugin":  {Code: 3, Silent: true},
		"ctrl c":  {Code: 130, Silent: true, Interrupted: true},
		"version": {},
	}
	for _, tt := range []struct {
		lines []string
		code  int
	}{
		{nil, 0},
		{[]string{"nosuch"}, 2},
		{[]string{"version", "fails"}, 1},
		{[]string{"fails", "version"}, 0},
		{[]string{"plugin", ""}, 3},
		{[]string{"ctrl c"}, 130},
		{[]string{"fails", "exit"}, 1},
		{[]string{"fails", "quit"}, 1},
		{[]string{"fails", "exit 0"}, 0},
		{[]string{"exit 7", "version"}, 7},
		{[]string{"version", "exit nope", "version"}, 2},
		{[]string{"version", "exit 1 2", "version"}, 2},
		{[]string{"version", "'unterminated"}, 2},
		{[]string{"version", "shell"}, 0},
	} {
		app := &fakeApp{results: results}
		var errOut bytes.Buffer
		s := &Session{Name: "tapp", App: app, Lines: &lines{lines: tt.lines}, ErrOut: &errOut}
		if code := s.Loop(context.Background()); code != tt.code {
			t.Errorf("lines %q: exit code %d, want %d (stderr %q)", tt.lines, code, tt.code, errOut.String())
		}
	}
}

func TestRunPlainInput(t *testing.T) {
	app := &fakeApp{}
	var out, errOut bytes.Buffer
	state := t.TempDir()
	code := Run(context.Background(), Options{Name: "tapp", Version: "1", App: app,
		IO: &command.IOStreams{In: strings.NewReader("one\ntwo 2\n"), Out: &out, ErrOut: &errOut}, HistoryPath: filepath.Join(state, "history")})
	if code != 0 || out.Len() != 0 || errOut.Len() != 0 {
		t.Errorf("code %d stdout %q stderr %q", code, out.String(), errOut.String())
	}
	if want := [][]string{{"one"}, {"two", "2"}}; !reflect.DeepEqual(app.ran, want) {
		t.Errorf("ran %q, want %q", app.ran, want)
	}
	if entries, _ := os.ReadDir(state); len(entries) != 0 {
		t.Errorf("input that is not a terminal was saved as history: %v", entries)
	}
}

func TestCompleteWord(t *testing.T) {
	app := &fakeApp{cands: []string{"list\tList things", "two words"}, directive: cobra.ShellCompDirectiveNoFileComp}
	head, cands, tail := CompleteWord(context.Background(), app, "files l --x", 7)
	if head != "files " || tail != " --x" || !reflect.DeepEqual(cands, []string{"list ", "'two words' "}) {
		t.Errorf("CompleteWord = %q, %q, %q", head, cands, tail)
	}
	if want := []string{"files", "l"}; !reflect.DeepEqual(app.asked, want) {
		t.Errorf("asked the app for %q, want %q", app.asked, want)
	}
	app.directive |= cobra.ShellCompDirectiveNoSpace
	if _, cands, _ = CompleteWord(context.Background(), app, "x ", 2); !reflect.DeepEqual(cands, []string{"list", "'two words'"}) {
		t.Errorf("with NoSpace: %q", cands)
	}
}

// TestCompleteWordLeavesOutFileNamesWithControls pins that the shell's Tab
// never shows a file name that would act on the terminal.
func TestCompleteWordLeavesOutFileNamesWithControls(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"fine.txt", "f\x1b[2Jx.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	app := &fakeApp{}
	_, cands, _ := CompleteWord(context.Background(), app, "cat "+dir+"/f", len([]rune("cat "+dir+"/f")))
	if want := []string{dir + "/fine.txt "}; !reflect.DeepEqual(cands, want) {
		t.Errorf("candidates %q, want %q", cands, want)
	}
}
