package shell

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/peterh/liner"
)

// ErrAborted is what a LineReader returns when the user abandons the line
// (Ctrl-C at the prompt).
var ErrAborted = errors.New("line aborted")

// LineReader reads the lines the shell runs.
type LineReader interface {
	// ReadLine shows prompt and returns the line typed, io.EOF at the end of
	// input (Ctrl-D) or ErrAborted.
	ReadLine(prompt string) (string, error)
	// AddHistory records a line for recall with the arrow keys.
	AddHistory(line string)
	// Close gives the terminal back.
	Close() error
}

// historyLimit is how many lines the history file keeps.
const historyLimit = 1000

// terminalReader reads lines on a terminal with line editing, history and
// Tab completion (github.com/peterh/liner).
type terminalReader struct {
	state *liner.State
}

// newTerminalReader puts a line editor on the terminal, preloaded with
// history, completing words with complete.
func newTerminalReader(history []string, complete liner.WordCompleter) *terminalReader {
	st := liner.NewLiner()
	st.SetCtrlCAborts(true)
	st.SetTabCompletionStyle(liner.TabPrints)
	st.SetWordCompleter(complete)
	for _, h := range history {
		st.AppendHistory(h)
	}
	return &terminalReader{state: st}
}

func (t *terminalReader) ReadLine(prompt string) (string, error) {
	line, err := t.state.Prompt(prompt)
	if errors.Is(err, liner.ErrPromptAborted) {
		return "", ErrAborted
	}
	if errors.Is(err, io.EOF) {
		// Ctrl-D: end the prompt's line, as sh and python do, so that
		// what the terminal shows next starts a line of its own.
		fmt.Fprintln(os.Stdout)
	}
	return line, err
}

func (t *terminalReader) AddHistory(line string) { t.state.AppendHistory(line) }

func (t *terminalReader) Close() error { return t.state.Close() }

// plainReader reads lines from input that is not a terminal, such as a
// script piped in, without prompts.
type plainReader struct {
	sc *bufio.Scanner
}

func newPlainReader(in io.Reader) *plainReader {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	return &plainReader{sc: sc}
}

func (p *plainReader) ReadLine(string) (string, error) {
	if p.sc.Scan() {
		return p.sc.Text(), nil
	}
	if err := p.sc.Err(); err != nil {
		return "", err
	}
	return "", io.EOF
}

func (p *plainReader) AddHistory(string) {}

func (p *plainReader) Close() error { return nil }

// HistoryPath is the shell's history file for the app called name:
// $XDG_STATE_HOME/<name>/history, by default ~/.local/state/<name>/history;
// "" when neither is known. getenv reads the environment.
func HistoryPath(name string, getenv func(string) string) string {
	state := getenv("XDG_STATE_HOME")
	if state == "" || !filepath.IsAbs(state) {
		home := getenv("HOME")
		if !filepath.IsAbs(home) {
			return "" // never a file relative to the current directory
		}
		state = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(state, name, "history")
}

// loadHistory returns the lines of the history file; a missing or
// unreadable file is an empty history.
func loadHistory(path string) []string {
	if path == "" {
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var lines []string
	for _, l := range strings.Split(string(data), "\n") {
		if l != "" {
			lines = append(lines, l)
		}
	}
	return lastN(lines, historyLimit)
}

// writeHistory replaces the history file with the last historyLimit lines,
// atomically, creating its directory.
func writeHistory(path string, lines []string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("save history: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".history-*")
	if err != nil {
		return fmt.Errorf("save history: %w", err)
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriter(tmp)
	for _, l := range lastN(lines, historyLimit) {
		fmt.Fprintln(w, l)
	}
	if err := w.Flush(); err != nil {
		tmp.Close()
		return fmt.Errorf("save history %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("save history %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("save history %s: %w", path, err)
	}
	return nil
}

// lastN returns the last n elements of s.
func lastN(s []string, n int) []string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}
