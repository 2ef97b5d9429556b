// Package clitest runs a Longshore App in tests, as gh's iostreams.Test and
// cobra's own helpers do for theirs: in-process, with captured standard
// streams, an isolated HOME, XDG directories, config file, plugin
// directory and environment, and with the compiled-in registrations (the
// packages the test imports) intact.
//
// A test of an app's command:
//
//	func TestList(t *testing.T) {
//		h := clitest.New(t, todo.NewApp())
//		h.WriteFile("todo.json", `[{"id":1,"title":"milk"}]`)
//		r := h.Run("list", "-f", "csv")
//		r.WantCode(t, 0)
//		clitest.Golden(t, "testdata/list.csv", r.Stdout)
//	}
//
// [New] fails the test when a plugin is registered for an app name no App
// in the test binary has (a misspelt or renamed app), which would
// otherwise drop it silently.
//
// The harness sets process environment variables with t.Setenv (so that
// external plugins the App runs see the same isolated environment), so a
// test using it cannot call t.Parallel.
//
// For end-to-end tests that run the app's own binary from testscript files,
// see [Main] and [Params].
package clitest

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/longshore/longshore/cli"
	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/registry"
)

// Harness runs one App in an isolated environment. Its directories are
// under the test's temporary directory.
type Harness struct {
	// App is the App under test; change its fields before Run if needed.
	App *cli.App
	// Dir is the working directory of the test: relative paths given to
	// WriteFile and the App's commands start here.
	Dir string
	// Home is $HOME; the XDG directories are under it, as by default.
	Home string
	// PluginDir is the App's plugin directory ($<APP>_PLUGIN_PATH), where
	// AddPlugin writes external plugins.
	PluginDir string
	// Stdin is what the next Run's standard input reads.
	Stdin string
	// TerminalWidth, when above 0, makes the next Run's streams a
	// terminal that wide; 0 (the default) is a pipe.
	TerminalWidth int

	t   testing.TB
	env map[string]string
}

// New returns a harness for app. It isolates the environment: HOME and
// the XDG directories point into a temporary directory, PATH keeps only the
// system directories (so the developer's own plugins are not found), the
// variables of the app's prefix are cleared, and the working directory is
// a fresh temporary one (t.Chdir). It sets app.Getenv and makes external
// plugins run as child processes.
func New(t testing.TB, app *cli.App) *Harness {
	t.Helper()
	registry.Claim(app.Name)
	for _, s := range registry.Unclaimed() {
		t.Errorf("clitest: %s", s)
	}
	root := t.TempDir()
	h := &Harness{
		App:       app,
		Dir:       filepath.Join(root, "work"),
		Home:      filepath.Join(root, "home"),
		PluginDir: filepath.Join(root, "plugins"),
		t:         t,
		env:       map[string]string{},
	}
	for _, d := range []string{h.Dir, h.Home, h.PluginDir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	prefix := EnvPrefix(app.Name)
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, prefix+"_") {
			h.Setenv(k, "")
		}
	}
	h.Setenv("HOME", h.Home)
	h.Setenv("XDG_CONFIG_HOME", filepath.Join(h.Home, ".config"))
	h.Setenv("XDG_DATA_HOME", filepath.Join(h.Home, ".local", "share"))
	h.Setenv("XDG_STATE_HOME", filepath.Join(h.Home, ".local", "state"))
	h.Setenv("XDG_CACHE_HOME", filepath.Join(h.Home, ".cache"))
	h.Setenv("PATH", "/usr/bin:/bin")
	h.Setenv("TZ", "UTC")
	h.Setenv(prefix+"_PLUGIN_PATH", h.PluginDir)
	t.Chdir(h.Dir)
	app.Getenv = h.Getenv
	app.PluginsAsChild = true
	return h
}

// EnvPrefix is an app name as its environment variable prefix: "todo" is
// "TODO", "my-app" is "MY_APP".
func EnvPrefix(app string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z':
			return r - 'a' + 'A'
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			return r
		}
		return '_'
	}, app)
}

// Setenv sets an environment variable for the App and the plugins it
// runs; the test's end restores the process's own.
func (h *Harness) Setenv(key, value string) {
	h.t.Helper()
	h.env[key] = value
	h.t.Setenv(key, value)
}

// Getenv reads the harness's environment: only what New and Setenv set.
func (h *Harness) Getenv(key string) string { return h.env[key] }

// Env is the harness's environment as a command sees it, for calling a
// command's methods directly.
func (h *Harness) Env() command.Env {
	var vars []string
	for k, v := range h.env {
		vars = append(vars, k+"="+v)
	}
	return command.EnvOf(vars...)
}

// ConfigPath is the App's config file: $XDG_CONFIG_HOME/<app>/config.yaml.
func (h *Harness) ConfigPath() string {
	return filepath.Join(h.env["XDG_CONFIG_HOME"], h.App.Name, "config.yaml")
}

// WriteConfig writes the App's config file.
func (h *Harness) WriteConfig(yaml string) {
	h.t.Helper()
	h.write(h.ConfigPath(), yaml, 0o644)
}

// WriteFile writes a file under Dir (or at an absolute path), making its
// directories, and returns its path.
func (h *Harness) WriteFile(name, content string) string {
	h.t.Helper()
	if !filepath.IsAbs(name) {
		name = filepath.Join(h.Dir, name)
	}
	h.write(name, content, 0o644)
	return name
}

// AddPlugin writes an executable external plugin "<app>-<name>" into
// PluginDir and returns its path. content is the whole file, "#!/bin/sh"
// line included. The file is closed before anything can run it.
func (h *Harness) AddPlugin(name, content string) string {
	h.t.Helper()
	path := filepath.Join(h.PluginDir, h.App.Name+"-"+name)
	if err := WriteExecutable(path, []byte(content), 0o755); err != nil {
		h.t.Fatal(err)
	}
	return path
}

// write writes a file in one call, so that no writer stays open.
func (h *Harness) write(path, content string, mode os.FileMode) {
	h.t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		h.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		h.t.Fatal(err)
	}
}

// Result is what one Run of the App did.
type Result struct {
	// Code is the exit code App.Run returned.
	Code int
	// Stdout and Stderr are what the App wrote to its streams.
	Stdout, Stderr string
}

// Run runs the App with args, in-process, and returns its exit code and
// output. Each Run starts with fresh streams; Stdin and TerminalWidth say
// what they are.
func (h *Harness) Run(args ...string) *Result {
	h.t.Helper()
	io, in, out, errOut := command.TestIO()
	in.WriteString(h.Stdin)
	io.SetTerminal(h.TerminalWidth)
	lookup := func(key string) (string, bool) {
		v, ok := h.env[key]
		return v, ok
	}
	io.LookupEnv = lookup
	h.App.IO = io
	code := h.App.Run(context.Background(), args)
	return &Result{Code: code, Stdout: out.String(), Stderr: errOut.String()}
}

// WantCode fails the test unless the run exited with code, showing its
// stderr.
func (r *Result) WantCode(t testing.TB, code int) {
	t.Helper()
	if r.Code != code {
		t.Fatalf("exit code %d, want %d; stderr:\n%s", r.Code, code, r.Stderr)
	}
}

// String shows a result in a failure message.
func (r *Result) String() string {
	return "exit " + strconv.Itoa(r.Code) + "\n--- stdout\n" + r.Stdout + "--- stderr\n" + r.Stderr
}
