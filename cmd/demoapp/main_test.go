package main

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/longshore/longshore/cli/clitest"

	// Hooks and a hidden command that only the test binary has, for the
	// hook_*.txtar scenarios.
	_ "github.com/longshore/longshore/cmd/demoapp/internal/hooktest"
	// A lister that waits between its rows, for the stream_*.txtar scenarios.
	_ "github.com/longshore/longshore/cmd/demoapp/internal/streamtest"
)

// updating reports whether -update is set: rewrite the expected output in
// testdata/script (and the reference docs) from the actual output. The
// flag is cli/clitest's, which these tests import.
func updating() bool {
	return flag.Lookup("update").Value.(flag.Getter).Get().(bool)
}

func TestMain(m *testing.M) {
	testscript.Main(cleanupM{m}, map[string]func(){"demoapp": main, "childapp": childApp, "sigcount": sigCount,
		"sigtally": sigTally, "slowstart": slowStart})
}

// cleanupM runs the tests, then removes what they left for the whole run
// (the example plugins built once, see buildExamples). testscript.Main
// exits with what Run returns, so the clean-up goes here.
type cleanupM struct{ m *testing.M }

func (c cleanupM) Run() int {
	code := c.m.Run()
	if examplesBin != "" {
		os.RemoveAll(examplesBin)
	}
	return code
}

// TestScripts runs the end-to-end scenarios in testdata/script against the
// built demoapp.
func TestScripts(t *testing.T) {
	testscript.Run(t, scriptParams(t, "testdata/script"))
}

// scriptParams isolates each script: UTC time, its own HOME and XDG
// directories, and a chtimes command for deterministic modification times.
func scriptParams(t *testing.T, dir string) testscript.Params {
	exampleBin, examples := buildExamples(t)
	return testscript.Params{
		Dir:           dir,
		UpdateScripts: updating(),
		Setup: func(env *testscript.Env) error {
			home := filepath.Join(env.WorkDir, "home")
			env.Setenv("TZ", "UTC")
			env.Setenv("HOME", home)
			env.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
			env.Setenv("XDG_DATA_HOME", filepath.Join(home, ".local", "share"))
			env.Setenv("XDG_STATE_HOME", filepath.Join(home, ".local", "state"))
			env.Setenv("DEMOAPP_WEATHER_API_KEY", "")
			env.Setenv("EXAMPLES", examples)
			env.Setenv("EXAMPLEBIN", exampleBin)
			// Scripts that build Go share the host's build cache.
			env.Setenv("GOCACHE", goCache)
			// The folder holding demoapp alone, for a PATH without go or git.
			env.Setenv("DEMOAPPBIN", filepath.Dir(lookPath(env.Getenv("PATH"), "demoapp")))
			return nil
		},
		Cmds:      scriptCmds(),
		Condition: shellCondition,
	}
}

// scriptCmds are the commands scripts have beyond testscript's own.
func scriptCmds() map[string]func(ts *testscript.TestScript, neg bool, args []string) {
	cmds := map[string]func(ts *testscript.TestScript, neg bool, args []string){
		"chtimes":    chtimes,
		"interrupt":  interrupt,
		"mkexec":     clitest.Mkexec,
		"sendsig":    sendsig,
		"tmux-start": tmuxStart,
		"tmux-send":  tmuxSend,
		"tmux-wait":  tmuxWait,
		"tmux-gone":  tmuxGone,
	}
	for name, cmd := range installCmds {
		cmds[name] = cmd
	}
	return cmds
}

// chtimes RFC3339-TIME FILE... sets the access and modification times.
func chtimes(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: chtimes RFC3339-TIME FILE...")
	}
	when, err := time.Parse(time.RFC3339, args[0])
	ts.Check(err)
	for _, f := range args[1:] {
		ts.Check(os.Chtimes(ts.MkAbs(f), when, when))
	}
}

// TestScriptsUseMkexec checks that no scenario makes a file that the test
// process wrote (one of its archive's files, or a cp destination)
// executable with chmod, or runs a copy of an executable without mkexec:
// mkexec writes the file afresh so that exec'ing it cannot fail with "text
// file busy" while other scenarios fork (see clitest.WriteExecutable).
func TestScriptsUseMkexec(t *testing.T) {
	files, err := filepath.Glob("testdata/script/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no scripts: %v", err)
	}
	for _, file := range files {
		a, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		// written holds the files the test process writes: the archive's
		// and cp's. executable holds those mkexec wrote afresh since;
		// copied, by line, the copies of executables that await mkexec.
		written, executable, copied := map[string]bool{}, map[string]bool{}, map[string]int{}
		for _, f := range a.Files {
			written[f.Name] = true
		}
		for i, line := range strings.Split(string(a.Comment), "\n") {
			words := strings.Fields(line)
			for len(words) > 0 && (words[0] == "!" || strings.HasPrefix(words[0], "[")) {
				words = words[1:]
			}
			if len(words) < 2 {
				continue
			}
			switch words[0] {
			case "chmod":
				mode, err := strconv.ParseUint(words[1], 8, 32)
				for _, f := range words[2:] {
					// A file mkexec wrote afresh may change mode.
					if written[f] && !executable[f] && (err != nil || mode&0o111 != 0) {
						t.Errorf("%s:%d: %s: use mkexec [-m MODE] to make a file executable", file, i+1, line)
					}
				}
			case "mkexec":
				for _, f := range words[1:] {
					executable[f] = true
					delete(copied, f)
				}
			case "cp":
				src, dst := words[1], words[len(words)-1]
				written[dst] = true
				delete(executable, dst)
				if len(words) == 3 && (executable[src] || strings.Contains(src, "$EXAMPLE")) {
					copied[dst] = i + 1
				}
			}
		}
		for dst, line := range copied {
			t.Errorf("%s:%d: %s is copied from an executable: mkexec it before it runs", file, line, dst)
		}
	}
}
