package hookrun

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/hooks"
)

// Document is the JSON document an external hook reads on stdin, one per
// run. See docs/hooks.md for the schema.
type Document struct {
	// App and Version are the application's name and version.
	App     string `json:"app"`
	Version string `json:"version"`
	// Hook and Plugin name the hook and the plugin that declares it.
	Hook   string `json:"hook"`
	Plugin string `json:"plugin"`
	// Phase is "before" or "after".
	Phase string `json:"phase"`
	// Command is the command's words, e.g. ["files", "list"].
	Command []string `json:"command"`
	// Args are the positional arguments.
	Args []string `json:"args"`
	// Flags maps every flag of the command (global ones and those the hooks
	// added included, --help excepted) to its value: a JSON bool for a bool
	// flag, a number for an int or count flag, an array of strings for a
	// list flag, a string otherwise.
	Flags map[string]any `json:"flags"`
	// ExitCode and Error are set after the command only: its exit code and
	// its error message ("" on success).
	ExitCode *int    `json:"exit_code,omitempty"`
	Error    *string `json:"error,omitempty"`
}

// External is a hook run as a separate process from a [hooks.Spec].
type External struct {
	spec hooks.Spec
}

// NewExternal returns the hook for spec, or the reason spec is invalid.
func NewExternal(spec hooks.Spec) (*External, error) {
	if err := spec.Check(); err != nil {
		return nil, err
	}
	if spec.Path == "" {
		return nil, fmt.Errorf("hook %q: no executable", spec.Name)
	}
	return &External{spec: spec}, nil
}

// runsAfter reports whether the spec runs the hook after the command.
func (e *External) runsAfter() bool { return e.spec.After }

// Spec returns the hook's spec.
func (e *External) Spec() hooks.Spec { return e.spec }

// Info returns the spec's commands, priority, requirement and description.
func (e *External) Info() hooks.Info {
	return hooks.Info{Commands: e.spec.Commands, Priority: e.spec.Priority, Required: e.spec.Required, Description: e.spec.Description}
}

// Flags adds the spec's flags to the command.
func (e *External) Flags(fs *pflag.FlagSet) {
	for _, f := range e.spec.Flags {
		defineFlag(f, fs)
	}
}

// Before runs `<exe> hook before` when the spec asks for it. A non-zero exit
// vetoes the command with the hook's stderr as the message.
func (e *External) Before(ctx context.Context, inv *command.Invocation) error {
	if !e.spec.Before {
		return nil
	}
	return e.run(ctx, inv, e.document(inv, "before", nil))
}

// After runs `<exe> hook after` when the spec asks for it.
func (e *External) After(ctx context.Context, inv *command.Invocation, out *hooks.Outcome) error {
	if !e.spec.After {
		return nil
	}
	return e.run(ctx, inv, e.document(inv, "after", out))
}

// document describes the invocation for the hook's stdin.
func (e *External) document(inv *command.Invocation, phase string, out *hooks.Outcome) *Document {
	d := &Document{
		App: inv.App, Version: inv.Version, Hook: e.spec.Name, Plugin: e.spec.Plugin, Phase: phase,
		Command: strings.Fields(inv.Name), Args: inv.Args, Flags: FlagValues(inv.Flags),
	}
	if d.Args == nil {
		d.Args = []string{}
	}
	if out != nil {
		code, msg := out.ExitCode, ""
		if out.Err != nil {
			msg = out.Err.Error()
		}
		d.ExitCode, d.Error = &code, &msg
	}
	return d
}

// FlagValues returns the values of the flags in fs, --help excepted, typed
// as [Document.Flags] describes.
func FlagValues(fs *pflag.FlagSet) map[string]any {
	vals := map[string]any{}
	if fs == nil {
		return vals
	}
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Name == "help" {
			return
		}
		vals[f.Name] = flagValue(f)
	})
	return vals
}

func flagValue(f *pflag.Flag) any {
	if sv, ok := f.Value.(pflag.SliceValue); ok {
		return append([]string{}, sv.GetSlice()...)
	}
	s := f.Value.String()
	switch f.Value.Type() {
	case "bool":
		if b, err := strconv.ParseBool(s); err == nil {
			return b
		}
	case "int", "int8", "int16", "int32", "int64", "count", "uint", "uint8", "uint16", "uint32", "uint64":
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return n
		}
	}
	return s
}

// maxMessage bounds how much of a hook's stderr is kept.
const maxMessage = 64 << 10

// run starts the hook for one phase and waits for it, within the timeout.
// The hook's stdout goes to the user's stderr as it runs; its stderr is its
// message: the error on a non-zero exit, passed to the user's stderr
// otherwise. The hook's own exit status decides: what it leaves running
// is killed once it exits, and cannot make it fail or time out.
func (e *External) run(ctx context.Context, inv *command.Invocation, doc *Document) error {
	data, err := json.Marshal(doc)
	if err != nil {
		return hooks.Broken(fmt.Errorf("encode the hook's input: %w", err))
	}
	timeout := timeout(e.spec)
	tctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	p := &process{path: e.spec.Path, args: []string{"hook", doc.Phase}, stdin: append(data, '\n'), stdout: inv.IO.ErrOut}
	if e.spec.Environ != nil {
		p.env = e.spec.Environ()
	}
	var stderr limitedBuffer
	p.stderr = &stderr
	err = p.run(tctx)
	if p.unread && inv.Logger != nil {
		inv.Logger.Debug("hook exited leaving its output open; stopped reading it", "path", e.spec.Path)
	}
	msg := strings.TrimSpace(stderr.String())
	var ee *exec.ExitError
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case tctx.Err() != nil && p.killed:
		return hooks.Broken(fmt.Errorf("timed out after %s and was killed", timeout))
	case errors.As(err, &ee) && ee.Exited():
		if msg == "" {
			msg = fmt.Sprintf("exit status %d", ee.ExitCode())
		}
		return errors.New(msg)
	case err != nil:
		return hooks.Broken(fmt.Errorf("run %s: %w", e.spec.Path, err))
	}
	if msg != "" {
		fmt.Fprintln(inv.IO.ErrOut, msg)
	}
	return nil
}

// limitedBuffer keeps the first maxMessage bytes written to it.
type limitedBuffer struct{ bytes.Buffer }

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := maxMessage - b.Len(); room > 0 {
		b.Buffer.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}
