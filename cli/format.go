package cli

import (
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/formatters"
	"github.com/longshore/longshore/internal/discovery"
	"github.com/longshore/longshore/internal/formatset"
	"github.com/longshore/longshore/internal/stream"
)

// defaultFormat is the formatter used without -f, on a terminal or not, as
// in cliff.
const defaultFormat = "table"

// formatState is the output side of a run: the -f value, the formatters
// available, and each lister's or shower's options and formatter values.
type formatState struct {
	name    string
	set     *formatset.Set
	setErr  error
	outputs map[string]*output
	// stream is the output of the list being rendered, if it is buffered
	// by the app; its row source tells it when it stalls.
	stream *stream.Stream
	// cancel stops the lister whose output is being rendered when the
	// output fails (nil when none).
	cancel func()
}

// output is what one lister or shower command has for rendering: the
// common options, one value of each formatter (bound to its flags) and the
// formatter picked for this run.
type output struct {
	kind    formatters.Kind
	opts    formatset.Options
	drivers map[string]formatters.Formatter
	chosen  formatters.Formatter
}

// addFormatFlag declares -f/--format, a persistent global option, so it can
// come before or after the command words. Its usage names the formatters
// once the config is known (see describeFormatFlag).
func (r *run) addFormatFlag(fs *pflag.FlagSet) {
	fs.StringVarP(&r.format.name, "format", "f", "", formatUsage(formatset.Builtins()))
}

// describeFormatFlag makes the usage of -f name the built-in and compiled-in
// formatters the config does not disable. It runs once the config's path is
// known; external formatters are not looked for (help runs nothing and
// scans no plugin directory for this).
func (r *run) describeFormatFlag() {
	if f := r.root.PersistentFlags().Lookup(formatFlag); f != nil {
		if names, err := r.formatNames(0); err == nil {
			f.Usage = formatUsage(names)
		}
	}
}

func formatUsage(names []string) string {
	return "output `FORMAT` of listers and showers: " + strings.Join(names, ", ") +
		", or an external formatter (default " + defaultFormat + ")"
}

// formatNames returns the names of the built-in and compiled-in
// formatters that render kind (0: any), less those the config disables.
func (r *run) formatNames(kind formatters.Kind) ([]string, error) {
	set, err := r.formatSet()
	if err != nil {
		return nil, err
	}
	var names []string
	for _, n := range set.Names(kind) {
		if !r.pluginDisabled(n) {
			names = append(names, n)
		}
	}
	return names, nil
}

// formatName returns the formatter chosen with -f, or the default.
func (r *run) formatName() string {
	if r.format.name == "" {
		return defaultFormat
	}
	return r.format.name
}

// formatSet returns the built-in and compiled-in formatters, built once.
func (r *run) formatSet() (*formatset.Set, error) {
	if r.format.set == nil && r.format.setErr == nil {
		r.format.set = formatset.New(r.app.Name, r.app.addedFormats)
	}
	return r.format.set, r.format.setErr
}

// addOutputFlags gives a lister or shower command the common options and
// the flags of every formatter that renders its kind of output (so help
// shows them). A formatter flag whose name the command already uses is left
// out; a formatter that panics while declaring its flags is left out of
// this command.
func (r *run) addOutputFlags(name string, c command.Command, cc *cobra.Command) {
	var kind formatters.Kind
	switch c.(type) {
	case command.Lister:
		kind = formatters.List
	case command.Shower:
		kind = formatters.Record
	default:
		return
	}
	out := &output{kind: kind, drivers: map[string]formatters.Formatter{}}
	setOutputKind(cc, kind)
	if r.format.outputs == nil {
		r.format.outputs = map[string]*output{}
	}
	r.format.outputs[name] = out
	common := pflag.NewFlagSet(name, pflag.ContinueOnError)
	out.opts.Flags(common, kind)
	r.mergeFlags(cc.Flags(), common)
	set, err := r.formatSet()
	if err != nil {
		return
	}
	for _, fname := range set.Names(kind) {
		f, err := set.New(fname)
		if err != nil {
			continue
		}
		if fd, ok := f.(formatters.KindFlagDeclarer); ok {
			own := pflag.NewFlagSet(fname, pflag.ContinueOnError)
			if command.Guard(fmt.Sprintf("formatter %q", fname), func() error { fd.Flags(own, kind); return nil }) != nil {
				continue
			}
			r.mergeFlags(cc.Flags(), own)
		}
		out.drivers[fname] = f
	}
}

