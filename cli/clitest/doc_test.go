package clitest_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/longshore/longshore/cli"
	"github.com/longshore/longshore/cli/clitest"
	"github.com/longshore/longshore/command"
)

// The tests of docs/writing-commands.md, "Testing a command".

// greet says hello with $GREETING, louder when the config says shout.
type greet struct{}

func (*greet) Info() command.Info { return command.Info{Short: "Greet", Args: command.ExactArgs(1)} }

func (*greet) Run(ctx context.Context, inv *command.Invocation) error {
	cfg := struct {
		Shout bool `yaml:"shout"`
	}{}
	if err := inv.Config.Decode(&cfg); err != nil {
		return err
	}
	msg := fmt.Sprintf("%s, %s!", inv.Env.Getenv("GREETING"), inv.Args[0])
	if cfg.Shout {
		msg = strings.ToUpper(msg)
	}
	_, err := fmt.Fprintln(inv.IO.Out, msg)
	return err
}

// newApp is the App a main would build.
func newApp() *cli.App {
	app := cli.New("docapp", "1.0.0", "the app of the docs")
	if err := app.AddCommand("greet hello", func() command.Command { return &greet{} }); err != nil {
		panic(err)
	}
	return app
}

func TestGreet(t *testing.T) {
	h := clitest.New(t, newApp()) // the App your main builds
	h.Setenv("GREETING", "Hi")    // seen by inv.Env and by plugins
	h.WriteConfig("shout: true\n")
	r := h.Run("greet", "hello", "Ada")
	r.WantCode(t, 0)
	clitest.Golden(t, "testdata/greet.txt", r.Stdout)
}

// TestGreetBadConfig: a key the app does not know is an error naming the
// file and line.
func TestGreetBadConfig(t *testing.T) {
	h := clitest.New(t, newApp())
	h.WriteConfig("shout: true\nshoot: false\n")
	r := h.Run("greet", "hello", "Ada")
	r.WantCode(t, 1)
	if want := "docapp: error: config: " + h.ConfigPath() + ":2: unknown key \"shoot\"\n"; r.Stderr != want {
		t.Fatalf("stderr = %q, want %q", r.Stderr, want)
	}
}
