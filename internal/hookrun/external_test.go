package hookrun

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/hooks"
)

// script writes an executable shell script into a temp dir.
func script(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demoapp-hook")
	writeExecutable(t, path, "#!/bin/sh\n"+body)
	return path
}

// writeExecutable writes an executable file so that no descriptor open
// for writing to it can exist when it runs, here or in a child
// (golang/go#22315, "text file busy"): it is written and closed under a
// temporary name while syscall.ForkLock keeps this process from forking,
// then renamed into place.
func writeExecutable(t *testing.T, path, content string) {
	t.Helper()
	syscall.ForkLock.RLock()
	f, err := os.CreateTemp(filepath.Dir(path), ".exe-*")
	if err == nil {
		_, err = f.WriteString(content)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	syscall.ForkLock.RUnlock()
	if err == nil {
		err = os.Chmod(f.Name(), 0o755)
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// invocation returns an invocation of "files list /" with a flag set like
// the App's: a command flag, a global count flag and the hook's own flags.
func invocation(t *testing.T, e *External, args ...string) (*command.Invocation, *bytes.Buffer) {
	t.Helper()
	fs := pflag.NewFlagSet("files list", pflag.ContinueOnError)
	fs.BoolP("all", "a", false, "")
	fs.CountP("verbose", "v", "")
	fs.StringSlice("column", nil, "")
	fs.Bool("help", false, "")
	e.Flags(fs)
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	var errOut bytes.Buffer
	return &command.Invocation{
		App: "demoapp", Version: "0.1.0", Name: "files list", Args: fs.Args(), Flags: fs,
		IO: &command.IOStreams{ErrOut: &errOut},
	}, &errOut
}

func newExternal(t *testing.T, spec hooks.Spec) *External {
	t.Helper()
	// A hook here must never time out unless its test says so: the
	// default would fire on a machine slow enough.
	if spec.Timeout == 0 {
		spec.Timeout = time.Minute
	}
	if spec.Environ == nil {
		spec.Environ = func() []string { return []string{"PATH=" + os.Getenv("PATH")} }
	}
	e, err := NewExternal(spec)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestExternalDocument(t *testing.T) {
	dir := t.TempDir()
	exe := script(t, `cat > "$OUT_DIR/$1-$2.json"; echo "seen by $DEMOAPP_PLUGIN_NAME"`)
	e := newExternal(t, hooks.Spec{
		Name: "guard", Plugin: "guard", Path: exe, Commands: []string{"files *"}, Before: true, After: true,
		Flags: []hooks.FlagSpec{{Name: "force", Type: "bool", Usage: "list / anyway"}, {Name: "depth", Type: "int", Default: "2"}, {Name: "note"}},
		Environ: func() []string {
			return []string{"PATH=" + os.Getenv("PATH"), "OUT_DIR=" + dir, "DEMOAPP_PLUGIN_NAME=guard"}
		},
	})
	inv, errOut := invocation(t, e, "-vv", "--force", "--column=name,size", "/")
	if err := e.Before(context.Background(), inv); err != nil {
		t.Fatal(err)
	}
	if err := e.After(context.Background(), inv, &hooks.Outcome{ExitCode: 1, Err: errors.New("list /: denied")}); err != nil {
		t.Fatal(err)
	}
	if got := errOut.String(); got != "seen by guard\nseen by guard\n" {
		t.Errorf("hook stdout shown as %q", got)
	}
	want := map[string]string{
		"before": `{"app":"demoapp","version":"0.1.0","hook":"guard","plugin":"guard","phase":"before","command":["files","list"],"args":["/"],"flags":{"all":false,"column":["name","size"],"depth":2,"force":true,"note":"","verbose":2}}`,
		"after":  `{"app":"demoapp","version":"0.1.0","hook":"guard","plugin":"guard","phase":"after","command":["files","list"],"args":["/"],"flags":{"all":false,"column":["name","size"],"depth":2,"force":true,"note":"","verbose":2},"exit_code":1,"error":"list /: denied"}`,
	}
	for phase, w := range want {
		got, err := os.ReadFile(filepath.Join(dir, "hook-"+phase+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var doc Document
		if err := json.Unmarshal(got, &doc); err != nil {
			t.Fatalf("%s: not a JSON document: %v", phase, err)
		}
		if string(got) != w+"\n" {
			t.Errorf("%s document:\n%s\nwant:\n%s", phase, got, w)
		}
	}
}

func TestExternalOutcomes(t *testing.T) {
	tests := []struct {
		name       string
		body       string
		timeout    time.Duration
		path       string
		wantErr    string
		wantBroken bool
		wantErrOut string
	}{
		{name: "success passes stderr on", body: "echo out; echo note >&2", wantErrOut: "out\nnote\n"},
		{name: "non-zero exit is a veto with the hook's message", body: "echo 'refusing to list /' >&2; exit 3", wantErr: "refusing to list /"},
		{name: "non-zero exit without a message", body: "exit 4", wantErr: "exit status 4"},
		{name: "timeout kills the hook and its children", body: "sleep 120 & sleep 120; wait", timeout: 200 * time.Millisecond, wantErr: "timed out after 200ms and was killed", wantBroken: true},
		// A timeout that must not fire is far longer than any machine
		// takes to start a shell: were the child waited for, it would fire.
		{name: "a child left running does not fail it", body: "(sleep 120) & echo done", timeout: time.Minute, wantErrOut: "done\n"},
		{name: "a child left running does not make it time out", body: "(sleep 120) & exit 0", timeout: time.Minute},
		{name: "its own exit status decides despite a child left running", body: "(sleep 120) & echo no >&2; exit 2", wantErr: "no"},
		{name: "missing executable", path: "/no/such/hook", wantErr: "run /no/such/hook: fork/exec /no/such/hook: no such file or directory", wantBroken: true},
		{name: "bad interpreter", body: "", path: "badinterp", wantErr: "run ", wantBroken: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.path
			switch path {
			case "":
				path = script(t, tt.body)
			case "badinterp":
				path = filepath.Join(t.TempDir(), "hook")
				writeExecutable(t, path, "#!/no/such/interpreter\n")
			}
			e := newExternal(t, hooks.Spec{Name: "h", Path: path, Commands: []string{"*"}, Before: true, Timeout: tt.timeout})
			inv, errOut := invocation(t, e)
			start := time.Now()
			err := e.Before(context.Background(), inv)
			// What the hook leaves sleeps for two minutes: a bound far
			// from both a kill and a wait tells them apart on any machine.
			if took := time.Since(start); took > 90*time.Second {
				t.Errorf("the hook was not killed: took %s", took)
			}
			if got := errString(err); tt.wantErr == "" && got != "" || !strings.HasPrefix(got, tt.wantErr) {
				t.Errorf("err = %q, want %q", got, tt.wantErr)
			}
			if IsBroken(err) != tt.wantBroken {
				t.Errorf("broken = %v, want %v", IsBroken(err), tt.wantBroken)
			}
			if errOut.String() != tt.wantErrOut {
				t.Errorf("errOut = %q, want %q", errOut.String(), tt.wantErrOut)
			}
		})
	}
}

func TestExternalPhases(t *testing.T) {
	exe := script(t, "echo ran $2")
	e := newExternal(t, hooks.Spec{Name: "h", Path: exe, Commands: []string{"*"}, After: true})
	inv, errOut := invocation(t, e)
	if err := e.Before(context.Background(), inv); err != nil {
		t.Fatal(err)
	}
	if err := e.After(context.Background(), inv, &hooks.Outcome{}); err != nil {
		t.Fatal(err)
	}
	if got := errOut.String(); got != "ran after\n" {
		t.Errorf("an after-only hook ran as %q", got)
	}
}

func TestSpecCheck(t *testing.T) {
	ok := hooks.Spec{Name: "h", Path: "/bin/true", Commands: []string{"*"}, Before: true}
	tests := []struct {
		name    string
		edit    func(*hooks.Spec)
		wantErr string
	}{
		{"valid", func(*hooks.Spec) {}, ""},
		{"no name", func(s *hooks.Spec) { s.Name = ""; s.Plugin = "p" }, `hook name: empty word`},
		{"no path", func(s *hooks.Spec) { s.Path = "" }, `hook "h": no executable`},
		{"no commands", func(s *hooks.Spec) { s.Commands = nil }, `hook "h": commands: at least one command or pattern is needed`},
		{"bad pattern", func(s *hooks.Spec) { s.Commands = []string{"files ["} }, `hook "h": commands: command pattern "files [": glob "["`},
		{"no phase", func(s *hooks.Spec) { s.Before = false }, `hook "h": set before, after or both to true`},
		{"negative timeout", func(s *hooks.Spec) { s.Timeout = -time.Second }, `hook "h": timeout -1s: not a positive duration like 10s`},
		{"bad flag type", func(s *hooks.Spec) { s.Flags = []hooks.FlagSpec{{Name: "x", Type: "float"}} }, `hook "h": flag "x": type "float" must be bool, string or int`},
		{"bad bool default", func(s *hooks.Spec) { s.Flags = []hooks.FlagSpec{{Name: "x", Type: "bool", Default: "maybe"}} }, `hook "h": flag "x": default "maybe" is not a bool`},
		{"bad int default", func(s *hooks.Spec) { s.Flags = []hooks.FlagSpec{{Name: "x", Type: "int", Default: "two"}} }, `hook "h": flag "x": default "two" is not an int`},
		{"bad flag name", func(s *hooks.Spec) { s.Flags = []hooks.FlagSpec{{Name: "--x"}} }, `hook "h": flag name: word "--x" must start`},
		{"duplicate flag", func(s *hooks.Spec) { s.Flags = []hooks.FlagSpec{{Name: "x"}, {Name: "x"}} }, `hook "h": flag "x" declared twice`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := ok
			tt.edit(&s)
			_, err := NewExternal(s)
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.wantErr)) {
				t.Errorf("NewExternal: %v, want %q", err, tt.wantErr)
			}
		})
	}
}