// mergeFlags adds the flags of src to dst, skipping a name dst or the
// global options already have and dropping a shorthand already taken.
func (r *run) mergeFlags(dst, src *pflag.FlagSet) {
	src.VisitAll(func(f *pflag.Flag) {
		if dst.Lookup(f.Name) != nil || r.root.PersistentFlags().Lookup(f.Name) != nil {
			return
		}
		if f.Shorthand != "" && (dst.ShorthandLookup(f.Shorthand) != nil || r.root.PersistentFlags().ShorthandLookup(f.Shorthand) != nil) {
			f.Shorthand = ""
		}
		f.Usage = strings.ReplaceAll(f.Usage, "<APP>", r.app.envPrefix())
		if f.Annotations == nil {
			f.Annotations = map[string][]string{}
		}
		f.Annotations[outputFlagAnnotation] = nil // see completeOutputFlag
		dst.AddFlag(f)
	})
}

// prepareOutput picks the -f formatter for command name before it runs, so
// that an unknown formatter is a usage error (exit 2) with no side effect,
// and lets the formatter check its flags and read the environment.
func (r *run) prepareOutput(name string) error {
	out := r.format.outputs[name]
	if out == nil {
		return fmt.Errorf("command %q has no output options", name)
	}
	if r.structuredRequested() {
		out.chosen = &formatters.Wire{}
		return nil
	}
	set, err := r.formatSet()
	if err != nil {
		return err
	}
	fname := r.formatName()
	f := out.drivers[fname]
	switch {
	case r.pluginDisabled(fname):
		// Built-in, compiled-in or external: plugin disable applies to all.
		return command.Usagef("formatter %q is disabled in the configuration", fname)
	case f != nil:
	case set.Has(fname):
		return command.Usagef("formatter %q cannot render %ss (valid: %s)", fname, out.kind, strings.Join(r.validFormats(out.kind), ", "))
	default:
		ext, err := r.lookupExternalFormatter(fname, out.kind)
		if err != nil {
			return err
		}
		if ext == nil {
			return command.Usagef("%w", &formatters.UnknownError{What: "formatter", Name: fname, Valid: r.validFormats(out.kind)})
		}
		f = ext
	}
	if p, ok := f.(formatters.Preparer); ok {
		env := formatters.Env{
			Prefix:        r.app.envPrefix(),
			Getenv:        r.app.getenv,
			OutIsTerminal: r.io.OutIsTerminal,
			TerminalWidth: r.terminalWidth(),
			ErrOut:        r.io.ErrOut,
			Kind:          out.kind,
		}
		if err := command.Guard(fmt.Sprintf("formatter %q", fname), func() error { return p.Prepare(env) }); err != nil {
			if _, panicked := err.(*command.PanicError); panicked {
				return err
			}
			return command.Usagef("%w", err)
		}
	}
	out.chosen = f
	return nil
}

