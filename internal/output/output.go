// Package output is the output side of a Longshore run: the formatter
// -f picks, the output options of listers and showers (the common ones
// and every formatter's own), and the rendering of their rows, streamed,
// and records. It is cli's machinery, not an API.
package output

import (
	"context"
	"errors"
	"io"
	"iter"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/formatters"
	"github.com/longshore/longshore/internal/discovery"
	"github.com/longshore/longshore/internal/formatset"
	"github.com/longshore/longshore/internal/registry"
	"github.com/longshore/longshore/internal/stream"
)

// DefaultFormat is the formatter used without -f, on a terminal or not, as
// in cliff.
const DefaultFormat = "table"

// Names of the flags the formatters add, whose values completion offers.
const (
	FormatFlag     = "format"
	ColumnFlag     = "column"
	SortColumnFlag = "sort-column"
)

// Outputs is the output side of a run: the -f value, the formatters
// available (built once, by New), and the list being rendered. Each
// lister's or shower's own options are an *Output (see AddFlags).
type Outputs struct {
	// App is the app's name, for the hint of a disabled formatter.
	App string
	// Prefix is the app's environment variable prefix ("DEMOAPP") and
	// Getenv its environment, for the formatters' options.
	Prefix string
	Getenv func(string) string
	IO     *command.IOStreams
	// Plugins answers what the user's setup says of formatters.
	Plugins Plugins
	Ctx     context.Context
	// Globals are the app's global options: an output flag never takes
	// one of their names.
	Globals *pflag.FlagSet
	// PluginEnv is the environment of an external formatter.
	PluginEnv func(*discovery.Plugin) []string
	// Format is the value of -f ("" when not given).
	Format *string
	// Structured is set when the app runs as another Longshore app's
	// structured plugin: listers and showers then print the wire format.
	Structured bool
	// TerminalWidth is the width of the terminal the output is on, 0 when
	// not known.
	TerminalWidth func() int
	// Cancel stops the lister whose output is being rendered when the
	// output fails (nil when none).
	Cancel func()
	// Pager, when not nil, is called before a list is written: it sends
	// the output through the pager on a terminal (see
	// command.IOStreams.StartPager). The user quitting the pager early
	// ends the list with success.
	Pager func() error

	// Lean declares on a command only the flags of the formatter the run
	// uses (see AddFlags): set for a run that neither shows help nor
	// documents nor completes.
	Lean bool

	set    *formatset.Set
	setErr error
	// stream is the output of the list being rendered, if it is buffered
	// by the app; its row source tells it when it stalls.
	stream *stream.Stream
}

// Plugins is what the output side needs of the user's plugin setup.
type Plugins interface {
	// Disabled reports whether the config disables the plugin name.
	Disabled(name string) bool
	// Scan lists the plugin dirs and PATH, running nothing.
	Scan() (*discovery.Scan, error)
	// Find returns the finder of external plugins.
	Find() (*discovery.Finder, error)
	// Check returns why plugin p must not run, nil when it may.
	Check(p *discovery.Plugin) error
}

// New returns the output side of a run, with the built-in formatters, the
// compiled-in ones registered for app and extra, those the App added.
func New(app string, extra []registry.Entry[formatters.Formatter]) *Outputs {
	o := &Outputs{Ctx: context.Background()}
	o.set = formatset.New(app, extra)
	return o
}

// Output is what one lister or shower command has for rendering: the
// common options, one value of each formatter whose flags it was given
// (bound to them) and the formatter picked for this run.
type Output struct {
	o       *Outputs
	kind    formatters.Kind
	opts    formatset.Options
	drivers map[string]formatters.Formatter
	chosen  formatters.Formatter
	// cmdFlags are the flags of the command the output is for.
	cmdFlags *pflag.FlagSet
	// all is set once every formatter's flags are declared (see
	// DeclareAll); tried are the formatters already considered.
	all   bool
	tried map[string]bool
	// flags are the names of the output flags the command was given.
	flags map[string]bool
	// groups are those flags by who declared them, for help: the common
	// options first, then each formatter's, in the order of the set.
	groups []FlagGroup
	// defaulted are the flags the user's default options set (see
	// FromDefaults).
	defaulted map[string]bool
}

