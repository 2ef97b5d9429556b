package cli

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/hooks"
)

// stopper stops every command before it runs, and records what its After
// saw.
type stopper struct{ seen *hooks.Outcome }

func (*stopper) Info() hooks.Info { return hooks.Info{Commands: []string{"*"}} }
func (*stopper) Before(context.Context, *command.Invocation) error {
	return fmt.Errorf("dry run: %w", hooks.ErrStop)
}
func (s *stopper) After(_ context.Context, _ *command.Invocation, out *hooks.Outcome) error {
	*s.seen = *out
	return nil
}

// watcher records what an after-hook running outside the stopper saw.
type watcher struct{ seen *hooks.Outcome }

func (*watcher) Info() hooks.Info { return hooks.Info{Commands: []string{"*"}, Priority: -1} }
func (w *watcher) After(_ context.Context, _ *command.Invocation, out *hooks.Outcome) error {
	*w.seen = *out
	return nil
}

// TestHookErrStop: a before-hook's hooks.ErrStop ends the command with exit
// 0 and nothing printed; the command does not run; after-hooks, the
// stopper's own included, see the stop.
func TestHookErrStop(t *testing.T) {
	app, out, errOut := hookApp(t)
	var byStopper, byWatcher hooks.Outcome
	app.AddCommand("show", func() command.Command { return &allCmd{} })
	app.AddHook("stop", func() hooks.Hook { return &stopper{seen: &byStopper} })
	app.AddHook("watch", func() hooks.Hook { return &watcher{seen: &byWatcher} })
	if code := app.Run(context.Background(), []string{"show"}); code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if out.Len() != 0 || errOut.Len() != 0 {
		t.Errorf("stdout %q, stderr %q: want nothing (the command must not run)", out, errOut)
	}
	for name, o := range map[string]hooks.Outcome{"stopper": byStopper, "watcher": byWatcher} {
		if !errors.Is(o.Err, hooks.ErrStop) || o.ExitCode != 0 || o.Ran {
			t.Errorf("%s's After saw %+v, want Err wrapping ErrStop, exit 0, Ran false", name, o)
		}
	}
}
