package hookrun

import (
	"context"
	"errors"
	"fmt"
	"iter"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/hooks"
)

// Failure is a hook's error or panic, with the hook's name and phase, as a
// value the App reports.
type Failure struct {
	// Hook is the hook's name.
	Hook string
	// Phase is where it failed: "before", "transform" or "after".
	Phase string
	// Required copies the hook's Info.Required.
	Required bool
	// Err is the hook's error, a [command.PanicError] for a panic.
	Err error
}

// Error is "hook <name>: <error>"; a panic names the hook itself.
func (f *Failure) Error() string {
	var pe *command.PanicError
	if errors.As(f.Err, &pe) {
		return f.Err.Error()
	}
	return "hook " + f.Hook + ": " + f.Err.Error()
}

// Unwrap returns the hook's error.
func (f *Failure) Unwrap() error { return f.Err }

// IsBroken reports whether err marks a hook's breakage: a [hooks.Broken] error or
// a panic.
func IsBroken(err error) bool {
	var b interface{ Broken() bool }
	var pe *command.PanicError
	return errors.As(err, &b) && b.Broken() || errors.As(err, &pe)
}

// Chain runs the hooks bound to one command, in order. It is used once, for
// one invocation: Before, then the transforms, then After.
type Chain struct {
	hooks []Bound
	// entered counts the hooks, in order, that the command got past: their
	// After runs whatever happens next, like a deferred call.
	entered int
}

// NewChain returns a chain of hs in [Order]; hs is not modified.
func NewChain(hs []Bound) *Chain {
	c := &Chain{hooks: append([]Bound(nil), hs...)}
	Order(c.hooks)
	return c
}

// Hooks returns the chain's hooks in the order they run before the command.
func (c *Chain) Hooks() []Bound { return c.hooks }

// Len returns the number of hooks in the chain; a nil chain has none.
func (c *Chain) Len() int {
	if c == nil {
		return 0
	}
	return len(c.hooks)
}

// RunsAfter reports whether a hook of the chain runs after the command, so
// that the App knows it must wait for the command (run an external plugin
// as a child rather than replace itself with it).
func (c *Chain) RunsAfter() bool {
	for _, b := range c.hooks {
		if p, ok := b.Hook.(phaser); ok {
			if p.runsAfter() {
				return true
			}
			continue
		}
		if _, ok := b.Hook.(hooks.Afterer); ok {
			return true
		}
	}
	return false
}

// phaser is a hook that implements Afterer but says for itself whether it
// runs after the command (an external hook does only when its spec says).
type phaser interface{ runsAfter() bool }

func guardName(name string) string { return fmt.Sprintf("hook %q", name) }

// forHook returns inv with a logger that names the hook.
func forHook(inv *command.Invocation, name string) *command.Invocation {
	h := *inv
	if h.Logger != nil {
		h.Logger = h.Logger.With("hook", name)
	}
	return &h
}

// Before runs the before-hooks in order. It stops at the first veto and
// returns it as a *Failure: a hook's returned error, or the breakage of a
// Required hook. Breakages of optional hooks are returned as failures to
// report and the chain goes on. A hook that returns [hooks.ErrStop] stops the
// chain too; its *Failure wraps ErrStop, and the hook counts as entered, so
// its own After runs.
func (c *Chain) Before(ctx context.Context, inv *command.Invocation) (veto error, failures []*Failure) {
	for _, b := range c.hooks {
		bf, ok := b.Hook.(hooks.Beforer)
		if ok {
			err := command.Guard(guardName(b.Name), func() error { return bf.Before(ctx, forHook(inv, b.Name)) })
			if err != nil && errors.Is(err, hooks.ErrStop) {
				c.entered++
				return &Failure{Hook: b.Name, Phase: "before", Err: err}, failures
			}
			if err != nil {
				f := &Failure{Hook: b.Name, Phase: "before", Required: b.Info.Required, Err: err}
				if !IsBroken(err) || b.Info.Required {
					return f, failures
				}
				failures = append(failures, f)
			}
		}
		c.entered++
	}
	return nil, failures
}

// TransformTable passes a lister's table through the table transformers in
// order. wrap guards each transformer's rows (the App turns a panic in them
// into an error naming the hook); nil leaves them as they are. A transformer
// that fails or returns no table is skipped and reported, unless it is
// Required: then its failure is returned as err.
func (c *Chain) TransformTable(ctx context.Context, inv *command.Invocation, t *command.Table, wrap func(plugin string, rows iter.Seq2[[]any, error]) iter.Seq2[[]any, error]) (out *command.Table, failures []*Failure, err error) {
	return transform(c, "table", t, func(b Bound, t *command.Table) (*command.Table, bool, error) {
		tt, ok := b.Hook.(hooks.TableTransformer)
		if !ok {
			return nil, false, nil
		}
		nt, err := command.GuardValue(guardName(b.Name), func() (*command.Table, error) {
			return tt.TransformTable(ctx, forHook(inv, b.Name), t)
		})
		if err == nil && nt != nil && nt != t && wrap != nil {
			nt = &command.Table{Columns: nt.Columns, Rows: wrap(guardName(b.Name), nt.Rows)}
		}
		return nt, true, err
	})
}

// TransformRecord passes a shower's record through the record transformers
// in order, with the same failure rules as [Chain.TransformTable].
func (c *Chain) TransformRecord(ctx context.Context, inv *command.Invocation, rec *command.Record) (out *command.Record, failures []*Failure, err error) {
	return transform(c, "record", rec, func(b Bound, rec *command.Record) (*command.Record, bool, error) {
		rt, ok := b.Hook.(hooks.RecordTransformer)
		if !ok {
			return nil, false, nil
		}
		nr, err := command.GuardValue(guardName(b.Name), func() (*command.Record, error) {
			return rt.TransformRecord(ctx, forHook(inv, b.Name), rec)
		})
		return nr, true, err
	})
}

// transform passes v through step for each hook the command got past, in
// order. step reports whether the hook is a transformer of v's kind and
// returns its result.
func transform[T any](c *Chain, kind string, v *T, step func(b Bound, v *T) (*T, bool, error)) (*T, []*Failure, error) {
	var failures []*Failure
	for _, b := range c.hooks[:c.entered] {
		nv, ok, err := step(b, v)
		if !ok {
			continue
		}
		if err == nil && nv == nil {
			err = errors.New("returned no " + kind)
		}
		if err != nil {
			f := &Failure{Hook: b.Name, Phase: "transform", Required: b.Info.Required, Err: err}
			if b.Info.Required {
				return nil, failures, f
			}
			failures = append(failures, f)
			continue
		}
		v = nv
	}
	return v, failures, nil
}

// After runs the after-hooks of the hooks the command got past, in reverse
// order, each seeing out. ctx should not be one the command's interrupt
// cancelled (the App passes one derived with [context.WithoutCancel]):
// after an interrupt, after-hooks still run and see exit code 130. It returns every failure; the App decides what
// they do to the exit code (only Required ones count, and only when the
// command succeeded).
func (c *Chain) After(ctx context.Context, inv *command.Invocation, out *hooks.Outcome) (failures []*Failure) {
	for i := c.entered - 1; i >= 0; i-- {
		b := c.hooks[i]
		af, ok := b.Hook.(hooks.Afterer)
		if !ok {
			continue
		}
		err := command.Guard(guardName(b.Name), func() error { return af.After(ctx, forHook(inv, b.Name), out) })
		if err != nil {
			failures = append(failures, &Failure{Hook: b.Name, Phase: "after", Required: b.Info.Required, Err: err})
		}
	}
	return failures
}