// FlagGroup is a set of output flags help shows together: the options
// common to every formatter (Formatter "") or one formatter's own.
type FlagGroup struct {
	// Formatter names the formatter that declared the flags, "" for the
	// common options.
	Formatter string
	// Flags are the flags' names.
	Flags []string
}

// Kind is the kind of output the command prints.
func (out *Output) Kind() formatters.Kind { return out.kind }

// HasFlag reports whether the flag called name is one of the output
// options the command was given.
func (out *Output) HasFlag(name string) bool { return out.flags[name] }

// FlagGroups returns the command's output flags by who declared them: the
// common options, then each formatter's own that the command was given.
func (out *Output) FlagGroups() []FlagGroup {
	slices.SortStableFunc(out.groups, func(a, b FlagGroup) int { return strings.Compare(a.Formatter, b.Formatter) })
	return out.groups
}

// DescribeFormatFlag makes the usage of -f name the built-in and compiled-in
// formatters the config does not disable. It runs once the config's path is
// known; external formatters are not looked for (help runs nothing and
// scans no plugin directory for this).
func (o *Outputs) DescribeFormatFlag() {
	if f := o.Globals.Lookup(FormatFlag); f != nil {
		if names, err := o.formatNames(0); err == nil {
			f.Usage = FormatUsage(names)
		}
	}
}

// FormatUsageFor is the usage of -f in the help of a command whose output
// is of kind: it names the built-in and compiled-in formatters that render
// it, less those the config disables (no plugin directory is scanned).
func (o *Outputs) FormatUsageFor(kind formatters.Kind) string {
	names, err := o.formatNames(kind)
	if err != nil {
		names = formatset.Builtins()
	}
	return FormatUsage(names)
}

// FormatUsage is the usage of -f naming the formatters given.
func FormatUsage(names []string) string {
	return "output `FORMAT` of listers and showers: " + strings.Join(names, ", ") +
		", or an external formatter (default " + DefaultFormat + ")"
}

// formatNames returns the names of the built-in and compiled-in
// formatters that render kind (0: any), less those the config disables.
func (o *Outputs) formatNames(kind formatters.Kind) ([]string, error) {
	set, err := o.FormatSet()
	if err != nil {
		return nil, err
	}
	var names []string
	for _, n := range set.Names(kind) {
		if !o.Plugins.Disabled(n) {
			names = append(names, n)
		}
	}
	return names, nil
}

// formatName returns the formatter chosen with -f, or the default.
func (o *Outputs) formatName() string {
	if *o.Format == "" {
		return DefaultFormat
	}
	return *o.Format
}

// FormatSet returns the built-in and compiled-in formatters.
func (o *Outputs) FormatSet() (*formatset.Set, error) { return o.set, o.setErr }

// AddFlags gives a lister or shower command the common options and the
// flags of the formatters that render its kind of output: every one (so
// help, completion and the docs show them), or, when Lean is set, only the
// one this run uses (-f, or the default); a flag of another formatter is
// then refused with one usage error naming its formatter (see
// OtherFormatterFlag). A formatter flag whose name the command already
// uses is left out; a formatter that panics while declaring its flags is
// left out of this command. It returns the command's output state, nil
// when it prints no formatted output.
func (o *Outputs) AddFlags(name string, c command.Command, cc *cobra.Command) *Output {
	var kind formatters.Kind
	switch c.(type) {
	case command.Lister:
		kind = formatters.List
	case command.Shower:
		kind = formatters.Record
	default:
		return nil
	}
	out := &Output{o: o, kind: kind, cmdFlags: cc.Flags(),
		drivers: map[string]formatters.Formatter{}, tried: map[string]bool{}, flags: map[string]bool{}}
	common := pflag.NewFlagSet(name, pflag.ContinueOnError)
	out.opts.Flags(common, kind)
	o.mergeFlags(out, cc.Flags(), common, "")
	if o.Lean && !o.Structured {
		out.declare(o.formatName())
		return out
	}
	out.DeclareAll()
	return out
}

