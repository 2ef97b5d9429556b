package clitest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/longshore/longshore/cli"
)

// Main is the TestMain of a package whose testscript files run the app's
// own binary: the test binary stands in for it under name, built by
// newApp (the same function the app's main calls), with every
// registration the test imports.
//
//	func TestMain(m *testing.M) { clitest.Main(m, "todo", todo.NewApp) }
//
//	func TestScripts(t *testing.T) {
//		testscript.Run(t, clitest.Params("todo", "testdata/script"))
//	}
func Main(m *testing.M, name string, newApp func() *cli.App) {
	testscript.Main(m, map[string]func(){
		name: func() { os.Exit(newApp().Run(context.Background(), os.Args[1:])) },
	})
}

// Params returns the testscript parameters that run the scripts in dir for
// the app called app, each isolated as [New] isolates a test: HOME and the
// XDG directories under $WORK/home, the plugin directory $WORK/plugins as
// $<APP>_PLUGIN_PATH, and TZ=UTC; with the command `mkexec` ([Mkexec]) to
// make a script's plugins executable. `go test -update` rewrites the
// scripts' expected output (cmp files in the archive) from the actual one.
func Params(app, dir string) testscript.Params {
	prefix := EnvPrefix(app)
	return testscript.Params{
		Dir:           dir,
		UpdateScripts: updating(),
		Cmds:          map[string]func(*testscript.TestScript, bool, []string){"mkexec": Mkexec},
		Setup: func(env *testscript.Env) error {
			home := filepath.Join(env.WorkDir, "home")
			plugins := filepath.Join(env.WorkDir, "plugins")
			env.Setenv("HOME", home)
			env.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
			env.Setenv("XDG_DATA_HOME", filepath.Join(home, ".local", "share"))
			env.Setenv("XDG_STATE_HOME", filepath.Join(home, ".local", "state"))
			env.Setenv("XDG_CACHE_HOME", filepath.Join(home, ".cache"))
			env.Setenv("TZ", "UTC")
			env.Setenv(prefix+"_PLUGIN_PATH", plugins)
			for _, d := range []string{home, plugins} {
				if err := os.MkdirAll(d, 0o755); err != nil {
					return err
				}
			}
			return nil
		},
	}
}

// RunScripts runs the testscript files in dir with [Params]: the usual
// body of a TestScripts function.
func RunScripts(t *testing.T, app, dir string) {
	testscript.Run(t, Params(app, dir))
}
