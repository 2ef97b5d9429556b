package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/hooks"
	"github.com/longshore/longshore/internal/discovery"
	"github.com/longshore/longshore/internal/hookrun"
)

// hookSet is the hooks attached to one command for this run.
type hookSet struct {
	chain *hookrun.Chain
	// problems are hooks that could not be attached (a flag clash), reported
	// when the command runs.
	problems []*hookrun.Failure
	out      hooks.Outcome
	// flags are the names of the flags each hook added to the command,
	// and epilogs the text each adds to its help, by hook, in order.
	flags, epilogs []hookText
}

// hookText is what one hook adds to a command's help.
type hookText struct {
	hook  string
	lines []string
}

// attachHooks binds the enabled hooks that match the command name to cc:
// their flags go on cc only and their epilogs at the end of its help. It
// returns nil when no hook matches. When one does, full is called first:
// it declares all of cc's output flags, which hooks see (and their flags
// must not clash with), whatever formatter the run uses.
func (b *hookBinder) attach(name string, cc *cobra.Command, full func()) *hookSet {
	bound, problems := b.bind(name)
	if len(bound) == 0 && len(problems) == 0 {
		return nil
	}
	full()
	hs := &hookSet{problems: problems}
	hookrun.Order(bound)
	var kept []hookrun.Bound
	var epilogs []string
	for _, h := range bound {
		names, err := b.addHookFlags(h, cc)
		if err != nil {
			hs.problems = append(hs.problems, &hookrun.Failure{Hook: h.Name, Phase: "before", Err: err})
			continue
		}
		if len(names) > 0 {
			hs.flags = append(hs.flags, hookText{h.Name, names})
		}
		kept = append(kept, h)
		if ep, ok := h.Hook.(hooks.Epiloguer); ok {
			text, err := command.GuardValue(fmt.Sprintf("hook %q", h.Name), func() (string, error) { return ep.Epilog(), nil })
			if text = strings.TrimSpace(text); err == nil && text != "" {
				epilogs = append(epilogs, text)
				hs.epilogs = append(hs.epilogs, hookText{h.Name, []string{text}})
			}
		}
	}
	hs.chain = hookrun.NewChain(kept)
	if len(epilogs) > 0 {
		epilog := "\n" + strings.Join(epilogs, "\n\n") + "\n"
		cc.SetHelpFunc(func(c *cobra.Command, args []string) {
			c.Parent().HelpFunc()(c, args)
			fmt.Fprint(c.OutOrStdout(), epilog)
		})
	}
	return hs
}

// addHookFlags adds a hook's flags to cc, marked with the hook's name in
// their usage, and returns their names. A flag that clashes with one cc or
// the root already has keeps the hook off this command.
func (b *hookBinder) addHookFlags(h hookrun.Bound, cc *cobra.Command) ([]string, error) {
	fd, ok := h.Hook.(command.FlagDeclarer)
	if !ok {
		return nil, nil
	}
	fs := pflag.NewFlagSet(h.Name, pflag.ContinueOnError)
	if err := command.Guard(fmt.Sprintf("hook %q", h.Name), func() error { fd.Flags(fs); return nil }); err != nil {
		return nil, err
	}
	var clash error
	fs.VisitAll(func(f *pflag.Flag) {
		if clash != nil {
			return
		}
		if cc.Flags().Lookup(f.Name) != nil || b.globals().Lookup(f.Name) != nil {
			clash = fmt.Errorf("not run on %q: its flag --%s is already one of the command's", cc.CommandPath(), f.Name)
		} else if f.Shorthand != "" && (cc.Flags().ShorthandLookup(f.Shorthand) != nil || b.globals().ShorthandLookup(f.Shorthand) != nil) {
			clash = fmt.Errorf("not run on %q: its flag -%s is already one of the command's", cc.CommandPath(), f.Shorthand)
		}
	})
	if clash != nil {
		return nil, clash
	}
	var names []string
	fs.VisitAll(func(f *pflag.Flag) {
		f.Usage = strings.TrimSpace(f.Usage + hookMark(h.Name))
		cc.Flags().AddFlag(f)
		names = append(names, f.Name)
	})
	return names, nil
}

// hookMark ends the usage of a flag a hook added: " (hook NAME)".
func hookMark(hook string) string { return " (hook " + hook + ")" }

// externalHooks returns the hooks that match an external command. They run
// around the plugin but add no flags and no help to it: its arguments and
// its help are the plugin's own.
func (b *hookBinder) externalHooks(p *discovery.Plugin) *hookSet {
	bound, problems := b.bind(p.Name)
	if len(bound) == 0 && len(problems) == 0 {
		return nil
	}
	return &hookSet{chain: hookrun.NewChain(bound), problems: problems}
}