// DeclareAll declares the flags of every formatter that renders the
// command's kind of output, those not declared yet, in the order of the
// set. Help, completion, the docs, a structured plugin's arguments and
// the user's default options need them all.
func (out *Output) DeclareAll() {
	if out.all {
		return
	}
	out.all = true
	set, err := out.o.FormatSet()
	if err != nil {
		return
	}
	for _, fname := range set.Sorted() {
		out.declare(fname)
	}
}

// declare constructs the formatter called fname, once, and, when it
// renders the command's kind of output, declares its flags on the command.
func (out *Output) declare(fname string) {
	if out.tried[fname] {
		return
	}
	out.tried[fname] = true
	set, err := out.o.FormatSet()
	if err != nil || !set.Has(fname) {
		return
	}
	f, err := set.New(fname)
	if err != nil || !formatset.Renders(f, out.kind) {
		return
	}
	if fd, ok := f.(formatters.KindFlagDeclarer); ok {
		own := pflag.NewFlagSet(fname, pflag.ContinueOnError)
		if command.Guard("formatter "+strconv.Quote(fname), func() error { fd.Flags(own, out.kind); return nil }) != nil {
			return
		}
		out.o.mergeFlags(out, out.cmdFlags, own, fname)
	}
	out.drivers[fname] = f
}

// FromDefaults records that the user's default options set the flags
// called names: a default option of another formatter than the one
// picked is not refused (see Prepare), as the line did not give it.
func (out *Output) FromDefaults(names ...string) {
	if out.defaulted == nil {
		out.defaulted = map[string]bool{}
	}
	for _, n := range names {
		out.defaulted[n] = true
	}
}

// OtherFormatterFlag returns a usage error when the flag called name
// (without dashes) is the flag of a formatter other than the one picked,
// which was not declared on the command this run (see AddFlags); nil
// when no formatter of the set declares it.
func (out *Output) OtherFormatterFlag(name string) error {
	out.DeclareAll()
	if f := out.owner(name); f != "" {
		return out.otherFlagError(name, f)
	}
	return nil
}

// owner returns the formatter that declared the output flag called name,
// "" when none did.
func (out *Output) owner(name string) string {
	for _, g := range out.groups {
		if g.Formatter != "" && slices.Contains(g.Flags, name) {
			return g.Formatter
		}
	}
	return ""
}

func (out *Output) otherFlagError(name, formatter string) error {
	return command.Usagef("--%s applies to -f %s, not -f %s", name, formatter, out.o.formatName())
}

// checkFormatterFlags refuses a flag given of a formatter other than
// chosen: it would be silently ignored.
func (out *Output) checkFormatterFlags(chosen string) error {
	for _, g := range out.groups {
		if g.Formatter == "" || g.Formatter == chosen {
			continue
		}
		for _, name := range g.Flags {
			if f := out.cmdFlags.Lookup(name); f != nil && f.Changed && !out.defaulted[name] {
				return out.otherFlagError(name, g.Formatter)
			}
		}
	}
	return nil
}

// mergeFlags adds the flags of src to dst, the flags of out's command,
// skipping a name dst or the global options already have and dropping a
// shorthand already taken; out records their names, in the group of the
// formatter that declared them ("" for the common options).
func (o *Outputs) mergeFlags(out *Output, dst, src *pflag.FlagSet, formatter string) {
	g := FlagGroup{Formatter: formatter}
	defer func() {
		if len(g.Flags) > 0 {
			out.groups = append(out.groups, g)
		}
	}()
	src.VisitAll(func(f *pflag.Flag) {
		if dst.Lookup(f.Name) != nil || o.Globals.Lookup(f.Name) != nil {
			return
		}
		if f.Shorthand != "" && (dst.ShorthandLookup(f.Shorthand) != nil || o.Globals.ShorthandLookup(f.Shorthand) != nil) {
			f.Shorthand = ""
		}
		f.Usage = strings.ReplaceAll(f.Usage, "<APP>", o.Prefix)
		out.flags[f.Name] = true // see completeOutputFlag
		g.Flags = append(g.Flags, f.Name)
		dst.AddFlag(f)
	})
}

