package demo

import (
	"context"
	"runtime"

	"github.com/longshore/longshore/command"
)

func init() {
	command.Register(App, "version", func() command.Command { return &version{} })
}

// version shows the application's and the toolchain's versions.
type version struct{}

var (
	_ command.Shower = (*version)(nil)
)

func (*version) Info() command.Info {
	return command.Info{Short: "Show version information"}
}

func (*version) Show(ctx context.Context, inv *command.Invocation) (*command.Record, error) {
	return &command.Record{
		Fields: []string{"app", "version", "go", "platform"},
		Values: []any{inv.App, inv.Version, runtime.Version(), runtime.GOOS + "/" + runtime.GOARCH},
	}, nil
}
