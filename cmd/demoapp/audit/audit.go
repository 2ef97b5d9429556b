// Package audit is demoapp's compiled-in hook: it attaches to every `files`
// command, adds --audit to them, and with it reports on stderr what ran,
// how it ended and how long it took. A blank import installs it.
package audit

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/hooks"
)

// App is the name of the App the hook is registered for.
const App = "demoapp"

func init() {
	hooks.Register(App, "audit", func() hooks.Hook { return &hook{now: time.Now} })
}

// hook records when the command started and reports after it.
type hook struct {
	audit bool
	now   func() time.Time
	start time.Time
}

// The compiler checks the capabilities the hook means to have.
var (
	_ command.FlagDeclarer = (*hook)(nil)
	_ hooks.Epiloguer      = (*hook)(nil)
	_ hooks.Beforer        = (*hook)(nil)
	_ hooks.Afterer        = (*hook)(nil)
)

func (*hook) Info() hooks.Info {
	return hooks.Info{
		Commands:    []string{"files *"},
		Priority:    -100, // first in, last out: it times the other hooks too
		Description: "Report what a files command did and how long it took (--audit)",
	}
}

func (h *hook) Flags(fs *pflag.FlagSet) {
	fs.BoolVar(&h.audit, "audit", false, "report the outcome and duration on stderr")
}

func (*hook) Epilog() string {
	return "Audit:\n  With --audit, a line on stderr reports the command, its arguments, its exit\n  code, the number of rows or fields and how long it took."
}

func (h *hook) Before(ctx context.Context, inv *command.Invocation) error {
	h.start = h.now()
	return nil
}

func (h *hook) After(ctx context.Context, inv *command.Invocation, out *hooks.Outcome) error {
	if !h.audit {
		return nil
	}
	result := "no result"
	switch {
	case !out.Ran:
		result = "did not run"
	case out.Columns != nil:
		result = fmt.Sprintf("%d rows", out.Rows)
	case out.Record != nil:
		result = fmt.Sprintf("%d fields", len(out.Record.Fields))
	}
	took := h.now().Sub(h.start).Round(time.Microsecond)
	_, err := fmt.Fprintf(inv.IO.ErrOut, "audit: %s: exit %d, %s, %s\n",
		strings.Join(append([]string{inv.Name}, inv.Args...), " "), out.ExitCode, result, took)
	return err
}