// Prepare picks the -f formatter for a command's output before it
// runs, so that an unknown formatter is a usage error (exit 2) with no
// side effect, and lets the formatter check its flags and read the
// environment.
func (o *Outputs) Prepare(out *Output) error {
	if o.Structured {
		out.chosen = &formatters.Wire{}
		return nil
	}
	set, err := o.FormatSet()
	if err != nil {
		return err
	}
	fname := o.formatName()
	out.declare(fname)
	f := out.drivers[fname]
	switch {
	case o.Plugins.Disabled(fname):
		// Built-in, compiled-in or external: plugin disable applies to all.
		return command.Usagef("formatter %q is disabled; enable it with \"%s plugin enable %s\"", fname, o.App, fname)
	case f != nil:
	case set.Has(fname):
		return command.Usagef("formatter %q cannot render %ss (valid: %s)", fname, out.kind, strings.Join(o.ValidFormats(out.kind), ", "))
	default:
		ext, err := o.LookupExternal(fname, out.kind)
		if err != nil {
			return err
		}
		if ext == nil {
			return command.Usagef("%w", &formatters.UnknownError{What: "formatter", Name: fname, Valid: o.ValidFormats(out.kind)})
		}
		f = ext
	}
	if err := out.checkFormatterFlags(fname); err != nil {
		return err
	}
	if p, ok := f.(formatters.Preparer); ok {
		env := formatters.Env{
			Prefix:        o.Prefix,
			Getenv:        o.Getenv,
			OutIsTerminal: o.IO.OutIsTerminal,
			TerminalWidth: o.TerminalWidth(),
			Color:         o.IO.ColorEnabled(),
			ErrOut:        o.IO.ErrOut,
			Kind:          out.kind,
		}
		if err := command.Guard("formatter "+strconv.Quote(fname), func() error { return p.Prepare(env) }); err != nil {
			if _, panicked := err.(*command.PanicError); panicked {
				return err
			}
			return command.Usagef("%w", err)
		}
	}
	out.chosen = f
	return nil
}

// FormatList renders a lister's rows with the formatter prepared for it,
// through the pager when Pager says so; declared is the lister's own
// table, for the column widths it declares.
func (o *Outputs) FormatList(out *Output, columns []string, rows iter.Seq2[[]any, error], declared *command.Table) error {
	columns, rows, err := out.opts.ApplyList(columns, rows)
	if err != nil {
		return command.Usagef("%w", err)
	}
	if d, ok := out.chosen.(formatters.WidthDeclarer); ok && declared != nil {
		if w := formatset.WidthsFor(declared.Columns, declared.Widths, columns); w != nil {
			d.DeclareWidths(w)
		}
	}
	if o.Pager != nil {
		if err := o.Pager(); err != nil {
			return err
		}
	}
	err = o.streamList(out.chosen.(formatters.ListFormatter), columns, rows)
	if errors.Is(err, command.ErrPagerClosed) {
		return nil
	}
	return err
}

// FormatRecord renders a shower's record with the formatter prepared for
// it.
func (o *Outputs) FormatRecord(out *Output, fields []string, values []any) error {
	fields, values, err := out.opts.ApplyRecord(fields, values)
	if err != nil {
		return command.Usagef("%w", err)
	}
	rf := out.chosen.(formatters.RecordFormatter)
	tw, closeTW := o.terminalOut(rf)
	defer closeTW()
	w := &lineEnder{w: tw}
	return usageOf(QuietPipe(w.end(command.Guard("formatter "+strconv.Quote(rf.Name()), func() error {
		return rf.FormatRecord(w, fields, values)
	}))))
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
