package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/formatters"
	"github.com/longshore/longshore/internal/discovery"
	"github.com/longshore/longshore/internal/pluginexec"
	"github.com/longshore/longshore/internal/wire"
)

// outputEnv is the app-independent variable that asks a plugin for
// structured output; "<APP>_OUTPUT" says the same for plugins that know
// their parent's name.
const outputEnv = pluginexec.OutputEnv

// stopGrace is how long a plugin whose output was malformed may take to
// exit on its own once the app stops reading, before it is killed.
const stopGrace = time.Second

// structuredKind returns the kind of output plugin p prints when asked
// (its manifest's "output"), or 0 for a plain plugin. A request for help
// is never structured: the plugin's help reaches the user as it is.
func structuredKind(p *discovery.Plugin, args []string) formatters.Kind {
	if p.Manifest == nil || p.Manifest.Output == "" || asksHelp(args) {
		return 0
	}
	if p.Manifest.Output == "record" {
		return formatters.Record
	}
	return formatters.List
}

// asksHelp reports whether a plugin's arguments ask for its help: -h or
// --help before "--".
func asksHelp(args []string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		if a == "-h" || a == "--help" {
			return true
		}
	}
	return false
}

// runStructured runs a plugin that prints structured output as if it were
// a compiled-in lister or shower: the output options given after its name
// (-f, -c, --sort-column, ... and every formatter's own) are the app's, the
// other arguments are the plugin's, and its rows are rendered by the
// formatter the user picked, as they arrive.
// The hooks that match it (hs, may be nil) run around it and see its rows.
func (r *run) runStructured(call *externalCall, kind formatters.Kind, hs *hookSet) error {
	p := call.plugin
	proc := &structuredProc{r: r, p: p, kind: kind}
	defer proc.finish()
	var c command.Command = &structuredList{proc}
	if kind == formatters.Record {
		c = &structuredRecord{proc}
	}
	cc := &cobra.Command{Use: p.Words[len(p.Words)-1]}
	out := r.out.AddFlags(p.Name, c, cc)
	// Every formatter's flags are the app's, not the plugin's.
	out.DeclareAll()
	fs := cc.Flags()
	fs.AddFlag(r.tree.globals().Lookup(formatFlag))
	ours, theirs, _ := splitOutputArgs(call.args, fs)
	fs.SetOutput(io.Discard)
	if err := fs.Parse(ours); err != nil {
		return command.Usagef("%s for \"%s %s\"", err, r.app.Name, p.Name)
	}
	proc.args = theirs
	// Hooks see the global options too.
	fs.AddFlagSet(r.tree.globals())
	return r.runner.runCommand(p.Name, c, out, r.invocation(p.Name, cc, theirs), hs)
}

// splitOutputArgs separates the output options the app takes (the flags
// of fs, with their values) from the plugin's arguments. Everything from
// "--" on is the plugin's, "--" included. A group of short flags ("-la")
// is the plugin's unless its first letter is an output option taking a
// value ("-cname"). pending is the output option that ends args still
// waiting for its value, if any (completion offers that value).
func splitOutputArgs(args []string, fs *pflag.FlagSet) (ours, theirs []string, pending *pflag.Flag) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return ours, append(theirs, args[i:]...), nil
		}
		var f *pflag.Flag
		inline := false
		switch {
		case strings.HasPrefix(a, "--"):
			name, _, eq := strings.Cut(a[2:], "=")
			f, inline = fs.Lookup(name), eq
		case len(a) >= 2 && a[0] == '-':
			f, inline = fs.ShorthandLookup(a[1:2]), len(a) > 2
			if f != nil && inline && f.NoOptDefVal != "" && a[2] != '=' {
				f = nil
			}
		}
		if f == nil {
			theirs = append(theirs, a)
			continue
		}
		ours = append(ours, a)
		if !inline && f.NoOptDefVal == "" {
			if i+1 == len(args) {
				pending = f
				break
			}
			i++
			ours = append(ours, args[i])
		}
	}
	return ours, theirs, pending
}

// structuredProc is one run of a structured plugin as a child: its stdout
// is read in the wire format, its stdin and stderr are the user's.
type structuredProc struct {
	r    *run
	p    *discovery.Plugin
	kind formatters.Kind
	args []string

	child *pluginexec.Child
	dec   *wire.Decoder
}