// terminalWidth is the width of the terminal the output is on: the streams'
// own figure, else $COLUMNS, else the terminal's size, else 0.
func (r *run) terminalWidth() int {
	if r.io.TerminalWidth > 0 || !r.io.OutIsTerminal {
		return r.io.TerminalWidth
	}
	if n, err := strconv.Atoi(r.app.getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	if f, ok := r.io.Out.(*os.File); ok {
		return terminalSize(f)
	}
	return 0
}

// formatList renders a lister's rows with the formatter prepared for it;
// declared is the lister's own table, for the column widths it declares.
func (r *run) formatList(name string, columns []string, rows iter.Seq2[[]any, error], declared *command.Table) error {
	out := r.format.outputs[name]
	columns, rows, err := out.opts.ApplyList(columns, rows)
	if err != nil {
		return command.Usagef("%w", err)
	}
	if d, ok := out.chosen.(formatters.WidthDeclarer); ok && declared != nil {
		if w := formatset.WidthsFor(declared.Columns, declared.Widths, columns); w != nil {
			d.DeclareWidths(w)
		}
	}
	return r.streamList(out.chosen.(formatters.ListFormatter), columns, rows)
}

// formatRecord renders a shower's record with the formatter prepared for
// it.
func (r *run) formatRecord(name string, fields []string, values []any) error {
	out := r.format.outputs[name]
	fields, values, err := out.opts.ApplyRecord(fields, values)
	if err != nil {
		return command.Usagef("%w", err)
	}
	rf := out.chosen.(formatters.RecordFormatter)
	w := &lineEnder{w: r.io.Out}
	return quietPipe(w.end(command.Guard(fmt.Sprintf("formatter %q", rf.Name()), func() error {
		return rf.FormatRecord(w, fields, values)
	})))
}

// lineEnder passes a formatter's output through, remembering its last
// byte, so that when the formatter fails the output can be ended with a
// newline before the error is reported (a json list stops after "  }", and
// "demoapp: error: ..." must not be glued to it when both go to a terminal).
type lineEnder struct {
	w     io.Writer
	wrote bool
	last  byte
}

func (l *lineEnder) Write(p []byte) (int, error) {
	n, err := l.w.Write(p)
	if n > 0 {
		l.wrote, l.last = true, p[n-1]
	}
	return n, err
}

// end writes a newline after unterminated output when err is not nil, and
// returns err.
func (l *lineEnder) end(err error) error {
	if err != nil && l.wrote && l.last != '\n' {
		l.w.Write([]byte("\n"))
	}
	return err
}

// validFormatterName is what an external formatter's name may be: it
// becomes part of a file name.
var validFormatterName = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// lookupExternalFormatter finds the external formatter called name for
// output of kind; it returns nil, nil when there is none. It is asked only
// when -f names a formatter that is neither built in nor compiled in, and
// never runs anything to decide:
//
//  1. a plugin (in the plugin dirs or on PATH) whose manifest declares the
//     formatter (`formatters: [{name, kind}]`), the first one found; it must
//     be valid, enabled and have what it requires;
//  2. else the manifest-less convention: an executable
//     "<app>-format-<name>" in a plugin dir or an absolute PATH directory,
//     found as the plugin words "format <name>" are.
func (r *run) lookupExternalFormatter(name string, kind formatters.Kind) (*formatters.External, error) {
	if !validFormatterName.MatchString(name) {
		return nil, nil
	}
	s, err := r.scan()
	if err != nil {
		return nil, err
	}
	for _, p := range s.Plugins {
		if p.Manifest == nil || p.ShadowedBy != "" {
			continue
		}
		for _, spec := range p.Manifest.Formatters {
			if spec.Name != name {
				continue
			}
			if err := r.checkExternal(p); err != nil {
				return nil, err
			}
			if spec.Kind != "" && spec.Kind != "both" && spec.Kind != kind.String() {
				return nil, command.Usagef("formatter %q (plugin %s) cannot render %ss", name, p.Name, kind)
			}
			return r.externalFormatter(name, p), nil
		}
	}
	f, err := r.finder()
	if err != nil {
		return nil, err
	}
	// A non-executable match is no formatter: -f then reports it unknown.
	if p, _, _ := f.Resolve([]string{formatterWord, name}, 2); p != nil {
		return r.externalFormatter(name, &discovery.Plugin{Name: filepath.Base(p.Path), Path: p.Path}), nil
	}
	return nil, nil
}

// externalFormatter is the formatter name that plugin p provides.
func (r *run) externalFormatter(name string, p *discovery.Plugin) *formatters.External {
	return &formatters.External{
		Format:  name,
		Path:    p.Path,
		Plugin:  p.Name,
		Env:     r.pluginEnv(p),
		Context: r.ctx,
	}
}

// formatterWord is the first word of a manifest-less formatter's plugin
// words: the executable "<app>-format-<name>" provides the formatter
// <name> and is no command.
const formatterWord = "format"

// conventionFormatter returns the formatter name a scanned plugin provides
// by the "<app>-format-<name>" convention.
func conventionFormatter(p *discovery.Plugin) (string, bool) {
	if len(p.Words) == 2 && p.Words[0] == formatterWord {
		return p.Words[1], true
	}
	return "", false
}

// externalFormatterNames returns the names of the formatters external
// plugins provide, by manifest or by convention, that can render kind (0:
// any; a formatter by convention does not say, so it may render either),
// less those disabled or unavailable. Listing scans but runs nothing.
func (r *run) externalFormatterNames(kind formatters.Kind) []string {
	s, err := r.scan()
	if err != nil {
		return nil
	}
	var names []string
	for _, p := range s.Plugins {
		if p.ShadowedBy != "" || r.checkExternal(p) != nil {
			continue
		}
		if name, ok := conventionFormatter(p); ok {
			names = append(names, name)
		}
		if p.Manifest != nil {
			for _, spec := range p.Manifest.Formatters {
				if kind == 0 || spec.Kind == "" || spec.Kind == "both" || spec.Kind == kind.String() {
					names = append(names, spec.Name)
				}
			}
		}
	}
	return slices.DeleteFunc(names, r.pluginDisabled)
}

// validFormats returns the names of the formatters -f may name for output
// of kind (0: any): built-in, compiled-in and external, less those the
// config disables. Completion offers them; an unknown -f lists them.
func (r *run) validFormats(kind formatters.Kind) []string {
	names, _ := r.formatNames(kind)
	return append(names, r.externalFormatterNames(kind)...)
}
