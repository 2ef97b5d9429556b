package command

import (
	"context"
	"io"
	"iter"
	"log/slog"

	"github.com/spf13/pflag"
)

// Command is the one interface every compiled-in command implements: it
// describes itself. A command also implements exactly one of [Runner],
// [Lister] or [Shower].
type Command interface {
	Info() Info
}

// Info is what a command tells the App about itself for help and parsing.
type Info struct {
	// Short is the one-line description shown in listings.
	Short string
	// Long is the full description shown by help; Short is used when empty.
	Long string
	// Usage names the positional arguments for the usage line, e.g. "[DIR]".
	Usage string
	// Example is shown under "Examples" in help.
	Example string
	// Aliases are other names for the last word of the command.
	Aliases []string
	// Group is the heading the command is listed under in its parent's help.
	Group string
	// Args bounds the number of positional arguments.
	Args Args
	// Hidden keeps the command out of help listings.
	Hidden bool
	// ArgKind says what the positional arguments are (files, directories,
	// nothing to complete), for shell completion; see also [ArgCompleter].
	ArgKind ArgKind
}

// Args bounds the number of positional arguments a command accepts. The zero
// value accepts none.
type Args struct {
	// Min is the least number of arguments.
	Min int
	// Max is the most; Unlimited means no bound.
	Max int
}

// Unlimited as Args.Max accepts any number of arguments.
const Unlimited = -1

// NoArgs accepts no positional argument.
var NoArgs = Args{}

// AnyArgs accepts any number of positional arguments.
var AnyArgs = Args{Max: Unlimited}

// ExactArgs accepts exactly n positional arguments.
func ExactArgs(n int) Args { return Args{Min: n, Max: n} }

// RangeArgs accepts between min and max positional arguments.
func RangeArgs(min, max int) Args { return Args{Min: min, Max: max} }

// Runner is a plain command: it does its work and returns an error or nil.
type Runner interface {
	Command
	Run(ctx context.Context, inv *Invocation) error
}

// Lister is a command whose result is a list of rows under named columns,
// rendered by the formatter the user picks with -f.
type Lister interface {
	Command
	List(ctx context.Context, inv *Invocation) (*Table, error)
}

// Shower is a command whose result is one record of named fields, rendered by
// the formatter the user picks with -f.
type Shower interface {
	Command
	Show(ctx context.Context, inv *Invocation) (*Record, error)
}

// FlagDeclarer is implemented by commands that take flags. Flags is called
// once on a fresh value before parsing; binding flags to the value's own
// fields is the usual way to receive them.
type FlagDeclarer interface {
	Flags(fs *pflag.FlagSet)
}

// AvailabilityChecker is implemented by commands that need something the
// machine may lack. A non-nil error disables the command for this run: help
// marks it unavailable and running it answers with the reason. It reads the
// environment from env, the same one [Invocation].Env holds, never from
// os.Getenv.
type AvailabilityChecker interface {
	Available(env Env) error
}

// ColumnDeclarer is implemented by listers that know their columns before
// they run, so that completion can offer them to -c and --sort-column, and
// by showers that know their fields, for -c.
type ColumnDeclarer interface {
	Columns() []string
}

// Table is a lister's result: column names and rows that may stream. Each
// row holds one value per column.
type Table struct {
	// Columns names the columns, in order.
	Columns []string
	// Rows yields one row at a time, each with one value per column, or an
	// error that ends the list after the rows already yielded.
	Rows iter.Seq2[[]any, error]
	// Widths optionally declares each column's display width in terminal
	// cells, in Columns' order (0 or missing: not declared). The table
	// formatter makes a declared column that wide, wrapping longer values,
	// and when every column shown is declared it writes each row as it
	// comes, the first at once.
	Widths []int
}

// Record is a shower's result: field names and one value per field.
type Record struct {
	// Fields names the fields, in order.
	Fields []string
	// Values holds one value per field.
	Values []any
}

// RowsOf returns an iterator over rows already in memory.
func RowsOf(rows ...[]any) iter.Seq2[[]any, error] {
	return func(yield func([]any, error) bool) {
		for _, r := range rows {
			if !yield(r, nil) {
				return
			}
		}
	}
}

// Invocation is everything a command receives when it runs.
type Invocation struct {
	// App is the name of the application, e.g. "demoapp".
	App string
	// Version is the application's version.
	Version string
	// Name is the command's words joined by single spaces, e.g. "files list".
	Name string
	// Args are the positional arguments, flags removed.
	Args []string
	// Flags is the parsed flag set of the command, global flags included.
	Flags *pflag.FlagSet
	// IO holds the streams the command must use instead of os.Std*.
	IO *IOStreams
	// Logger logs to stderr or the --log-file, at the level -v/-q/--debug set.
	Logger *slog.Logger
	// Env is the environment the command must read instead of os.Getenv:
	// the process's own unless the App (or a test) injects another.
	Env Env
	// Config is the app's own part of the config file: the top-level keys
	// Longshore does not use. Decode them into a struct of the command's.
	Config AppConfig
}

// AppConfig is the app's own part of the config file (config.yaml, or
// --config FILE): every top-level key other than Longshore's own. The zero
// value has no keys, so a command run by a test without a config decodes
// nothing.
type AppConfig struct {
	decode func(v any) error
}

// NewAppConfig returns the config whose Decode calls decode; the App makes
// one from the run's config file.
func NewAppConfig(decode func(v any) error) AppConfig { return AppConfig{decode: decode} }

// Decode decodes the app's keys into v, a pointer to a struct whose fields
// carry yaml tags. A key v has no field for, or a value of the wrong type,
// is an error naming file:line. With no config file, or none of the app's
// keys in it, v is left as it is.
func (c AppConfig) Decode(v any) error {
	if c.decode == nil {
		return nil
	}
	return c.decode(v)
}

// IOStreams are the standard streams of a run, injected so that commands are
// testable and reusable from an interactive prompt.
type IOStreams struct {
	// In is the standard input.
	In io.Reader
	// Out is the standard output, where results go.
	Out io.Writer
	// ErrOut is the standard error, for diagnostics.
	ErrOut io.Writer
	// OutIsTerminal reports whether Out is a terminal.
	OutIsTerminal bool
	// TerminalWidth is the width of the terminal Out is on, or 0.
	TerminalWidth int
	// InIsTerminal reports whether In is a terminal; [IOStreams.Confirm]
	// asks only when it is.
	InIsTerminal bool
	// ErrIsTerminal reports whether ErrOut is a terminal; progress is drawn
	// only when it is.
	ErrIsTerminal bool
	// Color is the --color setting; ColorAuto, the zero value, follows the
	// terminal and the environment (see [IOStreams.ColorEnabled]).
	Color ColorMode
	// Quiet is set by -q: no progress is drawn.
	Quiet bool
	// Pager chooses the pager of [IOStreams.StartPager].
	Pager PagerConfig
	// LookupEnv reads the environment for the colour and pager decisions;
	// nil reads the process's own.
	LookupEnv func(key string) (string, bool)

	// term holds the pager and progress state of these streams.
	term *termState
}
