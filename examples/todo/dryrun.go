package todo

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/hooks"
)

func init() {
	hooks.Register(Name, "dry-run", func() hooks.Hook { return &dryRun{} })
}

// dryRun adds --dry-run to add, a command it does not own: with the flag,
// it says what add would do and stops it successfully (hooks.ErrStop).
type dryRun struct{ on bool }

var (
	_ hooks.Hook           = (*dryRun)(nil)
	_ command.FlagDeclarer = (*dryRun)(nil)
	_ hooks.Beforer        = (*dryRun)(nil)
)

func (*dryRun) Info() hooks.Info {
	return hooks.Info{Commands: []string{"add"}, Description: "Add --dry-run: say what add would do"}
}

func (d *dryRun) Flags(fs *pflag.FlagSet) {
	fs.BoolVarP(&d.on, "dry-run", "n", false, "say what would be added, change nothing")
}

func (d *dryRun) Before(ctx context.Context, inv *command.Invocation) error {
	if !d.on {
		return nil
	}
	fmt.Fprintf(inv.IO.Out, "would add: %s\n", strings.Join(inv.Args, " "))
	return hooks.ErrStop
}