// externalInvocation describes a run of an external command to its hooks:
// the global options are its flags, everything after its name its
// arguments.
func (r *run) externalInvocation(p *discovery.Plugin, args []string) *command.Invocation {
	flags := pflag.NewFlagSet(r.app.Name, pflag.ContinueOnError)
	flags.AddFlagSet(r.tree.globals())
	flags.AddFlagSet(r.tree.root.Flags())
	return &command.Invocation{
		App: r.app.Name, Version: r.app.Version, Name: p.Name, Args: args,
		Flags: flags, IO: r.io, Logger: r.log.logger.With("command", p.Name),
		Env: r.app.env(), Config: r.sess.appConfig(),
	}
}

// runsAfter reports whether a hook of hs runs after the command.
func (hs *hookSet) runsAfter() bool { return hs != nil && hs.chain.RunsAfter() }

// runHooked runs f, the command itself, between the before- and
// after-hooks of hs (nil: no hooks).
func (r *commandRunner) runHooked(hs *hookSet, inv *command.Invocation, f func() error) (err error) {
	if hs == nil {
		return f()
	}
	defer func() { err = hs.after(r, inv, err) }()
	if err := hs.before(r, inv); err != nil {
		return err
	}
	hs.out.Ran = true
	return f()
}

// before reports the hooks that could not be attached and runs the
// before-hooks; a veto is returned as the command's error.
func (hs *hookSet) before(r *commandRunner, inv *command.Invocation) error {
	for _, f := range hs.problems {
		r.reportHook(f, false)
	}
	veto, failures := hs.chain.Before(r.ctx, inv)
	for _, f := range failures {
		r.reportHook(f, false)
	}
	return veto
}

// after runs the after-hooks with the command's outcome, even when an
// interrupt stopped the command (see afterContext), and returns the
// error the run ends with: the command's own, or, when the command
// succeeded and a required hook failed, an exit code of 1.
func (hs *hookSet) after(r *commandRunner, inv *command.Invocation, err error) error {
	hs.out.Err = err
	hs.out.ExitCode = r.codeOf(err)
	if !hs.out.Ran && errors.Is(err, hooks.ErrStop) {
		hs.out.ExitCode, err = exitOK, nil
	}
	ctx, stop := afterContext(r.ctx)
	defer stop()
	failures := hs.chain.After(ctx, inv, &hs.out)
	failed := false
	for _, f := range failures {
		r.reportHook(f, f.Required)
		failed = failed || f.Required
	}
	if err == nil && failed {
		return &command.ExitError{Code: exitFailure}
	}
	return err
}

// transformTable passes a lister's table through the hooks and counts the
// rows the formatter takes, for the after-hooks.
func (hs *hookSet) transformTable(r *commandRunner, inv *command.Invocation, t *command.Table) (*command.Table, error) {
	if hs == nil {
		return t, nil
	}
	t, failures, err := hs.chain.TransformTable(r.ctx, inv, t, guardRows)
	for _, f := range failures {
		r.reportHook(f, false)
	}
	if err != nil {
		return nil, err
	}
	hs.out.Columns = t.Columns
	rows := t.Rows
	return &command.Table{Columns: t.Columns, Rows: func(yield func([]any, error) bool) {
		for row, err := range rows {
			if err == nil {
				hs.out.Rows++
			}
			if !yield(row, err) {
				return
			}
		}
	}}, nil
}

// transformRecord passes a shower's record through the hooks.
func (hs *hookSet) transformRecord(r *commandRunner, inv *command.Invocation, rec *command.Record) (*command.Record, error) {
	if hs == nil {
		return rec, nil
	}
	rec, failures, err := hs.chain.TransformRecord(r.ctx, inv, rec)
	for _, f := range failures {
		r.reportHook(f, false)
	}
	hs.out.Record = rec
	return rec, err
}

// reportHook prints a hook's failure by name on stderr: as an error when it
// counts against the command, as a warning otherwise; --debug adds the
// chain and the stack of a panic.
func (r *commandRunner) reportHook(f *hookrun.Failure, isError bool) {
	prefix := warningPrefix(r.app, r.io)
	if isError {
		prefix = errorPrefix(r.app, r.io)
	}
	fmt.Fprintf(r.errOut, "%s%s\n", prefix, oneLine(f.Error()))
	if *r.debug {
		writeChain(r.errOut, f)
	}
}