// start runs the plugin, asking for structured output, and reads its
// header.
func (s *structuredProc) start() ([]string, error) {
	r, p := s.r, s.p
	vars := r.pluginVars(p)
	vars.Output = formatters.WireFormat
	child, err := r.plugins().Start(r.ctx, pluginexec.Call{Path: p.Path, Args: s.args, Env: r.plugins().Env(vars), IO: r.io})
	if err != nil {
		return nil, err
	}
	s.child = child
	s.dec = wire.NewDecoder(child)
	kind, names, err := s.dec.Header()
	if err == io.EOF {
		if err := s.wait(); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("plugin %q printed no output; it must print %s on its first line (manifest output: %s)", p.Name, headerOf(s.kind), s.kind)
	}
	if err != nil {
		return nil, s.fail(err)
	}
	if kind != s.kind {
		return nil, s.fail(&wire.Error{Line: 1, Msg: fmt.Sprintf("the manifest says output: %s, want %s", s.kind, headerOf(s.kind))})
	}
	return names, nil
}

func headerOf(k formatters.Kind) string {
	if k == formatters.Record {
		return `{"fields":[...]}`
	}
	return `{"columns":[...]}`
}

// rows yields the plugin's rows as they are read. At the end it waits for
// the plugin: a non-zero exit code ends the rows as the run's error.
func (s *structuredProc) rows() iter.Seq2[[]any, error] {
	return func(yield func([]any, error) bool) {
		for {
			if !s.dec.Buffered() && s.r.out.Stall() != nil {
				return // the output's reader went away
			}
			row, err := s.dec.Next()
			if err == io.EOF {
				if err := s.wait(); err != nil {
					yield(nil, err)
				}
				return
			}
			if err != nil {
				yield(nil, s.fail(err))
				return
			}
			if !yield(row, nil) {
				return
			}
		}
	}
}

// wait waits for the plugin to exit on its own and returns its status.
func (s *structuredProc) wait() error { return s.child.Wait() }

// fail stops reading the malformed output err describes and returns the
// error naming the plugin and the line. The plugin has stopGrace to exit
// by itself; when it exits with a code of its own other than 0, that code
// is the run's. When a signal made the app give up on the plugin, that is
// the error.
func (s *structuredProc) fail(err error) error {
	var st *pluginexec.Stopped
	if errors.As(err, &st) {
		s.child.Kill()
		return err
	}
	var we *wire.Error
	if errors.As(err, &we) {
		err = fmt.Errorf("plugin %q: output %w", s.p.Name, err)
	} else {
		err = fmt.Errorf("plugin %q: read output: %w", s.p.Name, err)
	}
	if code := s.child.Stop(stopGrace); code > 0 {
		return &command.ExitError{Code: code, Err: err}
	}
	return err
}

// finish kills the plugin if it still runs because its output was not
// read to the end (a usage error, or the formatter stopped early).
func (s *structuredProc) finish() {
	if s.child != nil {
		s.child.Kill()
	}
}

// structuredList is a structured plugin whose output is a list.
type structuredList struct{ *structuredProc }

func (s *structuredList) Info() command.Info { return command.Info{Short: s.p.Description()} }

// List runs the plugin and returns its columns and streaming rows.
func (s *structuredList) List(ctx context.Context, inv *command.Invocation) (*command.Table, error) {
	names, err := s.start()
	if err != nil {
		return nil, err
	}
	return &command.Table{Columns: names, Rows: s.rows()}, nil
}

// structuredRecord is a structured plugin whose output is a record.
type structuredRecord struct{ *structuredProc }

func (s *structuredRecord) Info() command.Info { return command.Info{Short: s.p.Description()} }

// Show runs the plugin and returns its record once it has exited
// successfully.
func (s *structuredRecord) Show(ctx context.Context, inv *command.Invocation) (*command.Record, error) {
	names, err := s.start()
	if err != nil {
		return nil, err
	}
	values, err := s.dec.Next()
	if err == nil {
		_, err = s.dec.Next()
	}
	if err != io.EOF {
		return nil, s.fail(err)
	}
	if err := s.wait(); err != nil {
		return nil, err
	}
	return &command.Record{Fields: names, Values: values}, nil
}
