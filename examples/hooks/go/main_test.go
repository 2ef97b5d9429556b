package main

import (
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"demoapp-guard": main})
}

// TestScripts feeds hook documents to both versions as the app does and
// checks their answers: guard_go.txtar runs this program, guard_sh.txtar the
// shell version ($GUARD_SH).
func TestScripts(t *testing.T) {
	sh, err := filepath.Abs("../sh/demoapp-guard")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{Dir: "testdata/script", Setup: func(env *testscript.Env) error {
		env.Setenv("GUARD_SH", sh)
		return nil
	}})
}
