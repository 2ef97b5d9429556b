package demo

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
)

func init() {
	command.Register(App, "fail", func() command.Command { return &fail{} })
}

// fail fails on purpose, to show how errors, --debug and the panic guard look.
type fail struct {
	panic bool
}

var (
	_ command.Runner       = (*fail)(nil)
	_ command.FlagDeclarer = (*fail)(nil)
)

// errRefused is the root cause at the bottom of fail's error chain.
var errRefused = errors.New("connection refused")

func (*fail) Info() command.Info {
	return command.Info{
		Short: "Fail on purpose (shows error reporting)",
		Long:  "Fail on purpose with a wrapped error, so that the error line and the chain\nthat --debug prints can be seen; --panic panics instead, to show that the\npanic is caught and reported with the command's name.",
		Group: "Diagnostics",
	}
}

func (c *fail) Flags(fs *pflag.FlagSet) {
	fs.BoolVar(&c.panic, "panic", false, "panic instead of returning an error")
}

func (c *fail) Run(ctx context.Context, inv *command.Invocation) error {
	if c.panic {
		panic("something went badly wrong")
	}
	inv.Logger.Info("about to fail", "reason", "on purpose")
	return fmt.Errorf("sync inventory: %w", fmt.Errorf("connect to inventory.example:5432: %w", errRefused))
}
